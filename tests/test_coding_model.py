"""The concept and stance model on sentences written for these tests."""

from __future__ import annotations

import pytest

from quotegraph.annotation.coding_model import (
    CodedStatement,
    CodingModel,
    ConceptSeed,
    concept_direction,
    evaluative_counts,
)

WIND = [
    ("Wind turbines give cheap clean power to every village", "agree"),
    ("New wind farms will create jobs and cut emissions", "agree"),
    ("Offshore wind is the most reliable source of clean energy", "agree"),
    ("Wind turbines kill birds and ruin the landscape", "disagree"),
    ("Wind farms are too expensive and fail when the air is still", "disagree"),
    ("The turbines are noisy and harmful to people living nearby", "disagree"),
]
MEALS = [
    ("Free school meals help poor children learn", "agree"),
    ("A hot lunch at school improves pupils' health", "agree"),
    ("School lunches are a good investment in children", "agree"),
    ("Free school meals waste money on families who do not need them", "disagree"),
    ("School canteens serve unhealthy food that children throw away", "disagree"),
    ("Paying for every pupil's lunch is a costly burden on councils", "disagree"),
]


def _coded() -> list[CodedStatement]:
    return [CodedStatement(text, "wind", stance) for text, stance in WIND] + [
        CodedStatement(text, "meals", stance) for text, stance in MEALS
    ]


def test_codebook_texts_alone_suggest_concepts_before_any_coding():
    seeds = [
        ConceptSeed("wind", "Wind power", keywords=("turbine", "wind farm")),
        ConceptSeed("meals", "Free school meals", examples=("Every pupil should get lunch",)),
    ]
    model = CodingModel.train([], seeds, version="v0")
    first, second = model.suggest(["The turbine on the hill", "lunch for every pupil"])
    assert (first.concept, second.concept) == ("wind", "meals")
    assert first.stance is None and first.concept_confidence > 0.5
    assert model.version == "v0"


def test_learns_concepts_and_stances_from_coded_statements():
    model = CodingModel.train(_coded(), [ConceptSeed("wind", "Wind power")])
    suggestions = model.suggest(
        ["Wind farms create clean jobs", "School meals waste money and food"]
    )
    assert [s.concept for s in suggestions] == ["wind", "meals"]
    assert [s.stance for s in suggestions] == ["agree", "disagree"]
    assert all(0.0 < s.concept_confidence <= 1.0 for s in suggestions)


def test_stance_follows_the_given_concept():
    # The same sentence is for a concept worded "ban wind farms" what it is against "wind".
    coded = _coded() + [
        CodedStatement("Turbines near homes are dangerous", "ban", "agree"),
        CodedStatement("Turbines near homes are safe and quiet", "ban", "disagree"),
    ]
    seeds = [ConceptSeed("ban", "Ban wind farms"), ConceptSeed("wind", "Wind power")]
    model = CodingModel.train(coded, seeds)
    text = ["Wind turbines are harmful and noisy"]
    assert model.suggest(text, ["wind"])[0].stance == "disagree"
    assert model.suggest(text, ["ban"])[0].stance == "agree"


def test_nothing_to_learn_from_is_refused():
    with pytest.raises(ValueError, match="nothing to learn from"):
        CodingModel.train([], [])


def test_evaluative_words_and_negation():
    assert evaluative_counts("a good and effective plan") == (2.0, 0.0)
    assert evaluative_counts("it is not effective") == (0.0, 1.0)
    assert evaluative_counts("the dams harmed rivers") == (0.0, 1.0)


def test_concept_direction_reads_words_against_something():
    assert concept_direction("This house would ban smoking") == -1.0
    assert concept_direction("States should not subsidise tobacco") == -1.0
    assert concept_direction("This house would build dams") == 1.0
