"""Networks over time, duplicates per period, coalitions, polarisation and divisive concepts."""

from __future__ import annotations

import datetime

import pytest

from quotegraph.networks import (
    Coalitions,
    StatementRecord,
    actor_network,
    coalitions_over_time,
    divisive_concepts,
    drop_duplicates,
    find_coalitions,
    label_coalitions,
    parse_duration,
    polarisation,
    stance_over_time,
    time_windows,
)

JAN = datetime.date(2026, 1, 1)


def day(n: int) -> datetime.date:
    return JAN + datetime.timedelta(days=n)


def rec(sid: int, actor: str, concept: str, stance: int, when: int = 0, article: int = 0):
    return StatementRecord(sid, article or sid, actor, concept, stance, published=day(when))


def test_duplicates_count_once_per_period() -> None:
    # the same claim on Jan 1 (Thu), Jan 2 (Fri, same ISO week), Jan 6 (next week), Feb 3
    records = [rec(1, "A", "x", 1, 0), rec(2, "A", "x", 1, 1), rec(3, "A", "x", 1, 5),
               rec(4, "A", "x", 1, 33), rec(5, "A", "x", -1, 1)]  # fmt: skip
    kept = {per: [r.statement_id for r in drop_duplicates(records, per=per)]
            for per in ("none", "document", "week", "month", "year")}  # fmt: skip
    assert kept == {
        "none": [1, 2, 3, 4, 5],
        "document": [1, 2, 3, 4, 5],
        "week": [1, 3, 4, 5],
        "month": [1, 4, 5],
        "year": [1, 5],
    }
    with pytest.raises(ValueError, match="per must be one of"):
        drop_duplicates(records, per="day")  # type: ignore[arg-type]


def test_windows_of_fixed_length_move_by_the_step() -> None:
    records = [rec(1, "A", "x", 1, 0), rec(2, "B", "x", 1, 4), rec(3, "C", "x", -1, 9),
               rec(4, "D", "x", 1, 19), StatementRecord(5, 5, "E", "x", 1)]  # fmt: skip
    windows = time_windows(
        records, length=datetime.timedelta(days=7), step=datetime.timedelta(days=5)
    )
    # Jan 1-7, Jan 6-12, Jan 11-17, Jan 16-22: the last is the first to reach Jan 20
    assert [(w.start, w.end) for w in windows] == [
        (day(0), day(6)),
        (day(5), day(11)),
        (day(10), day(16)),
        (day(15), day(21)),
    ]
    assert [[r.statement_id for r in w.records] for w in windows] == [[1, 2], [3], [], [4]]
    # a span shorter than one window gives one window
    short = time_windows(records[:2], length=parse_duration("30d"), step=parse_duration("1w"))
    assert [(w.start, w.end, len(w.records)) for w in short] == [(day(0), day(29), 2)]


def test_durations_are_days_or_weeks() -> None:
    assert parse_duration("30d") == datetime.timedelta(days=30)
    assert parse_duration("2w") == datetime.timedelta(days=14)
    assert parse_duration(" 3 ") == datetime.timedelta(days=3)
    for bad in ("0d", "1m", "", "-3d"):
        with pytest.raises(ValueError, match="number of days or weeks"):
            parse_duration(bad)


def two_camps() -> list[StatementRecord]:
    """A, B and C agree on x and y; D and E disagree on both."""
    records = []
    for n, actor in enumerate("ABCDE"):
        stance = 1 if actor in "ABC" else -1
        records += [rec(2 * n + 1, actor, "x", stance), rec(2 * n + 2, actor, "y", stance)]
    return records


def test_coalitions_are_the_camps_numbered_by_size() -> None:
    found = find_coalitions(actor_network(two_camps()))
    assert found.members == {1: ["actor:A", "actor:B", "actor:C"], 2: ["actor:D", "actor:E"]}
    assert found.of("actor:E") == 2
    network = actor_network(two_camps(), aggregation="subtract")
    label_coalitions(network, found)
    assert [network.nodes[f"actor:{a}"]["coalition"] for a in "ABCDE"] == [1, 1, 1, 2, 2]
    # agreement inside the camps, disagreement across. Positive ties (weight 2): A-B, A-C,
    # B-C, D-E, so Q+ = 1 - (12/16)^2 - (4/16)^2 = 0.375; negative ties: the six pairs across,
    # so Q- = -(12/24)^2 - (12/24)^2 = -0.5; (8 * 0.375 + 12 * 0.5) / 20 = 0.45
    assert polarisation(network, found) == pytest.approx(0.45)
    # one camp for everybody: no split (a single group has modularity 0 on either side)
    together = Coalitions(dict.fromkeys(found.membership, 1), {1: sorted(found.membership)}, 0.0)
    assert polarisation(network, together) == pytest.approx(0.0, abs=1e-12)
    # camps that cut across the real ones: conflict inside them, polarisation below zero
    mixed = Coalitions({"actor:A": 1, "actor:D": 1, "actor:B": 2, "actor:E": 2, "actor:C": 3},
                       {}, 0.0)  # fmt: skip
    assert polarisation(network, mixed) < 0


def test_polarisation_is_the_signed_modularity() -> None:
    # A and C agree on x, B disagrees: ties A-C +1, A-B -1, B-C -1; coalition {A, C}, B alone.
    # Q+ = 1 - (2/2)^2 = 0; Q- = 0 - (2/4)^2 - (2/4)^2 = -1/2; (1 * 0 - 2 * -1/2) / 3 = 1/3
    records = [rec(1, "A", "x", 1), rec(2, "B", "x", -1), rec(3, "C", "x", 1)]
    found = find_coalitions(actor_network(records))
    assert found.members == {1: ["actor:A", "actor:C"], 0: ["actor:B"]}
    subtract = actor_network(records, aggregation="subtract")
    assert polarisation(subtract, found) == pytest.approx(1 / 3)
    assert polarisation(actor_network([], aggregation="subtract"), found) == 0.0


def test_divisive_concepts_rank_what_holds_the_coalitions_apart() -> None:
    records = [rec(1, "A", "x", 1), rec(2, "B", "x", 1), rec(3, "C", "x", -1),
               rec(4, "D", "x", -1)]  # fmt: skip
    records += [rec(5 + n, a, "z", 1) for n, a in enumerate("ABCD")]
    camps = Coalitions(
        {"actor:A": 1, "actor:B": 1, "actor:C": 2, "actor:D": 2},
        {1: ["actor:A", "actor:B"], 2: ["actor:C", "actor:D"]},
        0.0,
    )
    table = divisive_concepts(records, camps)
    assert table["concept"].tolist() == ["x", "z"]
    # x: 2 congruent pairs within, 4 conflicting across, of 6; z: 2 within, 4 across, of 6
    assert table["separation"].tolist() == pytest.approx([1.0, -1 / 3])
    assert table["conflicts_across"].tolist() == [4, 0]
    assert table.loc[0, "stances"] == "1: 2 agree, 0 disagree; 2: 0 agree, 2 disagree"


def test_coalitions_and_polarisation_per_window() -> None:
    early = two_camps()
    late = [StatementRecord(100 + r.statement_id, r.article_id, r.actor, r.concept, 1,
                            published=day(40)) for r in early]  # fmt: skip
    table = coalitions_over_time(
        early + late, length=datetime.timedelta(days=10), step=datetime.timedelta(days=10)
    )
    assert table["statements"].tolist() == [10, 0, 0, 0, 10]
    assert table["coalitions"].tolist() == [2, 0, 0, 0, 1]
    # two camps at first; later everybody agrees: no conflict, no split
    assert table["polarisation"].iloc[0] == pytest.approx(0.45)
    assert table["polarisation"].iloc[-1] == pytest.approx(0.0, abs=1e-12)


def test_stance_counts_per_actor_and_month() -> None:
    records = [rec(1, "A", "x", 1, 0), rec(2, "A", "x", 1, 20), rec(3, "A", "x", -1, 40),
               StatementRecord(4, 4, "A", "x", 1)]  # fmt: skip
    table = stance_over_time(records, by="actor", period="month")
    assert table[["key", "period", "stance", "count"]].values.tolist() == [
        ["A", datetime.date(2026, 1, 1), 1, 2],
        ["A", datetime.date(2026, 2, 1), -1, 1],
    ]
    weekly = stance_over_time(records, by="concept", period="week")
    assert weekly["period"].tolist() == [day(-3), day(18), day(39)]  # Mondays
