"""The pure parts of the Explore charts: what is drawn, where, in which colour and size, and how
a click on the drawing is read back."""

from __future__ import annotations

import datetime as dt
import json

import networkx as nx
import pandas as pd

from components import network_chart as nc
from components import network_layout
from components import stance_chart as sc
from components.statement_list import annotate_query
from quotegraph.networks import (
    StatementRecord,
    actor_concept_network,
    actor_network,
    actor_statement_network,
    stance_counts,
)


def _record(sid: int, actor: str, concept: str, stance: int, article: int = 1) -> StatementRecord:
    return StatementRecord(
        statement_id=sid,
        article_id=article,
        actor=actor,
        concept=concept,
        stance=stance,
        published=dt.date(2025, 1, article),
    )


RECORDS = [
    _record(1, "Rouhani", "sanctions", -1),
    _record(2, "Rouhani", "sanctions", 1, article=2),
    _record(3, "Rouhani", "nuclear deal", 1),
    _record(4, "Trump", "sanctions", 1),
    _record(5, "Trump", "nuclear deal", -1),
    _record(6, "Merkel", "nuclear deal", 1),
    _record(7, "<b>Evil</b>", "nuclear deal", 1),
]


def _traces(figure, mode: str) -> list:
    return [trace for trace in figure.data if trace.mode == mode]


def _edge_dots(figure) -> list:
    """The traces of the clickable dots on the edges (with or without weight labels)."""
    return [
        trace
        for trace in figure.data
        if trace.customdata is not None
        and len(trace.customdata)
        and trace.customdata[0][0] == "edge"
    ]


def _node_trace(figure, kind: str):
    return next(t for t in figure.data if t.mode == "markers+text" and t.name == kind)


def test_node_size_grows_with_statements_and_is_bounded() -> None:
    assert network_layout.node_size(0, 10) == network_layout.NODE_SIZE_MIN
    assert network_layout.node_size(10, 10) == network_layout.NODE_SIZE_MAX
    assert (
        network_layout.node_size(1, 10)
        < network_layout.node_size(4, 10)
        < network_layout.node_size(9, 10)
    )
    assert network_layout.node_size(50, 10) == network_layout.NODE_SIZE_MAX
    assert network_layout.node_size(3, 0) == network_layout.NODE_SIZE_MIN


def test_figure_sizes_nodes_by_their_statements() -> None:
    graph = actor_concept_network(RECORDS)
    figure = nc.network_figure(graph, network_layout.graph_layout(graph))
    actors = _node_trace(figure, "actor")
    sizes = {
        data[1]: size for data, size in zip(actors.customdata, actors.marker.size, strict=True)
    }
    # the concept "nuclear deal" (4 statements) is the busiest node; Rouhani made 3
    assert sizes["actor:Rouhani"] == network_layout.node_size(3, 4)
    assert sizes["actor:Merkel"] == network_layout.node_size(1, 4)
    assert sizes["actor:Rouhani"] > sizes["actor:Trump"] > sizes["actor:Merkel"]
    concepts = _node_trace(figure, "concept")
    concept_sizes = dict(
        zip((d[1] for d in concepts.customdata), concepts.marker.size, strict=True)
    )
    assert concept_sizes["concept:nuclear deal"] == network_layout.NODE_SIZE_MAX
    assert concepts.marker.symbol == "diamond" and actors.marker.symbol == "circle"


def test_actor_concept_edges_are_coloured_by_the_stances_taken() -> None:
    graph = actor_concept_network(RECORDS)
    figure = nc.network_figure(graph, network_layout.graph_layout(graph))
    colour_of_edge = {}
    for trace in _edge_dots(figure):
        for data in trace.customdata:
            colour_of_edge[(data[1], data[2])] = trace.marker.color

    def colour(actor: str, concept: str) -> str:
        key = (f"actor:{actor}", f"concept:{concept}")
        return colour_of_edge.get(key) or colour_of_edge[key[::-1]]

    assert colour("Rouhani", "sanctions") == nc.EDGE_COLOURS["mixed"]  # both sides
    assert colour("Rouhani", "nuclear deal") == nc.EDGE_COLOURS["positive"]
    assert colour("Trump", "nuclear deal") == nc.EDGE_COLOURS["negative"]
    line_names = {t.name for t in _traces(figure, "lines") if t.showlegend}
    assert line_names == {"agrees", "disagrees", "both sides"}


