"""kgbuild's OWL vocabulary and SHACL shapes, shipped in the wheel as kgbuild.ontologies."""
