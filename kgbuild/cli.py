"""The `kgbuild` command: a thin layer over the library.

Each subcommand parses options, calls one library function and formats its result. A
`KgbuildError` becomes a one-line message on stderr; `--debug` shows the traceback.

Exit codes: 0 done (some inputs may have been skipped, each with a message); 1 nothing
could be done (no article built, unreadable graph, bad query); 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Iterator, Sequence, TextIO

from kgbuild import __version__
from kgbuild.errors import GraphError, InputError, KgbuildError, QueryError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

_EXAMPLES = {
    "build": "example:\n  kgbuild build seeds/ -o out\n  cat article.txt | kgbuild build - -o out",
    "extract": ("example:\n  kgbuild extract seeds/ukraine-war-2022-03-14.txt --format tsv\n"
                "  kgbuild extract --sentences --format carb sentences.txt"),
    "query": ("example:\n  kgbuild query out -f queries/who-said-what.rq\n"
              "  kgbuild query out/graph.ttl 'SELECT ?name { ?e a schema:Person ; rdfs:label ?name }'\n"
              "  kgbuild query out -f queries/what-did-entity.rq --param name=Russia"),
    "render": "example:\n  kgbuild render out/graph.ttl -o view.html",
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    options = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if options.debug else logging.WARNING,
                        format="kgbuild: %(message)s")
    try:
        return options.run(options)
    except KgbuildError as error:
        if options.debug:
            raise
        _say(f"error: {error}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        _say("interrupted; outputs left as they were")
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kgbuild", description="Turn news articles into a knowledge graph: RDF you can query "
        "with SPARQL and a network view that opens offline in any browser.")
    parser.add_argument("--version", action="version", version=f"kgbuild {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug messages")
    parser.set_defaults(run=lambda _: (parser.print_help(), EXIT_USAGE)[1], debug=False)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text, epilog=_EXAMPLES[name],
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        sub.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                         help="show tracebacks and debug messages")
        return sub

    build = command("build", "Build the knowledge graph of articles: OUTDIR/graph.ttl and OUTDIR/graph.html.")
    build.add_argument("inputs", nargs="+", metavar="INPUT",
                       help=".txt (one article, first line may be the title), .jsonl (one article per "
                            "line: id, title, text, url, date, source), a directory of these, or - for stdin")
    build.add_argument("-o", "--output", default="out", metavar="OUTDIR", help="output directory (default: out)")
    _model_options(build)
    build.add_argument("--base", default=None, metavar="IRI", help="base IRI of the graph's nodes")
    build.add_argument("--max-nodes", type=int, default=500, metavar="N",
                       help="most entities drawn in graph.html (default: 500)")
    build.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    build.set_defaults(run=_build)

    extract = command("extract", "Print the statements of articles without building a graph.")
    extract.add_argument("inputs", nargs="+", metavar="INPUT", help="as for build")
    extract.add_argument("--format", choices=("jsonl", "tsv", "carb"), default="jsonl",
                         help="jsonl (default), tsv, or carb: sentence, confidence, relation, "
                              "subject, object, further arguments, tab-separated")
    extract.add_argument("--sentences", action="store_true",
                         help="treat every input line as one sentence (no splitting, no clean-up)")
    _model_options(extract)
    extract.set_defaults(run=_extract)

    query = command("query", "Run a SPARQL query over a graph file or a build's output directory.")
    query.add_argument("graph", metavar="GRAPH", help=".ttl, .trig, .nq or .jsonld file, or an OUTDIR")
    query.add_argument("sparql", nargs="?", metavar="QUERY", help="the query text (or use -f)")
    query.add_argument("-f", "--file", metavar="FILE.rq", help="read the query from a file")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")
    query.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                       help="bind variable ?NAME to the literal VALUE (repeatable)")
    query.set_defaults(run=_query)

    render = command("render", "Draw the network view of an existing RDF graph.")
    render.add_argument("graph", metavar="GRAPH", help=".ttl, .trig, .nq or .jsonld file, or an OUTDIR")
    render.add_argument("-o", "--output", default="view.html", metavar="FILE", help="default: view.html")
    render.add_argument("--max-nodes", type=int, default=500, metavar="N")
    render.set_defaults(run=_render)
    return parser


def _model_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--model", default=None, metavar="NAME",
                     help="an installed spaCy pipeline (default: en_core_web_sm)")


def _say(message: str, stream: TextIO | None = None) -> None:
    print(f"kgbuild: {message}", file=stream or sys.stderr)


class _Problems:
    """Collects per-input problems: each is reported on one line as it happens."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, error: KgbuildError) -> None:
        self.count += 1
        _say(f"warning: {error}")


