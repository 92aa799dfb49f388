"""The network mathematics against small hand-computed cases.

The shared binary example (scale -1, 0, 1; concepts S and T), cells x[actor, concept, stance]:

    A: S +1 twice (ids 1, 2), T -1 (id 3)      activity 3
    B: S +1 (id 4), T +1 (id 5)                activity 2
    C: S -1 (id 6), T -1 (id 7)                activity 2
    D: S  0 (id 8)                             activity 1

Every expected number below is worked out by hand in the comment next to it. Floats are
compared to 1e-12, i.e. exactly up to the last bit of rounding.
"""

from __future__ import annotations

import datetime

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotegraph.networks import (
    MixedMessage,
    StatementRecord,
    actor_concept_network,
    actor_network,
    actor_statement_network,
    filter_statements,
    mixed_messages,
    stance_counts,
)

ORDERED = range(-5, 6)


def exact(value: float) -> object:
    return pytest.approx(value, rel=1e-12, abs=1e-12)


def statement(
    statement_id: int, actor: str, concept: str, stance: int, **fields: object
) -> StatementRecord:
    fields.setdefault("article_id", statement_id)
    return StatementRecord(
        statement_id=statement_id, actor=actor, concept=concept, stance=stance, **fields
    )


@pytest.fixture
def binary() -> list[StatementRecord]:
    return [
        statement(1, "A", "S", 1),
        statement(2, "A", "S", 1),
        statement(3, "A", "T", -1),
        statement(4, "B", "S", 1),
        statement(5, "B", "T", 1),
        statement(6, "C", "S", -1),
        statement(7, "C", "T", -1),
        statement(8, "D", "S", 0),
    ]


@pytest.fixture
def worked_example() -> list[StatementRecord]:
    """The manual's example: A says -4 twice, B says +2 three times, one concept, -5..+5."""
    return [
        statement(1, "A", "c", -4),
        statement(2, "A", "c", -4),
        statement(3, "B", "c", 2),
        statement(4, "B", "c", 2),
        statement(5, "B", "c", 2),
    ]


def weights(graph) -> dict[tuple[str, str], float]:
    """Edge weights keyed by the two labels in sorted order."""
    labels = nx_labels(graph)
    return {
        tuple(sorted((labels[u], labels[v]))): data["weight"]
        for u, v, data in graph.edges(data=True)
    }


def nx_labels(graph) -> dict[str, str]:
    return {node: data["label"] for node, data in graph.nodes(data=True)}


def edge(graph, first: str, second: str) -> dict:
    return graph.edges[first, second]


# --- actor x actor: the worked example ------------------------------------------------------


def test_worked_example_is_unnormalised_congruence(worked_example):
    # 2 * 3 pairs, each |(-4) - 2| = 6 apart on 11 levels: 1 - 6/10 = 0.4 -> 6 * 0.4 = 2.4
    graph = actor_network(worked_example, aggregation="congruence", scale=ORDERED)
    assert edge(graph, "actor:A", "actor:B")["weight"] == 2.4


def test_worked_example_conflict_and_subtract(worked_example):
    conflict = actor_network(worked_example, aggregation="conflict", scale=ORDERED)
    assert edge(conflict, "actor:A", "actor:B")["weight"] == exact(3.6)  # 6 * 6/10
    subtract = actor_network(worked_example, aggregation="subtract", scale=ORDERED)
    assert edge(subtract, "actor:A", "actor:B")["weight"] == exact(-1.2)  # 2.4 - 3.6
    assert edge(subtract, "actor:A", "actor:B")["sign"] == -1


@pytest.mark.parametrize(
    ("normalization", "expected"),
    [
        ("average", 2.4 / 2.5),  # activities 2 and 3 -> average 2.5
        ("jaccard", 2.4 / 5),  # m10 = 2, m01 = 3, m11 = 0 (no shared cell)
        ("cosine", 2.4 / 6),  # activities 2 * 3 = 6
    ],
)
def test_worked_example_normalised(worked_example, normalization, expected):
    graph = actor_network(worked_example, normalization=normalization, scale=ORDERED)
    assert edge(graph, "actor:A", "actor:B")["weight"] == exact(expected)


