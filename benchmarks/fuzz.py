"""Fuzz the extractor and the RDF writer with generated texts; report every crash (goal 0).

Each text becomes an article with odd fields too (id, headline, byline, source, URL, date).
They are built 100 at a time with `kgbuild.build`; a crash is an exception out of the
build, an article the extractor or resolver failed on, or a Turtle or N-Quads file that
rdflib and Oxigraph do not read back to the triples built, or that holds an ill-typed
literal (`"2022-02-30"^^xsd:date`). A batch that crashes is built again one article at a
time to name the text. Run by hand:

    .venv/bin/python benchmarks/fuzz.py [--texts 10000] [--seed 0] [--show 5]
    .venv/bin/python benchmarks/fuzz.py --sparql 2000

`--sparql N` fuzzes the query guard instead: N generated queries that each hold a SERVICE
pattern aimed at a listener on loopback, dressed in SPARQL's lexical tricks (escapes in
prefixed names, quotes, comments, strings, IRIs with `#`, codepoint escapes, case, nested
groups). Each runs through `kgbuild.query.runner.evaluate` in this process (network on, so
only the parsed-query check stands between a query and a fetch); a connection reaching
the listener is a failure (goal 0).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal

import kgbuild
from kgbuild.types import Article

NAMES = ["Russia", "Josep Borrell", "NATO", "the EU", "Mr Borrell", "Kyiv", "Mariupol", "Reuters", "he", "she",
         "they", "it", "the 42-year-old mother of two", "Volodymyr Zelensky", "the Red Cross", "Ms Smith",
         "the BBC", "Apple Inc.", "U.S.", "President Joe Biden", "a spokesman"]
VERBS = ["said", "attacked", "denied", "did not attack", "is believed to have killed", "will visit", "told",
         "could not verify", "met", "warned", "according to", "died in", "was killed in", "has yet to reach",
         "reportedly seized", "claimed", "may have", "never", "bought", "sold", "is", "'s"]
WORDS = ["the", "a", "port", "hospital", "on Monday", "last week", "in 2019", "near Poland", "civilians", "that",
         "which", "who", "and", "but", "not", "2,400", "£5m", "42%", "Mr", "Dr.", "e.g.", "U.N.", "http://x.org/a?b=c"]
ODD = ["\u200b", "\u200d", "\u202e", "\u202c", "\u2028", "\u2029", "\x07", "\x1b[31m", "\ufeff", "\U0001f525",
       "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\u0301", "\n", "\n\n", "\r\n", "\r", "\t", "  ", '"', "\u201c",
       "\u201d", "'", "\u2019", "(", ")", "[", "]", "...", "\u2014", "-", "&", "<", ">", "\\", "%", "#", "@", "{", "}",
       "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\u4e2d\u6587", "\U0001d400", "\x85", "\xa0",
       "\x00", "\ud800", "\udfff", "\uffff", "\U0010ffff", "<script>alert(1)</script>", "javascript:alert(1)",
       "</script><!--", "${title}", '"}]', "\\u0000", "%00", "%2F..%2F", "^^<x>", "_:b0", "@en", '"""', "'''"]
PUNCTUATION = [".", ",", ":", ";", "!", "?", "\u2026"]


def generate(rng: random.Random) -> str:
    """One text: news-like sentences with odd characters spliced in, or raw noise."""
    kind = rng.random()
    if kind < 0.15:  # any code points at all
        return "".join(chr(rng.choice([rng.randrange(0x20, 0x7f), rng.randrange(0, 0x110000)]))
                       for _ in range(rng.randrange(1, 200)))
    if kind < 0.2:  # one token repeated, no full stop
        return " ".join([rng.choice(NAMES + WORDS)] * rng.randrange(1, 600))
    sentences = []
    for _ in range(rng.randrange(1, 8)):
        pieces = []
        for _ in range(rng.randrange(2, 25)):
            pool = rng.choices([NAMES, VERBS, WORDS, ODD, PUNCTUATION], weights=[4, 3, 4, 2, 1])[0]
            pieces.append(rng.choice(pool))
        sentences.append(" ".join(pieces) + rng.choice(PUNCTUATION + [""]))
    return rng.choice([" ", "\n", "\n\n"]).join(sentences)


