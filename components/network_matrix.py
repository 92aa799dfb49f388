"""The actor x actor network as a matrix: one row and one column per actor, a square where two
actors are tied, coloured by congruence or conflict and shaded by the tie's weight.

A dense network draws as a hairball; its matrix stays readable whatever the density. Actors
are ordered by community (coalitions show as blocks), then by how strongly they are tied.
Clicking a square lists the statements behind the tie, as clicking an edge does.
"""

from __future__ import annotations

import html

import networkx as nx
import plotly.graph_objects as go
import streamlit as st

from components.chart_style import HOVER_LABEL
from components.network_chart import (
    _TONE_NAMES,
    EDGE_COLOURS,
    NetworkPick,
    _edge_hover,
    edge_tone,
    pick_from_selection,
)
from components.network_layout import LAYOUT_SEED, _short

CELL_PX = 18  # the side of one square while the matrix fits
MIN_CELL_PX = 11  # never smaller: the names along the axes stay legible (the chart grows)
MATRIX_WIDTH_PX = 760
# A drawn actor x actor network at least this dense (share of all pairs tied) with at least
# DENSE_NODES actors reads better as a matrix.
DENSE_SHARE = 0.25
DENSE_NODES = 15


def is_dense(graph: nx.Graph) -> bool:
    """Whether ``graph`` has so many ties that its matrix reads better than its drawing."""
    nodes = graph.number_of_nodes()
    if nodes < DENSE_NODES:
        return False
    return graph.number_of_edges() / (nodes * (nodes - 1) / 2) >= DENSE_SHARE


def matrix_order(graph: nx.Graph) -> list[str]:
    """The actors in matrix order: community by community (Louvain on the ties' absolute
    weights, seeded, so the same network gives the same order), the largest community first;
    within one, the most strongly tied first, then by name."""
    weighted = nx.Graph()
    weighted.add_nodes_from(graph.nodes)
    weighted.add_weighted_edges_from(
        (u, v, abs(float(w or 0.0))) for u, v, w in graph.edges(data="weight", default=0.0)
    )
    strength = dict(weighted.degree(weight="weight"))
    communities = nx.community.louvain_communities(weighted, weight="weight", seed=LAYOUT_SEED)

    def name(node: str) -> str:
        return str(graph.nodes[node].get("label", node))

    def by_strength(members: set[str]) -> list[str]:
        return sorted(members, key=lambda node: (-strength[node], name(node)))

    ordered = sorted(
        (by_strength(set(members)) for members in communities),
        key=lambda members: (-len(members), -sum(strength[n] for n in members), name(members[0])),
    )
    return [node for members in ordered for node in members]


def matrix_figure(graph: nx.Graph) -> go.Figure:
    """A plotly figure of the matrix: a square per tie, on both sides of the diagonal, whose
    ``customdata`` is ``["edge", u, v]`` like the network chart's edge dots."""
    order = matrix_order(graph)
    position = {node: index for index, node in enumerate(order)}
    labels = [_short(str(graph.nodes[node].get("label", node))) for node in order]
    count = max(len(order), 1)
    cell = max(MIN_CELL_PX, min(CELL_PX, MATRIX_WIDTH_PX // count))
    aggregation = graph.graph.get("aggregation")
    tone_names = _TONE_NAMES["actor_actor"]
    heaviest = max((abs(float(w or 0)) for _, _, w in graph.edges(data="weight")), default=0.0)
    squares: dict[str, list[tuple[int, int, float, list[str], str]]] = {}
    for u, v, data in graph.edges(data=True):
        tone = edge_tone("actor_actor", data, aggregation)
        share = abs(float(data.get("weight", 0.0))) / heaviest if heaviest else 1.0
        hover = _edge_hover(graph, u, v, data, tone_names[tone])
        for row, column in ((u, v), (v, u)):
            squares.setdefault(tone, []).append(
                (position[column], position[row], 0.25 + 0.75 * share, ["edge", u, v], hover)
            )
    figure = go.Figure()
    for tone, points in sorted(squares.items()):
        figure.add_trace(
            go.Scatter(
                x=[p[0] for p in points],
                y=[p[1] for p in points],
                mode="markers",
                marker={
                    "symbol": "square",
                    "size": cell - 2,
                    "color": EDGE_COLOURS[tone],  # type: ignore[index]
                    "opacity": [p[2] for p in points],
                    "line": {"width": 0},
                },
                customdata=[p[3] for p in points],
                hovertext=[p[4] for p in points],
                hoverinfo="text",
                name=tone_names[tone],  # type: ignore[index]
            )
        )
    font = 11 if cell >= 14 else 9
    axis = {
        "tickmode": "array",
        "tickvals": list(range(len(order))),
        "ticktext": [html.escape(label, quote=False) for label in labels],
        "tickfont": {"size": font},
        "range": [-0.5, len(order) - 0.5],
        "showgrid": False,
        "zeroline": False,
        "fixedrange": False,
        "automargin": True,
    }
    side = cell * count
    label_room = int(font * 0.62 * max((len(label) for label in labels), default=4)) + 20
    figure.update_layout(
        height=side + label_room + 60,
        width=side + label_room + 40,
        margin={"l": 20, "r": 20, "t": 20, "b": 50},
        xaxis={**axis, "side": "top", "tickangle": -60},
        yaxis={**axis, "autorange": "reversed", "range": None},
        plot_bgcolor="#fafafa",
        hovermode="closest",
        hoverlabel=HOVER_LABEL,
        clickmode="event+select",
        dragmode="pan",
        showlegend=True,
        # below the matrix: above it the actors' names run up at an angle
        legend={"orientation": "h", "yanchor": "top", "y": -0.01, "x": 0.0},
        uirevision="matrix",
    )
    return figure


def network_matrix(graph: nx.Graph, *, key: str) -> NetworkPick | None:
    """Draw the actor x actor ``graph`` as a matrix; return the clicked tie, if any."""
    if graph.number_of_edges() == 0:
        return None
    event = st.plotly_chart(
        matrix_figure(graph),
        key=key,
        on_select="rerun",
        selection_mode=("points",),
        width="content",
        config={"displaylogo": False, "scrollZoom": True},
        alt="Matrix of the ties between actors; click a square to list its statements",
    )
    return pick_from_selection(event.selection, graph)
