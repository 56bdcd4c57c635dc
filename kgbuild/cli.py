"""The `kgbuild` command: a thin layer over the library.

Each subcommand parses options, calls one library function and formats its result. A
`KgbuildError` becomes a one-line message on stderr; `--debug` shows the traceback.

Exit codes: 0 done (some inputs may have been skipped, each with a message); 1 nothing
could be done (no article built, unreadable graph, bad query) or an internal error; 2 wrong
usage; 130 interrupted (Ctrl-C); 141 the reader of the output went away (`| head`).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from pathlib import Path
from typing import Sequence, TextIO

from kgbuild import __version__
from kgbuild.errors import GraphError, InputError, KgbuildError, QueryError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
#: `-o -`: the output is stdout.
STDOUT = "-"
#: The columns of `kgbuild extract --format tsv`, named in its header row.
TSV_COLUMNS = ("article", "index", "subject", "relation", "object", "negated", "modality", "asserted",
               "confidence", "sentence")
#: As a shell reports a command ended by SIGPIPE (128 + 13): output cut off by `| head`.
EXIT_BROKEN_PIPE = 141
#: Characters that would break a message over lines or restyle a terminal (file names can hold them).
_CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")

_EXAMPLES = {
    "build": ("example:\n  kgbuild build seeds/ -o out\n  cat article.txt | kgbuild build - -o out\n"
              "  kgbuild build archive.jsonl --store news.db   # again later: only new or changed articles"),
    "extract": ("example:\n  kgbuild extract seeds/ukraine-war-2022-03-14.txt --format tsv\n"
                "  kgbuild extract --sentences --format carb sentences.txt"),
    "query": ("example:\n  kgbuild query out -f queries/who-said-what.rq\n"
              "  kgbuild query out/graph.ttl 'SELECT ?name { ?e a schema:Person ; rdfs:label ?name }'\n"
              "  kgbuild query out -f queries/what-did-entity.rq --param name=Russia\n"
              "  kgbuild query --store news.db 'DESCRIBE ?e { ?e rdfs:label \"NATO\" }' --format turtle"),
    "render": ("example:\n  kgbuild render out/graph.ttl -o view.html\n"
               "  kgbuild render out -o borrell.html --focus 'Josep Borrell' --hops 2\n"
               "  kgbuild render out -o view.html --export graphml,gexf,jsonld   # view.graphml ... beside it"),
    "remove": "example:\n  kgbuild remove --store news.db bbc-business-001",
    "serve": ("example:\n  kgbuild serve out\n  kgbuild serve --store news.db --port 7878\n"
              "  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 5' "
              "http://127.0.0.1:7878/sparql"),
    "push": ("example:\n  kgbuild push out --endpoint http://localhost:7878/store\n"
             "  kgbuild push --store news.db --endpoint http://user:secret@example.org:3030/news/data"),
    "validate": "example:\n  kgbuild validate out\n  kgbuild validate --store news.db",
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    options = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if options.debug else logging.WARNING,
                        format="kgbuild: %(message)s")
    try:
        code = options.run(options)
        sys.stdout.flush()  # here, so a closed pipe is seen now and not at exit
        return code
    except KgbuildError as error:
        if options.debug:
            raise
        _say(f"error: {error}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        _say("interrupted; outputs left as they were")
        return 130
    except BrokenPipeError:  # `kgbuild query ... | head`: the reader has all it wanted
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except Exception as error:  # a bug: one line, the traceback with --debug
        if options.debug:
            raise
        _say(f"internal error: {type(error).__name__}: {error} (run with --debug for the traceback, "
             "and please report it)")
        return EXIT_FAILED


class _IntermixedParser(argparse.ArgumentParser):
    """A subcommand's parser that takes options after the positional arguments too, as shells
    users expect: `kgbuild query out --format csv 'SELECT ...'` (argparse's intermixed parsing;
    the top-level parser cannot use it, having subparsers)."""

    _intermixing = False

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[override]
        if self._intermixing:  # the two passes of the intermixed parse call back in here
            return super().parse_known_args(args, namespace)
        self._intermixing = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._intermixing = False


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so Python's flush at exit does not fail on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kgbuild", description="Turn news articles into a knowledge graph: RDF you can query "
        "with SPARQL and a network view that opens offline in any browser.")
    parser.add_argument("--version", action="version", version=f"kgbuild {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug messages")
    parser.set_defaults(run=lambda _: (parser.print_help(), EXIT_USAGE)[1], debug=False)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_IntermixedParser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text, epilog=_EXAMPLES[name],
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        sub.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                         help="show tracebacks and debug messages")
        return sub

    build = command("build", "Build the knowledge graph of articles: OUTDIR/graph.ttl and OUTDIR/graph.html.")
    build.add_argument("inputs", nargs="+", metavar="INPUT",
                       help=".txt (one article, first line may be the title), .html/.htm (a saved web page), "
                            ".jsonl (one article per line: id, title, text, url, date, source, author), .csv "
                            "(the same as columns), any of these .gz, a directory of these, or - for stdin")
    build.add_argument("-o", "--output", default=None, metavar="OUTDIR",
                       help="output directory (default: out, or none with --store); - writes the graph to "
                            "stdout as N-Quads, to pipe into riot or oxigraph load")
    build.add_argument("--store", metavar="DIR", help="also keep the graph in a persistent store in DIR; a "
                       "rerun skips unchanged articles and replaces changed ones")
    _scale_options(build)
    _model_options(build)
    _input_options(build)
    build.add_argument("--base", default=None, metavar="IRI", help="base IRI of the graph's nodes")
    build.add_argument("--max-nodes", type=int, default=500, metavar="N",
                       help="most entities drawn in graph.html (default: 500)")
    _view_options(build, "graph")
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
    _input_options(extract)
    extract.set_defaults(run=_extract)

    query = command("query", "Run a SPARQL query over a graph file or a build's output directory.")
    _graph_source(query)
    query.add_argument("sparql", nargs="?", metavar="QUERY", help="the query text (or use -f)")
    query.add_argument("-f", "--file", metavar="FILE.rq", help="read the query from a file")
    query.add_argument("--format", choices=("table", "csv", "json", "turtle"), default="table",
                       help="table (default), csv, json (SPARQL results JSON), turtle (CONSTRUCT, DESCRIBE)")
    query.add_argument("--allow-service", action="store_true",
                       help="let SERVICE clauses query other endpoints (refused by default)")
    query.add_argument("--raw", action="store_true", help="CSV cells exactly as in the graph (by default a cell "
                       "starting with = + - @ gets a leading ' so spreadsheets do not run it as a formula)")
    query.add_argument("--max-memory-mb", type=float, default=4096.0, metavar="MB",
                       help="memory the query may use beyond the graph (default: 4096)")
    query.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                       help="bind variable ?NAME to the literal VALUE (repeatable)")
    query.set_defaults(run=_query)

    render = command("render", "Draw the network view of an existing RDF graph.")
    render.add_argument("graph", metavar="GRAPH", help=".ttl, .trig, .nq or .jsonld file, or an OUTDIR")
    render.add_argument("-o", "--output", default="view.html", metavar="FILE", help="default: view.html")
    render.add_argument("--max-nodes", type=int, default=500, metavar="N",
                        help="most entities drawn (default: 500)")
    _view_options(render, "FILE without its suffix")
    render.set_defaults(run=_render)
    _store_commands(command)
    return parser


def _store_commands(command) -> None:
    """The subcommands of stores and servers: remove, serve, push, validate."""
    remove = command("remove", "Remove articles (their named graphs) from a persistent store.")
    remove.add_argument("--store", required=True, metavar="DIR", help="the store (kgbuild build --store DIR)")
    remove.add_argument("article_ids", nargs="+", metavar="ARTICLE_ID", help="the article's id (schema:identifier)")
    remove.set_defaults(run=_remove)

    serve = command("serve", "Serve a graph as a read-only SPARQL 1.1 endpoint, with a query page.")
    _graph_source(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine)")
    serve.add_argument("--port", type=int, default=7878, help="port (default: 7878; 0 picks a free one)")
    serve.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                       help="longest a query may run (default: 30)")
    serve.add_argument("--max-result-mb", type=float, default=50.0, metavar="MB",
                       help="largest answer sent (default: 50)")
    serve.add_argument("--allow-service", action="store_true", help="let queries use SERVICE (refused by default)")
    serve.add_argument("--max-memory-mb", type=float, default=4096.0, metavar="MB",
                       help="memory one query may use beyond the graph (default: 4096)")
    serve.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                       help="answer requests for this host name too (default: this machine's names and IP addresses)")
    serve.add_argument("--cors", action="append", default=[], metavar="ORIGIN",
                       help="let pages from ORIGIN (e.g. https://yasgui.org, or *) query from a browser")
    serve.set_defaults(run=_serve)

    push = command("push", "Upload a graph to a triplestore (SPARQL 1.1 Update), one named graph per article; "
                           "replaces only graphs this store pushed there, merges into the default graph.")
    _graph_source(push)
    push.add_argument("--endpoint", required=True, metavar="URL",
                      help="the Graph Store URL (Oxigraph: http://host:7878/store; Fuseki: http://host:3030/DS/data); "
                           "user:password@ in it is sent as Basic authentication")
    push.add_argument("--graph", dest="graph_iri", metavar="IRI", help="put the whole graph into this one named graph instead")
    push.add_argument("--retries", type=int, default=4, metavar="N",
                      help="further attempts per graph after 5xx or connection errors (default: 4)")
    push.add_argument("--prune", action="store_true",
                      help="also delete the server's kgbuild article graphs (under this graph's bases) that this "
                           "graph does not hold, although it did not push them")
    push.add_argument("--dry-run", action="store_true", help="say what would be replaced and deleted; send nothing")
    push.add_argument("--replace-existing", action="store_true",
                      help="replace graphs of this graph's names that the server holds from another push")
    push.add_argument("--query-endpoint", metavar="URL", help="the SPARQL query URL, if not beside --endpoint")
    push.add_argument("--update-endpoint", metavar="URL", help="the SPARQL update URL, if not beside --endpoint")
    push.set_defaults(run=_push)

    validate = command("validate", "Check a graph against kgbuild's SHACL shapes; exit 1 on violations.")
    _graph_source(validate)
    validate.set_defaults(run=_validate)


def _graph_source(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("graph", nargs="?", metavar="GRAPH", help=".ttl, .trig, .nq or .jsonld file, or an OUTDIR")
    sub.add_argument("--store", metavar="DIR", help="a persistent store instead (kgbuild build --store DIR)")
    sub.set_defaults(subparser=sub)


def _input_options(sub: argparse.ArgumentParser) -> None:
    """How inputs are read: which files of a directory, which record fields hold what."""
    group = sub.add_argument_group("reading inputs")
    group.add_argument("--glob", metavar="PATTERN",
                       help="in directories, read only files whose name matches PATTERN, at any depth "
                            "(e.g. '*.html', '2022-*.jsonl.gz')")
    for part, default in (("text", "text"), ("title", "title"), ("id", "id"), ("date", "date"),
                          ("url", "url"), ("source", "source"), ("author", "author")):
        group.add_argument(f"--{part}-field", default=default, metavar="NAME",
                           help=f"JSONL field or CSV column holding the article's {part} (default: {default})")


def _view_options(sub: argparse.ArgumentParser, stem: str) -> None:
    """What the network view draws, and the files for other tools written beside it."""
    group = sub.add_argument_group("the network view")
    group.add_argument("--focus", action="append", metavar="ENTITY",
                       help="draw only the neighbourhood of this entity (a name, other name or IRI; repeatable)")
    group.add_argument("--hops", type=_hops, default=1, metavar="K",
                       help="with --focus: how many statements away to reach (default: 1)")
    group.add_argument("--export", type=_export_formats, default=(), metavar="FORMATS",
                       help=f"also write the graph as {stem}.graphml, .gexf (the network, for Gephi or "
                            "Cytoscape) and/or .jsonld (the RDF): comma-separated, or all")


def _hops(text: str) -> int:
    try:
        hops = int(text)
    except ValueError:
        hops = -1
    if hops < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 0 up")
    return hops


def _export_formats(text: str) -> tuple[str, ...]:
    from kgbuild.render.export import export_formats

    try:
        return export_formats(text)
    except InputError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def _exports(graph, stem: Path, formats: Sequence[str]) -> list[str]:
    """Write the --export files beside the view; their paths, for the summary line."""
    return [str(path) for path in graph.export(stem, formats)] if formats else []


def _model_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--model", default=None, metavar="NAME",
                     help="an installed spaCy pipeline (default: en_core_web_sm)")


def _say(message: str, stream: TextIO | None = None) -> None:
    """Print one line, with line breaks and control characters escaped (`\\n`, `\\x1b`)."""
    line = _CONTROL_CHARACTERS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), message)
    print(f"kgbuild: {line}", file=stream or sys.stderr)


class _Problems:
    """Collects per-input problems: each is reported on one line as it happens."""

    def __init__(self, progress: "_Progress | None" = None) -> None:
        self.count = 0
        self.progress = progress

    def __call__(self, error: KgbuildError) -> None:
        self.count += 1
        if self.progress is not None and self.progress.bar is not None:
            with self.progress.bar.external_write_mode(file=sys.stderr):  # the line above the bar
                _say(f"warning: {error}")
        else:
            _say(f"warning: {error}")


def _scale_options(sub: argparse.ArgumentParser) -> None:
    """How many processes parse, and where: this machine or a Dask cluster."""
    group = sub.add_argument_group("processes and clusters")
    group.add_argument("-j", "--jobs", type=_positive, default=None, metavar="N",
                       help="processes that parse and extract (default: the cores of this machine); "
                            "the graph is the same for any N")
    cluster = group.add_mutually_exclusive_group()
    cluster.add_argument("--dask-scheduler", metavar="ADDRESS",
                         help="parse and extract on a Dask cluster: its scheduler's address (tcp://HOST:8786); "
                              "each worker needs the same kgbuild and spaCy pipeline (pip install 'kgbuild[dask]')")
    cluster.add_argument("--dask", choices=("local",),
                         help="local: on a Dask LocalCluster of --jobs worker processes on this machine")


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 1 up")
    return number


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use (containers, taskset)
    except AttributeError:
        return os.cpu_count() or 1


class _Progress:
    """A progress bar on stderr (articles/s, ETA when the count is known), for a terminal only.

    It appears after two seconds, so a build of a few articles shows none.
    """

    def __init__(self, *, enabled: bool, total: int | None = None) -> None:
        self.enabled, self.total, self.bar = enabled, total, None

    def __call__(self, summary) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=self.total, unit=" articles", file=sys.stderr, delay=2, dynamic_ncols=True,
                            desc="kgbuild", leave=False)
        done = summary.articles + summary.unchanged
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _articles(inputs: list[str], problems: _Problems, options: argparse.Namespace | None = None):
    from kgbuild.ingest import FieldNames, read_articles

    fields = FieldNames(**{part: getattr(options, f"{part}_field", default)
                           for part, default in vars(FieldNames()).items()})
    return read_articles(inputs, on_error=problems, stdin=sys.stdin, fields=fields,
                         glob=getattr(options, "glob", None))


def _build(options: argparse.Namespace) -> int:
    from kgbuild.graph import DEFAULT_BASE, check_base
    from kgbuild.ingest import count_articles
    from kgbuild.knowledge_graph import counted
    from kgbuild.pipeline import build

    try:  # before any article is read: a wrong --base is a wrong command line
        base = check_base(DEFAULT_BASE if options.base is None else options.base)
    except InputError as error:
        _say(f"error: --base: {error}")
        return EXIT_USAGE
    show_progress = not options.quiet and sys.stderr.isatty()
    progress = _Progress(enabled=show_progress,
                         total=count_articles(options.inputs, glob=options.glob) if show_progress else None)
    problems = _Problems(progress)
    if options.dask or options.dask_scheduler:
        _quiet_dask_logs(debug=options.debug)
    try:
        graph = build(_articles(options.inputs, problems, options), model=options.model,
                      base=base, on_error=problems, store=options.store,
                      jobs=options.jobs or _cores(), dask=options.dask_scheduler or options.dask, progress=progress)
    finally:
        progress.close()
    if graph.summary.articles == 0 and graph.summary.unchanged == 0:
        raise InputError("no article could be built from the inputs given; nothing written.")
    written = []
    if options.output == STDOUT:  # N-Quads on stdout, for `| riot --syntax=nq` or `| oxigraph load`
        graph.store.write_to(sys.stdout.buffer)
        sys.stdout.buffer.flush()
        written.append("stdout (N-Quads)")
    if options.store:
        written.append(f"store {options.store} ({counted(len(graph.store.graph_names()), 'article')}, "
                       f"{counted(len(graph), 'triple')})")
    if options.output != STDOUT and (options.output or not options.store):
        written.extend(map(str, graph.save(options.output or "out", max_nodes=options.max_nodes,
                                           focus=options.focus, hops=options.hops, export=options.export)))
    graph.close()
    if not options.quiet:  # with -o - stdout holds the RDF: the summary goes to stderr
        print(f"{graph.summary} → {', '.join(written)}"
              + (f" ({counted(problems.count, 'input')} skipped)" if problems.count else ""),
              file=sys.stderr if options.output == STDOUT else sys.stdout)
    return EXIT_OK


def _quiet_dask_logs(*, debug: bool) -> None:
    """Keep dask.distributed's INFO lines (~30 per build: scheduler, nannies, workers coming and
    going) off stderr unless --debug. Its loggers are set when it is imported, so after that."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        return  # the build says how to install it
    for name in ("distributed", "dask"):
        logging.getLogger(name).setLevel(logging.DEBUG if debug else logging.WARNING)