def test_actor_actor_edges_are_green_for_congruence_and_red_for_conflict() -> None:
    records = [
        _record(1, "A", "x", 1),
        _record(2, "B", "x", 1),
        _record(3, "C", "x", -1),
    ]
    for aggregation in ("congruence", "conflict", "subtract"):
        graph = actor_network(records, aggregation=aggregation)
        tones = {
            frozenset((u, v)): nc.edge_tone("actor_actor", d, aggregation)
            for u, v, d in graph.edges(data=True)
        }
        expected_ab = "positive"
        expected_ac = "negative"
        if aggregation == "congruence":
            assert frozenset(("actor:A", "actor:C")) not in tones  # no congruence at all
            assert tones[frozenset(("actor:A", "actor:B"))] == expected_ab
        elif aggregation == "conflict":
            assert frozenset(("actor:A", "actor:B")) not in tones
            assert tones[frozenset(("actor:A", "actor:C"))] == expected_ac
        else:
            assert tones[frozenset(("actor:A", "actor:B"))] == expected_ab
            assert tones[frozenset(("actor:B", "actor:C"))] == expected_ac


def test_an_ordered_scale_tie_with_both_sides_reads_as_mixed_or_by_its_larger_side() -> None:
    tone = nc.edge_tone
    assert tone("actor_actor", {"congruence": 2.4, "conflict": 3.6}, "congruence") == "mixed"
    assert tone("actor_actor", {"congruence": 9.0, "conflict": 1.0}, "congruence") == "positive"
    assert tone("actor_actor", {"congruence": 1.0, "conflict": 9.0}, "conflict") == "negative"
    assert tone("actor_actor", {"sign": -1, "congruence": 3.0}, "subtract") == "negative"
    assert tone("actor_statement", {"sign": 0}) == "neutral"


def test_edge_width_steps_with_weight() -> None:
    assert network_layout.edge_width(10, 10) == network_layout.EDGE_WIDTHS[-1]
    assert (
        network_layout.edge_width(-10, 10) == network_layout.EDGE_WIDTHS[-1]
    )  # signed ties: width by magnitude
    assert network_layout.edge_width(1, 10) == network_layout.EDGE_WIDTHS[0]
    assert network_layout.edge_width(6, 10) == network_layout.EDGE_WIDTHS[2]


def test_seeded_layout_is_stable_across_calls_and_insertion_order() -> None:
    graph = actor_concept_network(RECORDS)
    first = network_layout.graph_layout(graph)
    network_layout._LAYOUT_CACHE.clear()
    again = network_layout.graph_layout(graph)
    assert first == again
    reordered = nx.Graph(**graph.graph)
    reordered.add_nodes_from(reversed(list(graph.nodes(data=True))))
    reordered.add_edges_from(reversed(list(graph.edges(data=True))))
    network_layout._LAYOUT_CACHE.clear()
    assert network_layout.graph_layout(reordered) == first
    assert set(first) == set(graph.nodes)
    xs = [x for x, _ in first.values()]
    assert min(xs) < 0 < max(xs)  # spread out, not piled on one point
    assert all(-1.0 <= x <= 1.0 and -1.0 <= y <= 1.0 for x, y in first.values())


def test_layout_is_cached_per_graph_signature() -> None:
    graph = actor_concept_network(RECORDS).to_networkx()  # a graph this test can change
    network_layout._LAYOUT_CACHE.clear()
    first = network_layout.graph_layout(graph)
    assert network_layout.graph_layout(graph) is first
    graph.remove_node("actor:Merkel")
    assert network_layout.graph_layout(graph) is not first


def test_names_are_escaped_in_hover_text_and_labels() -> None:
    graph = actor_concept_network(RECORDS)
    figure = nc.network_figure(graph, network_layout.graph_layout(graph))
    # what plotly renders as (pseudo-)HTML: labels, hover text, legend names; not customdata
    shown = [[trace.text, trace.hovertext, trace.name] for trace in figure.data]
    text = json.dumps(shown)
    assert "<b>Evil</b>" not in text
    assert "&lt;b&gt;Evil&lt;/b&gt;" in text


