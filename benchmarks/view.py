"""Network view benchmark: page size, time to draw and frames per second on BBC News.

For graphs built from the first 10, the first 100 and all 2,225 BBC articles
(../shared/corpora/bbc/articles.jsonl), each drawn with --max-nodes 500, 2,000 and 5,000,
prints one row with the time to make the page in Python, the HTML size, and in headless
Chromium (network blocked): the time until the network is drawn (the layout comes from
Python, so the drawn network is already still), the time the physics simulation takes to
settle once switched on, and frames per second while panning the whole network and while
dragging its most connected node. Run by hand:

    .venv/bin/python benchmarks/view.py                      # the whole table (~10 min)
    .venv/bin/python benchmarks/view.py --articles 10 100 --max-nodes 500

Built graphs are cached as N-Quads in $TMPDIR/kgbuild-view-benchmark/ (building all
2,225 articles takes several minutes); --rebuild builds them again. Pages are kept there
too, for opening by hand.
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
CHROMIUM = "/usr/bin/chromium"
CACHE = Path(tempfile.gettempdir()) / "kgbuild-view-benchmark"
VIEWPORT = {"width": 1440, "height": 900}
#: How long each drag lasts, and the longest wait for the physics to settle.
DRAG_SECONDS = 3.0
SETTLE_TIMEOUT_MS = 60_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[10, 100, 2225])
    parser.add_argument("--max-nodes", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--rebuild", action="store_true", help="build the cached graphs again")
    parser.add_argument("--no-physics", action="store_true", help="skip the physics settle time")
    parser.add_argument("--chromium", default=CHROMIUM)
    options = parser.parse_args()
    sys.path.insert(0, str(REPO))

    from kgbuild.knowledge_graph import KnowledgeGraph
    from kgbuild.render import to_html
    from kgbuild.render.convert import view_from_contents
    from kgbuild.render.network import read_graph

    rows = []
    print(f"kgbuild network view, BBC News; pages in {CACHE}\n", file=sys.stderr)
    for articles in options.articles:
        graph_file = cached_graph(articles, rebuild=options.rebuild)
        started = time.perf_counter()
        contents = read_graph(KnowledgeGraph.load(graph_file).dataset)
        read_seconds = time.perf_counter() - started
        for max_nodes in options.max_nodes:
            started = time.perf_counter()
            view = view_from_contents(contents, max_nodes=max_nodes)
            page = to_html(view, title=f"BBC News, {articles:,} articles")
            render_seconds = time.perf_counter() - started
            path = CACHE / f"bbc-{articles}-{max_nodes}.html"
            path.write_text(page, encoding="utf-8")
            print(f"{articles} articles, --max-nodes {max_nodes}: {len(view.nodes)} nodes drawn; "
                  "opening in Chromium …", file=sys.stderr)
            browser = measure_in_browser(path, options.chromium, physics=not options.no_physics)
            print(f"  {browser}", file=sys.stderr)
            rows.append({
                "articles": articles,
                "graph nodes": len(contents.nodes),
                "statements": len(contents.statements),
                "max nodes": max_nodes,
                "drawn nodes": len(view.nodes),
                "edges": len(view.edges),
                "listed": len(view.statements),
                "read s": read_seconds,
                "page s": render_seconds,
                "MB": len(page.encode("utf-8")) / 1e6,
                **browser,
            })
    print_table(rows)


def cached_graph(articles: int, *, rebuild: bool) -> Path:
    """The graph of the first `articles` BBC articles, built once and kept as N-Quads."""
    lines = CORPUS.read_text(encoding="utf-8").splitlines()[:articles]
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
    graph = kgbuild.build([source])
    graph.write(target)
    print(f"  {graph.summary}; {time.perf_counter() - started:.0f} s", file=sys.stderr)
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
            ready = page.evaluate("kgTimes.drawn") / 1000
            page.evaluate("""() => { window.kgFrames = 0;
                kgNetwork.on("afterDrawing", () => { window.kgFrames += 1; }); }""")
            pan = _fps_while_dragging(page, _empty_point(page))
            drag = _fps_while_dragging(page, _node_point(page))
            settle = _physics_settle(page) if physics else None
            if requests or errors:
                raise RuntimeError(f"{path}: requests {requests[:3]}, errors {errors[:3]}")
        finally:
            browser.close()
    return {"ready s": ready, "settle s": settle, "fps pan": pan, "fps drag": drag}


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
        ("articles", "{:,}"), ("graph nodes", "{:,}"), ("statements", "{:,}"),
        ("max nodes", "{:,}"), ("drawn nodes", "{:,}"), ("edges", "{:,}"), ("listed", "{:,}"),
        ("read s", "{:.1f}"), ("page s", "{:.1f}"), ("MB", "{:.2f}"), ("ready s", "{:.2f}"),
        ("settle s", "{:.1f}"), ("fps pan", "{:.0f}"), ("fps drag", "{:.0f}"),
    ]
    print("| " + " | ".join(name for name, _ in columns) + " |")
    print("|" + "|".join("---:" for _ in columns) + "|")
    for row in rows:
        cells = ["—" if row[name] is None else form.format(row[name]) for name, form in columns]
        print("| " + " | ".join(cells) + " |")
    print("\nread s: reading the graph's RDF once; page s: view model and HTML; MB: the page; "
          "ready s: navigation to the first drawing; settle s: physics switched on until it "
          "settles (—: still moving when the page stops it after 30 s); fps: frames drawn per second "
          "while dragging the view or the "
          "most connected node; listed: statements the page carries for its side panel.")
    (CACHE / "view-benchmark.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