def _extract(options: argparse.Namespace) -> int:
    from kgbuild.extract.forms import FACT_CONFIDENCE, carb_columns, fact_columns, statement_record
    from kgbuild.ingest import read_sentences
    from kgbuild.pipeline import extract_articles

    problems = _Problems()
    if options.sentences:
        articles = read_sentences(options.inputs, on_error=problems, stdin=sys.stdin)
    else:
        articles = _articles(options.inputs, problems, options)
    written = 0
    if options.format == "tsv":  # a header row: the columns by name, for spreadsheets and csvkit
        print("\t".join(TSV_COLUMNS))
    # one sentence a line is too little text to tell a language by
    for resolved in extract_articles(articles, model=options.model, on_error=problems,
                                     check_language=not options.sentences):
        extraction = resolved.extraction
        text, statements = extraction.article.text, extraction.statements
        for statement in statements:
            if options.format == "carb":
                columns = [text if options.sentences else statement.sentence.text, f"{statement.confidence:.3f}",
                           *carb_columns(statement, statements, text)]
                print("\t".join(_one_line(c) for c in columns))
            elif options.format == "tsv":
                record = statement_record(statement, statements, text, extraction.article.id)
                print("\t".join(_one_line(str(record[k])) for k in TSV_COLUMNS))
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


