# Drop the named graph $graph and the triples of the union that only it stated, in one
# transaction. Updates take no bindings: $graph is replaced by the graph's IRI as Oxigraph
# writes it (`<...>`, validated and escaped), never by user text.
DELETE { ?s ?p ?o } WHERE {
  GRAPH $graph { ?s ?p ?o }
  FILTER NOT EXISTS { GRAPH ?other { ?s ?p ?o } FILTER(?other != $graph) }
} ;
DROP SILENT GRAPH $graph
