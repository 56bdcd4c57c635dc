"""An extractor failure on one text is noted on its Doc; the pipe and the build go on."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_a_failing_article_is_reported_and_the_others_built(monkeypatch):
    import kgbuild
    from kgbuild.extract import component

    original = component.entity_facts

    def fails_on_marker(doc, sentences):
        if "Zanzibar" in doc.text:
            raise IndexError("list index out of range")
        return original(doc, sentences)

    monkeypatch.setattr(component, "entity_facts", fails_on_marker)
    problems = []
    graph = kgbuild.build(["The council closed the beach.", "Zanzibar hosted the summit.",
                           "Police arrested the driver."], on_error=problems.append)
    assert graph.summary.articles == 2
    assert len(problems) == 1 and "text-2" in str(problems[0]) and "IndexError" in str(problems[0])
