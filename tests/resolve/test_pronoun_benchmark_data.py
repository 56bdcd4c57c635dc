"""The hand-annotated pronoun set of benchmarks/pronouns.py is well-formed (no model needed).

Reads tests/data/pronouns-bbc.jsonl and the BBC corpus in ../shared/corpora/bbc: every
offset points at its pronoun in the article text as stored, every name the annotator
listed is in the article, and each chosen article is annotated in full.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parents[1] / "data" / "pronouns-bbc.jsonl"
PRONOUNS = frozenset({"he", "him", "his", "she", "her", "it", "its", "they", "them", "their"})
KINDS = frozenset({"named", "pleonastic", "not-named", "split"})
_PRONOUN_WORD = re.compile(r"\b(?:he|him|his|she|her|it|its|they|them|their)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def texts(shared_dir: Path, gold: list[dict]) -> dict[str, str]:
    """Text of each annotated article, exactly as in the corpus JSON."""
    wanted = {row["article_id"] for row in gold}
    texts = {}
    with (shared_dir / "corpora" / "bbc" / "articles.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["id"] in wanted:
                texts[record["id"]] = record["text"]
    assert texts.keys() == wanted, f"not in the corpus: {sorted(wanted - texts.keys())}"
    return texts


def test_records_have_the_documented_fields(gold):
    for row in gold:
        assert row["kind"] in KINDS, row
        assert row["pronoun"].lower() in PRONOUNS, row
        if row["kind"] == "named":
            assert row["antecedent"] and row["antecedent"] in row["surface_forms"], row
        else:
            assert row["antecedent"] is None and row["surface_forms"] == [], row


def test_offsets_point_at_the_pronoun(gold, texts):
    for row in gold:
        text, offset, pronoun = texts[row["article_id"]], row["offset"], row["pronoun"]
        assert text[offset:offset + len(pronoun)] == pronoun, row
        assert not text[offset - 1:offset].isalnum() and not text[offset + len(pronoun):][:1].isalnum(), row


def test_every_surface_form_is_in_the_article(gold, texts):
    for row in gold:
        missing = [form for form in row["surface_forms"] if form not in texts[row["article_id"]]]
        assert not missing, f"{row['article_id']} @{row['offset']}: {missing} not in the article"


def test_each_article_is_annotated_in_full(gold, texts):
    annotated = Counter((row["article_id"], row["offset"]) for row in gold)
    assert max(annotated.values()) == 1, "a pronoun is annotated twice"
    for article_id, text in texts.items():
        offsets = {match.start() for match in _PRONOUN_WORD.finditer(text)}
        assert offsets == {offset for aid, offset in annotated if aid == article_id}, article_id


def test_enough_pronouns_with_a_named_antecedent(gold):
    named = Counter(row["pronoun"].lower() for row in gold if row["kind"] == "named")
    assert sum(named.values()) >= 100
    assert all(named[word] for word in ("he", "his", "she", "her", "it", "its", "they", "their")), named