def _one_line(text: str) -> str:
    from kgbuild.escapes import terminal_safe

    return terminal_safe(" ".join(text.split()))


def _query(options: argparse.Namespace) -> int:
    if options.file:
        try:
            sparql = Path(options.file).read_text(encoding="utf-8")
        except OSError as error:
            raise QueryError(f"{options.file}: cannot read the query ({error.strerror}).") from error
    elif options.sparql or (options.store and options.graph):  # with --store the one positional is the query
        sparql = options.sparql or options.graph
        options.graph = None if options.sparql is None else options.graph
    else:
        raise QueryError("No query given. Pass the query text or -f FILE.rq.")
    bindings = {}
    for item in options.param:
        name, equals, value = item.partition("=")
        if not equals or not name.strip():
            raise QueryError(f"--param {item!r} is not NAME=VALUE.")
        bindings[name.strip().lstrip("?$")] = value
    from kgbuild.query import run_query_in_worker

    with _open_graph(options, read_only=True) as graph:
        result = run_query_in_worker(graph.store, sparql, bindings=bindings, allow_service=options.allow_service,
                                     max_memory_bytes=int(options.max_memory_mb * 1_000_000))
    output = {"table": result.to_table, "csv": lambda: result.to_csv(raw=options.raw), "json": result.to_json,
              "turtle": result.to_turtle}[options.format]()
    sys.stdout.write(output if output.endswith("\n") else output + "\n")
    return EXIT_OK


