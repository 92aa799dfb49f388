"""The pure parts of the over-time charts and the coalition list."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from components.coalition_list import coalition_markdown, coalition_rows
from components.network_chart import UNALIGNED_COLOUR, coalition_colour, network_figure
from components.time_charts import polarisation_figure, stance_over_time_figure
from quotegraph import networks


def test_coalition_lines_are_escaped_and_coloured() -> None:
    rows = coalition_rows({0: ["actor:x"], 2: ["actor:b"], 1: ["actor:a"]},
                          {"actor:a": "<b>A</b>", "actor:b": "B", "actor:x": "X"})  # fmt: skip
    assert [number for number, _, _ in rows] == [1, 2, 0]
    line = coalition_markdown(*rows[0])
    assert "&lt;b&gt;A&lt;/b&gt;" in line and "<b>A</b>" not in line
    assert coalition_colour(1) in line
    assert rows[2][1] == UNALIGNED_COLOUR
    assert coalition_colour(11) == coalition_colour(1)


def test_actor_nodes_are_drawn_per_coalition() -> None:
    records = [networks.StatementRecord(i, i, actor, "x", stance)
               for i, (actor, stance) in enumerate([("A", 1), ("B", 1), ("C", -1)], 1)]  # fmt: skip
    graph = networks.actor_concept_network(records)
    networks.label_coalitions(graph, networks.find_coalitions(networks.actor_network(records)))
    positions = {node: (float(i), 0.0) for i, node in enumerate(graph.nodes)}
    figure = network_figure(graph, positions)
    # Node traces name nodes in their customdata; edge-weight labels name edges.
    traces = {t.name: t for t in figure.data if t.customdata and t.customdata[0][0] == "node"}
    assert set(traces) == {"coalition 1", "unaligned", "concept"}
    assert list(traces["coalition 1"].text) == ["A", "B"]
    assert traces["coalition 1"].marker.color == coalition_colour(1)


def test_polarisation_over_time_marks_the_chosen_window() -> None:
    table = pd.DataFrame(
        {
            "start": [dt.date(2026, 1, 1), dt.date(2026, 1, 8)],
            "polarisation": [0.1, 0.45],
            "coalitions": [1, 2],
        }
    )
    figure = polarisation_figure(table, selected=1)
    assert list(figure.data[0].y) == [0.1, 0.45]
    assert figure.layout.shapes[0].x0 == dt.date(2026, 1, 8)
    assert not polarisation_figure(table, selected=None).layout.shapes


def test_stances_over_time_disagreeing_below_zero() -> None:
    frame = pd.DataFrame(
        {
            "key": ["A", "A", "B"],
            "period": [dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 1, 1)],
            "stance": [1, -1, 1],
            "count": [3, 2, 9],
            "statement_ids": [[1, 2, 3], [4, 5], [6]],
        }
    )
    figure = stance_over_time_figure(frame, "A", stance_labels={1: "agree", -1: "disagree"})
    assert {t.name: list(t.y) for t in figure.data} == {"disagree": [-2], "agree": [3]}
    assert {t.name: list(t.x) for t in figure.data} == {
        "disagree": ["2026-02"],
        "agree": ["2026-01"],
    }
    assert figure.layout.yaxis.dtick == 1  # whole statements only
