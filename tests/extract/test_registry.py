"""The rule-family registry: one order, versions in provenance, the component's contract."""

from __future__ import annotations

from kgbuild.extract import EXTRACTOR, FAMILIES
from kgbuild.extract.component import RUN_ORDER
from kgbuild.extract.registry import family_of


def test_the_component_runs_the_families_in_registry_order():
    assert RUN_ORDER == FAMILIES


def test_provenance_names_every_family_with_its_version():
    assert EXTRACTOR.split() == [family.id for family in FAMILIES]
    assert all(family.id.rsplit(".v", 1)[1].isdigit() for family in FAMILIES)
    assert len({family.name for family in FAMILIES}) == len(FAMILIES)


def test_a_rule_names_its_family():
    assert family_of("kgbuild.attribution.v2#attribution-quote") == "kgbuild.attribution"


def test_the_component_declares_what_it_reads_and_writes():
    from spacy.language import Language

    meta = Language.get_factory_meta("kgbuild_statements")
    assert "token.dep" in meta.requires and "token.lemma" in meta.requires
    assert "doc._.statements" in meta.assigns
