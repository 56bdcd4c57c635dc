"""A capital that acts stands for its government, and links to its country when named."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_a_speaking_capital_stands_for_the_government_of_its_country():
    import kgbuild

    graph = kgbuild.build(["Russia massed troops on the border. Moscow said the drills were routine.",
                           "Tourists crowded the museums of Moscow on Sunday."])
    rows = graph.query("""SELECT ?name ?country { ?place rdfs:label ?name ; kg:standsForGovernment true ;
                                                     kg:standsForGovernmentOf/rdfs:label ?country }""")
    assert [(str(r[0]), str(r[1])) for r in rows] == [("Moscow", "Russia")]
    places = graph.query('SELECT ?p { ?p rdfs:label "Moscow" ; a schema:Place }')
    assert len(places) == 1  # still one place node, across both articles
