"""Suggestions stored from a model of the project's coding: retraining, accepting, undoing."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from statement_helpers import span

from quotegraph.annotation.codebook_concepts import create_concept
from quotegraph.annotation.coding_suggestions import (
    BackgroundTrainer,
    accept_suggestions,
    article_suggestions,
    latest_model,
    retrain,
)
from quotegraph.annotation.history import undo
from quotegraph.annotation.statements import create_statement, get_statement
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import Store
from quotegraph.store.models import Change, Concept, Statement

SENTENCES = [
    "Wind turbines give cheap clean power.",
    "Wind farms are too expensive and fail often.",
    "Free school meals help poor children learn.",
    "School lunches waste money on families who do not need them.",
    "New wind farms create jobs and clean power.",
    "Hot school meals help children and improve health.",
]
TEXT = " ".join(SENTENCES)


def _project(store: Store) -> tuple[int, int, int, list[int]]:
    """Two concepts with keywords; the first four sentences coded by a person, two left."""
    article_id = add_article(store, ArticleDraft(text=TEXT, title="t")).article_id
    wind = create_concept(store, "Wind power", annotator="ana").id
    meals = create_concept(store, "Free school meals", annotator="ana").id
    with store.session(write=True) as session:
        session.get(Concept, wind).keywords = "turbine\nwind farm"
    codes = [(wind, 1), (wind, -1), (meals, 1), (meals, -1)]
    ids = []
    for sentence, (concept, stance) in zip(SENTENCES, codes + [(None, None)] * 2, strict=True):
        start, end = span(TEXT, sentence)
        ids.append(
            create_statement(
                store, article_id, start, end, annotator="ana", concept_id=concept, stance=stance
            ).id
        )
    return article_id, wind, meals, ids


def test_retrain_suggests_for_what_a_person_did_not_code(store):
    article_id, wind, meals, ids = _project(store)
    info = retrain(store)
    assert info is not None and info.examples == 4 and info.version == "m1"
    suggestions = article_suggestions(store, article_id)
    assert set(suggestions) == set(ids[4:])
    assert suggestions[ids[4]].concept_id == wind
    assert suggestions[ids[5]].concept_id == meals
    assert suggestions[ids[5]].concept_name == "Free school meals"
    assert suggestions[ids[4]].stance == 1 and suggestions[ids[4]].stance_label == "agree"
    assert all(s.model_version == "m1" for s in suggestions.values())
    assert retrain(store).version == "m2"
    assert latest_model(store).version == "m2"


def test_accepting_in_bulk_marks_machine_records_the_model_and_undoes_as_one_step(store):
    article_id, wind, meals, ids = _project(store)
    retrain(store)
    changed = accept_suggestions(
        store, ids[4:], annotator="ana", article_id=article_id, in_bulk=True
    )
    assert changed == 2
    statement = get_statement(store, ids[4])
    assert (statement.concept_id, statement.stance) == (wind, 1)
    assert statement.field_origins["concept"] == "machine"
    assert statement.field_origins["stance"] == "machine"
    with store.session() as session:
        groups = set(session.scalars(select(Change.group_id).where(Change.row_id.in_(ids[4:]))))
    assert len(groups - _creation_groups(store, ids[4:])) == 1
    assert article_suggestions(store, article_id) == {}
    assert undo(store, annotator="ana", article_id=article_id) is not None
    for statement_id in ids[4:]:
        restored = get_statement(store, statement_id)
        assert (restored.concept_id, restored.stance) == (None, None)
        assert restored.field_origins["concept"] == "person"


def _creation_groups(store: Store, ids: list[int]) -> set[str]:
    with store.session() as session:
        return set(
            session.scalars(
                select(Change.group_id).where(Change.row_id.in_(ids), Change.action == "create")
            )
        )


def test_accepting_one_marks_person_and_keeps_what_a_person_set(store):
    article_id, wind, meals, ids = _project(store)
    retrain(store)
    assert accept_suggestions(store, [ids[5], ids[0]], annotator="bo", article_id=article_id) == 1
    accepted = get_statement(store, ids[5])
    assert accepted.concept_id == meals and accepted.field_origins["concept"] == "person"
    assert get_statement(store, ids[0]).stance == 1  # a person's code is never overwritten
    with store.session() as session:
        assert session.get(Statement, ids[5]).coding_model_version == "m1"


def test_the_background_trainer_retrains_only_when_the_coding_changed(sqlite_store):
    _project(sqlite_store)
    trainer = BackgroundTrainer(sqlite_store)
    trainer.poke()
    assert trainer.wait_idle()
    assert trainer.last_model.version == "m1"
    trainer.poke()
    assert trainer.wait_idle()
    assert latest_model(sqlite_store).version == "m1"
    create_concept(sqlite_store, "Taxes", annotator="ana")
    trainer.poke()
    assert trainer.wait_idle()
    assert trainer.last_model.version == "m2" and trainer.last_error is None


def test_no_concept_no_model(store):
    add_article(store, ArticleDraft(text=TEXT, title="t"))
    assert retrain(store) is None


def _row(statement_id: int, concept_id: int | None = None, status: str = "suggested"):
    from types import SimpleNamespace

    return SimpleNamespace(id=statement_id, concept_id=concept_id, status=status)


def _suggestion(statement_id: int, concept_id: int, confidence: float):
    from quotegraph.annotation.coding_suggestions import CodingSuggestionView

    return CodingSuggestionView(statement_id, "m1", concept_id, "c", confidence, None, None, 0.0)


def test_most_useful_order_is_least_confident_first_taking_concepts_in_turn():
    from quotegraph.annotation.coding_suggestions import most_useful_order

    statements = [_row(1), _row(2), _row(3), _row(4), _row(5, concept_id=9), _row(6)]
    suggestions = {
        1: _suggestion(1, 7, 0.9),
        2: _suggestion(2, 7, 0.3),
        3: _suggestion(3, 7, 0.4),
        4: _suggestion(4, 8, 0.6),
    }
    # 6 has no suggestion and no concept (confidence 0); 5 is coded: last, in reading order.
    assert most_useful_order(statements, suggestions) == [6, 2, 4, 3, 1, 5]


def test_bulk_candidates_keep_one_concept_above_the_threshold():
    from quotegraph.annotation.coding_suggestions import bulk_candidates

    statements = [_row(1), _row(2), _row(3, status="rejected"), _row(4)]
    suggestions = {
        1: _suggestion(1, 7, 0.9),
        2: _suggestion(2, 7, 0.5),
        3: _suggestion(3, 7, 0.95),
        4: _suggestion(4, 8, 0.99),
    }
    assert bulk_candidates(statements, suggestions, concept_id=7, threshold=0.8) == [1]
    assert bulk_candidates(statements, suggestions, concept_id=None, threshold=0.8) == [1, 4]


def test_exports_carry_machine_coding_with_its_provenance_and_model(store):
    import json

    from quotegraph.annotation.statement_table import load_statement_table
    from quotegraph.exports.formats import to_csv, to_jsonl

    article_id, wind, meals, ids = _project(store)
    retrain(store)
    accept_suggestions(store, [ids[4]], annotator="ana", article_id=article_id, in_bulk=True)
    table = load_statement_table(store, machine_coding=True)
    rows = table.set_index("statement_id")
    bulk, waiting = rows.loc[ids[4]], rows.loc[ids[5]]
    assert (bulk["concept"], bulk["concept_set_by"]) == ("Wind power", "machine")
    assert bulk["coding_model_version"] == "m1"
    # Not accepted: drawn from the waiting suggestion only when machine coding is asked for.
    assert (waiting["concept"], waiting["stance_set_by"]) == ("Free school meals", "machine")
    assert pd.isna(load_statement_table(store).set_index("statement_id").loc[ids[5], "concept"])
    assert "coding_model_version" in to_csv(table).splitlines()[0]
    line = json.loads(to_jsonl(store, machine_coding=True).splitlines()[0])
    exported = {s["statement_id"]: s for s in line["statements"]}
    assert exported[ids[4]]["coding_model_version"] == "m1"
    assert exported[ids[4]]["set_by"]["concept"] == "machine"
    assert exported[ids[0]]["set_by"]["concept"] == "person"


def test_command_line_imports_a_codebook_and_trains(tmp_path, capsys):
    from quotegraph.cli import main

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    codebook_csv = tmp_path / "codebook.csv"
    codebook_csv.write_text("name,keywords\nWind power,turbine;wind farm\nTaxes,levy\n")
    assert main(["codebook-import", str(codebook_csv), "--annotator", "ana", "--db", url]) == 0
    assert "2 concepts added" in capsys.readouterr().out
    assert main(["suggest", "--db", url]) == 0
    assert capsys.readouterr().out.startswith(
        "model m1 (reads words and meaning): learned from 0 coded statements"
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("title\nx\n")
    assert main(["codebook-import", str(bad), "--annotator", "ana", "--db", url]) == 1
    assert "no 'name' or 'concept' column" in capsys.readouterr().err
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    assert main(["suggest", "--db", empty]) == 1
    assert "no concept" in capsys.readouterr().err


def test_next_waiting_follows_the_order_skips_coded_and_rejected_and_wraps():
    from quotegraph.annotation.coding_suggestions import next_waiting

    statements = [_row(1), _row(2, concept_id=9), _row(3, status="rejected"), _row(4), _row(5)]
    suggestions = {4: _suggestion(4, 7, 0.5), 1: _suggestion(1, 7, 0.5)}
    assert next_waiting([1, 2, 3, 4, 5], statements, suggestions, 1) == 4
    assert next_waiting([5, 4, 3, 2, 1], statements, suggestions, 4) == 1  # 5 no concept: waits
    assert next_waiting([1, 2, 3, 4, 5], statements, suggestions, 5) == 1  # wraps round
    assert next_waiting([2, 3], statements[1:3], {}, 2) == 2  # nothing waits: stay