def test_ordered_scale_uses_positions_on_the_scale():
    # scale (-2, 0, 2) has |K| = 3: 0 against 2 is one step of two -> congruence 1 - 1/2
    records = [statement(1, "A", "c", 0), statement(2, "B", "c", 2)]
    graph = actor_network(records, scale=(-2, 0, 2))
    assert edge(graph, "actor:A", "actor:B")["weight"] == exact(0.5)
    # and the opposite ends of the scale are fully in conflict, with no congruence edge
    opposite = [statement(1, "A", "c", -2), statement(2, "B", "c", 2)]
    assert actor_network(opposite, scale=(-2, 0, 2)).number_of_edges() == 0
    conflict = actor_network(opposite, aggregation="conflict", scale=(-2, 0, 2))
    assert edge(conflict, "actor:A", "actor:B")["weight"] == exact(1.0)


def test_five_point_scale_is_ordered_not_binary():
    # -1 against +1 on -2..2: 2 steps of 4 -> congruence 0.5, conflict 0.5
    records = [statement(1, "A", "c", -1), statement(2, "B", "c", 1)]
    graph = actor_network(records, scale=range(-2, 3))
    assert edge(graph, "actor:A", "actor:B")["congruence"] == exact(0.5)
    assert edge(graph, "actor:A", "actor:B")["conflict"] == exact(0.5)


# --- actor x actor: binary scale ------------------------------------------------------------


def test_binary_congruence(binary):
    # A-B: S 2*1 = 2 (T disagrees); A-C: T 1*1 = 1; neutral D agrees with nobody
    assert weights(actor_network(binary, aggregation="congruence")) == {
        ("A", "B"): 2.0,
        ("A", "C"): 1.0,
    }


def test_binary_conflict(binary):
    # A-B: T 1*1; A-C: S 2*1; B-C: S 1 + T 1; neutral D is in conflict with nobody
    assert weights(actor_network(binary, aggregation="conflict")) == {
        ("A", "B"): 1.0,
        ("A", "C"): 2.0,
        ("B", "C"): 2.0,
    }


def test_binary_subtract(binary):
    assert weights(actor_network(binary, aggregation="subtract")) == {
        ("A", "B"): 1.0,  # 2 - 1
        ("A", "C"): -1.0,  # 1 - 2
        ("B", "C"): -2.0,  # 0 - 2
    }


def test_ignore_counts_co_occurrence(binary):
    assert weights(actor_network(binary, aggregation="ignore")) == {
        ("A", "B"): 3.0,  # S 2*1 + T 1*1
        ("A", "C"): 3.0,  # S 2*1 + T 1*1
        ("A", "D"): 2.0,  # S 2*1
        ("B", "C"): 2.0,
        ("B", "D"): 1.0,
        ("C", "D"): 1.0,
    }


def test_binary_neutral_pairs_are_congruent():
    records = [statement(1, "D", "S", 0), statement(2, "E", "S", 0)]
    assert weights(actor_network(records)) == {("D", "E"): 1.0}


@pytest.mark.parametrize(
    ("normalization", "expected_ab", "expected_ac"),
    [
        ("none", 2.0, 1.0),
        # activities A 3, B 2, C 2
        ("average", 2 / 2.5, 1 / 2.5),
        # A cells (S,+)=2 (T,-)=1; B (S,+)=1 (T,+)=1: m11 = 2*1, m10 = 1, m01 = 1 -> 2/4
        # C cells (S,-)=1 (T,-)=1: m11 = 1*1, m10 = 2, m01 = 1 -> 1/4
        ("jaccard", 2 / 4, 1 / 4),
        # DNA's cosine divides by the product of the activities: A 3 * B 2, A 3 * C 2
        # (not by the vector norms sqrt(2^2 + 1^2) * sqrt 2, which would give 2 / sqrt 10)
        ("cosine", 2 / 6, 1 / 6),
    ],
)
def test_binary_congruence_normalised(binary, normalization, expected_ab, expected_ac):
    graph = actor_network(binary, normalization=normalization)
    assert edge(graph, "actor:A", "actor:B")["weight"] == exact(expected_ab)
    assert edge(graph, "actor:A", "actor:C")["weight"] == exact(expected_ac)


def test_binary_conflict_jaccard(binary):
    # A-C conflict 2; m11 = (T,-) 1*1, m10 = (S,+) 2, m01 = (S,-) 1 -> 2/4
    graph = actor_network(binary, aggregation="conflict", normalization="jaccard")
    assert edge(graph, "actor:A", "actor:C")["weight"] == exact(0.5)
    # congruence and conflict are both reported, normalised alike: A-C congruence 1/4
    assert edge(graph, "actor:A", "actor:C")["congruence"] == exact(0.25)


