"""The one exception tree of kgbuild.

    KgbuildError                 anything the CLI reports as a one-line message
     ├── InputError              an input file, line or value cannot be read
     ├── PipelineError           the spaCy pipeline cannot be loaded or does not fit
     ├── GraphError              an RDF file cannot be read or written
     ├── QueryError              a SPARQL query is malformed or fails
     └── EndpointError           a SPARQL server cannot be served or reached (serve, push)

The library raises these and never prints or exits; `kgbuild.cli` turns them into a
message and an exit code.
"""

from __future__ import annotations


class KgbuildError(Exception):
    """Base of every error kgbuild reports to its user."""


class InputError(KgbuildError):
    """An input cannot be read: missing, empty, binary, not UTF-8, or malformed."""


class PipelineError(KgbuildError):
    """The spaCy pipeline cannot be loaded or is unfit for the installed spaCy."""


class GraphError(KgbuildError):
    """An RDF file cannot be parsed or written."""


class QueryError(KgbuildError):
    """A SPARQL query cannot be parsed or evaluated."""


class EndpointError(KgbuildError):
    """A SPARQL endpoint cannot be started, or a remote one refuses or fails a request."""