def _render(options: argparse.Namespace) -> int:
    from kgbuild.knowledge_graph import KnowledgeGraph

    graph = KnowledgeGraph.load(options.graph)
    if len(graph) == 0:
        raise GraphError(f"{options.graph}: the graph is empty; nothing to draw.")
    path = graph.to_html(options.output, max_nodes=options.max_nodes, focus=options.focus, hops=options.hops)
    exported = _exports(graph, path.with_name(path.stem), options.export)
    print(f"wrote {', '.join([str(path), *exported])}")
    return EXIT_OK


def _open_graph(options: argparse.Namespace, *, read_only: bool = False):
    """The graph a command names: GRAPH (files, loaded into memory) or --store DIR."""
    from kgbuild.knowledge_graph import KnowledgeGraph

    if (options.graph is None) == (options.store is None):
        options.subparser.error("give GRAPH (a file or an output directory) or --store DIR, not both")
    if options.store is not None:
        return KnowledgeGraph.open_store(options.store, read_only=read_only)
    return KnowledgeGraph.load(options.graph)


def _remove(options: argparse.Namespace) -> int:
    from kgbuild.knowledge_graph import KnowledgeGraph, counted

    removed = []
    with KnowledgeGraph.open_store(options.store) as graph:
        for article_id in options.article_ids:
            if graph.remove_article(article_id):
                removed.append(article_id)
            else:
                _say(f"warning: {options.store} holds no article {article_id!r}; nothing removed for it")
        left, triples = len(graph.store.graph_names()), len(graph)
    if not removed:
        return EXIT_FAILED
    print(f"removed {counted(len(removed), 'article')} from {options.store}; "
          f"{counted(left, 'article')}, {counted(triples, 'triple')} left")
    return EXIT_OK