def test_a_click_on_a_node_or_an_edge_midpoint_names_its_statements() -> None:
    graph = actor_concept_network(RECORDS)
    figure = nc.network_figure(graph, network_layout.graph_layout(graph))
    midpoint = _edge_dots(figure)[0]
    edge_data = list(midpoint.customdata[0])
    pick = nc.pick_from_selection({"points": [{"customdata": edge_data}]}, graph)
    assert pick is not None and pick.kind == "edge"
    assert pick.statement_ids == tuple(graph.edges[edge_data[1], edge_data[2]]["statement_ids"])

    pick = nc.pick_from_selection({"points": [{"customdata": ["node", "actor:Rouhani"]}]}, graph)
    assert pick == nc.NetworkPick("node", ("actor:Rouhani",), "Rouhani", (1, 2, 3))
    # a point left over from an older figure, or no point at all
    assert (
        nc.pick_from_selection({"points": [{"customdata": ["node", "actor:Gone"]}]}, graph) is None
    )
    assert nc.pick_from_selection({"points": []}, graph) is None
    assert nc.pick_from_selection(None, graph) is None


def test_an_edge_dot_moves_off_a_node_lying_on_the_edge_and_stays_on_the_edge() -> None:
    graph = nx.Graph(network="actor_actor", aggregation="congruence")
    for name, statements in (("left", 5), ("middle", 5), ("right", 5), ("far", 1)):
        graph.add_node(name, kind="actor", label=name, statements=statements, statement_ids=[1])
    tie = {"weight": 1.0, "congruence": 1.0, "conflict": 0.0, "statement_ids": [1]}
    graph.add_edge("left", "right", **tie)  # passes right through "middle"
    graph.add_edge("middle", "far", **tie)  # nothing in its way
    positions = {"left": (-1.0, 0.0), "middle": (0.0, 0.0), "right": (1.0, 0.0), "far": (0, 1.0)}
    figure = nc.network_figure(graph, positions)
    dots = {
        tuple(data[1:]): (x, y)
        for trace in _edge_dots(figure)
        for data, x, y in zip(trace.customdata, trace.x, trace.y, strict=True)
    }
    x, y = dots[("left", "right")]
    assert y == 0.0 and -1.0 < x < 1.0  # on the edge
    # off the middle node's marker (42 px across), at the plot's approximate scale
    pixels_per_unit = network_layout.PLOT_WIDTH_PX / (
        network_layout.X_RANGE[1] - network_layout.X_RANGE[0]
    )
    assert (
        abs(x) * pixels_per_unit
        > network_layout.NODE_SIZE_MAX / 2 + network_layout.EDGE_DOT_SIZE / 2
    )
    assert dots[("middle", "far")] == (0.0, 0.5)  # clear: the middle of the edge
    assert nc.pick_from_selection(
        {"points": [{"customdata": ["edge", "left", "right"]}]}, graph
    ) == nc.NetworkPick("edge", ("left", "right"), "left — right", (1,))


def test_shown_subgraph_keeps_the_busiest_nodes_and_heaviest_edges() -> None:
    graph = actor_concept_network(RECORDS)
    shown = network_layout.shown_subgraph(graph, max_nodes=3, max_edges=1)
    # nuclear deal (4), Rouhani (3), sanctions (3)
    assert set(shown.nodes) == {"concept:nuclear deal", "actor:Rouhani", "concept:sanctions"}
    assert shown.number_of_edges() == 1
    assert shown.nodes["actor:Rouhani"]["statement_ids"] == [1, 2, 3]
    assert shown.graph["network"] == "actor_concept"


def test_shown_subgraph_of_actor_statement_network_keeps_whole_stars() -> None:
    graph = actor_statement_network(RECORDS)
    shown = network_layout.shown_subgraph(graph, max_nodes=6, max_edges=100)
    # Rouhani and his 3 statements fit; Trump with his 2 would make 7
    assert set(shown.nodes) == {"actor:Rouhani", "statement:1", "statement:2", "statement:3"}
    assert shown.number_of_edges() == 3