def test_one_mode_edge_attributes(binary):
    graph = actor_network(binary, aggregation="subtract")
    ab = edge(graph, "actor:A", "actor:B")
    assert (ab["congruence"], ab["conflict"], ab["sign"], ab["agreement"]) == (
        2.0,
        1.0,
        1,
        "congruence",
    )
    bc = edge(graph, "actor:B", "actor:C")
    assert (bc["sign"], bc["agreement"]) == (-1, "conflict")
    conflict = actor_network(binary, aggregation="conflict")
    assert edge(conflict, "actor:A", "actor:B")["sign"] == -1


def test_one_mode_statement_ids_are_the_statements_that_tie(binary):
    congruence = actor_network(binary, aggregation="congruence")
    # A's S statements (1, 2) agree with B's (4); the T statements (3, 5) disagree
    assert edge(congruence, "actor:A", "actor:B")["statement_ids"] == [1, 2, 4]
    conflict = actor_network(binary, aggregation="conflict")
    assert edge(conflict, "actor:A", "actor:B")["statement_ids"] == [3, 5]
    subtract = actor_network(binary, aggregation="subtract")
    assert edge(subtract, "actor:A", "actor:B")["statement_ids"] == [1, 2, 3, 4, 5]
    ignore = actor_network(binary, aggregation="ignore")
    assert edge(ignore, "actor:A", "actor:D")["statement_ids"] == [1, 2, 8]


def test_one_mode_nodes(binary):
    graph = actor_network(binary)
    assert graph.nodes["actor:A"] == {
        "kind": "actor",
        "label": "A",
        "statements": 3,
        "statement_ids": [1, 2, 3],
        "members": ["A"],
    }
    # D has no tie but stays in the network as an isolate
    assert "actor:D" in graph and graph.degree("actor:D") == 0


# --- grouping by affiliation ----------------------------------------------------------------


def with_affiliation(records, **affiliations):
    return [
        StatementRecord(**{**r.__dict__, "affiliation": affiliations.get(r.actor)}) for r in records
    ]


def test_group_by_affiliation(binary):
    grouped = with_affiliation(binary, A="Gov", B="Gov")
    # Gov: S +1 three times (1, 2, 4), T -1 (3), T +1 (5); C: S -1, T -1
    congruence = actor_network(grouped, group_by_affiliation=True)
    assert weights(congruence) == {("C", "Gov"): 1.0}  # T: Gov's -1 with C's -1
    conflict = actor_network(grouped, aggregation="conflict", group_by_affiliation=True)
    assert weights(conflict) == {("C", "Gov"): 4.0}  # S 3*1 + T (+1 vs -1) 1*1
    assert conflict.nodes["actor:Gov"]["members"] == ["A", "B"]
    assert conflict.nodes["actor:Gov"]["statements"] == 5
    # without grouping the people stay apart
    assert "actor:Gov" not in actor_network(grouped)


def test_group_by_affiliation_two_mode(binary):
    grouped = with_affiliation(binary, A="Gov", B="Gov")
    graph = actor_concept_network(grouped, group_by_affiliation=True)
    assert edge(graph, "actor:Gov", "concept:S")["weight"] == 3.0
    assert edge(graph, "actor:Gov", "concept:T")["statement_ids"] == [3, 5]


# --- actor x concept ------------------------------------------------------------------------


def test_two_mode_ignore(binary):
    assert weights(actor_concept_network(binary, aggregation="ignore")) == {
        ("A", "S"): 2.0,
        ("A", "T"): 1.0,
        ("B", "S"): 1.0,
        ("B", "T"): 1.0,
        ("C", "S"): 1.0,
        ("C", "T"): 1.0,
        ("D", "S"): 1.0,
    }


def test_two_mode_subtract(binary):
    graph = actor_concept_network(binary, aggregation="subtract")
    assert weights(graph) == {
        ("A", "S"): 2.0,
        ("A", "T"): -1.0,
        ("B", "S"): 1.0,
        ("B", "T"): 1.0,
        ("C", "S"): -1.0,
        ("C", "T"): -1.0,
        ("D", "S"): 0.0,  # only neutral: present, but no side
    }
    assert edge(graph, "actor:A", "concept:T")["sign"] == -1
    assert edge(graph, "actor:D", "concept:S")["agreement"] == "neutral"


def test_two_mode_subtract_on_ordered_scale_sums_stance_values(worked_example):
    graph = actor_concept_network(worked_example, aggregation="subtract", scale=ORDERED)
    assert weights(graph) == {("A", "c"): -8.0, ("B", "c"): 6.0}  # 2 * -4, 3 * 2


