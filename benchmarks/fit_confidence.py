"""Fit the statement confidence model on CaRB dev (and only dev).

For every extraction of the dev sentences, the target is its best CaRB pair precision
against the gold tuples of its sentence (the shared scorer's own matching). A
least-squares linear model over the features of `kgbuild.extract.confidence.features`
predicts it; the printed weights go into `kgbuild/extract/confidence.py`, and the mean
precision of entity-fact tuples into `FACT_CONFIDENCE` of `kgbuild/extract/forms.py`. Run by hand:

    .venv/bin/python benchmarks/fit_confidence.py
    .venv/bin/python benchmarks/fit_confidence.py --precision   # choose PLAIN_TRIPLE_THRESHOLD

`--precision` scores the plain triples the precision benchmark's judge has judged
(`benchmarks/precision/judgments/`) and prints, per threshold, how many stay asserted and
their precision: the table `PLAIN_TRIPLE_THRESHOLD` in `kgbuild/extract/confidence.py`
is chosen from.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np

from kgbuild.pipeline import resolved_articles, statement_pipeline
from kgbuild.extract.confidence import FEATURES, features
from kgbuild.extract.forms import carb_columns, fact_columns
from kgbuild.types import Article

SHARED = Path(__file__).resolve().parents[2] / "shared"
CARB = SHARED / "benchmarks" / "carb"


def _scorer():
    spec = importlib.util.spec_from_file_location("carb_score", SHARED / "tools" / "carb_score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    carb = _scorer()
    gold = carb.keyed(carb.read_gold(CARB / "dev_gold.tsv"))
    sentences = [line.rstrip("\n") for line in (CARB / "dev_sentences.txt").open() if line.strip()]
    articles = [Article(id=f"dev-{i}", text=text) for i, text in enumerate(sentences)]
    rows, targets, fact_precisions = [], [], []
    for resolved in resolved_articles(articles, statement_pipeline()):
        extraction = resolved.extraction
        gold_tuples = gold.get(carb.sentence_key(extraction.article.text), [])
        if not gold_tuples:
            continue
        for statement in extraction.statements:
            relation, *arguments = carb_columns(statement, extraction.statements, extraction.article.text)
            predicted = carb.Tuple(relation, [a for a in arguments if a])
            best = max((float(carb.pair_score(g, predicted)[0]) for g in gold_tuples), default=0.0)
            rows.append(features(statement))
            targets.append(best)
        for fact in extraction.entity_facts:
            columns = fact_columns(fact, extraction.article.text)
            if columns is not None:
                predicted = carb.Tuple(columns[0], columns[1:])
                fact_precisions.append(max(float(carb.pair_score(g, predicted)[0]) for g in gold_tuples))
    matrix, target = np.array(rows, dtype=float), np.array(targets)
    design = np.hstack([np.ones((len(matrix), 1)), matrix])
    weights, *_ = np.linalg.lstsq(design, target, rcond=None)
    print(f"{len(target)} extractions, mean precision {target.mean():.3f}\n")
    print(f"INTERCEPT = {weights[0]:.3f}")
    print("WEIGHTS = {")
    for name, weight in zip(FEATURES, weights[1:]):
        print(f'    "{name}": {weight:.3f},')
    print("}")
    print(f"\nFACT_CONFIDENCE = {np.mean(fact_precisions):.2f}  ({len(fact_precisions)} entity-fact tuples)")


def judged_confidences() -> list[tuple[float, str]]:
    """(confidence, verdict) of every judged plain triple the current rules produce."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import kgbuild
    import precision

    judged = []
    for article in precision.load_articles(precision.dev_set()):
        judgments = precision.read_judgments(precision.JUDGMENTS / f"{article.id}.jsonl")
        if not judgments:
            continue
        graph = kgbuild.build([article])
        rows = list(graph.query(precision._STATEMENTS))
        made: list = []
        item_class = precision.Item

        def recording(*args, **kwargs):  # items are made in row order: pair each with its row
            made.append(item_class(*args, **kwargs))
            return made[-1]

        precision.Item = recording
        try:
            precision.items_of_graph(
                lambda query, **kw: rows if query is precision._STATEMENTS else list(graph.query(query, **kw)), article.id)
        finally:
            precision.Item = item_class
        scores = {str(s): float(c.toPython()) for s, c in graph.query("SELECT ?s ?c WHERE { ?s kg:confidence ?c }")}
        for row, item in zip(rows, [i for i in made if i.kind == "statement"]):
            judgment = judgments.get(item.key)
            if judgment is not None and item.asserted and judgment.verdict in precision.TRIPLE_VERDICTS:
                judged.append((scores[str(row[0])], judgment.verdict))
    return judged


def precision_table() -> None:
    judged = judged_confidences()
    correct_total = sum(v == "C" for _, v in judged)
    print(f"{len(judged)} judged plain triples, {correct_total} correct\n")
    print("threshold  kept  correct  precision  correct kept")
    for threshold in (0.0, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8):
        kept = [v for score, v in judged if score >= threshold]
        correct = sum(v == "C" for v in kept)
        print(f"{threshold:9.2f}  {len(kept):4}  {correct:7}  {correct / len(kept) if kept else 0:9.3f}  "
              f"{correct / correct_total if correct_total else 0:12.3f}")


if __name__ == "__main__":
    precision_table() if "--precision" in sys.argv else main()
