"""The actor-statement network as a clickable plotly chart.

Takes a networkx graph as :mod:`quotegraph.networks` builds it (nodes with ``kind``, ``label``,
``statements``, ``statement_ids``; edges with ``weight``, ``statement_ids`` and the attributes
that tell agreement from conflict) and returns what the user clicked: a node or an edge, with the
statements behind it. Everything above :func:`network_chart` is plain Python, tested without
Streamlit; where nodes, edge dots and labels go is :mod:`components.network_layout`.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx
import numpy as np
import plotly.graph_objects as go
import streamlit as st

from components.chart_style import HOVER_LABEL
from components.network_layout import (
    EDGE_DOT_SIZE,
    PLOT_WIDTH_PX,
    X_RANGE,
    _label_spots,
    _short,
    edge_dot_positions,
    edge_width,
    graph_layout,
    node_size,
)
from quotegraph import networks

# Up to this many drawn edges, each shows its weight beside its dot.
MAX_WEIGHT_LABELS = 40
_MARGIN = {"l": 10, "r": 10, "t": 40, "b": 10}

EdgeTone = Literal["positive", "negative", "mixed", "neutral"]
EDGE_COLOURS: dict[EdgeTone, str] = {
    "positive": "#2e7d32",
    "negative": "#c62828",
    "mixed": "#e08a00",
    "neutral": "#9e9e9e",
}
# Legend wording per network type: an actor x concept edge is a stance, an actor x actor edge a tie.
_TONE_NAMES: dict[str, dict[EdgeTone, str]] = {
    "actor_concept": {
        "positive": "agrees",
        "negative": "disagrees",
        "mixed": "both sides",
        "neutral": "neutral",
    },
    "actor_actor": {
        "positive": "congruence",
        "negative": "conflict",
        "mixed": "congruence and conflict",
        "neutral": "co-occurrence",
    },
    "actor_statement": {
        "positive": "agrees",
        "negative": "disagrees",
        "mixed": "mixed",
        "neutral": "neutral",
    },
}
NODE_STYLES: dict[str, tuple[str, str, str]] = {
    # kind: (marker symbol, fill colour, legend name)
    "actor": ("circle", "#3b6fb6", "actor"),
    "concept": ("diamond", "#7b4fa0", "concept"),
    "statement": ("triangle-up", "#78909c", "statement"),
}


NETWORK_TYPES = {
    "Actor × concept": "actor_concept",
    "Actor × actor: congruence": "congruence",
    "Actor × actor: conflict": "conflict",
    "Actor × actor: subtract": "subtract",
    "Actor × statement": "actor_statement",
}


@dataclass(frozen=True)
class NetworkSettings:
    """Which network to build and how: ``network`` is ``"actor_concept"``,
    ``"actor_statement"`` or an actor x actor aggregation (``"congruence"``, ``"conflict"``,
    ``"subtract"``); ``options`` are the keyword arguments of its :mod:`quotegraph.networks`
    function; ``max_nodes`` is how many nodes to draw."""

    network: str
    options: tuple[tuple[str, Any], ...]
    max_nodes: int

    def build(
        self, records: list[networks.StatementRecord], *, group_by_affiliation: bool
    ) -> nx.Graph:
        options = dict(self.options)
        if self.network == "actor_concept":
            build = networks.actor_concept_network
        elif self.network == "actor_statement":
            build = networks.actor_statement_network
        else:
            build = networks.actor_network
        return build(records, group_by_affiliation=group_by_affiliation, **options)


@dataclass(frozen=True)
class NetworkPick:
    """What the user clicked: one node, or one edge (its two end nodes)."""

    kind: Literal["node", "edge"]
    nodes: tuple[str, ...]
    label: str
    statement_ids: tuple[int, ...]


# --------------------------------------------------------------------------------------------
# Pure parts: what to draw, where, and how
# --------------------------------------------------------------------------------------------


def edge_tone(network: str, data: Mapping[str, Any], aggregation: str | None = None) -> EdgeTone:
    """Whether an edge stands for agreement, conflict, both, or neither.

    Actor x concept: the stances the actor took (agree only, disagree only, both, neutral).
    Actor x actor: signed ties (``subtract``) by their sign; otherwise by how the tie splits
    between congruence and conflict (two thirds or more on one side decides it, so that an
    ordered scale, where most pairs carry a little of both, still reads clearly).
    Actor x statement: the stance's sign.
    """
    if network == "actor_concept":
        agreement = data.get("agreement")
        return {"agree": "positive", "disagree": "negative", "both": "mixed"}.get(
            str(agreement), "neutral"
        )
    if network == "actor_actor":
        if aggregation == "ignore":
            return "neutral"
        if aggregation == "subtract":
            sign = data.get("sign", 0)
            return "positive" if sign > 0 else "negative" if sign < 0 else "neutral"
        congruence = float(data.get("congruence", 0.0))
        conflict = float(data.get("conflict", 0.0))
        total = congruence + conflict
        if total <= 0:
            return "neutral"
        share = congruence / total
        return "positive" if share >= 2 / 3 else "negative" if share <= 1 / 3 else "mixed"
    sign = data.get("sign", 0)
    return "positive" if sign > 0 else "negative" if sign < 0 else "neutral"


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.3g}"


def _node_hover(data: Mapping[str, Any]) -> str:
    # quote=False: plotly shows &quot; as typed, and < > & escaped already keep out any tag.
    label = html.escape(str(data.get("label", "")), quote=False)
    kind = str(data.get("kind", "node"))
    count = int(data.get("statements", 0))
    lines = [f"<b>{label}</b>", f"{kind} · {count} statement{'s' if count != 1 else ''}"]
    if kind == "statement":
        lines[0] = f"<b>statement {label}</b>"
        lines.append(f"on {html.escape(str(data.get('concept', '')), quote=False)}")
        lines.append(f"stance {html.escape(str(data.get('stance', '')), quote=False)}")
    members = data.get("members") or []
    if len(members) > 1 or (members and members[0] != data.get("label")):
        shown = ", ".join(html.escape(str(m), quote=False) for m in members[:8])
        more = f" and {len(members) - 8} more" if len(members) > 8 else ""
        lines.append(f"members: {shown}{more}")
    return "<br>".join(lines)


def _edge_hover(graph: nx.Graph, u: str, v: str, data: Mapping[str, Any], tone_name: str) -> str:
    left = html.escape(str(graph.nodes[u].get("label", u)), quote=False)
    right = html.escape(str(graph.nodes[v].get("label", v)), quote=False)
    count = len(data.get("statement_ids") or [])
    lines = [f"<b>{left} — {right}</b>", f"{tone_name} · weight {_number(data['weight'])}"]
    if "agree" in data:
        lines.append(
            f"agree {data.get('agree', 0)} · disagree {data.get('disagree', 0)}"
            f" · neutral {data.get('neutral', 0)}"
        )
    if "congruence" in data:
        lines.append(
            f"congruence {_number(data['congruence'])} · conflict {_number(data['conflict'])}"
        )
    lines.append(f"{count} statement{'s' if count != 1 else ''} — click to list them")
    return "<br>".join(lines)


def machine_share(data: Mapping[str, Any], machine_ids: frozenset[int]) -> tuple[int, int]:
    """(machine-coded, all) statements behind an edge."""
    ids = data.get("statement_ids") or ()
    return len(machine_ids.intersection(ids)), len(ids)


def network_figure(
    graph: nx.Graph,
    positions: Mapping[str, tuple[float, float]],
    *,
    height: int = 620,
    machine_ids: frozenset[int] = frozenset(),
) -> go.Figure:
    """A plotly figure of ``graph`` at ``positions``.

    Edges are drawn as lines grouped by tone (colour) and width step; each edge also gets a
    dot on it that carries its hover text and makes it clickable, at its middle unless a node's
    marker covers that point (see :func:`edge_dot_positions`). Nodes get one
    trace per kind (shape and colour), sized by their number of statements; the most active
    nodes are labelled, the rest tell their name on hover. Every point's ``customdata`` names
    what it stands for: ``["node", id]`` or ``["edge", u, v]``. An edge most of whose
    statements are in ``machine_ids`` (machine-coded) is dashed.
    """
    network = str(graph.graph.get("network", ""))
    aggregation = graph.graph.get("aggregation")
    tone_names = _TONE_NAMES.get(network, _TONE_NAMES["actor_statement"])
    figure = go.Figure()

    heaviest = max(
        (abs(float(d.get("weight", 0.0))) for _, _, d in graph.edges(data=True)), default=0
    )
    most = max((int(d.get("statements", 0)) for _, d in graph.nodes(data=True)), default=0)
    lowest = min((y for _, y in positions.values()), default=-1.0)
    highest = max((y for _, y in positions.values()), default=1.0)
    # up to the highest node and its label: two linked actors (both at y = 0) sat at the foot
    # of an empty chart under a range fixed at 1.2
    y_range = (lowest - 0.15, highest + 0.2)
    edges = list(graph.edges(data=True))
    pixels_per_unit = (
        PLOT_WIDTH_PX / (X_RANGE[1] - X_RANGE[0]),
        (height - _MARGIN["t"] - _MARGIN["b"]) / (y_range[1] - y_range[0]),
    )
    dots = edge_dot_positions(
        np.array([[positions[u], positions[v]] for u, v, _ in edges], dtype=float).reshape(
            -1, 2, 2
        ),
        np.array([positions[node] for node in graph.nodes], dtype=float).reshape(-1, 2),
        np.array(
            [node_size(int(d.get("statements", 0)), most) / 2 for _, d in graph.nodes(data=True)]
        ),
        pixels_per_unit=pixels_per_unit,
    )
    line_groups: dict[
        tuple[EdgeTone, float, bool], tuple[list[float | None], list[float | None]]
    ] = {}
    edge_dots: dict[EdgeTone, list[tuple[float, float, list[str], str, str]]] = {}
    weights_shown = len(edges) <= MAX_WEIGHT_LABELS
    for (u, v, data), (dot_x, dot_y) in zip(edges, dots.tolist(), strict=True):
        tone = edge_tone(network, data, aggregation)
        width = edge_width(float(data.get("weight", 0.0)), heaviest)
        (x0, y0), (x1, y1) = positions[u], positions[v]
        by_machine, total = machine_share(data, machine_ids)
        dashed = by_machine * 2 > total
        xs, ys = line_groups.setdefault((tone, width, dashed), ([], []))
        xs += [x0, x1, None]
        ys += [y0, y1, None]
        hover = _edge_hover(graph, u, v, data, tone_names[tone])
        if by_machine:
            hover += f"<br>{by_machine} of {total} statements machine-coded"
        edge_dots.setdefault(tone, []).append(
            (dot_x, dot_y, ["edge", u, v], hover, _number(float(data.get("weight", 0.0))))
        )

    tones_in_legend: set[EdgeTone] = set()
    for (tone, width, dashed), (xs, ys) in sorted(line_groups.items()):
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={
                    "color": EDGE_COLOURS[tone],
                    "width": width,
                    "dash": "dash" if dashed else "solid",
                },
                opacity=0.6,
                hoverinfo="skip",
                name=tone_names[tone],
                legendgroup=f"edge-{tone}",
                showlegend=tone not in tones_in_legend,
            )
        )
        tones_in_legend.add(tone)
    if any(dashed for _tone, _width, dashed in line_groups):
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                line={"color": "#78909c", "width": 2, "dash": "dash"},
                name="mostly machine-coded",
                hoverinfo="skip",
            )
        )
    for tone, points in sorted(edge_dots.items()):
        figure.add_trace(
            go.Scatter(
                x=[p[0] for p in points],
                y=[p[1] for p in points],
                mode="markers+text" if weights_shown else "markers",
                marker={"size": EDGE_DOT_SIZE, "color": EDGE_COLOURS[tone], "opacity": 0.35},
                # the tie's weight beside its dot; its width steps with it too
                text=[p[4] for p in points] if weights_shown else None,
                textposition="middle right",
                textfont={"size": 10, "color": EDGE_COLOURS[tone]},
                customdata=[p[2] for p in points],
                hovertext=[p[3] for p in points],
                hoverinfo="text",
                name=f"{tone_names[tone]} (edge)",
                legendgroup=f"edge-{tone}",
                showlegend=False,
            )
        )

    spots = _label_spots(graph, positions, most, pixels_per_unit, y_range[1])
    by_kind: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
    for node, data in graph.nodes(data=True):
        by_kind.setdefault(str(data.get("kind", "actor")), []).append((node, data))
    for kind, all_members in sorted(by_kind.items()):
        symbol, colour, legend_name = NODE_STYLES.get(kind, ("circle", "#546e7a", kind))
        for group_colour, group_name, members in _node_groups(all_members, colour, legend_name):
            _add_node_trace(
                figure,
                members,
                positions,
                symbol=symbol,
                colour=group_colour,
                legend_name=group_name,
                most=most,
                spots=spots,
            )

    figure.update_layout(
        height=height,
        margin=_MARGIN,
        showlegend=True,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0.0},
        hovermode="closest",
        hoverlabel=HOVER_LABEL,
        clickmode="event+select",
        dragmode="pan",
        # keeps zoom and pan across reruns while the data stay the same
        uirevision="network",
        xaxis={"visible": False, "range": list(X_RANGE)},
        yaxis={"visible": False, "range": list(y_range)},
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return figure


# --- coalitions: actor nodes coloured by the coalition they belong to -----------------------
COALITION_COLOURS = (
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
    "#17becf", "#8c564b", "#e377c2", "#bcbd22", "#393b79",
)  # fmt: skip
UNALIGNED_COLOUR = "#b0bec5"


def coalition_colour(number: int) -> str:
    """The colour of coalition ``number`` (1 = the largest); 0, unaligned, is grey. Colours
    repeat after ten coalitions."""
    if number <= 0:
        return UNALIGNED_COLOUR
    return COALITION_COLOURS[(number - 1) % len(COALITION_COLOURS)]


def _node_groups(
    members: list[tuple[str, Mapping[str, Any]]], colour: str, legend_name: str
) -> list[tuple[str, str, list[tuple[str, Mapping[str, Any]]]]]:
    """One (colour, legend name, nodes) group per coalition when the nodes carry a
    ``coalition`` attribute (see quotegraph.networks.label_coalitions), else one group."""
    if not any("coalition" in data for _, data in members):
        return [(colour, legend_name, members)]
    by_coalition: dict[int, list[tuple[str, Mapping[str, Any]]]] = {}
    for node, data in members:
        by_coalition.setdefault(int(data.get("coalition", 0)), []).append((node, data))
    return [
        (
            coalition_colour(number),
            f"coalition {number}" if number else "unaligned",
            group,
        )
        for number, group in sorted(by_coalition.items(), key=lambda item: item[0] or 10**9)
    ]


def _add_node_trace(
    figure: go.Figure,
    members: list[tuple[str, Mapping[str, Any]]],
    positions: Mapping[str, tuple[float, float]],
    *,
    symbol: str,
    colour: str,
    legend_name: str,
    most: int,
    spots: Mapping[str, str | None],
) -> None:
    figure.add_trace(
        go.Scatter(
            x=[positions[node][0] for node, _ in members],
            y=[positions[node][1] for node, _ in members],
            mode="markers+text",
            marker={
                "symbol": symbol,
                "color": colour,
                "size": [node_size(int(d.get("statements", 0)), most) for _, d in members],
                "line": {"color": "#ffffff", "width": 1.5},
                "opacity": 0.92,
            },
            text=[
                html.escape(_short(str(d.get("label", node))), quote=False)
                if spots.get(node)
                else ""
                for node, d in members
            ],
            textposition=[spots.get(node) or "top center" for node, _ in members],
            textfont={"size": 12, "color": "#263238"},
            customdata=[["node", node] for node, _ in members],
            hovertext=[_node_hover(d) for _, d in members],
            hoverinfo="text",
            name=legend_name,
        )
    )


def pick_from_selection(selection: Mapping[str, Any] | None, graph: nx.Graph) -> NetworkPick | None:
    """The node or edge behind the first clicked point of a plotly selection, or None.

    Points that do not name a node or edge of ``graph`` (e.g. left over from an older figure)
    are ignored.
    """
    for point in (selection or {}).get("points") or []:
        data = point.get("customdata")
        if not isinstance(data, list | tuple) or not data:
            continue
        if data[0] == "node" and len(data) == 2 and data[1] in graph:
            node = graph.nodes[data[1]]
            return NetworkPick(
                kind="node",
                nodes=(data[1],),
                label=str(node.get("label", data[1])),
                statement_ids=tuple(node.get("statement_ids") or ()),
            )
        if data[0] == "edge" and len(data) == 3 and graph.has_edge(data[1], data[2]):
            u, v = data[1], data[2]
            edge = graph.edges[u, v]
            label = f"{graph.nodes[u].get('label', u)} — {graph.nodes[v].get('label', v)}"
            return NetworkPick(
                kind="edge",
                nodes=(u, v),
                label=label,
                statement_ids=tuple(edge.get("statement_ids") or ()),
            )
    return None


# --------------------------------------------------------------------------------------------
# The Streamlit piece
# --------------------------------------------------------------------------------------------


def network_settings(*, scale: tuple[int, ...], key: str) -> NetworkSettings:
    """A row of controls: network type, its aggregation, stance and normalisation options (only
    those that apply to the chosen type), and how many nodes to draw. Each keeps its value
    while it is not drawn (another type chosen, another tab open) until the user leaves the
    page."""
    # the type column wider, so "Actor × actor: subtract" and the like show in full
    type_column, aggregation_column, stance_column, normalization_column, size_column = st.columns(
        [1.3, 1, 1, 1.1, 1]
    )
    network = NETWORK_TYPES[
        type_column.selectbox(
            "Network", list(NETWORK_TYPES), key=f"{key}_network", persist_state="page"
        )
    ]
    options: dict[str, Any] = {}
    if network == "actor_concept":
        aggregation = aggregation_column.selectbox(
            "Aggregation",
            ["ignore", "subtract", "combine"],
            key=f"{key}_aggregation",
            persist_state="page",
            help="ignore: number of statements; subtract: agree minus disagree; combine: "
            "1 agree only, 2 disagree only, 3 both",
        )
        stances = stance_column.selectbox(
            "Stances",
            ["all", "agree", "disagree", "neutral"],
            key=f"{key}_stance_filter",
            persist_state="page",
            help="Count only agreeing (stance above 0), disagreeing or neutral statements.",
        )
        normalization = normalization_column.selectbox(
            "Normalisation",
            ["none", "activity", "prominence"],
            key=f"{key}_two_mode_norm",
            persist_state="page",
            disabled=aggregation == "combine",
            help="Divide by the actor's (activity) or the concept's (prominence) statements.",
        )
        options = {
            "aggregation": aggregation,
            "stance_filter": stances,
            # combine's codes are categories, which networks refuses to normalise
            "normalization": "none" if aggregation == "combine" else normalization,
            "scale": scale,
        }
    elif network != "actor_statement":
        normalization = normalization_column.selectbox(
            "Normalisation",
            ["none", "average", "jaccard", "cosine"],
            key=f"{key}_one_mode_norm",
            persist_state="page",
            help="Divide each tie by the two actors' average activity, or by Jaccard or cosine.",
        )
        options = {"aggregation": network, "normalization": normalization, "scale": scale}
    max_nodes = size_column.slider(
        "Most nodes drawn", 10, 300, 60, 10, key=f"{key}_max_nodes", persist_state="page"
    )
    return NetworkSettings(network, tuple(options.items()), max_nodes)


def network_chart(
    graph: nx.Graph,
    *,
    key: str,
    height: int = 620,
    machine_ids: frozenset[int] = frozenset(),
) -> NetworkPick | None:
    """Draw ``graph`` (already cut to a drawable size) and return the clicked node or edge.

    Edges resting mostly on machine-coded statements (``machine_ids``) are dashed."""
    figure = network_figure(graph, graph_layout(graph), height=height, machine_ids=machine_ids)
    event = st.plotly_chart(
        figure,
        key=key,
        on_select="rerun",
        selection_mode=("points",),
        config={"displaylogo": False, "scrollZoom": True},
        alt="Network of actors and concepts; click a node or an edge to list its statements",
    )
    return pick_from_selection(event.selection, graph)
