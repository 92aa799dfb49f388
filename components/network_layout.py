"""Where things go on the network chart, in plain Python: which part of a big network is shown,
the node layout (cached), node sizes and edge widths, where each edge's clickable dot and each
node's label sit so that they cover no node and no other label.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

import networkx as nx
import numpy as np

from components.label_placement import LabelledNode, place_labels

LAYOUT_SEED = 20261127
NODE_SIZE_MIN = 9.0
NODE_SIZE_MAX = 42.0
EDGE_WIDTHS = (1.5, 2.6, 3.8, 5.4)
MAX_LABELS = 30
ISOLATED_PER_ROW = 12
LABEL_CHARS = 28
EDGE_DOT_SIZE = 9.0
# Where along an edge its clickable dot may sit, nearest the middle first.
EDGE_DOT_FRACTIONS = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74)
# The plot's width in pixels in the page's main column, roughly: enough to tell whether a dot
# would land on a node's marker (the height is the figure's, less its margins).
PLOT_WIDTH_PX = 900
X_RANGE = (-1.15, 1.15)


def shown_subgraph(graph: nx.Graph, *, max_nodes: int, max_edges: int) -> nx.Graph:
    """The part of ``graph`` worth drawing: its ``max_nodes`` nodes with most statements and,
    among them, the ``max_edges`` edges of largest absolute weight.

    Ties are broken by label, so the same graph always gives the same subgraph.
    """
    ranked = sorted(
        graph.nodes(data=True),
        key=lambda item: (-int(item[1].get("statements", 0)), str(item[1].get("label", item[0]))),
    )
    if graph.graph.get("network") == "actor_statement":
        kept_nodes = _actors_with_their_statements(graph, ranked, max_nodes)
    else:
        kept_nodes = [node for node, _ in ranked[:max_nodes]]
    kept = set(kept_nodes)
    # rank by the weight alone (a network reads it from one column) and fetch the attributes
    # of the drawn edges only: a dense network has hundreds of thousands of edges
    edges = [
        (u, v, weight)
        for u, v, weight in graph.edges(data="weight", default=0.0)
        if u in kept and v in kept and float(weight) != 0.0
    ]
    edges.sort(key=lambda e: (-abs(float(e[2])), str(e[0]), str(e[1])))
    shown = nx.Graph(**graph.graph)
    shown.add_nodes_from((node, graph.nodes[node]) for node in kept_nodes)
    shown.add_edges_from((u, v, graph.edges[u, v]) for u, v, _ in edges[:max_edges])
    return shown


def _actors_with_their_statements(
    graph: nx.Graph, ranked: list[tuple[str, dict[str, Any]]], max_nodes: int
) -> list[str]:
    """Whole stars of the actor x statement network: the busiest actors, each with all its
    statement nodes, as many as fit in ``max_nodes`` (at least one actor, cut if it alone is too
    big), so no drawn actor looks less active than it is."""
    kept: list[str] = []
    for node, data in ranked:
        if data.get("kind") == "statement":
            continue
        statements = sorted(graph.neighbors(node), key=str)
        if kept and len(kept) + 1 + len(statements) > max_nodes:
            break
        kept.append(node)
        kept.extend(statements[: max(max_nodes - len(kept), 0)])
    return kept


def _graph_signature(graph: nx.Graph) -> tuple[Any, ...]:
    nodes = tuple(sorted(map(str, graph.nodes)))
    edges = tuple(sorted(tuple(sorted((str(u), str(v)))) for u, v in graph.edges))
    return (nodes, edges)


_LAYOUT_CACHE: OrderedDict[tuple[Any, ...], dict[str, tuple[float, float]]] = OrderedDict()
_LAYOUT_CACHE_SIZE = 64
# Streamlit runs each session's script in its own thread, and they all share this cache.
_LAYOUT_LOCK = threading.Lock()


def graph_layout(graph: nx.Graph, *, seed: int = LAYOUT_SEED) -> dict[str, tuple[float, float]]:
    """Node positions from a seeded spring layout, the same for the same graph.

    Linked nodes fill [-1, 1] x [-1, 1]; nodes without a drawn edge line up in rows below
    (y < -1), in label order, so they neither pull the layout apart nor crowd it. The layout
    depends only on which nodes and edges there are (not on insertion order or on weights,
    which may be negative), and is cached by that signature, so a rerun after a click finds
    every node where it was.
    """
    signature = (seed, *_graph_signature(graph))
    with _LAYOUT_LOCK:
        cached = _LAYOUT_CACHE.get(signature)
        if cached is not None:
            _LAYOUT_CACHE.move_to_end(signature)
            return cached
    nodes, edges = signature[1], signature[2]
    linked = sorted({node for edge in edges for node in edge})
    positions: dict[str, tuple[float, float]] = {}
    if len(linked) == 2:
        positions = {linked[0]: (-0.5, 0.0), linked[1]: (0.5, 0.0)}
    elif linked:
        ordered = nx.Graph()
        ordered.add_nodes_from(linked)
        ordered.add_edges_from(edges)
        # k above networkx's 1/sqrt(n) default spreads the large, labelled nodes apart
        raw = nx.spring_layout(
            ordered, seed=seed, k=2.0 / math.sqrt(len(linked)), iterations=100, weight=None
        )
        xs = [float(xy[0]) for xy in raw.values()]
        ys = [float(xy[1]) for xy in raw.values()]
        x_low, x_high, y_low, y_high = min(xs), max(xs), min(ys), max(ys)
        positions = {
            node: (_stretch(x, x_low, x_high), _stretch(y, y_low, y_high))
            for node, x, y in zip(raw, xs, ys, strict=True)
        }
    isolated = [node for node in nodes if node not in positions]
    for index, node in enumerate(isolated):
        row, column = divmod(index, ISOLATED_PER_ROW)
        in_row = min(ISOLATED_PER_ROW, len(isolated) - row * ISOLATED_PER_ROW)
        x = 0.0 if in_row == 1 else -1.0 + 2.0 * column / (in_row - 1)
        positions[node] = (x, -1.3 - 0.25 * row if linked else -0.25 * row)
    with _LAYOUT_LOCK:
        _LAYOUT_CACHE[signature] = positions
        if len(_LAYOUT_CACHE) > _LAYOUT_CACHE_SIZE:
            _LAYOUT_CACHE.popitem(last=False)
    return positions


def _stretch(value: float, low: float, high: float) -> float:
    """``value`` mapped from [low, high] onto [-1, 1]."""
    return 0.0 if high == low else -1.0 + 2.0 * (value - low) / (high - low)


def node_size(statements: int, most_statements: int) -> float:
    """Marker diameter in pixels; its area grows with the number of statements."""
    if most_statements <= 0:
        return NODE_SIZE_MIN
    share = max(0, statements) / most_statements
    return NODE_SIZE_MIN + (NODE_SIZE_MAX - NODE_SIZE_MIN) * math.sqrt(min(share, 1.0))


def edge_width(weight: float, heaviest: float) -> float:
    """Line width in pixels: one of four steps by the edge's share of the heaviest weight."""
    if heaviest <= 0:
        return EDGE_WIDTHS[0]
    step = math.ceil(abs(weight) / heaviest * len(EDGE_WIDTHS)) - 1
    return EDGE_WIDTHS[min(max(step, 0), len(EDGE_WIDTHS) - 1)]


