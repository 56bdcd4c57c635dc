"""Node positions in pixels, computed once in Python so the page opens already laid out.

Each connected component gets a spring (Fruchterman-Reingold) layout from networkx with a
fixed seed, is turned upright (captions are wide, so tall shapes pack better) and scaled
until most captions clear each other and edges are long enough for their labels;
components are then packed in rows, largest first, and lone nodes go in a grid after
them. The same nodes and edges always give the same positions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import networkx as nx
import numpy as np  # networkx's layouts need it too

#: Seed of every random start, so the layout is the same on every run.
SEED = 7
#: Shortest edge in pixels for most edges: room for the arrow and the relation's label.
EDGE_LENGTH = 150.0
#: Two nodes whose captions would overlap sideways need this much height between them.
ROW_HEIGHT = 52.0
#: Empty space between two captions side by side.
CAPTION_GAP = 16.0
#: Share of nodes whose caption must clear every other (the rest may touch, so that one
#: near-coincident pair cannot blow a whole component up).
CLEAR_SHARE = 85
#: Room between lone nodes in their grid.
GRID_STEP = 120.0
#: Empty space between packed components.
MARGIN = 70.0
#: Width / height of the packed drawing (the canvas beside the side panel is about 5:4).
ASPECT = 1.25
#: Narrowest room left for a caption, and the height a caption takes below its node.
MIN_WIDTH = 40.0
CAPTION_HEIGHT = 30.0
#: networkx switches to a scipy-only solver from this many nodes on; scipy is not a
#: dependency of kgbuild, so bigger components use the same algorithm in plain numpy.
_NETWORKX_DENSE_LIMIT = 500

Position = tuple[float, float]


def layout(
    nodes: Sequence[str],
    edges: Iterable[tuple[str, str]],
    *,
    widths: Mapping[str, float] | None = None,
    groups: Sequence[Sequence[str]] | None = None,
) -> dict[str, Position]:
    """Pixel positions for the nodes, with linked nodes close together.

    Args:
        nodes: Node ids.
        edges: (source, target) pairs; direction, duplicates and self-loops are ignored.
        widths: Width in pixels of each node's caption, so packed components and the grid
            of lone nodes leave room for their names.
        groups: Node ids grouped (communities): each group is laid out as one cluster,
            instead of each connected component; nodes in no group are laid out by
            component after them.

    Returns:
        Node id → (x, y), rounded to a tenth of a pixel, centred on (0, 0).

    >>> positions = layout(["a", "b", "c"], [("a", "b")])
    >>> sorted(positions) == ["a", "b", "c"] and positions == layout(["c", "b", "a"], [("b", "a")])
    True
    """
    graph = nx.Graph()
    graph.add_nodes_from(sorted(set(nodes)))
    graph.add_edges_from(sorted({tuple(sorted(edge)) for edge in edges if edge[0] != edge[1]}))
    half = {node: max(MIN_WIDTH, (widths or {}).get(node, 0.0)) / 2 for node in graph}
    grouped = [sorted(set(group) & set(graph)) for group in groups or ()]
    in_group = {node for group in grouped for node in group}
    rest = graph.subgraph(node for node in graph if node not in in_group)
    components = [group for group in grouped if group] + sorted(
        (sorted(component) for component in nx.connected_components(rest)),
        key=lambda component: (-len(component), component[0]),
    )
    boxes = [
        _component_box(graph, component, half) for component in components if len(component) > 1
    ]
    singles = [component[0] for component in components if len(component) == 1]
    if singles:
        boxes.append(_grid_box(singles, half))
    return _pack([_to_origin(box, half) for box in boxes], half)


def _component_box(
    graph: nx.Graph, component: list[str], half: Mapping[str, float]
) -> dict[str, Position]:
    """One component laid out by springs, in pixels."""
    subgraph = nx.Graph()
    subgraph.add_nodes_from(component)
    subgraph.add_edges_from(sorted(graph.subgraph(component).edges()))
    small = _small_component(subgraph)
    if small is not None:
        unit = small
    elif len(component) < _NETWORKX_DENSE_LIMIT:
        iterations = 150 if len(component) <= 100 else 60
        positions = nx.spring_layout(subgraph, seed=SEED, iterations=iterations)
        unit = {node: (float(x), float(y)) for node, (x, y) in positions.items()}
    else:
        unit = _numpy_spring(subgraph)
    unit = _upright(unit)
    scale = _scale(unit, [half[node] for node in unit], list(subgraph.edges()))
    return {node: (x * scale, y * scale) for node, (x, y) in unit.items()}


def _small_component(graph: nx.Graph) -> dict[str, Position] | None:
    """Where springs would put a pair, a chain of three or a triangle, without running
    them: a corpus view has a thousand such components, and 150 spring steps each took
    most of its layout time. None for any other component.

    >>> _small_component(nx.path_graph(["a", "b", "c"]))
    {'b': (0.0, 0.0), 'a': (0.0, -1.0), 'c': (0.0, 1.0)}
    """
    nodes = sorted(graph, key=lambda node: (-graph.degree(node), node))
    if len(nodes) == 2:
        return {nodes[0]: (0.0, 0.0), nodes[1]: (0.0, 1.0)}
    if len(nodes) == 3 and graph.number_of_edges() == 2:  # a chain: its middle in the middle
        return {nodes[0]: (0.0, 0.0), nodes[1]: (0.0, -1.0), nodes[2]: (0.0, 1.0)}
    if len(nodes) == 3:
        return {nodes[0]: (0.0, 1.0), nodes[1]: (-0.87, -0.5), nodes[2]: (0.87, -0.5)}
    return None


def _scale(
    unit: dict[str, Position], halves: list[float], edges: list[tuple[str, str]]
) -> float:
    """Pixels per layout unit: enough that most captions clear their neighbours (side by
    side, or one row apart) and most edges have room for their label.

    Scaling by the component's overall size instead would let one long chain squeeze a
    hub's leaves and their captions together.
    """
    points = np.array(list(unit.values()), dtype=float)
    dx = np.abs(points[:, np.newaxis, 0] - points[np.newaxis, :, 0])
    dy = np.abs(points[:, np.newaxis, 1] - points[np.newaxis, :, 1])
    half = np.array(halves)
    widths = half[:, np.newaxis] + half[np.newaxis, :] + CAPTION_GAP
    side_by_side = widths / np.maximum(dx, 1e-9)
    one_above = ROW_HEIGHT / np.maximum(dy, 1e-9)
    needed = np.minimum(side_by_side, one_above)  # either way of clearing will do
    np.fill_diagonal(needed, 0.0)
    clear = float(np.percentile(needed.max(axis=1), CLEAR_SHARE))
    index = {node: i for i, node in enumerate(unit)}
    lengths = [float(np.hypot(*(points[index[a]] - points[index[b]]))) for a, b in edges]
    if not lengths:
        return clear
    long_enough = EDGE_LENGTH / max(float(np.percentile(lengths, 10)), 1e-9)
    return max(clear, long_enough)


def _upright(positions: dict[str, Position]) -> dict[str, Position]:
    """Turn a component so its longest extent runs top to bottom: captions are wide and
    short, so chains and pairs stacked upright need far less room than lying down."""
    nodes = list(positions)
    points = np.array([positions[node] for node in nodes], dtype=float)
    points -= points.mean(axis=0)
    _, vectors = np.linalg.eigh(points.T @ points)
    major = vectors[:, -1] * (1 if vectors[0, -1] >= 0 else -1)  # sign fixed: deterministic
    # rotate so that `major` points along +y
    cos, sin = major[1], major[0]
    rotated = points @ np.array([[cos, sin], [-sin, cos]])
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, rotated)}


def _grid_box(nodes: list[str], half: Mapping[str, float]) -> dict[str, Position]:
    """Nodes with no drawn statement, in a grid a little wider than tall."""
    columns = max(1, math.ceil(math.sqrt(len(nodes) * 1.2)))
    column_width = max(GRID_STEP, 2 * max(half[node] for node in nodes) + CAPTION_GAP)
    return {
        node: ((index % columns) * column_width, (index // columns) * ROW_HEIGHT * 1.4)
        for index, node in enumerate(nodes)
    }


def _pack(boxes: list[dict[str, Position]], half: Mapping[str, float]) -> dict[str, Position]:
    """Place boxes left to right in rows (shelf packing), with the row width that makes
    the drawing fill a canvas of `ASPECT` best, then centre everything on (0, 0)."""
    if not boxes:
        return {}
    sizes = [_extent(box, half) for box in boxes]
    area = sum((w + MARGIN) * (h + MARGIN) for w, h in sizes)
    widest = max(w for w, _ in sizes)
    candidates = {widest, *(max(widest, math.sqrt(area) * f / 10) for f in range(6, 41))}

    def badness(row_width: float) -> tuple[float, float]:
        _, (width, height) = _shelves(sizes, row_width)
        return (max(width / ASPECT, height), row_width)  # what a fitted canvas must show

    offsets, _ = _shelves(sizes, min(candidates, key=badness))
    placed = {
        node: (ox + bx, oy + by)
        for box, (ox, oy) in zip(boxes, offsets)
        for node, (bx, by) in box.items()
    }
    # centred on (0, 0), where vis-network's physics pulls, so turning it on moves little
    xs = [px for px, _ in placed.values()]
    ys = [py for _, py in placed.values()]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    return {node: (round(px - cx, 1), round(py - cy, 1)) for node, (px, py) in placed.items()}


def _shelves(
    sizes: list[tuple[float, float]], row_width: float
) -> tuple[list[Position], tuple[float, float]]:
    """Top left corners of boxes put in rows no wider than `row_width`, and the total size.

    Boxes go tallest first; each row is as tall as its first box, and the boxes after it
    stack in columns beside it while they fit under that height, so the small components
    of a graph fill the room beside its big one instead of leaving it empty.
    """
    order = sorted(range(len(sizes)), key=lambda i: (-sizes[i][1], i))
    offsets: list[Position] = [(0.0, 0.0)] * len(sizes)
    row_top = row_height = total_width = 0.0
    column_x = column_width = column_used = 0.0  # the column being filled in the row
    first = True
    for index in order:
        width, height = sizes[index]
        fits_below = column_used + MARGIN + height <= row_height and width <= column_width
        if not first and fits_below:
            offsets[index] = (column_x, row_top + column_used + MARGIN)
            column_used += MARGIN + height
            continue
        next_x = column_x + column_width + MARGIN
        if first or next_x + width > row_width:  # a new row
            if not first:
                row_top += row_height + MARGIN
            next_x, row_height, first = 0.0, height, False
        offsets[index] = (next_x, row_top)
        column_x, column_width, column_used = next_x, width, height
        total_width = max(total_width, next_x + width)
    return offsets, (total_width, row_top + row_height)


def _extent(box: dict[str, Position], half: Mapping[str, float]) -> tuple[float, float]:
    """Width and height of a box whose left and top edges are at 0, captions included."""
    return (
        max(x + half[node] for node, (x, _) in box.items()),
        max(y for _, y in box.values()) + CAPTION_HEIGHT,
    )


def _to_origin(box: dict[str, Position], half: Mapping[str, float]) -> dict[str, Position]:
    """Shift a box so its leftmost caption starts at x = 0 and its top node at y = 0."""
    min_x = min(x - half[node] for node, (x, _) in box.items())
    min_y = min(y for _, y in box.values())
    return {node: (x - min_x, y - min_y) for node, (x, y) in box.items()}


def _numpy_spring(graph: nx.Graph, iterations: int = 50) -> dict[str, Position]:
    """Fruchterman-Reingold as networkx computes it for small graphs (dense, O(n²) per
    step), without networkx's switch to scipy; coordinates in [-1, 1]."""
    adjacency = nx.to_numpy_array(graph, weight=None)
    count = adjacency.shape[0]
    positions = np.random.RandomState(SEED).rand(count, 2)
    k = math.sqrt(1.0 / count)
    temperature = 0.1 * max(np.ptp(positions[:, 0]), np.ptp(positions[:, 1]))
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        delta = positions[:, np.newaxis, :] - positions[np.newaxis, :, :]
        distance = np.clip(np.linalg.norm(delta, axis=-1), 0.01, None)
        force = k * k / distance**2 - adjacency * distance / k
        displacement = np.einsum("ijk,ij->ik", delta, force)
        length = np.clip(np.linalg.norm(displacement, axis=-1), 0.01, None)
        positions += displacement * (temperature / length)[:, np.newaxis]
        temperature -= cooling
    positions -= positions.mean(axis=0)
    positions /= max(np.abs(positions).max(), 1e-9)
    return {node: (float(x), float(y)) for node, (x, y) in zip(graph.nodes, positions)}
