"""The one exception tree of kgbuild.

    KgbuildError                 anything the CLI reports as a one-line message
     ├── InputError              an input file, line or value cannot be read      (also a ValueError)
     ├── PipelineError           the spaCy pipeline cannot be loaded or does not fit  (also a RuntimeError)
     ├── GraphError              an RDF file cannot be read or written            (also a ValueError)
     ├── QueryError              a SPARQL query is malformed or fails             (also a ValueError)
     └── EndpointError           a SPARQL server cannot be served or reached      (also an OSError)

Each also inherits the built-in exception that says the same, so code that knows nothing
of kgbuild catches it as it would catch Python's own (`except ValueError` around a bad
input), and `except KgbuildError` catches every error kgbuild reports.

The library raises these and never prints or exits; `kgbuild.cli` turns them into a
message and an exit code.

>>> issubclass(InputError, ValueError), issubclass(EndpointError, OSError)
(True, True)
"""

from __future__ import annotations

__all__ = ["EndpointError", "GraphError", "InputError", "KgbuildError", "PipelineError", "QueryError"]


class KgbuildError(Exception):
    """Base of every error kgbuild reports to its user."""


class InputError(KgbuildError, ValueError):
    """An input cannot be read: missing, empty, binary, not UTF-8, or malformed."""


class PipelineError(KgbuildError, RuntimeError):
    """The spaCy pipeline cannot be loaded or is unfit for the installed spaCy."""


class GraphError(KgbuildError, ValueError):
    """An RDF file cannot be parsed or written."""


class QueryError(KgbuildError, ValueError):
    """A SPARQL query cannot be parsed or evaluated."""


class EndpointError(KgbuildError, OSError):
    """A SPARQL endpoint cannot be started, or a remote one refuses or fails a request."""