def test_stance_bars_rank_keys_and_cut_to_the_busiest() -> None:
    counts = stance_counts(RECORDS, "actor")
    table, total = sc.bar_table(counts, by="actor", max_bars=2)
    assert total == 4
    assert table["bar"].drop_duplicates().tolist() == ["Rouhani", "Trump"]
    rouhani = table[table["bar"] == "Rouhani"].set_index("stance")
    assert rouhani.loc[1, "count"] == 2 and rouhani.loc[1, "statement_ids"] == [2, 3]
    assert rouhani.loc[-1, "statement_ids"] == [1]


def test_stance_bars_by_month_sum_the_days() -> None:
    records = [
        StatementRecord(1, 1, "A", "x", 1, published=dt.date(2025, 3, 2)),
        StatementRecord(2, 2, "A", "x", 1, published=dt.date(2025, 3, 28)),
        StatementRecord(3, 3, "A", "x", -1, published=dt.date(2025, 4, 1)),
    ]
    table, total = sc.bar_table(stance_counts(records, "date"), by="date", period="month")
    assert total == 2
    assert table[["bar", "stance", "count"]].values.tolist() == [
        ["2025-03", 1, 2],
        ["2025-04", -1, 1],
    ]
    assert table.iloc[0]["statement_ids"] == [1, 2]
    assert sc.choose_period([dt.date(2025, 1, 1), dt.date(2025, 1, 20)]) == "day"
    assert sc.choose_period([dt.date(2024, 1, 1), dt.date(2025, 6, 1)]) == "month"


def test_stance_figure_stacks_one_trace_per_stance_and_reads_clicks_back() -> None:
    counts = stance_counts(RECORDS, "concept")
    table, _ = sc.bar_table(counts, by="concept")
    labels = {-1: "disagree", 0: "neutral", 1: "agree"}
    figure = sc.stance_figure(table, by="concept", stance_labels=labels, scale=(-1, 0, 1))
    assert figure.layout.barmode == "stack"
    assert [t.name for t in figure.data] == ["disagree", "agree"]
    assert figure.data[0].marker.color == "rgb(198,40,40)"
    assert figure.data[1].marker.color == "rgb(46,125,50)"
    # busiest concept on top: plotly draws the last category of the array at the top
    assert list(figure.layout.yaxis.categoryarray) == ["sanctions", "nuclear deal"]
    agree = figure.data[1]
    index = list(agree.y).index("nuclear deal")
    pick = sc.pick_from_selection(
        {"points": [{"customdata": list(agree.customdata[index])}]}, table
    )
    assert pick == sc.StancePick(bar="nuclear deal", stance=1, statement_ids=(3, 6, 7))
    assert sc.pick_from_selection({"points": [{"customdata": ["nope", 1]}]}, table) is None


def test_stance_colours_fade_towards_the_middle_of_an_ordered_scale() -> None:
    scale = range(-5, 6)
    assert sc.stance_colour(5, scale) == "rgb(46,125,50)"
    assert sc.stance_colour(0, scale) == "rgb(158,158,158)"
    assert sc.stance_colour(-5, scale) == "rgb(198,40,40)"
    assert sc.stance_colour(1, scale) != sc.stance_colour(5, scale)


def test_annotate_link_names_the_article_and_the_statement() -> None:
    assert annotate_query(3, 17) == {"article": "3", "statement": "17"}


def test_stance_counts_frame_shape_matches_what_the_chart_reads() -> None:
    counts = stance_counts(RECORDS, "article")
    assert list(counts.columns) == ["key", "stance", "count", "statement_ids"]
    table, _ = sc.bar_table(counts, by="article", key_labels={1: "First", 2: "Second"})
    assert set(table["bar"]) == {"First", "Second"}
    assert isinstance(table, pd.DataFrame)


def test_nodes_without_a_drawn_edge_line_up_below_the_linked_ones() -> None:
    graph = actor_concept_network(RECORDS).to_networkx()  # a graph this test can change
    graph.add_node("actor:Loner", kind="actor", label="Loner", statements=1, statement_ids=[99])
    graph.add_node("actor:Hermit", kind="actor", label="Hermit", statements=1, statement_ids=[98])
    positions = network_layout.graph_layout(graph)
    linked = [xy for node, xy in positions.items() if node not in ("actor:Loner", "actor:Hermit")]
    assert min(y for _, y in linked) == -1.0 and max(y for _, y in linked) == 1.0
    assert positions["actor:Hermit"] == (-1.0, -1.3)  # label order along the row
    assert positions["actor:Loner"] == (1.0, -1.3)
    figure = nc.network_figure(graph, positions)
    assert figure.layout.yaxis.range[0] < -1.3  # the row is inside the visible area


