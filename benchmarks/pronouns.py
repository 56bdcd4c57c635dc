"""Pronoun benchmark: kgbuild's pronoun links scored against hand-annotated BBC articles.

Each annotated pronoun (tests/data/pronouns-bbc.jsonl, described in pronouns-bbc.md) is
looked up in the `ResolvedArticle` of its article: the system is right when it links the
pronoun's span to an entity whose label or one of whose aliases is a name the annotator
listed for the antecedent. Prints, per pronoun group and overall, how many pronouns
have a named antecedent, how many the system linked, how many correctly, accuracy and
precision, and how often it linked a pronoun that has no named antecedent. Run by hand:

    .venv/bin/python benchmarks/pronouns.py [--errors] [--model NAME]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kgbuild.pipeline import resolved_articles, statement_pipeline
from kgbuild.errors import KgbuildError
from kgbuild.types import Article, MentionKind, ResolvedArticle

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "data" / "pronouns-bbc.jsonl"
CORPUS = REPO.parent / "shared" / "corpora" / "bbc" / "articles.jsonl"

GROUPS = {"he/him/his": ("he", "him", "his"), "she/her": ("she", "her"), "it/its": ("it", "its"),
          "they/them/their": ("they", "them", "their")}
#: Pronouns the annotator found no single named antecedent for (see pronouns-bbc.md).
NO_ANTECEDENT_KINDS = ("pleonastic", "not-named", "split")

#: Titles dropped before names are compared, so "Mr Blair" matches an entity labelled "Blair".
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "prof", "professor"})
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Outcome:
    """What the system did with one annotated pronoun."""

    gold: dict
    sentence: str
    seen: bool  # the system made a pronoun mention at this span
    got: str | None  # label of the entity the pronoun was linked to
    correct: bool


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every wrong or missing link")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default en_core_web_sm)")
    options = parser.parse_args()
    gold = [json.loads(line) for line in GOLD.open(encoding="utf-8")]
    articles = _articles({row["article_id"] for row in gold})
    started = time.perf_counter()
    failures: list[KgbuildError] = []
    resolved = {r.extraction.article.id: r for r in resolved_articles(
        articles, statement_pipeline(options.model), on_error=failures.append)}
    seconds = time.perf_counter() - started
    outcomes = [_score(row, resolved[row["article_id"]]) for row in gold if row["article_id"] in resolved]
    print(f"Pronoun links on {len(resolved)} BBC articles, {len(outcomes)} annotated pronouns "
          f"({seconds:.0f} s; gold: {GOLD.relative_to(REPO)})\n")
    for failure in failures:
        print(f"skipped: {failure}")
    _print_table(outcomes)
    if options.errors:
        _print_errors(outcomes)


def _articles(ids: set[str]) -> list[Article]:
    """The annotated articles, their text exactly as in the corpus so offsets hold.

    `kgbuild.ingest` cleans text and may move offsets, so `Article` is built directly.
    """
    articles = []
    with CORPUS.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            record = json.loads(line)
            if record["id"] in ids:
                articles.append(Article(id=record["id"], text=record["text"], title=record["title"],
                                        source=record["source"], origin=f"{CORPUS}:{number}"))
    missing = ids - {article.id for article in articles}
    if missing:
        raise SystemExit(f"{len(missing)} annotated articles are not in {CORPUS}: {sorted(missing)}")
    return articles


def _score(row: dict, resolved: ResolvedArticle) -> Outcome:
    span = (row["offset"], row["offset"] + len(row["pronoun"]))
    seen = any(m.kind == MentionKind.PRONOUN and m.head_span == span for m in resolved.extraction.mentions)
    key = resolved.entity_at.get(span)
    entity = next((e for e in resolved.entities if e.key == key), None) if key else None
    got = entity.label if entity else key
    names = {_comparable(name) for name in ((entity.label, *entity.aliases) if entity else ())}
    correct = row["kind"] == "named" and bool(names & {_comparable(form) for form in row["surface_forms"]})
    sentence = next((s.text for s in resolved.extraction.sentences if s.start <= span[0] < s.end), "")
    return Outcome(row, sentence, seen, got, correct)


def _comparable(name: str) -> str:
    """A name without possessive, leading "the", titles, case or extra spaces.

    >>> _comparable("the Lib Dems'")
    'lib dems'
    >>> _comparable("Mr  Blair")
    'blair'
    """
    words = _POSSESSIVE.sub("", name.strip()).casefold().split()
    while words and (words[0] == "the" or words[0].rstrip(".") in _TITLES):
        words = words[1:]
    return " ".join(words)


def _print_table(outcomes: list[Outcome]) -> None:
    groups = [(name, [o for o in outcomes if o.gold["pronoun"].lower() in words]) for name, words in GROUPS.items()]
    groups.append(("all", outcomes))
    print(f"{'pronouns':16} {'count':>5} {'named':>5} {'linked':>6} {'correct':>7} {'accuracy':>8} "
          f"{'precision':>9} {'all-links':>9}   wrongly linked: {'pleon.':>6} {'not-named':>9} {'split':>5}")
    for name, group in groups:
        named = [o for o in group if o.gold["kind"] == "named"]
        linked = sum(o.got is not None for o in named)
        correct = sum(o.correct for o in named)
        spurious = Counter(o.gold["kind"] for o in group if o.gold["kind"] != "named" and o.got is not None)
        totals = Counter(o.gold["kind"] for o in group)
        wrong = "  ".join(f"{f'{spurious[kind]}/{totals[kind]}':>{width}}"
                          for kind, width in zip(NO_ANTECEDENT_KINDS, (6, 9, 5)))
        all_linked = sum(o.got is not None for o in group)
        print(f"{name:16} {len(group):5} {len(named):5} {linked:6} {correct:7} {_ratio(correct, len(named)):>8} "
              f"{_ratio(correct, linked):>9} {_ratio(correct, all_linked):>9}                   {wrong}")
    print("\naccuracy = correct / named; precision = correct / linked (named-antecedent pronouns only);\n"
          "all-links = correct / every pronoun linked (also those with no single named antecedent);\n"
          "wrongly linked = pronouns with no single named antecedent that the system linked anyway.")


def _print_errors(outcomes: list[Outcome]) -> None:
    print("\nErrors (expected → got):")
    for outcome in outcomes:
        gold = outcome.gold
        if outcome.correct or (gold["kind"] != "named" and outcome.got is None):
            continue
        expected = gold["antecedent"] or f"({gold['kind']})"
        got = outcome.got or ("(no link)" if outcome.seen else "(not a pronoun mention)")
        print(f"\n{gold['article_id']} @{gold['offset']} {gold['pronoun']!r}: {expected} → {got}")
        print(f"    {outcome.sentence.strip()}")


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "-"


if __name__ == "__main__":
    main()