def field(rng: random.Random) -> str:
    return "".join(rng.choice(ODD + NAMES + WORDS) for _ in range(rng.randrange(1, 4)))


def article(number: int, rng: random.Random) -> Article:
    odd = rng.random() < 0.3
    return Article(
        id=f"fuzz-{number}" + (field(rng) if odd else ""),
        text=generate(rng),
        title=field(rng) if odd else None,
        url=field(rng) if odd else None,
        source=field(rng) if odd else None,
        authors=(field(rng),) if odd else (),
        date=rng.choice(["2022-03-14", "2022-02-30", "yesterday", field(rng)]) if odd else None,
    )


def crashes_of(articles: list[Article]) -> list[str]:
    """What went wrong building these articles and writing them out (nothing, when all is well)."""
    errors = []
    try:
        graph = kgbuild.build(articles, on_error=errors.append)
    except Exception:  # noqa: BLE001 - that is the finding
        return [f"build raised: {traceback.format_exc(limit=3).strip()}"]
    found = [str(error) for error in errors if not _expected(str(error))]
    if graph.summary.articles + graph.summary.duplicates == 0:
        return found
    built = sum(1 for _ in graph.store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    named = sum(1 for name in graph.store.graph_names()
                for _ in graph.store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(str(name))))
    with tempfile.TemporaryDirectory() as directory:
        for name, rdflib_format, count in (("g.ttl", "turtle", built), ("g.nq", "nquads", named)):
            try:
                path = graph.write(Path(directory) / name)
                by_oxigraph = sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.from_extension(name[2:])))
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    parsed = Graph() if rdflib_format == "turtle" else Dataset()
                    parsed.parse(path, format=rdflib_format)
                    by_rdflib = (len(parsed) if rdflib_format == "turtle"
                                 else sum(1 for _ in parsed.quads((None, None, None, None))))
                # N-Quads hold the named graphs and the few triples only the union holds (merges)
                if by_oxigraph != by_rdflib or by_rdflib < count or (name == "g.ttl" and by_rdflib != count):
                    found.append(f"{name}: built {count} triples, Oxigraph read {by_oxigraph}, rdflib {by_rdflib}")
                ill_typed = {str(o) for o in parsed.objects() if isinstance(o, Literal) and o.ill_typed}
                if ill_typed:
                    found.append(f"{name}: ill-typed literals {sorted(ill_typed)[:3]}")
            except Exception as error:  # noqa: BLE001
                found.append(f"{name}: {type(error).__name__}: {error}")
    return found


def _expected(message: str) -> bool:
    """Messages about input, not crashes: an article in another language, a text too long."""
    return "not in the pipeline's language" in message or "characters long, more than" in message


SPARQL_TRICKS = [
    "?x ex:a\\#b ?y .", "?x ex:a\\'b ?y .", '?x ex:a\\"b ?y .', "?x ex:a\\~b\\.c ?y .", "?x ex:a\\%b ?y .",
    "?x ?p 'it\\'s' .", '?x ?p "a \\" # b" .', "?x ?p '''a ' '' SERVICE b''' .", '?x ?p """ " "" # """ .',
    "?x <http://example.org/#SERVICE> ?y .", '?x ?p "\\u0022 # " .', "?x ex:SERVICE ?y .", "?service ?p ?o .",
    "# SERVICE <http://x/> { }\n", "#\u00a0'\n", "FILTER(?x != 'SERVICE')", "FILTER(?x<?y)", "BIND('#' AS ?h)",
    "?x ex:a\\#b ?y . # '", "?x ex:a\\'b ?y . # '", '?x ex:a\\"b ?y . # "', "VALUES ?v { 'a' \"b\" }",
]
SERVICE_FORMS = ["SERVICE", "service", "SeRvIcE", "SERVICE SILENT", "service silent", "\\u0053ERVICE",
                 "SERVIC\\u0045", "\\U00000053ERVICE"]