def _articles(inputs: list[str], problems: _Problems):
    from kgbuild.ingest import read_articles

    return read_articles(inputs, on_error=problems, stdin=sys.stdin)


def _build(options: argparse.Namespace) -> int:
    from kgbuild.builder import build
    from kgbuild.graph import DEFAULT_BASE

    problems = _Problems()
    graph = build(_articles(options.inputs, problems), model=options.model,
                  base=options.base or DEFAULT_BASE, on_error=problems)
    if graph.summary.articles == 0:
        raise InputError("no article could be built from the inputs given; nothing written.")
    ttl, html = graph.save(options.output, max_nodes=options.max_nodes)
    if not options.quiet:
        print(f"{graph.summary} → {ttl}, {html}" + (f" ({problems.count} inputs skipped)" if problems.count else ""))
    return EXIT_OK


def _extract(options: argparse.Namespace) -> int:
    from kgbuild.builder import analyse, statement_pipeline
    from kgbuild.extract.forms import FACT_CONFIDENCE, carb_columns, fact_columns, statement_record

    problems = _Problems()
    nlp = statement_pipeline(options.model)
    articles = _sentence_articles(options.inputs, problems) if options.sentences else _articles(options.inputs, problems)
    written = 0
    for resolved in analyse(articles, nlp, on_error=problems):
        extraction = resolved.extraction
        text, statements = extraction.article.text, extraction.statements
        for statement in statements:
            if options.format == "carb":
                columns = [text if options.sentences else statement.sentence.text, f"{statement.confidence:.3f}",
                           *carb_columns(statement, statements, text)]
                print("\t".join(_one_line(c) for c in columns))
            elif options.format == "tsv":
                record = statement_record(statement, statements, text, extraction.article.id)
                print("\t".join(_one_line(str(record[k])) for k in (
                    "article", "index", "subject", "relation", "object", "negated", "modality",
                    "asserted", "confidence", "sentence")))
            else:
                print(json.dumps(statement_record(statement, statements, text, extraction.article.id),
                                 ensure_ascii=False))
            written += 1
        if options.format == "carb":  # titles, ages, origins are tuples too in Open IE
            for fact in extraction.entity_facts:
                columns = fact_columns(fact, text)
                if columns is not None:
                    print("\t".join(_one_line(c) for c in [text if options.sentences else fact.sentence.text,
                                                            f"{FACT_CONFIDENCE:.3f}", *columns]))
    if written == 0 and problems.count:
        return EXIT_FAILED
    return EXIT_OK


def _sentence_articles(inputs: list[str], problems: _Problems) -> Iterator:
    """One article per non-empty input line, its text exactly the line."""
    from kgbuild.types import Article

    for name in inputs:
        try:
            stream = sys.stdin if name == "-" else open(name, encoding="utf-8")
        except OSError as error:
            problems(InputError(f"{name}: cannot open ({error.strerror})"))
            continue
        with stream:
            for number, line in enumerate(stream, start=1):
                sentence = line.rstrip("\r\n")
                if sentence.strip():
                    yield Article(id=f"{Path(name).stem}-{number}", text=sentence, origin=f"{name}:{number}")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _query(options: argparse.Namespace) -> int:
    from kgbuild.knowledge_graph import KnowledgeGraph

    if options.file:
        try:
            sparql = Path(options.file).read_text(encoding="utf-8")
        except OSError as error:
            raise QueryError(f"{options.file}: cannot read the query ({error.strerror}).") from error
    elif options.sparql:
        sparql = options.sparql
    else:
        raise QueryError("No query given. Pass the query text or -f FILE.rq.")
    bindings = {}
    for item in options.param:
        name, equals, value = item.partition("=")
        if not equals or not name.strip():
            raise QueryError(f"--param {item!r} is not NAME=VALUE.")
        bindings[name.strip().lstrip("?$")] = value
    result = KnowledgeGraph.load(options.graph).query(sparql, bindings=bindings)
    output = {"table": result.to_table, "csv": result.to_csv, "json": result.to_json}[options.format]()
    sys.stdout.write(output if output.endswith("\n") else output + "\n")
    return EXIT_OK


def _render(options: argparse.Namespace) -> int:
    from kgbuild.knowledge_graph import KnowledgeGraph

    graph = KnowledgeGraph.load(options.graph)
    if len(graph) == 0:
        raise GraphError(f"{options.graph}: the graph is empty; nothing to draw.")
    path = graph.to_html(options.output, max_nodes=options.max_nodes)
    print(f"wrote {path}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
