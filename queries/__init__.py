"""Example SPARQL queries, shipped in the wheel as kgbuild.queries (see README)."""