def test_two_mode_combine(binary):
    records = [*binary, statement(9, "E", "S", 1), statement(10, "E", "S", -1)]
    graph = actor_concept_network(records, aggregation="combine")
    codes = weights(graph)
    assert codes[("A", "S")] == 1  # agree only
    assert codes[("A", "T")] == 2  # disagree only
    assert codes[("E", "S")] == 3  # both
    assert codes[("D", "S")] == 0  # neutral only
    assert edge(graph, "actor:E", "concept:S")["agreement"] == "both"
    assert edge(graph, "actor:E", "concept:S")["statement_ids"] == [9, 10]


def test_two_mode_combine_refuses_normalisation(binary):
    with pytest.raises(ValueError, match="combine"):
        actor_concept_network(binary, aggregation="combine", normalization="activity")


def test_two_mode_activity_and_prominence(binary):
    activity = weights(actor_concept_network(binary, normalization="activity"))
    assert activity[("A", "S")] == exact(2 / 3)  # A made 3 statements
    assert activity[("A", "T")] == exact(1 / 3)
    assert activity[("B", "S")] == exact(1 / 2)
    prominence = weights(actor_concept_network(binary, normalization="prominence"))
    assert prominence[("A", "S")] == exact(2 / 5)  # S was addressed 5 times
    assert prominence[("A", "T")] == exact(1 / 3)  # T 3 times
    signed = weights(
        actor_concept_network(binary, aggregation="subtract", normalization="activity")
    )
    assert signed[("A", "T")] == exact(-1 / 3)


def test_two_mode_stance_filter(binary):
    agree = actor_concept_network(binary, stance_filter="agree")
    assert weights(agree) == {("A", "S"): 2.0, ("B", "S"): 1.0, ("B", "T"): 1.0}
    disagree = actor_concept_network(binary, stance_filter="disagree")
    assert weights(disagree) == {("A", "T"): 1.0, ("C", "S"): 1.0, ("C", "T"): 1.0}
    # activity is counted within the filtered statements: A has 2 agreeing ones
    agree_activity = actor_concept_network(binary, stance_filter="agree", normalization="activity")
    assert weights(agree_activity)[("A", "S")] == 1.0


def test_two_mode_nodes_and_edge_ids(binary):
    graph = actor_concept_network(binary)
    assert graph.nodes["concept:S"] == {
        "kind": "concept",
        "label": "S",
        "statements": 5,
        "statement_ids": [1, 2, 4, 6, 8],
    }
    assert graph.nodes["actor:C"]["statement_ids"] == [6, 7]
    a_s = edge(graph, "actor:A", "concept:S")
    assert (a_s["statement_ids"], a_s["agree"], a_s["disagree"], a_s["neutral"]) == (
        [1, 2],
        2,
        0,
        0,
    )


def test_actor_and_concept_with_one_name_stay_apart():
    graph = actor_concept_network([statement(1, "Iran", "Iran", 1)])
    assert set(graph.nodes) == {"actor:Iran", "concept:Iran"}


# --- actor x statement ----------------------------------------------------------------------


def test_actor_statement_network(binary):
    graph = actor_statement_network(binary)
    assert graph.number_of_edges() == 8
    assert sorted(graph.neighbors("actor:A")) == ["statement:1", "statement:2", "statement:3"]
    assert graph.nodes["statement:3"]["concept"] == "T"
    assert graph.nodes["statement:3"]["kind"] == "statement"
    assert edge(graph, "actor:A", "statement:3") == {
        "weight": 1.0,
        "stance": -1,
        "sign": -1,
        "statement_ids": [3],
    }


# --- mixed messages -------------------------------------------------------------------------


def test_mixed_messages(binary):
    records = [*binary, statement(9, "B", "S", -1), statement(10, "D", "S", 1)]
    # B: S +1 (4) and -1 (9); D: S 0 (8, neutral: no side) and +1 (10) is not mixed
    assert mixed_messages(records) == [MixedMessage("B", "S", (4,), (9,), ("B",))]


def test_mixed_messages_by_affiliation(binary):
    grouped = with_affiliation(binary, A="Gov", B="Gov")
    assert mixed_messages(grouped) == []
    assert mixed_messages(grouped, group_by_affiliation=True) == [
        MixedMessage("Gov", "T", (5,), (3,), ("A", "B"))
    ]


# --- stance counts --------------------------------------------------------------------------