def test_bars_whose_shortened_labels_coincide_stay_apart() -> None:
    same_start = "The Ministry of Foreign Affairs of the Islamic Republic"
    records = [
        StatementRecord(1, 1, same_start + " of Iran", "x", 1),
        StatementRecord(2, 1, same_start + " of Iran, spokesman", "x", -1),
    ]
    table, _ = sc.bar_table(stance_counts(records, "actor"), by="actor")
    figure = sc.stance_figure(table, by="actor", stance_labels={}, scale=(-1, 0, 1))
    categories = list(figure.layout.yaxis.categoryarray)
    assert len(categories) == 2 and len(set(categories)) == 2
    assert categories[0].endswith("(2)")


def test_few_edges_show_their_weight_and_many_do_not() -> None:
    graph = actor_network(RECORDS, aggregation="congruence")
    figure = nc.network_figure(graph, network_layout.graph_layout(graph))
    shown = {
        tuple(data[1:]): text
        for trace in _edge_dots(figure)
        for data, text in zip(trace.customdata, trace.text, strict=True)
    }
    for (u, v), text in shown.items():
        assert text == nc._number(graph.edges[u, v]["weight"])
    assert shown

    many = nx.relabel_nodes(nx.complete_graph(12), str)  # 66 edges: weights would crowd it
    nx.set_node_attributes(many, "actor", "kind")
    nx.set_edge_attributes(many, 1.0, "weight")
    many.graph["network"] = "actor_actor"
    dense = nc.network_figure(many, network_layout.graph_layout(many))
    assert all(trace.text is None for trace in _edge_dots(dense))


def test_node_labels_never_overlap_on_a_dense_network() -> None:
    from components.label_placement import LabelledNode, label_box

    graph = nx.relabel_nodes(nx.complete_graph(40), str)
    for node in graph.nodes:
        graph.nodes[node].update(
            kind="actor", label=f"Actor number {node}", statements=int(node) + 1
        )
    nx.set_edge_attributes(graph, 1.0, "weight")
    graph.graph["network"] = "actor_actor"
    positions = network_layout.graph_layout(graph)
    figure = nc.network_figure(graph, positions)
    trace = _node_trace(figure, "actor")
    y_range = figure.layout.yaxis.range
    per_x = network_layout.PLOT_WIDTH_PX / (network_layout.X_RANGE[1] - network_layout.X_RANGE[0])
    per_y = (620 - 50) / (y_range[1] - y_range[0])
    boxes = []
    drawn = zip(trace.x, trace.y, trace.marker.size, trace.text, trace.textposition, strict=True)
    for x, y, size, text, spot in drawn:
        if text:
            centre = ((x - network_layout.X_RANGE[0]) * per_x, (y_range[1] - y) * per_y)
            boxes.append(label_box(LabelledNode(*centre, size / 2, text), spot))
    assert 0 < len(boxes) <= network_layout.MAX_LABELS
    for index, a in enumerate(boxes):
        for b in boxes[index + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_counts_are_ticked_in_whole_numbers_and_hover_labels_are_solid() -> None:
    counts = stance_counts(RECORDS, "concept")
    table, _ = sc.bar_table(counts, by="concept")
    figure = sc.stance_figure(table, by="concept", stance_labels={}, scale=(-1, 0, 1))
    axis = figure.layout.xaxis  # the count axis of horizontal bars
    assert (axis.tickmode, axis.tick0, axis.dtick, axis.tickformat) == ("linear", 0, 1, "d")
    assert figure.layout.hoverlabel.bgcolor == "#ffffff"
    graph = actor_concept_network(RECORDS)
    network = nc.network_figure(graph, network_layout.graph_layout(graph))
    assert network.layout.hoverlabel.bgcolor == "#ffffff"