def edge_dot_positions(
    ends: np.ndarray,
    centres: np.ndarray,
    radii: np.ndarray,
    *,
    pixels_per_unit: tuple[float, float],
) -> np.ndarray:
    """Where each edge's clickable dot goes: the point nearest the edge's middle, among
    ``EDGE_DOT_FRACTIONS`` of its length, that lies clear of every node's marker; the clearest
    of them when none is. Plotly gives a click inside a node to a smaller dot lying on it, so a
    dot left on a node would make that node hard to click.

    ``ends`` holds each edge's two end points (shape edges x 2 x 2), ``centres`` the nodes'
    (nodes x 2) in data units, ``radii`` their markers' radii in pixels; ``pixels_per_unit``
    converts data units to pixels along x and y. Returns one point per edge (edges x 2).
    """
    fractions = np.asarray(EDGE_DOT_FRACTIONS)
    start, end = ends[:, 0, :], ends[:, 1, :]
    candidates = start[:, None, :] + fractions[None, :, None] * (end - start)[:, None, :]
    clearance = np.full(candidates.shape[:2], np.inf)
    scale = np.asarray(pixels_per_unit, dtype=float)
    for index in range(len(fractions)):  # one fraction at a time: edges x nodes stays small
        offsets = (candidates[:, index, None, :] - centres[None, :, :]) * scale
        gaps = np.hypot(offsets[..., 0], offsets[..., 1]) - radii[None, :]
        clearance[:, index] = gaps.min(axis=1, initial=np.inf)
    clear = clearance >= EDGE_DOT_SIZE / 2 + 2
    choice = np.where(clear.any(axis=1), clear.argmax(axis=1), clearance.argmax(axis=1))
    return candidates[np.arange(len(candidates)), choice]


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _label_spots(
    graph: nx.Graph,
    positions: Mapping[str, tuple[float, float]],
    most: int,
    pixels_per_unit: tuple[float, float],
    top: float,
) -> dict[str, str | None]:
    """Where each node's label goes, or None: the busiest nodes first, up to ``MAX_LABELS``,
    and none covering another label or a node (see :mod:`components.label_placement`)."""
    ranked = sorted(
        graph.nodes(data=True),
        key=lambda item: (-int(item[1].get("statements", 0)), str(item[1].get("label"))),
    )

    def at(node: str, data: Mapping[str, Any], text: str) -> LabelledNode:
        x, y = positions[node]
        return LabelledNode(
            (x - X_RANGE[0]) * pixels_per_unit[0],
            (top - y) * pixels_per_unit[1],
            node_size(int(data.get("statements", 0)), most) / 2,
            text,
        )

    # statement ids say nothing on their own: statement nodes are never labelled
    named = [(n, d) for n, d in ranked if d.get("kind") != "statement"]
    unnamed = [at(n, d, "") for n, d in ranked if d.get("kind") == "statement"]
    spots = place_labels(
        [at(n, d, _short(str(d.get("label", n)))) for n, d in named],
        others=unnamed,
        limit=MAX_LABELS,
    )
    return {node: spot for (node, _), spot in zip(named, spots, strict=True)}