def test_stance_counts_by_actor(binary):
    counts = stance_counts(binary, by="actor")
    assert list(counts.columns) == ["key", "stance", "count", "statement_ids"]
    assert counts.to_dict("records") == [
        {"key": "A", "stance": -1, "count": 1, "statement_ids": [3]},
        {"key": "A", "stance": 1, "count": 2, "statement_ids": [1, 2]},
        {"key": "B", "stance": 1, "count": 2, "statement_ids": [4, 5]},
        {"key": "C", "stance": -1, "count": 2, "statement_ids": [6, 7]},
        {"key": "D", "stance": 0, "count": 1, "statement_ids": [8]},
    ]


def test_stance_counts_by_concept_article_and_date():
    day1, day2 = datetime.date(2026, 1, 1), datetime.date(2026, 1, 2)
    records = [
        statement(1, "A", "S", 1, article_id=10, published=day1),
        statement(2, "B", "S", -1, article_id=10, published=day1),
        statement(3, "A", "T", 1, article_id=11, published=day2),
        statement(4, "A", "T", 1, article_id=12, published=None),
    ]
    by_concept = stance_counts(records, by="concept")
    assert by_concept[["key", "stance", "count"]].values.tolist() == [
        ["S", -1, 1],
        ["S", 1, 1],
        ["T", 1, 2],
    ]
    by_article = stance_counts(records, by="article")
    assert by_article[["key", "stance", "count"]].values.tolist() == [
        [10, -1, 1],
        [10, 1, 1],
        [11, 1, 1],
        [12, 1, 1],
    ]
    by_date = stance_counts(records, by="date")  # the undated statement 4 is left out
    assert by_date[["key", "stance", "count"]].values.tolist() == [
        [day1, -1, 1],
        [day1, 1, 1],
        [day2, 1, 1],
    ]
    assert by_date["statement_ids"].tolist() == [[2], [1], [3]]


def test_stance_counts_empty():
    counts = stance_counts([], by="actor")
    assert isinstance(counts, pd.DataFrame) and counts.empty
    assert list(counts.columns) == ["key", "stance", "count", "statement_ids"]


# --- filters --------------------------------------------------------------------------------


@pytest.fixture
def mixed_status() -> list[StatementRecord]:
    jan, feb = datetime.date(2026, 1, 15), datetime.date(2026, 2, 15)
    return [
        statement(1, "A", "S", 1, article_id=1, published=jan, actor_type="person"),
        statement(2, "A", "S", 1, article_id=1, published=jan, actor_type="person"),  # dup of 1
        statement(3, "A", "S", -1, article_id=1, published=jan, actor_type="person"),  # other side
        statement(4, "A", "S", 1, article_id=2, published=feb, actor_type="person"),  # other art.
        statement(5, "B", "T", 1, article_id=2, published=feb, status="suggested"),
        statement(6, "B", "T", -1, article_id=2, published=feb, status="rejected"),
        statement(7, "C", "T", 0, article_id=3, published=None, actor_type="organisation"),
    ]


def ids(records) -> list[int]:
    return [r.statement_id for r in records]


def test_filter_defaults(mixed_status):
    # accepted only, duplicate 2 counted once with 1; rejected 6 and suggestion 5 dropped
    assert ids(filter_statements(mixed_status)) == [1, 3, 4, 7]


def test_filter_suggestions_and_duplicates(mixed_status):
    assert ids(filter_statements(mixed_status, include_suggested=True)) == [1, 3, 4, 5, 7]
    assert ids(filter_statements(mixed_status, once_per_article=False)) == [1, 2, 3, 4, 7]


def test_filter_by_article_concept_and_actor_type(mixed_status):
    assert ids(filter_statements(mixed_status, articles=[2, 3])) == [4, 7]
    assert ids(filter_statements(mixed_status, concepts=["T"])) == [7]
    assert ids(filter_statements(mixed_status, actor_types=["organisation"])) == [7]


def test_filter_by_date_is_inclusive_and_drops_undated(mixed_status):
    jan, feb = datetime.date(2026, 1, 15), datetime.date(2026, 2, 15)
    assert ids(filter_statements(mixed_status, date_from=feb)) == [4]
    assert ids(filter_statements(mixed_status, date_to=jan)) == [1, 3]
    assert ids(filter_statements(mixed_status, date_from=jan, date_to=feb)) == [1, 3, 4]


def test_filter_then_network(mixed_status):
    # duplicates counted once per article: A's S +1 counts 2 (articles 1 and 2), not 3
    graph = actor_concept_network(filter_statements(mixed_status))
    assert edge(graph, "actor:A", "concept:S")["weight"] == 3.0  # 1 (+1), 3 (-1), 4 (+1)
    assert edge(graph, "actor:A", "concept:S")["agree"] == 2


