"""Machine-coded statements drawn apart: hatched stance bars, dashed edges, filled tables."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from components import network_chart as nc
from components import network_layout
from components import stance_chart as sc
from quotegraph.annotation.coding_suggestions import CodingSuggestionView
from quotegraph.annotation.statement_table import fill_machine_coding, machine_coded_ids
from quotegraph.networks import StatementRecord, actor_concept_network, stance_counts


def _record(sid: int, actor: str, concept: str, stance: int) -> StatementRecord:
    return StatementRecord(sid, 1, actor, concept, stance, published=dt.date(2025, 1, 1))


RECORDS = [
    _record(1, "Ana", "wind", 1),
    _record(2, "Ana", "wind", 1),
    _record(3, "Ana", "wind", -1),
    _record(4, "Bo", "wind", 1),
    _record(5, "Bo", "meals", 1),
]
LABELS = {-1: "disagree", 0: "neutral", 1: "agree"}


def test_machine_coded_statements_get_hatched_segments_of_their_own() -> None:
    table, _ = sc.bar_table(stance_counts(RECORDS, "concept"), by="concept")
    figure = sc.stance_figure(
        table, by="concept", stance_labels=LABELS, scale=(-1, 0, 1), machine_ids=frozenset({2, 5})
    )
    traces = {trace.name: trace for trace in figure.data}
    assert set(traces) == {"disagree", "agree", "agree (machine-coded)"}  # no machine disagree
    person, machine = traces["agree"], traces["agree (machine-coded)"]
    assert machine.marker.pattern.shape == "/" and person.marker.pattern.shape == ""
    assert machine.marker.color == person.marker.color
    by_bar = dict(zip(person.y, person.x, strict=True))
    machine_by_bar = dict(zip(machine.y, machine.x, strict=True))
    assert (by_bar["wind"], machine_by_bar["wind"]) == (2, 1)  # 1, 4 by people; 2 machine
    assert (by_bar["meals"], machine_by_bar["meals"]) == (0, 1)
    plain = sc.stance_figure(table, by="concept", stance_labels=LABELS, scale=(-1, 0, 1))
    assert [trace.name for trace in plain.data] == ["disagree", "agree"]


def test_edges_resting_mostly_on_machine_coding_are_dashed() -> None:
    graph = actor_concept_network(RECORDS)
    figure = nc.network_figure(
        graph, network_layout.graph_layout(graph), machine_ids=frozenset({2, 3, 5})
    )
    dashes = {trace.line.dash for trace in figure.data if trace.mode == "lines"}
    assert dashes == {"solid", "dash"}
    assert "mostly machine-coded" in {trace.name for trace in figure.data}
    # the edges' dots carry their hover text and name their edge in customdata
    dots = [t for t in figure.data if t.customdata and t.customdata[0][0] == "edge"]
    hovers = [text for t in dots for text in t.hovertext]
    assert any("2 of 3 statements machine-coded" in text for text in hovers)  # Ana - wind


def test_fill_machine_coding_takes_the_waiting_suggestion_and_marks_it() -> None:
    frame = pd.DataFrame(
        {
            "statement_id": [1, 2, 3],
            "concept": ["wind", None, None],
            "stance": pd.array([1, None, None], dtype="Int64"),
            "stance_label": ["agree", None, None],
            "concept_set_by": ["person", None, None],
            "stance_set_by": ["person", None, None],
            "coding_model_version": [None, None, None],
        }
    )
    suggestions = {
        1: CodingSuggestionView(1, "m4", 8, "meals", 0.9, -1, "disagree", 0.9),
        2: CodingSuggestionView(2, "m4", 7, "wind", 0.8, -1, "disagree", 0.7),
    }
    filled = fill_machine_coding(frame, suggestions)
    assert filled.loc[0, "concept"] == "wind" and filled.loc[0, "concept_set_by"] == "person"
    assert filled.loc[1, "concept"] == "wind" and filled.loc[1, "stance"] == -1
    assert filled.loc[1, "stance_label"] == "disagree"
    assert filled.loc[1, "concept_set_by"] == "machine"
    assert filled.loc[1, "coding_model_version"] == "m4"
    assert pd.isna(filled.loc[2, "concept"])
    assert machine_coded_ids(filled) == frozenset({2})
    assert pd.isna(frame.loc[1, "concept"])  # the input is left alone
