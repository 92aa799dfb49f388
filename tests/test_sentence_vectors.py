"""Sentence vectors: the encoder, its cache, and what they give the concept model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select

from components.coding_suggestions import model_caption
from quotegraph.annotation import coding_suggestions, sentence_vectors
from quotegraph.annotation.codebook_concepts import create_concept
from quotegraph.annotation.coding_model import (
    MODEL_KIND,
    MODEL_KIND_WITH_VECTORS,
    CodedStatement,
    CodingModel,
    ConceptSeed,
)
from quotegraph.annotation.coding_suggestions import (
    MODEL_READS,
    article_suggestions,
    latest_model,
    retrain,
)
from quotegraph.annotation.sentence_vectors import (
    CACHE_FILE,
    DIMENSIONS,
    SentenceVectors,
    shared_sentence_vectors,
)
from quotegraph.annotation.statements import create_statement
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.models import CodingModelRecord

ANIMALS = [
    "Laboratories should stop testing cosmetics on rabbits",
    "Experiments on monkeys cause needless suffering",
    "Medical research on mice saves human lives",
]
TAXES = [
    "The income tax rate for the rich must rise",
    "Cutting corporation tax will attract investment",
    "Property levies hit pensioners hardest",
]


def test_vectors_have_unit_length_and_like_meanings_lie_close():
    vectors = SentenceVectors()(
        [
            "The dog chased a ball across the park",
            "A puppy ran after a ball in the garden",
            "Interest rates rose again this quarter",
        ]
    )
    assert vectors.shape == (3, DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.3


def test_each_text_is_encoded_once_and_kept_on_disk(tmp_path: Path):
    path = tmp_path / CACHE_FILE
    first = SentenceVectors(path)
    texts = [
        "Sanctions will not stop the programme",
        "Talks are the only way",
        "Talks are the only way",
    ]
    vectors = first(texts)
    assert first.encoded == 2  # the repeated text once
    assert np.array_equal(vectors[1], vectors[2])
    again = first(texts[:1])
    assert first.encoded == 2 and np.array_equal(again[0], vectors[0])
    # A new process (a new instance) reads the file instead of encoding.
    second = SentenceVectors(path)
    assert np.array_equal(second(texts), vectors)
    assert second.encoded == 0
    assert second([]).shape == (0, DIMENSIONS)


def test_a_damaged_cache_file_only_costs_encoding_time(tmp_path: Path):
    path = tmp_path / CACHE_FILE
    path.write_bytes(b"this is not an SQLite database" * 100)
    vectors = SentenceVectors(path)(["The treaty is dead"])
    assert vectors.shape == (1, DIMENSIONS)
    unwritable = SentenceVectors(tmp_path / "a-file" / CACHE_FILE)
    (tmp_path / "a-file").write_text("a file where the cache folder would be")
    assert unwritable(["The treaty is dead"]).shape == (1, DIMENSIONS)


def test_sentence_vectors_find_the_concept_when_no_word_is_shared():
    coded = [CodedStatement(text, "animals") for text in ANIMALS] + [
        CodedStatement(text, "taxes") for text in TAXES
    ]
    seeds = [ConceptSeed("animals", "Animal testing"), ConceptSeed("taxes", "Taxation")]
    model = CodingModel.train(coded, seeds, encode=SentenceVectors())
    suggestions = model.suggest(
        [
            "Puppies are harmed in drug trials",
            "Wealthy households ought to pay a bigger share to the treasury",
        ]
    )
    assert [s.concept for s in suggestions] == ["animals", "taxes"]
    assert model.version.startswith(MODEL_KIND_WITH_VECTORS)


@pytest.mark.parametrize("switch", ["on", "off"])
def test_retraining_keeps_the_vectors_in_the_data_directory_unless_switched_off(
    sqlite_store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, switch: str
):
    monkeypatch.setenv("QUOTEGRAPH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("QUOTEGRAPH_SENTENCE_VECTORS", switch)
    create_concept(sqlite_store, "Animal testing", annotator="ana")
    assert retrain(sqlite_store) is not None
    cache = tmp_path / "data" / CACHE_FILE
    assert cache.exists() == (switch == "on")
    if switch == "on":
        vectors = shared_sentence_vectors(tmp_path / "data")
        assert vectors is not None and vectors.cache_path == cache


def test_a_broken_encoder_installation_leaves_suggestions_from_words(
    sqlite_store, monkeypatch: pytest.MonkeyPatch
):
    def broken() -> None:
        raise OSError("model.safetensors: no such file")

    monkeypatch.setattr(sentence_vectors, "_encoder", broken)
    assert not SentenceVectors().ready()
    create_concept(sqlite_store, "Animal testing", annotator="ana")
    info = retrain(sqlite_store)
    assert info is not None and info.concepts == 1


def test_each_model_kind_has_a_caption_and_retraining_records_the_kind(
    sqlite_store, monkeypatch: pytest.MonkeyPatch
):
    assert set(MODEL_READS) == {MODEL_KIND, MODEL_KIND_WITH_VECTORS}
    create_concept(sqlite_store, "Animal testing", annotator="ana")
    info = retrain(sqlite_store)
    assert (info.kind, info.reads) == (MODEL_KIND_WITH_VECTORS, "words and meaning")
    assert latest_model(sqlite_store).kind == MODEL_KIND_WITH_VECTORS
    monkeypatch.setenv("QUOTEGRAPH_SENTENCE_VECTORS", "off")
    assert retrain(sqlite_store).reads == "words"
    caption = model_caption(latest_model(sqlite_store), training=False, error=None)
    assert caption.endswith("(reads words)")


def test_uncached_counts_distinct_texts_not_encoded_yet(tmp_path: Path):
    vectors = SentenceVectors(tmp_path / CACHE_FILE)
    texts = ["Tariffs hurt farmers", "Tariffs hurt farmers", "Quotas protect jobs"]
    assert vectors.uncached(texts) == 2
    vectors(texts[:1])
    assert vectors.uncached(texts) == 1
    assert SentenceVectors(tmp_path / CACHE_FILE).uncached(texts) == 1  # read from the file


def test_a_corpus_of_new_texts_gets_suggestions_from_words_before_the_encoder_finishes(
    sqlite_store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    monkeypatch.setenv("QUOTEGRAPH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(coding_suggestions, "WORDS_FIRST_ABOVE", 1)
    text = " ".join([*ANIMALS, *TAXES])
    article_id = add_article(sqlite_store, ArticleDraft(text=text, title="t")).article_id
    animals = create_concept(sqlite_store, "Animal testing", annotator="ana").id
    taxes = create_concept(sqlite_store, "Taxation", annotator="ana").id
    codes = [animals, animals, None, taxes, taxes, None]
    for sentence, concept in zip(ANIMALS + TAXES, codes, strict=True):
        start = text.index(sentence)
        create_statement(
            sqlite_store,
            article_id,
            start,
            start + len(sentence),
            annotator="ana",
            concept_id=concept,
        )
    info = retrain(sqlite_store)
    with sqlite_store.session() as session:
        kinds = session.execute(
            select(CodingModelRecord.version, CodingModelRecord.kind).order_by(
                CodingModelRecord.trained_at
            )
        ).all()
    assert [tuple(row) for row in kinds] == [("m1", MODEL_KIND), ("m2", MODEL_KIND_WITH_VECTORS)]
    assert info.version == "m2"
    suggestions = article_suggestions(sqlite_store, article_id)
    assert {s.model_version for s in suggestions.values()} == {"m2"}
    assert len(suggestions) == 6  # every statement lacks a stance
    # Everything is encoded now: the next retraining goes straight to the full model.
    assert retrain(sqlite_store).version == "m3"