# --- edge cases -----------------------------------------------------------------------------


def test_stance_off_the_scale_is_refused():
    with pytest.raises(ValueError, match="not on the scale"):
        actor_network([statement(1, "A", "c", 3), statement(2, "B", "c", 1)])
    with pytest.raises(ValueError, match="not on the scale"):
        actor_concept_network([statement(1, "A", "c", 3)])


def test_misspelt_options_are_refused(binary):
    with pytest.raises(ValueError, match="aggregation must be one of"):
        actor_network(binary, aggregation="congruency")
    with pytest.raises(ValueError, match="normalization must be one of"):
        actor_concept_network(binary, normalization="average")
    with pytest.raises(ValueError, match="stance_filter must be one of"):
        actor_concept_network(binary, stance_filter="positive")
    with pytest.raises(ValueError, match="by must be one of"):
        stance_counts(binary, by="week")


def test_empty_and_single_actor_inputs():
    assert actor_network([]).number_of_nodes() == 0
    assert actor_concept_network([]).number_of_nodes() == 0
    assert actor_statement_network([]).number_of_nodes() == 0
    assert mixed_messages([]) == []
    single = actor_network([statement(1, "A", "c", 1)])
    assert list(single.nodes) == ["actor:A"] and single.number_of_edges() == 0


# --- every network type against its definition, written out literally -----------------------
#
# The references below loop over statements and statement pairs in plain Python, straight from
# the definitions in the docstrings; hypothesis feeds them and the array code the same random
# records (with affiliations, on binary and ordered scales) and every node and edge must agree.

SCALES = [(-1, 0, 1), range(-2, 3), range(-5, 6), (-2, 0, 2)]


def grouped_actor(record: StatementRecord, group_by_affiliation: bool) -> str:
    return record.affiliation if group_by_affiliation and record.affiliation else record.actor


def reference_actor_nodes(records, group_by_affiliation):
    nodes = {}
    for r in sorted(records, key=lambda r: r.statement_id):
        name = grouped_actor(r, group_by_affiliation)
        node = nodes.setdefault(
            f"actor:{name}",
            {"kind": "actor", "label": name, "statements": 0, "statement_ids": [], "members": []},
        )
        node["statements"] += 1
        node["statement_ids"].append(r.statement_id)
        node["members"] = sorted({*node["members"], r.actor})
    return nodes


def reference_actor_network(records, aggregation, normalization, scale, group_by_affiliation=False):
    """The one-mode definition as a slow double loop over statements: {pair: edge data}."""
    levels = sorted(set(scale))
    binary = set(levels) <= {-1, 0, 1}
    position = {value: index for index, value in enumerate(levels)}

    def pair_weight(k1: int, k2: int) -> tuple[float, float]:
        if binary:
            return float(k1 == k2), float(k1 * k2 < 0)
        distance = abs(position[k1] - position[k2]) / (len(levels) - 1)
        return 1 - distance, distance

    actor_of = {r.statement_id: grouped_actor(r, group_by_affiliation) for r in records}
    actors = sorted(set(actor_of.values()))
    cells: dict[str, dict[tuple[str, int], int]] = {a: {} for a in actors}
    for r in records:
        cell = cells[actor_of[r.statement_id]]
        cell[(r.concept, r.stance)] = cell.get((r.concept, r.stance), 0) + 1
    expected: dict[tuple[str, str], dict] = {}
    for i, a in enumerate(actors):
        for b in actors[i + 1 :]:
            congruence = conflict = together = 0.0
            tied: set[int] = set()
            for s in (r for r in records if actor_of[r.statement_id] == a):
                for t in records:
                    if actor_of[t.statement_id] != b or t.concept != s.concept:
                        continue
                    cg, cf = pair_weight(s.stance, t.stance)
                    congruence, conflict, together = congruence + cg, conflict + cf, together + 1
                    contributes = {"congruence": cg, "conflict": cf, "subtract": max(cg, cf)}
                    if contributes.get(aggregation, 1.0) > 0:
                        tied |= {s.statement_id, t.statement_id}
            activity_a, activity_b = sum(cells[a].values()), sum(cells[b].values())
            if normalization == "average":
                norm = (activity_a + activity_b) / 2
            elif normalization == "cosine":
                norm = activity_a * activity_b  # DNA manual: sqrt(a_a^2) * sqrt(a_b^2)
            elif normalization == "jaccard":
                only_a = sum(c for cell, c in cells[a].items() if cell not in cells[b])
                only_b = sum(c for cell, c in cells[b].items() if cell not in cells[a])
                both = sum(c * cells[b][cell] for cell, c in cells[a].items() if cell in cells[b])
                norm = only_a + only_b + both
            else:
                norm = 1.0
            congruence, conflict, together = (
                (value / norm if norm else 0.0) for value in (congruence, conflict, together)
            )
            weight = {
                "congruence": congruence,
                "conflict": conflict,
                "subtract": congruence - conflict,
                "ignore": together,
            }[aggregation]
            if abs(weight) > 1e-9:
                expected[(a, b)] = {
                    "weight": weight,
                    "congruence": congruence,
                    "conflict": conflict,
                    "sign": -1 if aggregation == "conflict" or weight < 0 else 1,
                    "agreement": "congruence" if congruence >= conflict else "conflict",
                    "statement_ids": sorted(tied),
                }
    return expected


