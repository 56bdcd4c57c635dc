"""Network view benchmark: what a reader sees at first paint, and how fast, on BBC News.

For graphs built from an even sample of 150, 600 and all BBC articles
(../shared/corpora/bbc/articles.jsonl, held-out articles left out), each drawn with
--max-nodes 500 (and more), prints one row: the time to make the page in Python, the
HTML size, and in headless Chromium (software rendering, 1440x900, network blocked):
named entities read back by OCR (tesseract) from a screenshot of the drawing at first
paint, drawn nodes and the share of them without a drawn edge, the entity-entity share of
drawn edges, self-loops, time to first drawing and to interactive, and frames per second
while panning. Run by hand:

    .venv/bin/python benchmarks/view.py                      # the whole table
    .venv/bin/python benchmarks/view.py --articles 150 600 --max-nodes 500
    .venv/bin/python benchmarks/view.py --seed --articles 150 --max-nodes 500   # -1: the seed

Built graphs are cached as N-Quads in $TMPDIR/kgbuild-view-benchmark/ (building all
articles takes several minutes); --rebuild builds them again. Pages and screenshots are
kept there too, for opening by hand.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "bbc" / "articles.jsonl"
SEED = REPO / "seeds" / "ukraine-war-2022-03-14.txt"
CHROMIUM = "/usr/bin/chromium"
CACHE = Path(tempfile.gettempdir()) / "kgbuild-view-benchmark"
VIEWPORT = {"width": 1440, "height": 900}
#: How long each drag lasts, and the longest wait for the physics to settle.
DRAG_SECONDS = 3.0
SETTLE_TIMEOUT_MS = 60_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[150, 600, 0],
                        help="sample sizes; 0: every article that is not held out")
    parser.add_argument("--max-nodes", type=int, nargs="+", default=[500, 3000])
    parser.add_argument("--seed", action="store_true", help="also the seed article's view")
    parser.add_argument("--rebuild", action="store_true", help="build the cached graphs again")
    parser.add_argument("--physics", action="store_true", help="also time the physics settling")
    parser.add_argument("--chromium", default=CHROMIUM)
    options = parser.parse_args()
    sys.path.insert(0, str(REPO))

    from kgbuild.knowledge_graph import KnowledgeGraph
    from kgbuild.render import to_html
    from kgbuild.render.convert import view_from_contents
    try:
        from kgbuild.render.rdf_reader import read_graph
    except ImportError:  # a tree from before the SPARQL reader, for a before/after table
        from kgbuild.render.network import read_graph  # type: ignore[no-redef]

    rows = []
    print(f"kgbuild network view, BBC News; pages in {CACHE}\n", file=sys.stderr)
    for articles in ([-1] if options.seed else []) + options.articles:
        graph_file = cached_graph(articles, rebuild=options.rebuild)
        articles = articles if articles != 0 else len(sample(0))
        started = time.perf_counter()
        knowledge = KnowledgeGraph.load(graph_file)
        load_seconds = time.perf_counter() - started
        started = time.perf_counter()
        try:
            contents = read_graph(knowledge.store)  # what `render` and a build's view read
        except TypeError:  # before the SPARQL reader: it read the rdflib Dataset
            contents = read_graph(knowledge.dataset)
        read_seconds = time.perf_counter() - started
        for max_nodes in options.max_nodes:
            started = time.perf_counter()
            view = view_from_contents(contents, max_nodes=max_nodes)
            try:  # the page write_html makes: the statement graph carried for its button
                from kgbuild.render.page import STATEMENT_GRAPH_NODES
            except ImportError:  # before the button
                page = to_html(view)
            else:
                other = view_from_contents(contents, statements=True,
                                           max_nodes=min(max_nodes, STATEMENT_GRAPH_NODES))
                page = to_html(view, alternate=other)
            render_seconds = time.perf_counter() - started
            path = CACHE / f"bbc-{articles}-{max_nodes}.html"
            path.write_text(page, encoding="utf-8")
            print(f"{articles} articles, --max-nodes {max_nodes}: {len(view.nodes)} nodes drawn; "
                  "opening in Chromium …", file=sys.stderr)
            browser = measure_in_browser(path, options.chromium, physics=options.physics)
            print(f"  {browser}", file=sys.stderr)
            rows.append({
                "articles": "seed" if articles == -1 else f"{articles:,}",
                "graph nodes": len(contents.nodes),
                "max nodes": max_nodes,
                "load s": load_seconds,
                "read s": read_seconds,
                "page s": render_seconds,
                "MB": len(page.encode("utf-8")) / 1e6,
                **browser,
            })
    print_table(rows)


def sample(articles: int) -> list[str]:
    """An even sample of the corpus (every k-th article, so every category and story
    type is in it), without the held-out articles (../shared/precision/holdout.txt)."""
    holdout = REPO.parent / "shared" / "precision" / "holdout.txt"
    held = {line.strip() for line in holdout.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}
    lines = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        article_id = json.loads(line)["id"]
        if article_id in held or (article_id.endswith("4") and article_id != "bbc-politics-054"):
            continue
        lines.append(line)
    if not articles or articles >= len(lines):
        return lines
    step = len(lines) / articles
    return [lines[int(k * step)] for k in range(articles)]


def cached_graph(articles: int, *, rebuild: bool) -> Path:
    """The graph of a sample of `articles` BBC articles, built once and kept as N-Quads."""
    if articles == -1:  # the seed article
        return _seed_graph(rebuild=rebuild)
    lines = sample(articles)
    digest = hashlib.sha1("\n".join(lines).encode("utf-8")).hexdigest()[:10]
    target = CACHE / f"bbc-{articles}-{digest}.nq"
    if target.exists() and not rebuild:
        return target
    import kgbuild

    CACHE.mkdir(parents=True, exist_ok=True)
    source = CACHE / f"bbc-{articles}.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"building the graph of {articles:,} articles (cached in {target}) …", file=sys.stderr)
    started = time.perf_counter()
    graph = kgbuild.build([source], jobs=1)
    graph.write(target)
    print(f"  {graph.summary}; {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return target


def _seed_graph(*, rebuild: bool) -> Path:
    import kgbuild

    target = CACHE / "seed.nq"
    if not target.exists() or rebuild:
        CACHE.mkdir(parents=True, exist_ok=True)
        kgbuild.build([SEED], jobs=1).write(target)
    return target


def measure_in_browser(path: Path, chromium: str, *, physics: bool) -> dict[str, Any]:
    """Seconds until drawn, seconds the physics takes to settle, frames per second while
    panning and while dragging a node; the page is opened offline (requests aborted)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        try:
            context = browser.new_context(viewport=VIEWPORT)
            requests: list[str] = []
            errors: list[str] = []

            def route(route: Any) -> None:
                if route.request.url.startswith("file://"):
                    route.continue_()
                else:
                    requests.append(route.request.url)
                    route.abort()

            context.route("**/*", route)
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(path.resolve().as_uri(), wait_until="commit")
            page.wait_for_function("() => window.kgDrawn === true", timeout=300_000)
            page.wait_for_timeout(300)
            ready = page.evaluate("kgTimes.drawn") / 1000
            interactive = page.evaluate("kgTimes.interactive || kgTimes.drawn") / 1000
            shot = path.with_suffix(".png")
            page.locator("#kg-network").screenshot(path=str(shot))
            drawn = page.evaluate(DRAWN)
            legible = _legible(shot, drawn.pop("names"))
            page.evaluate("""() => { window.kgFrames = 0;
                kgNetwork.on("afterDrawing", () => { window.kgFrames += 1; }); }""")
            page.evaluate(REDRAW_TIMER)
            pan = _fps_while_dragging(page, _empty_point(page))
            redraws = sorted(page.evaluate("kgRedraws.splice(0)")[3:])
            settle = _physics_settle(page) if physics else None
            if requests or errors:
                raise RuntimeError(f"{path}: requests {requests[:3]}, errors {errors[:3]}")
        finally:
            browser.close()
    return {"OCR names": legible, **drawn, "ready s": ready, "interactive s": interactive,
            "settle s": settle, "fps pan": pan,
            "redraw ms": redraws[len(redraws) // 2] if redraws else None}


#: Times each redraw of the canvas (vis-network's renderer, page hooks included), in ms.
REDRAW_TIMER = """() => {
    window.kgRedraws = [];
    const renderer = kgNetwork.renderer, redraw = renderer._redraw.bind(renderer);
    renderer._redraw = (hidden) => { const t = performance.now(); redraw(hidden);
                                     kgRedraws.push(performance.now() - t); };
}"""

#: What is drawn: nodes, edges among them, lone nodes, entity-entity edges, self-loops, and
#: the names of the drawn entities. Reads the old page (statement graph: `group` is the
#: kind, `label` the name) and the new one (`kgKind`, `kgName`) alike.
DRAWN = """() => {
    const ENTITY = new Set(["person", "organization", "place", "event", "entity"]);
    const kind = (n) => n.kgKind || n.group;
    const shown = new Map(kgNodes.get().filter(n => !n.hidden).map(n => [n.id, n]));
    const edges = kgEdges.get().filter(e => !e.hidden && shown.has(e.from) && shown.has(e.to));
    const linked = new Set();
    let entityEdges = 0, loops = 0;
    for (const e of edges) {
        linked.add(e.from); linked.add(e.to);
        if (ENTITY.has(kind(shown.get(e.from))) && ENTITY.has(kind(shown.get(e.to)))) entityEdges += 1;
        if (e.from === e.to) loops += 1;
    }
    const nodes = [...shown.values()];
    return {"drawn nodes": nodes.length, "drawn edges": edges.length,
            "lone %": 100 * nodes.filter(n => !linked.has(n.id)).length / Math.max(1, nodes.length),
            "entity edges %": 100 * entityEdges / Math.max(1, edges.length), "self-loops": loops,
            names: nodes.filter(n => ENTITY.has(kind(n))).map(n => n.kgName || n.label)};
}"""


def _legible(screenshot: Path, names: list[str]) -> int:
    """How many of the drawn entities' names OCR reads back from the screenshot."""
    import re
    import subprocess

    def words(text: str) -> str:
        return " " + " ".join(re.findall(r"[a-z0-9]+", text.casefold())) + " "

    read = words(subprocess.run(["tesseract", str(screenshot), "-", "--psm", "11"],
                                capture_output=True, text=True, check=True).stdout)
    return len({name for name in names if words(name).strip() and words(name) in read})


def _fps_while_dragging(page: Any, start: dict[str, float]) -> float:
    """Frames drawn per second while the mouse drags from `start` in a slow circle."""
    import math

    page.mouse.move(start["x"], start["y"])
    page.mouse.down()
    page.evaluate("window.kgFrames = 0")
    began = time.perf_counter()
    step = 0
    while time.perf_counter() - began < DRAG_SECONDS:
        angle = step / 10
        page.mouse.move(start["x"] + 60 * math.sin(angle), start["y"] + 60 * (1 - math.cos(angle)))
        step += 1
    page.evaluate("() => new Promise(requestAnimationFrame)")  # the last frame asked for
    frames = page.evaluate("kgFrames")
    seconds = time.perf_counter() - began
    page.mouse.up()
    return frames / seconds


def _node_point(page: Any) -> dict[str, float]:
    """Where on the screen the most connected node is."""
    return page.evaluate("""() => {
        const id = kgNodes.get().reduce((a, b) => (kgNetwork.getConnectedEdges(b.id).length >
                                                 kgNetwork.getConnectedEdges(a.id).length ? b : a)).id;
        const dom = kgNetwork.canvasToDOM(kgNetwork.getPositions([id])[id]);
        const box = document.querySelector("#kg-network canvas").getBoundingClientRect();
        return {x: box.left + dom.x, y: box.top + dom.y};
    }""")


def _empty_point(page: Any) -> dict[str, float]:
    """A point of the canvas with no node under it, near its middle."""
    return page.evaluate("""() => {
        const box = document.querySelector("#kg-network canvas").getBoundingClientRect();
        for (let dx = 0; dx < box.width / 2; dx += 7) for (const sign of [1, -1]) {
            const x = box.width / 2 + sign * dx, y = box.height / 2 + dx / 3;
            if (kgNetwork.getNodeAt({x, y}) === undefined && kgNetwork.getEdgeAt({x, y}) === undefined)
                return {x: box.left + x, y: box.top + y};
        }
        return {x: box.left + 5, y: box.top + 5};
    }""")


def _physics_settle(page: Any) -> float | None:
    """Seconds from switching the physics on until vis-network reports it has settled
    (None: still moving after a minute)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    began = page.evaluate("""() => {
        const box = document.getElementById("kg-physics");
        box.checked = true;
        const now = performance.now();
        box.dispatchEvent(new Event("change"));
        return now;
    }""")
    try:
        page.wait_for_function("() => kgTimes.stabilized !== null", timeout=SETTLE_TIMEOUT_MS,
                               polling=250)
    except PlaywrightTimeout:
        return None
    if page.evaluate("kgTimes.physicsStopped"):  # the page's own limit stopped it first
        return None
    return (page.evaluate("kgTimes.stabilized") - began) / 1000


def print_table(rows: list[dict[str, Any]]) -> None:
    columns = [
        ("articles", "{}"), ("graph nodes", "{:,}"), ("max nodes", "{:,}"),
        ("drawn nodes", "{:,}"), ("drawn edges", "{:,}"), ("OCR names", "{:,}"),
        ("lone %", "{:.0f}"), ("entity edges %", "{:.0f}"), ("self-loops", "{:,}"),
        ("load s", "{:.1f}"), ("read s", "{:.1f}"), ("page s", "{:.1f}"), ("MB", "{:.2f}"), ("ready s", "{:.2f}"),
        ("interactive s", "{:.2f}"), ("settle s", "{:.1f}"), ("fps pan", "{:.0f}"),
        ("redraw ms", "{:.1f}"),
    ]
    print("| " + " | ".join(name for name, _ in columns) + " |")
    print("|" + "|".join("---:" for _ in columns) + "|")
    for row in rows:
        cells = ["—" if row[name] is None else form.format(row[name]) for name, form in columns]
        print("| " + " | ".join(cells) + " |")
    print("\nOCR names: drawn entities whose names tesseract reads from the first paint; "
          "lone %: drawn nodes without a drawn edge; entity edges %: drawn edges between two "
          "named entities; load s: the N-Quads file into Oxigraph; read s: the view's SPARQL "
          "reading the graph once (render.rdf_reader); page s: view model and HTML "
          "(with the statement graph the page carries for its Statements button); "
          "MB: the page; ready s / interactive s: navigation to the first drawing / to the "
          "page answering; settle s: physics on until settled; fps pan: frames per second "
          "while dragging the view (bound by how fast the browser gets mouse moves: on a loaded "
          "machine well under 60); redraw ms: median time of one redraw while dragging (the "
          "drawing's own cost: 1000 / redraw ms redraws per second are possible).")
    (CACHE / "view-benchmark.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
