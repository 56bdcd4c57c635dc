"""Ingest benchmark: article text and metadata from real pages, and furniture checks on corpora.

1. The 60 news pages of `../shared/corpora/html/` (59 outlets, human-annotated bodies):
   mean and median token-level F1 of the extracted body against the ground truth, and the
   share of pages whose headline and publication date were found, for kgbuild's reader
   beside trafilatura's defaults and a plain tag-stripping baseline.
2. The seed article: the junk count of `../shared/tools/kg_gold.py` on a fresh build.
3. The BBC and Reuters corpora (clean article bodies, so every line is an article line):
   article lines the furniture classifier drops, articles called another language,
   duplicate texts found (against the corpus' own list), and — with the pipeline —
   statements whose sentence is not from an article line (should be 0).

Run by hand (part 3 parses 2,577 articles: a few minutes):

    .venv/bin/python benchmarks/ingest.py [--pages-only] [--no-statements]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PAGES = SHARED / "corpora" / "html"
CORPORA = {"BBC": SHARED / "corpora" / "bbc" / "articles.jsonl",
           "Reuters": SHARED / "corpora" / "reuters21578" / "articles.jsonl"}
SEED = REPO / "seeds"
GOLD = SHARED / "gold" / "seed-article.json"
GOLD_SCORER = SHARED / "tools" / "kg_gold.py"
GOAL_F1 = 0.90

_TOKEN = re.compile(r"\w+")
_INVISIBLE = re.compile(r"<(script|style|noscript|template|svg)\b.*?</\1\s*>|<!--.*?-->",
                        re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)


def token_f1(predicted: str, truth: str) -> float:
    """F1 of the bags of word tokens (case-folded): how much of the body was found, how little else.

    >>> round(token_f1("the cat sat", "the cat sat down"), 3)
    0.857
    """
    found, wanted = Counter(_TOKEN.findall(predicted.casefold())), Counter(_TOKEN.findall(truth.casefold()))
    overlap = sum((found & wanted).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(found.values()), overlap / sum(wanted.values())
    return 2 * precision * recall / (precision + recall)


# ── 1. Pages ───────────────────────────────────────────────────────────────────────────


def kgbuild_reader(path: Path) -> tuple[str, str | None, str | None]:
    from kgbuild.ingest import read_articles

    articles = list(read_articles([path], on_error=lambda error: None))
    if not articles:
        return "", None, None
    return articles[0].text, articles[0].title, articles[0].date


def trafilatura_defaults(path: Path) -> tuple[str, str | None, str | None]:
    import trafilatura

    document = trafilatura.bare_extraction(path.read_bytes(), with_metadata=True)
    if document is None:
        return "", None, None
    return document.text or "", document.title, document.date


def tag_stripping(path: Path) -> tuple[str, str | None, str | None]:
    """Every visible character of the page: tags, scripts and styles removed. No date."""
    page = path.read_bytes().decode("utf-8", errors="replace")
    title = _TITLE.search(page)
    text = html.unescape(_TAG.sub(" ", _INVISIBLE.sub(" ", page)))
    return " ".join(text.split()), html.unescape(title.group(1)).strip() if title else None, None


READERS = [("kgbuild (trafilatura favor_precision + furniture)", kgbuild_reader),
           ("trafilatura 2 defaults", trafilatura_defaults),
           ("tag stripping", tag_stripping)]


def page_table() -> float:
    truth = json.loads((PAGES / "ground-truth.json").read_text(encoding="utf-8"))
    manifest = [json.loads(line) for line in (PAGES / "manifest.jsonl").read_text().splitlines()]
    print(f"## Article bodies from {len(manifest)} real news pages ({len({m['domain'] for m in manifest})} outlets)\n")
    print("| reader | mean F1 | median F1 | min F1 | pages ≥ 0.90 | headline found | date found | s/page |")
    print("|---|---|---|---|---|---|---|---|")
    ours = 0.0
    worst: list[tuple[float, str]] = []
    for name, reader in READERS:
        scores, headlines, dates = [], 0, 0
        started = time.perf_counter()
        for page in manifest:
            body, headline, published = reader(PAGES / "pages" / f"{page['id']}.html")
            score = token_f1(body, truth[page["id"]]["articleBody"])
            scores.append(score)
            headlines += bool(headline)
            dates += bool(published)
            if reader is kgbuild_reader:
                worst.append((score, page["domain"]))
        seconds = (time.perf_counter() - started) / len(manifest)
        date_cell = f"{dates / len(manifest):.0%}" if reader is not tag_stripping else "—"
        print(f"| {name} | {statistics.mean(scores):.3f} | {statistics.median(scores):.3f} | "
              f"{min(scores):.3f} | {sum(s >= GOAL_F1 for s in scores)}/{len(scores)} | "
              f"{headlines / len(manifest):.0%} | {date_cell} | {seconds:.3f} |")
        if reader is kgbuild_reader:
            ours = statistics.mean(scores)
    print(f"\nGoal: mean F1 ≥ {GOAL_F1:.2f} — {'met' if ours >= GOAL_F1 else 'NOT met'}. "
          f"Lowest pages (kgbuild): " + ", ".join(f"{d} {s:.2f}" for s, d in sorted(worst)[:5]))
    return ours


# ── 2. Seed junk ───────────────────────────────────────────────────────────────────────


def seed_junk() -> None:
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, "-m", "kgbuild", "build", str(SEED), "-o", out, "-q"],
                       check=True, cwd=REPO)
        scored = subprocess.run([sys.executable, str(GOLD_SCORER), str(GOLD), str(Path(out) / "graph.ttl")],
                                capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    print(f"\n## Seed article against the gold facts\n\n{scored}")


# ── 3. Corpora ─────────────────────────────────────────────────────────────────────────


def corpus_checks(with_statements: bool) -> None:
    from kgbuild.ingest import detect_language, read_articles, unique_articles

    print("\n## Clean corpora: nothing of the article lost, nothing but the article kept\n")
    header = "| corpus | articles | article lines dropped | non-article lines kept | other language | duplicates |"
    print(header + (" statements | statements not from an article line |" if with_statements else ""))
    print("|---" * (header.count("|") - 1 + (2 if with_statements else 0)) + "|")
    for name, path in CORPORA.items():
        records = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            records[record["id"]] = record
        articles = list(read_articles([path]))
        dropped = kept_other = 0
        for article in articles:
            lines = _lines(records[article.id]["text"])
            kept = _lines(article.text)
            dropped += len(lines - kept)
            kept_other += len(kept - lines)
        other = sum(1 for a in articles if (found := detect_language(a.text)) and found.code != "en")
        copies: list[tuple[str, str]] = []
        unique = list(unique_articles(articles, on_duplicate=lambda c, f: copies.append((c.id, f.id))))
        cells = [name, str(len(articles)), str(dropped), str(kept_other), str(other),
                 _duplicates_cell(copies, path.parent / "duplicates.json")]
        if with_statements:
            statements, outside, failed = _statements_outside_article_lines(unique, records)
            cells += [str(statements) + (f" ({failed} articles failed to parse)" if failed else ""),
                      str(outside)]
        print("| " + " | ".join(cells) + " |")


def _lines(text: str) -> set[str]:
    return {" ".join(line.split()) for line in text.split("\n") if line.strip()}


def _duplicates_cell(copies: list[tuple[str, str]], listed: Path) -> str:
    if not listed.exists():
        return str(len(copies))
    groups = json.loads(listed.read_text())["groups"]
    expected = {(member, group[0]) for group in groups for member in group[1:]}
    return f"{len(copies)} (corpus list: {len(expected)}, same pairs: {len(expected & set(copies))})"


def _analysed(articles, failed: list[str]):
    """Each article parsed on its own, so one that crashes the pipeline is counted, not fatal."""
    from kgbuild.pipeline import resolved_articles, statement_pipeline

    nlp = statement_pipeline(None)
    for article in articles:
        try:
            yield from resolved_articles([article], nlp, on_error=lambda error: failed.append(article.id))
        except Exception:  # an extractor bug on one text: count it, go on with the corpus
            failed.append(article.id)


def _statements_outside_article_lines(articles, records) -> tuple[int, int, int]:
    """Statements, those whose sentence overlaps a line that is not one of the article's,
    and articles the pipeline failed on."""
    total = outside = 0
    failed: list[str] = []
    for resolved in _analysed(articles, failed):
        article = resolved.extraction.article
        original = _lines(records[article.id]["text"])
        spans, offset = [], 0
        for line in article.text.split("\n"):
            spans.append((offset, offset + len(line), " ".join(line.split())))
            offset += len(line) + 1
        for statement in resolved.extraction.statements:
            sentence = statement.sentence
            total += 1
            if any(start < sentence.end and sentence.start < end and text and text not in original
                   for start, end, text in spans):
                outside += 1
    return total, outside, len(failed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages-only", action="store_true", help="only part 1 (the 60 pages)")
    parser.add_argument("--no-statements", action="store_true",
                        help="skip parsing the corpora (part 3 without its statement columns)")
    options = parser.parse_args()
    page_table()
    if options.pages_only:
        return
    seed_junk()
    corpus_checks(with_statements=not options.no_statements)


if __name__ == "__main__":
    main()
