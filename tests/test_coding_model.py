"""The concept and stance model on sentences written for these tests."""

from __future__ import annotations

import pytest

from quotegraph.annotation import coding_model
from quotegraph.annotation.coding_model import (
    CodedStatement,
    CodingModel,
    ConceptSeed,
    concept_direction,
)
from quotegraph.annotation.coding_model_cues import evaluative_counts
from quotegraph.annotation.sentence_vectors import SentenceVectors

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


# Every model test once on words alone and once with sentence vectors beside them.
ENCODERS = pytest.mark.parametrize(
    "encode", [None, SentenceVectors()], ids=["words", "words-and-vectors"]
)


@ENCODERS
def test_codebook_texts_alone_suggest_concepts_before_any_coding(encode):
    seeds = [
        ConceptSeed("wind", "Wind power", keywords=("turbine", "wind farm")),
        ConceptSeed("meals", "Free school meals", examples=("Every pupil should get lunch",)),
    ]
    model = CodingModel.train([], seeds, version="v0", encode=encode)
    first, second = model.suggest(["The turbine on the hill", "lunch for every pupil"])
    assert (first.concept, second.concept) == ("wind", "meals")
    assert first.stance is None and first.concept_confidence > 0.5
    assert model.version == "v0"


@ENCODERS
def test_learns_concepts_and_stances_from_coded_statements(encode):
    model = CodingModel.train(_coded(), [ConceptSeed("wind", "Wind power")], encode=encode)
    suggestions = model.suggest(
        ["Wind farms create clean jobs", "School meals waste money and food"]
    )
    assert [s.concept for s in suggestions] == ["wind", "meals"]
    assert [s.stance for s in suggestions] == ["agree", "disagree"]
    assert all(0.0 < s.concept_confidence <= 1.0 for s in suggestions)


@ENCODERS
def test_stance_follows_the_given_concept(encode):
    # The same sentence is for a concept worded "ban wind farms" what it is against "wind".
    coded = _coded() + [
        CodedStatement("Turbines near homes are dangerous", "ban", "agree"),
        CodedStatement("Turbines near homes are safe and quiet", "ban", "disagree"),
    ]
    seeds = [ConceptSeed("ban", "Ban wind farms"), ConceptSeed("wind", "Wind power")]
    model = CodingModel.train(coded, seeds, encode=encode)
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


def test_a_negator_reaches_to_the_end_of_its_clause_and_no_further():
    assert evaluative_counts("it will not in the long run make our schools better") == (0.0, 1.0)
    assert evaluative_counts("it is not cheap, and it is good") == (1.0, 1.0)
    # Two negators turn the word back.
    assert evaluative_counts("it is not without benefit") == (1.0, 0.0)


def test_a_diminisher_turns_round_what_it_acts_on_and_an_amplifier_does_not():
    assert evaluative_counts("the programme reduces poverty") == (1.0, 0.0)
    assert evaluative_counts("the programme increases poverty") == (0.0, 1.0)
    assert evaluative_counts("tariffs prevent growth") == (0.0, 1.0)


def test_words_before_a_contrast_count_less_than_the_point_after_it():
    positive, negative = evaluative_counts("it is costly, but it saves lives")
    assert positive > negative > 0


def test_concept_direction_reads_words_against_something():
    assert concept_direction("This house would ban smoking") == -1.0
    assert concept_direction("States should not subsidise tobacco") == -1.0
    assert concept_direction("This house would build dams") == 1.0


@ENCODERS
def test_polarity_learnt_on_some_concepts_carries_over_signed_to_a_concept_worded_against(
    encode,
):
    # "splendid" and "dreadful" are no evaluative words of the lexicon: what they mean is learnt
    # from a concept worded for something and one worded against something, and read for a
    # third concept, coded only twice and never with them, by how that concept is worded.
    coded = []
    for concept, subject, splendid_means in (
        ("wind", "wind farm", "agree"),
        ("bags", "plastic bag", "disagree"),
    ):
        dreadful_means = "disagree" if splendid_means == "agree" else "agree"
        for opening in ("The", "Each new", "Our"):
            coded.append(
                CodedStatement(f"{opening} {subject} is splendid", concept, splendid_means)
            )
            coded.append(
                CodedStatement(f"{opening} {subject} is dreadful", concept, dreadful_means)
            )
    coded.append(CodedStatement("Coal mines should close by next spring", "coal", "agree"))
    coded.append(CodedStatement("Coal mines keep the town going", "coal", "disagree"))
    seeds = [
        ConceptSeed("wind", "Build wind farms"),
        ConceptSeed("bags", "Ban plastic bags"),
        ConceptSeed("coal", "Ban coal mines"),
    ]
    model = CodingModel.train(coded, seeds, encode=encode)
    texts = ["Coal mines are dreadful", "Coal mines are splendid"]
    dreadful, splendid = model.suggest(texts, ["coal", "coal"])
    assert (dreadful.stance, splendid.stance) == ("agree", "disagree")
    assert [s.stance for s in model.suggest(texts, ["wind", "wind"])] == ["disagree", "agree"]


# "grid" was coded once for each concept; all through the batch it goes with solar panels.
SELF_TRAINING_BATCH = [
    *[f"Solar panels feed the grid at site {i}" for i in range(12)],
    *[f"School lunches for class {i}" for i in range(12)],
    "the grid",
]


def _solar_and_meals() -> CodingModel:
    coded = [
        CodedStatement(text, concept)
        for concept, texts in (
            ("solar", ["Solar panels on the roof", "More solar panels", "The grid needs power"]),
            ("meals", ["School lunches for all", "Better school lunches", "The grid of the menu"]),
        )
        for text in texts
    ]
    return CodingModel.train(coded)


def test_suggesting_for_a_batch_learns_from_its_own_confident_guesses():
    model = _solar_and_meals()
    alone = model.suggest(["the grid"])[0]
    in_batch = model.suggest(SELF_TRAINING_BATCH)
    assert alone.concept == "meals"
    assert in_batch[-1].concept == "solar"
    assert [s.concept for s in in_batch[:24]] == ["solar"] * 12 + ["meals"] * 12


def test_self_training_leaves_well_coded_projects_alone(monkeypatch):
    model = _solar_and_meals()
    alone = model.suggest(["the grid"])[0]
    monkeypatch.setattr(coding_model, "_SELF_TRAINING_CODED_CEILING", model.report.examples)
    in_batch = model.suggest(SELF_TRAINING_BATCH)[-1]
    assert in_batch.concept == "meals"
    assert in_batch.concept_confidence == pytest.approx(alone.concept_confidence)