def reference_actor_concept_network(
    records, aggregation, stance_filter, normalization, group_by_affiliation
):
    """The two-mode definition, one statement at a time: {(actor, concept): edge data}."""
    keep = {
        "all": lambda k: True,
        "agree": lambda k: k > 0,
        "disagree": lambda k: k < 0,
        "neutral": lambda k: k == 0,
    }[stance_filter]
    kept = [r for r in records if keep(r.stance)]
    cells: dict[tuple[str, str], list[StatementRecord]] = {}
    for r in sorted(kept, key=lambda r: r.statement_id):
        cells.setdefault((grouped_actor(r, group_by_affiliation), r.concept), []).append(r)
    activity: dict[str, int] = {}
    prominence: dict[str, int] = {}
    for (actor, concept), cell in cells.items():
        activity[actor] = activity.get(actor, 0) + len(cell)
        prominence[concept] = prominence.get(concept, 0) + len(cell)
    expected = {}
    for (actor, concept), cell in cells.items():
        agree = sum(1 for r in cell if r.stance > 0)
        disagree = sum(1 for r in cell if r.stance < 0)
        total = sum(r.stance for r in cell)
        side = {(True, True): "both", (True, False): "agree", (False, True): "disagree"}.get(
            (agree > 0, disagree > 0), "neutral"
        )
        weight = {
            "ignore": len(cell),
            "subtract": total,
            "combine": {"agree": 1, "disagree": 2, "both": 3, "neutral": 0}[side],
        }[aggregation]
        if normalization == "activity":
            weight /= activity[actor]
        elif normalization == "prominence":
            weight /= prominence[concept]
        expected[(actor, concept)] = {
            "weight": weight,
            "agree": agree,
            "disagree": disagree,
            "neutral": len(cell) - agree - disagree,
            "agreement": side,
            "sign": (total > 0) - (total < 0),
            "statement_ids": [r.statement_id for r in cell],
        }
    return expected


@st.composite
def coded_records(draw) -> tuple[list[StatementRecord], tuple[int, ...] | range]:
    """Up to 25 statements by five actors (some in one of two groups) on three concepts."""
    scale = draw(st.sampled_from(SCALES))
    affiliation = {actor: draw(st.sampled_from([None, "Gov", "Opp"])) for actor in "ABCDE"}
    rows = draw(
        st.lists(
            st.tuples(
                st.sampled_from("ABCDE"), st.sampled_from("xyz"), st.sampled_from(list(scale))
            ),
            max_size=25,
        )
    )
    ids = draw(st.permutations(range(1, len(rows) + 1)))  # records arrive in any id order
    records = [
        statement(sid, actor, concept, stance, affiliation=affiliation[actor])
        for sid, (actor, concept, stance) in zip(ids, rows, strict=True)
    ]
    return records, scale


def edges_by_labels(graph) -> dict[tuple[str, str], dict]:
    return {
        tuple(sorted((graph.nodes[u]["label"], graph.nodes[v]["label"]))): data
        for u, v, data in graph.edges(data=True)
    }


def assert_same_edges(found: dict, expected: dict) -> None:
    assert found.keys() == expected.keys()
    for pair, data in expected.items():
        assert found[pair].keys() == data.keys()
        for name, value in data.items():
            if isinstance(value, float):
                assert found[pair][name] == pytest.approx(value, rel=1e-9, abs=1e-9), name
            else:
                assert found[pair][name] == value, name


