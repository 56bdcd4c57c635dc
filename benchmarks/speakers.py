"""Who said it? The speakers of reported claims in BBC articles: how many are a named
entity, and how many are left as a pronoun or a generic phrase. Run by hand:

    .venv/bin/python benchmarks/speakers.py [--articles 60] [--list]

Articles: every BBC article whose number ends in 7 (bbc-business-007, -017 ...), in corpus
order, skipping those held out (`../shared/precision/holdout.txt`) and the pronoun set's;
the first `--articles` of them. `--list` prints each unresolved speaker with the sentence
before it, to read whether the article had named the speaker (no gold: this counts, the
reader judges).
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections import Counter
from pathlib import Path

from kgbuild.pipeline import resolved_articles, statement_pipeline
from kgbuild.types import Article, MentionKind

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpora" / "bbc" / "articles.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--list", action="store_true", help="print every unresolved speaker")
    options = parser.parse_args()
    held_out = {line.strip() for line in (SHARED / "precision" / "holdout.txt").open() if line.strip()
                and not line.startswith("#")}
    pronoun_set = {json.loads(line)["article_id"] for line in (REPO / "tests" / "data" / "pronouns-bbc.jsonl").open()}
    chosen = (json.loads(line) for line in CORPUS.open(encoding="utf-8"))
    chosen = (r for r in chosen if r["id"].endswith("7") and r["id"] not in held_out and r["id"] not in pronoun_set)
    articles = [Article(id=r["id"], text=r["text"], title=r["title"]) for r in itertools.islice(chosen, options.articles)]
    counts: Counter = Counter()
    unresolved = []
    failures: list = []
    for resolved in resolved_articles(articles, statement_pipeline(), on_error=failures.append):
        statements = resolved.extraction.statements
        for speech in {s.reported_by for s in statements if s.reported_by is not None}:
            speaker = statements[speech].subject
            if resolved.entity_for(speaker):
                kind = "entity"
            elif resolved.is_unresolved(speaker):
                kind = "pronoun" if speaker.kind == MentionKind.PRONOUN else "generic phrase"
                unresolved.append((resolved, statements[speech]))
            else:
                kind = "other phrase"
            counts[kind] += 1
    total = sum(counts.values())
    for failure in failures:
        print(f"skipped: {failure}")
    print(f"Speakers of reported claims in {len(articles) - len(failures)} BBC articles: {total}")
    for kind in ("entity", "pronoun", "generic phrase", "other phrase"):
        print(f"  {kind:15} {counts[kind]:5}  {counts[kind] / total if total else 0:.3f}")
    if options.list:
        for resolved, speech in unresolved:
            sentences = resolved.extraction.sentences
            before = sentences[speech.sentence.index - 1].text if speech.sentence.index else ""
            print(f"\n{resolved.extraction.article.id} {speech.subject.text!r}\n    before: {before[:200]}\n"
                  f"    {speech.sentence.text[:200]}")


if __name__ == "__main__":
    main()