def _serve(options: argparse.Namespace) -> int:
    import signal

    from kgbuild.query.endpoint import EndpointLimits

    limits = EndpointLimits(timeout=options.timeout, max_result_bytes=int(options.max_result_mb * 1_000_000),
                            max_memory_bytes=int(options.max_memory_mb * 1_000_000))
    with _open_graph(options, read_only=True) as graph:
        def announce(endpoint) -> None:
            print(f"kgbuild: serving {len(graph)} triples at {endpoint.url} (query page: "
                  f"{endpoint.url.removesuffix('/sparql')}/); Ctrl-C stops", flush=True)
            if options.host not in ("127.0.0.1", "localhost", "::1"):
                _say(f"warning: listening on {options.host}: other machines can query this graph")

        signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops the server as Ctrl-C does
        try:
            graph.serve(host=options.host, port=options.port, limits=limits, allow_service=options.allow_service,
                        allowed_hosts=options.allow_host, cors_origins=options.cors, on_ready=announce)
        except KeyboardInterrupt:
            pass
    return EXIT_OK


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _push(options: argparse.Namespace) -> int:
    from kgbuild.graph.push import record_beside

    with _open_graph(options) as graph:
        record = record_beside(options.graph) if options.graph is not None else None
        report = graph.push(options.endpoint, graph=options.graph_iri, retries=options.retries,
                            prune=options.prune, dry_run=options.dry_run,
                            replace_existing=options.replace_existing, record=record,
                            query_endpoint=options.query_endpoint, update_endpoint=options.update_endpoint)
    if options.dry_run:
        print(report)
        return EXIT_OK
    print(f"pushed {report}")
    for name in report.skipped:
        _say(f"warning: left <{name}> alone: the server holds it and this graph did not push it there "
             "(--replace-existing takes it over)")
    return EXIT_FAILED if report.skipped else EXIT_OK


def _validate(options: argparse.Namespace) -> int:
    with _open_graph(options, read_only=True) as graph:
        report = graph.validate()
    print(report.to_text())
    return EXIT_OK if report.conforms else EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