def sparql_query(rng: random.Random, url: str) -> str:
    """A query with a SERVICE pattern hidden among lexical tricks, in a UNION branch (always evaluated)."""
    before = " ".join(rng.choice(SPARQL_TRICKS) for _ in range(rng.randrange(1, 4)))
    after = " ".join(rng.choice(SPARQL_TRICKS) for _ in range(rng.randrange(0, 2)))
    separator = rng.choice([" ", "", "\n", "\t", " # x\n"])
    endpoint = rng.choice([f"<{url}>", "?endpoint"])
    service = f"{rng.choice(SERVICE_FORMS)}{separator}{endpoint}{separator}{{ ?s ?p ?o }}"
    depth = rng.randrange(0, 4)
    service = "{ " * depth + service + " }" * depth
    bind = f"BIND(<{url}> AS ?endpoint) " if endpoint == "?endpoint" else ""
    form = rng.choice(["SELECT * WHERE", "SELECT ?s WHERE", "ASK", "CONSTRUCT { ?s ?p ?o } WHERE"])
    body = f"{{ {{ {before} }} UNION {{ {bind}{service} }} {after} }}"
    if rng.random() < 0.2:
        body = f"{{ {{ SELECT * {body} }} }}"
    return f"PREFIX ex: <https://example.org/>\n{form} {body}"


def fuzz_sparql(count: int, seed: int, show: int) -> int:
    """Run `count` generated SERVICE queries through the guard and Oxigraph; count fetches."""
    import socket
    import threading

    from kgbuild.errors import QueryError
    from kgbuild.graph import KnowledgeStore
    from kgbuild.query.runner import evaluate

    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    fetched: list[int] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                continue
            fetched.append(1)
            connection.close()

    watcher = threading.Thread(target=accept)
    watcher.start()
    store = KnowledgeStore()
    store.oxigraph.add(ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/p"),
                               ox.Literal("a")))
    rng = random.Random(seed)
    outcomes = {"refused (SERVICE)": 0, "refused (other)": 0, "evaluated": 0}
    leaks: list[str] = []
    started = time.perf_counter()
    for _ in range(count):
        query = sparql_query(rng, url)
        before = len(fetched)
        try:
            answer = evaluate(store, query)
            list(answer) if not isinstance(answer, ox.QueryBoolean) else bool(answer)
            outcomes["evaluated"] += 1
        except QueryError as error:
            outcomes["refused (SERVICE)" if "SERVICE" in str(error) else "refused (other)"] += 1
        except (OSError, ValueError, RuntimeError, SyntaxError):
            outcomes["evaluated"] += 1  # Oxigraph failed while evaluating: it got past the guard
        time.sleep(0.001)
        if len(fetched) > before:
            leaks.append(query)
    time.sleep(0.3)
    stop.set()
    watcher.join()
    listener.close()
    seconds = time.perf_counter() - started
    print(f"{count:,} generated SERVICE queries (seed {seed}) through kgbuild's query guard and Oxigraph, "
          f"network on: {len(fetched)} fetches; {outcomes}; {seconds:,.1f} s")
    for query in leaks[:show]:
        print(f"\nfetched: {query!r}")
    return 1 if fetched else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sparql", type=int, default=0, metavar="N", help="fuzz N SERVICE queries instead")
    parser.add_argument("--texts", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--show", type=int, default=5, help="crashing texts printed")
    options = parser.parse_args()
    if options.sparql:
        return fuzz_sparql(options.sparql, options.seed, options.show)
    rng = random.Random(options.seed)
    articles = [article(number, rng) for number in range(options.texts)]
    started = time.perf_counter()
    crashes: list[tuple[Article, list[str]]] = []
    for start in range(0, len(articles), options.batch):
        batch = articles[start:start + options.batch]
        if crashes_of(batch):
            crashes.extend((one, found) for one in batch if (found := crashes_of([one])))
        done = start + len(batch)
        if done % 1000 == 0:
            print(f"  {done:>6,} texts, {len(crashes)} crashes, {time.perf_counter() - started:,.0f} s",
                  file=sys.stderr, flush=True)
    seconds = time.perf_counter() - started
    characters = sum(len(one.text) for one in articles)
    print(f"{len(articles):,} generated texts ({characters:,} characters, seed {options.seed}) through "
          f"kgbuild.build, Turtle and N-Quads, each read back by rdflib and Oxigraph: "
          f"{len(crashes)} crashes in {seconds:,.0f} s")
    for one, found in crashes[: options.show]:
        print(f"\n{one.id!r}: {one.text[:200]!r}\n  " + "\n  ".join(found))
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
