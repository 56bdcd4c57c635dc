# Keep the default graph the union of the named graphs after a dataset was loaded.
INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }
