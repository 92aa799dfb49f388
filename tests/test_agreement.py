"""Agreement between coders: units matched by span, alpha against the ``krippendorff`` package,
kappa against scikit-learn, percent agreement, span-F1 and the disagreements listed."""

from __future__ import annotations

import math
import random

import krippendorff
import numpy as np
import pytest
from coder_layers import Version, write_coder_layers
from sklearn.metrics import cohen_kappa_score

from quotegraph.store.db import Store
from quotegraph.team.agreement import (
    NOTHING,
    cohen_kappa,
    krippendorff_alpha,
    measure_agreement,
    percent_agreement,
    reliability_data,
)
from quotegraph.team.units import article_units, match_spans

TEXT = (
    "The minister said taxes would fall next year. "
    "Critics argued the plan was reckless and unfunded. "
    "A union leader warned of strikes in the spring. "
    "The mayor promised new buses for the northern districts."
)


def _package_alpha(data: list[list], level: str, domain: list | None = None) -> float:
    values = sorted({v for row in data for v in row if v is not None}, key=str)
    index = {v: i for i, v in enumerate(domain or values)}
    matrix = np.array(
        [[np.nan if v is None else index[v] for v in row] for row in data], dtype=float
    )
    return krippendorff.alpha(
        reliability_data=matrix,
        level_of_measurement=level,
        value_domain=list(range(len(domain or values))),
    )


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("level", ["nominal", "ordinal"])
def test_alpha_equals_the_krippendorff_package_on_random_data_with_missing_values(
    seed: int, level: str
) -> None:
    rng = random.Random(seed)
    coders = rng.randint(2, 5)
    units = rng.randint(10, 200)
    scale = [-2, -1, 0, 1, 2]
    data = [
        [
            None if rng.random() < 0.2 else rng.choice(scale[: rng.randint(2, 5)])
            for _ in range(units)
        ]
        for _ in range(coders)
    ]
    ours = krippendorff_alpha(data, level=level, domain=scale)
    theirs = _package_alpha(data, level, domain=scale)
    assert ours is not None
    assert abs(ours - theirs) < 1e-9


def test_alpha_is_one_for_perfect_agreement_and_none_without_variation() -> None:
    assert krippendorff_alpha([[1, 2, 3, None], [1, 2, 3, 3]]) == pytest.approx(1.0)
    assert krippendorff_alpha([[1, 1, 1], [1, 1, 1]]) is None
    assert krippendorff_alpha([[1, None], [None, 2]]) is None  # no unit has two values


@pytest.mark.parametrize("seed", range(6))
def test_kappa_equals_scikit_learn(seed: int) -> None:
    rng = random.Random(seed)
    labels = ["a", "b", "c", NOTHING][: rng.randint(2, 4)]
    first = [rng.choice(labels) for _ in range(rng.randint(5, 300))]
    second = [value if rng.random() < 0.6 else rng.choice(labels) for value in first]
    assert abs(cohen_kappa(first, second) - cohen_kappa_score(first, second)) < 1e-12


def test_kappa_is_none_where_chance_agreement_is_perfect() -> None:
    assert cohen_kappa(["a", "a"], ["a", "a"]) is None


def test_percent_agreement_counts_pairs_within_units() -> None:
    # Unit 1: three pairs, one agreeing; unit 2: one pair, agreeing; unit 3: a single value.
    percent, units = percent_agreement([["x", "y", "z"], ["x", "y", None], ["y", None, None]])
    assert units == 2
    assert percent == pytest.approx(2 / 4)


def test_match_spans_is_one_to_one_largest_share_first() -> None:
    # (0, 10) shares 8 with (2, 10) and 10 with (0, 10): the exact one wins; (2, 10) stays
    # unmatched since (0, 10) is taken; (30, 40) and (34, 50) share 6 of 16: no match.
    pairs = match_spans([(0, 10), (30, 40)], [(2, 10), (0, 10), (34, 50)])
    assert pairs == [(0, 1)]


def _double_coded(store: Store) -> int:
    article_id, _ = write_coder_layers(
        store,
        TEXT,
        {
            "anna": [
                Version("taxes would fall next year", actor="Minister", concept="Taxes", stance=1),
                Version(
                    "the plan was reckless and unfunded",
                    actor="Critics",
                    concept="Taxes",
                    stance=-1,
                ),
                Version("of strikes in the spring", status="rejected"),
            ],
            "ben": [
                Version(
                    "taxes would fall next year",
                    actor="Minister",
                    concept="Taxes",
                    stance=1,
                    widen=(0, 1),
                ),
                Version(
                    "the plan was reckless and unfunded",
                    actor="Critics",
                    concept="Budget",
                    stance=0,
                ),
                Version("of strikes in the spring", actor="Union", concept="Labour", stance=-1),
                Version(
                    "new buses for the northern districts",
                    actor="Mayor",
                    concept="Transport",
                    stance=1,
                ),
            ],
        },
    )
    return article_id


def test_units_pair_the_coders_versions_and_mark_what_one_coded_nothing_for(store: Store) -> None:
    article_id = _double_coded(store)
    units = article_units(store, article_id)
    assert len(units) == 4
    assert [sorted(coder for coder, v in u.versions.items() if v) for u in units] == [
        ["anna", "ben"],
        ["anna", "ben"],
        ["anna", "ben"],
        ["ben"],
    ]
    assert units[0].end == TEXT.index("next year") + len("next year") + 1  # ben's longer span
    data = reliability_data(units, ["anna", "ben"], "kept")
    assert data == [["kept", "kept", "rejected", "rejected"], ["kept", "kept", "kept", "kept"]]
    stance = reliability_data(units, ["anna", "ben"], "stance")
    assert stance == [[1, -1, None, None], [1, 0, -1, 1]]


def test_agreement_of_a_store_equals_the_package_and_lists_disagreements(store: Store) -> None:
    article_id = _double_coded(store)
    report = measure_agreement(store)
    assert report.coders == ["anna", "ben"]
    assert report.units == 4
    figures = {figure.field: figure for figure in report.figures}
    units = article_units(store, article_id)
    for field_name, level in (("actor", "nominal"), ("concept", "nominal"), ("stance", "ordinal")):
        data = reliability_data(units, ["anna", "ben"], field_name)
        expected = _package_alpha(data, level, domain=[-1, 0, 1] if level == "ordinal" else None)
        assert abs(figures[field_name].alpha - expected) < 1e-9
    # Concept: Taxes/Taxes, Taxes/Budget, nothing/Labour, nothing/Transport: 1 of 4 agree.
    assert figures["concept"].percent == pytest.approx(0.25)
    assert figures["concept"].units == 4
    assert figures["stance"].units == 2  # where both kept a stance
    # Spans: anna kept 2, ben kept 4; both of anna's match one of ben's.
    assert figures["span"].span_f1 == pytest.approx(2 * 2 / 6)
    concept_rows = [d for d in report.disagreements if d.field == "concept"]
    assert [d.values for d in concept_rows] == [
        {"anna": "Taxes", "ben": "Budget"},
        {"anna": NOTHING, "ben": "Labour"},
        {"anna": NOTHING, "ben": "Transport"},
    ]
    assert concept_rows[0].text == "the plan was reckless and unfunded"
    assert all(d.article_id == article_id for d in report.disagreements)


def test_only_fields_asked_for_are_measured_and_unknown_ones_refused(store: Store) -> None:
    _double_coded(store)
    report = measure_agreement(store, fields=["stance"])
    assert {figure.field for figure in report.figures} == {"stance"}
    assert {d.field for d in report.disagreements} == {"stance"}
    with pytest.raises(ValueError, match="unknown field"):
        measure_agreement(store, fields=["colour"])


def test_three_coders_give_pairs_and_all_together(sqlite_store: Store) -> None:
    write_coder_layers(
        sqlite_store,
        TEXT,
        {
            coder: [Version("taxes would fall next year", actor=actor, stance=stance)]
            for coder, actor, stance in (("a", "X", 1), ("b", "X", 1), ("c", "Y", -1))
        },
    )
    report = measure_agreement(sqlite_store, fields=["actor"])
    assert [figure.coders for figure in report.figures] == ["a × b", "a × c", "b × c", "all"]
    together = report.figures[-1]
    assert together.percent == pytest.approx(1 / 3)
    assert together.units == 1


def test_a_store_without_double_coding_gives_an_empty_report(store: Store) -> None:
    report = measure_agreement(store)
    assert report.units == 0
    assert report.disagreements == []
    assert all(figure.alpha is None for figure in report.figures)
    assert not math.isnan(report.articles)