@settings(max_examples=150, deadline=None)
@given(
    coded=coded_records(),
    aggregation=st.sampled_from(["congruence", "conflict", "subtract", "ignore"]),
    normalization=st.sampled_from(["none", "average", "jaccard", "cosine"]),
    grouped=st.booleans(),
)
def test_actor_network_matches_the_definition(coded, aggregation, normalization, grouped):
    records, scale = coded
    graph = actor_network(
        records,
        aggregation=aggregation,
        normalization=normalization,
        scale=scale,
        group_by_affiliation=grouped,
    )
    assert dict(graph.nodes(data=True)) == reference_actor_nodes(records, grouped)
    expected = reference_actor_network(records, aggregation, normalization, scale, grouped)
    assert_same_edges(edges_by_labels(graph), expected)


@settings(max_examples=150, deadline=None)
@given(
    coded=coded_records(),
    aggregation=st.sampled_from(["ignore", "subtract", "combine"]),
    stance_filter=st.sampled_from(["all", "agree", "disagree", "neutral"]),
    normalization=st.sampled_from(["none", "activity", "prominence"]),
    grouped=st.booleans(),
)
def test_actor_concept_network_matches_the_definition(
    coded, aggregation, stance_filter, normalization, grouped
):
    records, scale = coded
    if aggregation == "combine":
        normalization = "none"  # refused with combine (tested above)
    graph = actor_concept_network(
        records,
        aggregation=aggregation,
        stance_filter=stance_filter,
        normalization=normalization,
        scale=scale,
        group_by_affiliation=grouped,
    )
    expected = reference_actor_concept_network(
        records, aggregation, stance_filter, normalization, grouped
    )
    found = {
        (graph.nodes[u]["label"], graph.nodes[v]["label"]): data
        for u, v, data in graph.edges(data=True)
    }
    assert_same_edges(found, expected)
    kept = [
        r
        for r in records
        if r.statement_id in {i for d in expected.values() for i in d["statement_ids"]}
    ]
    concepts = {f"concept:{r.concept}" for r in kept}
    assert set(graph.nodes) == set(reference_actor_nodes(kept, grouped)) | concepts
    for node in concepts:
        assert graph.nodes[node]["statement_ids"] == sorted(
            r.statement_id for r in kept if f"concept:{r.concept}" == node
        )


@settings(max_examples=40, deadline=None)
@given(coded=coded_records(), grouped=st.booleans())
def test_actor_statement_network_matches_the_definition(coded, grouped):
    records, _ = coded
    graph = actor_statement_network(records, group_by_affiliation=grouped)
    assert graph.number_of_edges() == len(records)
    for r in records:
        node = f"statement:{r.statement_id}"
        assert graph.nodes[node]["concept"] == r.concept
        assert graph.nodes[node]["stance"] == r.stance
        assert graph.edges[f"actor:{grouped_actor(r, grouped)}", node] == {
            "weight": 1.0,
            "stance": r.stance,
            "sign": (r.stance > 0) - (r.stance < 0),
            "statement_ids": [r.statement_id],
        }


# --- the Network result reads like a networkx graph -------------------------------------------


def test_network_reads_like_the_networkx_graph_it_converts_to(binary):
    network = actor_network(binary, aggregation="subtract")
    graph = network.to_networkx()
    assert list(network.nodes) == list(graph.nodes) == ["actor:A", "actor:B", "actor:C", "actor:D"]
    assert (
        network.graph
        == graph.graph
        == {
            "network": "actor_actor",
            "aggregation": "subtract",
            "normalization": "none",
        }
    )
    assert network.number_of_edges() == graph.number_of_edges() == len(network.edges) == 3
    assert {frozenset(e) for e in network.edges} == {frozenset(e) for e in graph.edges}
    for u, v, data in network.edges(data=True):
        assert graph.edges[u, v] == data == network.edges[v, u]
    assert sorted(network.neighbors("actor:B")) == sorted(graph.neighbors("actor:B"))
    assert network.degree("actor:A") == graph.degree("actor:A") == 2
    assert network.has_edge("actor:C", "actor:B") and not network.has_edge("actor:A", "actor:D")
    assert ("actor:A", "actor:D") not in network.edges and "actor:D" in network
    with pytest.raises(KeyError):
        network.edges["actor:A", "actor:D"]
    for name in ("weight", "agreement", "statement_ids", "colour"):
        assert list(network.edges(data=name, default="none")) == [
            (u, v, d.get(name, "none")) for u, v, d in network.edges(data=True)
        ]
    # an edge dict is built afresh: changing it changes nothing in the network
    network.edges["actor:A", "actor:B"]["weight"] = 99.0
    assert network.edges["actor:A", "actor:B"]["weight"] == 1.0
