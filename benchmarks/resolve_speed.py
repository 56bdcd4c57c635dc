"""How resolution's cost grows with an article's mentions: time and memory of
`kgbuild.resolve.resolve_article` alone, on two articles built to stress it. Run by hand:

    .venv/bin/python benchmarks/resolve_speed.py [--size-kb 1000] [--speakers 10000]

- **repeated**: one paragraph of news-like text (written for this benchmark: people named in
  full and by surname, honorifics, organisations, places, pronouns, quotes) parsed once by
  the real pipeline, its records then tiled until the article is about `--size-kb` KB. The
  parse is not timed: the article is far over spaCy's `max_length`, and what grows with the
  square of the mentions is resolution.
- **speakers**: `--speakers` distinct people, each quoted once in full ('"...," said Anna
  Kalomi.') and once later by a surname the tagger missed, as records written directly (no
  parse), so that every surname is a name of its own to look for.

Prints the number of mentions, seconds and peak memory (Python allocations, `tracemalloc`)
of resolution for each, at the full size and at a tenth of it, so the growth is visible.
"""

from __future__ import annotations

import argparse
import gc
import time
import tracemalloc
from dataclasses import replace

from kgbuild.resolve import resolve_article
from kgbuild.types import Article, Extraction, Mention, MentionKind, Relation, Sentence, Statement

PARAGRAPH = (
    'Maria Lindqvist, the chief executive of Nordvik Shipping Group, said on Tuesday that the '
    'company would close its yard in Gdansk. "We have no choice," she told reporters. '
    'Mr Tomas Berger, a union leader, said he would fight the decision. Berger added that '
    'the workers of Nordvik had not been consulted. Lindqvist said Nordvik Shipping had lost '
    'money for three years. The firm employs 2,000 people in Poland, and it plans to move '
    'work to Rotterdam. Analysts at Baltic Capital said they expected the shares to rise.\n\n'
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-kb", type=int, default=1000, help="size of the repeated article")
    parser.add_argument("--speakers", type=int, default=10_000, help="distinct quoted speakers")
    options = parser.parse_args()
    paragraph = _parsed_paragraph()
    copies = max(1, options.size_kb * 1000 // len(PARAGRAPH))
    print(f"{'article':10} {'KB':>6} {'mentions':>9} {'entities':>8} {'seconds':>8} {'peak MiB':>9}")
    for count in (max(1, copies // 10), copies):
        _report("repeated", _tiled(paragraph, count))
    for count in (max(1, options.speakers // 10), options.speakers):
        _report("speakers", _speakers(count))


def _report(name: str, extraction: Extraction) -> None:
    gc.collect()
    tracemalloc.start()
    started = time.perf_counter()
    resolved = resolve_article(extraction)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{name:10} {len(extraction.article.text) / 1000:6.0f} {len(extraction.mentions):9} "
          f"{len(resolved.entities):8} {seconds:8.1f} {peak / 2**20:9.0f}", flush=True)


def _parsed_paragraph() -> Extraction:
    from kgbuild.pipeline import resolved_articles, statement_pipeline

    article = Article(id="speed", text=PARAGRAPH)
    return next(iter(resolved_articles([article], statement_pipeline()))).extraction


def _tiled(extraction: Extraction, copies: int) -> Extraction:
    """`copies` copies of one article's records, one after another, offsets shifted."""
    text = extraction.article.text
    sentences, statements, mentions = [], [], []
    for copy in range(copies):
        chars, first_sentence, first_statement = copy * len(text), len(sentences), len(statements)

        def moved(mention: Mention) -> Mention:
            return replace(mention, start=mention.start + chars, end=mention.end + chars,
                           head_start=mention.head_start + chars, head_end=mention.head_end + chars,
                           sentence=mention.sentence + first_sentence)

        def shifted(index: int | None) -> int | None:
            return None if index is None else index + first_statement

        moved_sentences = [replace(s, index=s.index + first_sentence, start=s.start + chars, end=s.end + chars)
                           for s in extraction.sentences]
        sentences.extend(moved_sentences)
        for statement in extraction.statements:
            statements.append(replace(
                statement, index=statement.index + first_statement, subject=moved(statement.subject),
                object=moved(statement.object) if statement.object else None,
                arguments=tuple(replace(a, value=moved(a.value)) for a in statement.arguments),
                sentence=moved_sentences[statement.sentence.index],
                object_statement=shifted(statement.object_statement), reported_by=shifted(statement.reported_by)))
        mentions.extend(moved(m) for m in extraction.mentions)
    article = Article(id="speed-repeated", text=text * copies)
    return Extraction(article=article, sentences=tuple(sentences), statements=tuple(statements),
                      entity_facts=(), mentions=tuple(mentions))


_SYLLABLES = ("ka", "lo", "mi", "ra", "ten", "vu", "sa", "no", "bel", "dri", "ko", "ve", "tas", "zu", "pe", "lin")


def _surname(number: int) -> str:
    """A distinct made-up surname for every number: "Kalomi", "Ravuten" ..."""
    syllables = []
    while True:
        number, digit = divmod(number, len(_SYLLABLES))
        syllables.append(_SYLLABLES[digit])
        if number == 0:
            break
    syllables += ["son"] if len(syllables) < 3 else []
    return "".join(syllables).capitalize()


def _speakers(count: int) -> Extraction:
    """`count` people, each quoted in full and later quoted by surname."""
    pieces: list[str] = []
    sentences: list[Sentence] = []
    statements: list[Statement] = []
    mentions: list[Mention] = []
    position = 0
    say = Relation(key="say", label="say", surface="said")

    def sentence(text: str, name: str, *, tagged: bool) -> None:
        nonlocal position
        index = len(sentences)
        record = Sentence(index=index, start=position, end=position + len(text), text=text)
        sentences.append(record)
        quote_start = position + 1
        quote_end = position + text.index(",")
        name_start = position + text.index(name)
        speaker = Mention(start=name_start, end=name_start + len(name), text=name,
                          kind=MentionKind.ENTITY if tagged else MentionKind.PHRASE,
                          head_start=name_start, head_end=name_start + len(name), label="PERSON" if tagged else None,
                          sentence=index, grammatical_number="sing", is_subject=True)
        quote = Mention(start=quote_start, end=quote_end, text=text[1:text.index(",")], kind=MentionKind.QUOTE,
                        head_start=quote_start, head_end=quote_end, sentence=index)
        if tagged:
            mentions.append(speaker)
        statements.append(Statement(index=len(statements), subject=speaker, relation=say, object=quote,
                                    sentence=record, rule="kgbuild.clauses.v1#attribution-quote"))
        pieces.append(text + " ")
        position += len(text) + 1

    for number in range(count):
        name = f"Anna {_surname(number)}"
        sentence(f'"We will not give up," said {name}.', name, tagged=True)
    for number in range(count):
        surname = _surname(number)
        sentence(f'"The talks went well," {surname} said.', surname, tagged=False)
    article = Article(id="speed-speakers", text="".join(pieces))
    return Extraction(article=article, sentences=tuple(sentences), statements=tuple(statements),
                      entity_facts=(), mentions=tuple(mentions))


if __name__ == "__main__":
    main()
