"""Analyst decisions: editing statements, conflicts, the change log, undo and redo."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import func, select, text
from statement_helpers import span, suggestion

from quotegraph.analysis.extraction import ActorCandidate, ArticleAnalysis
from quotegraph.analysis.first_pass import store_analysis
from quotegraph.annotation.decisions import decide_statements
from quotegraph.annotation.history import can_undo_redo, history, redo, undo
from quotegraph.annotation.statements import (
    KINDS,
    EditConflict,
    create_statement,
    delete_statement,
    get_statement,
    list_statements,
    select_statements,
    statement_kinds,
    update_statement,
)
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import MIGRATIONS_DIR, Store, create_store_engine, open_store
from quotegraph.store.models import Change, Statement

TEXT = (
    "Rouhani said Iran would respond 🙂 firmly. "
    "“We will not retreat,” the president told reporters. "
    "Officials in 𝄞 Tehran warned that talks had stalled. "
    "Zarif added that the door stayed open."
)


def _seed(store: Store, text: str = TEXT) -> int:
    """An article with four machine suggestions, as the pipeline would store them."""
    article_id = add_article(store, ArticleDraft(text=text, title="t")).article_id
    analysis = ArticleAnalysis(
        entities=(),
        statements=(
            suggestion(text, "Iran would respond 🙂 firmly", "Rouhani", "Hassan Rouhani"),
            suggestion(text, "We will not retreat", "the president", "Hassan Rouhani"),
            suggestion(text, "talks had stalled", "Officials in 𝄞 Tehran", None),
            suggestion(text, "the door stayed open", "Zarif", "Zarif"),
        ),
        actors=(
            ActorCandidate("Hassan Rouhani", "person", ("Rouhani",), None),
            ActorCandidate("Zarif", "person", (), None),
        ),
        pipeline_version="test-1",
    )
    store_analysis(store, article_id, analysis)
    return article_id


def _change_count(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(Change))


def test_list_statements_cuts_content_by_code_points_and_orders_by_start(store):
    article_id = _seed(store)
    views = list_statements(store, article_id)
    assert [v.content for v in views] == [
        "Iran would respond 🙂 firmly",
        "We will not retreat",
        "talks had stalled",
        "the door stayed open",
    ]
    for view in views:
        assert TEXT[view.start : view.end] == view.content
        assert get_statement(store, view.id) == view  # the one-row read agrees, dates included
        assert view.created_at.tzinfo is not None
    assert views[0].actor_name == "Hassan Rouhani" and views[1].actor_name == "Hassan Rouhani"
    assert views[2].speaker_mention == "Officials in 𝄞 Tehran" and views[2].actor_id is None
    assert {v.status for v in views} == {"suggested"}
    assert views[0].field_origins == {
        "span": "machine",
        "kind": "machine",
        "status": "machine",
        "cue": "machine",
        "speaker": "machine",
        "actor": "machine",
    }


def test_create_statement_is_accepted_person_made_and_logged(store):
    article_id = _seed(store)
    start, end = span(TEXT, "Officials in 𝄞 Tehran warned")
    view = create_statement(
        store, article_id, start, end, annotator="ann", stance=-1, note="check", kind="direct"
    )
    assert view.content == "Officials in 𝄞 Tehran warned"
    assert (view.status, view.stance, view.kind, view.note, view.version) == (
        "accepted",
        -1,
        "direct",
        "check",
        1,
    )
    assert set(view.field_origins.values()) == {"person"}
    entries = history(store, article_id)
    assert [(e.action, e.row_id, e.field, e.annotator) for e in entries] == [
        ("create", view.id, None, "ann")
    ]
    assert entries[0].new_value["start"] == start


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (5, 5, "not a non-empty span"),
        (10, 3, "not a non-empty span"),
        (-1, 4, "not a non-empty span"),
        (0, len(TEXT) + 1, "not a non-empty span"),
        (0, "4", "whole number"),
    ],
)
def test_create_statement_refuses_bad_offsets_and_writes_nothing(sqlite_store, start, end, message):
    article_id = _seed(sqlite_store)
    before = len(list_statements(sqlite_store, article_id))
    with pytest.raises(ValueError, match=message):
        create_statement(sqlite_store, article_id, start, end, annotator="ann")
    assert len(list_statements(sqlite_store, article_id)) == before
    assert _change_count(sqlite_store) == 0


def test_create_statement_refuses_white_space_unknown_stance_and_missing_article(sqlite_store):
    article_id = _seed(sqlite_store)
    space = TEXT.index(" ")
    with pytest.raises(ValueError, match="white space"):
        create_statement(sqlite_store, article_id, space, space + 1, annotator="ann")
    with pytest.raises(ValueError, match="unknown stance 7"):
        create_statement(sqlite_store, article_id, 0, 7, annotator="ann", stance=7)
    with pytest.raises(ValueError, match="does not exist"):
        create_statement(sqlite_store, 999, 0, 7, annotator="ann")
    with pytest.raises(ValueError, match="annotator"):
        create_statement(sqlite_store, article_id, 0, 7, annotator="  ")


def test_update_marks_fields_person_bumps_version_and_logs_one_row_per_field(store):
    article_id = _seed(store)
    first = list_statements(store, article_id)[0]
    updated = update_statement(
        store, first.id, expected_version=1, annotator="ann", status="accepted", stance=1
    )
    assert (updated.status, updated.stance, updated.version, updated.annotator) == (
        "accepted",
        1,
        2,
        "ann",
    )
    assert updated.field_origins["status"] == "person"
    assert updated.field_origins["stance"] == "person"
    assert updated.field_origins["span"] == "machine"
    with store.session() as session:
        rows = session.scalars(select(Change).order_by(Change.id)).all()
    assert len({row.group_id for row in rows}) == 1
    by_field = {row.field: (row.old_value, row.new_value) for row in rows}
    assert by_field == {
        "status": ("suggested", "accepted"),
        "stance": (None, 1),
        "field_origins": (
            {"status": "machine", "stance": None},
            {"status": "person", "stance": "person"},
        ),
    }


def test_setting_the_machines_own_value_confirms_it_without_a_value_change(store):
    article_id = _seed(store)
    first = list_statements(store, article_id)[0]
    confirmed = update_statement(
        store, first.id, expected_version=1, annotator="ann", actor_id=first.actor_id
    )
    assert confirmed.actor_id == first.actor_id
    assert confirmed.field_origins["actor"] == "person" and confirmed.version == 2
    again = update_statement(
        store, first.id, expected_version=2, annotator="ann", actor_id=first.actor_id
    )
    assert again.version == 2  # nothing left to change: nothing written
    entries = history(store, article_id)  # the origin row is bookkeeping, left out
    assert [(e.field, e.old_value, e.new_value) for e in entries] == [
        ("actor_id", first.actor_id, first.actor_id)
    ]
    undo(store, annotator="ann", article_id=article_id)
    assert get_statement(store, first.id).field_origins["actor"] == "machine"


def test_update_moves_speaker_and_span_and_derives_the_mention(store):
    article_id = _seed(store)
    third = list_statements(store, article_id)[2]
    start, end = span(TEXT, "𝄞 Tehran")
    moved = update_statement(
        store, third.id, expected_version=1, annotator="ann", speaker_start=start, speaker_end=end
    )
    assert moved.speaker_mention == "𝄞 Tehran" and moved.field_origins["speaker"] == "person"
    start, end = span(TEXT, "talks had stalled.")
    moved = update_statement(
        store, third.id, expected_version=2, annotator="ann", start=start, end=end
    )
    assert moved.content == "talks had stalled."
    cleared = update_statement(
        store, third.id, expected_version=3, annotator="ann", speaker_start=None, speaker_end=None
    )
    assert (cleared.speaker_start, cleared.speaker_mention) == (None, None)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"stance": 5}, "unknown stance 5"),
        ({"status": "maybe"}, "unknown status 'maybe'"),
        ({"kind": "rumour"}, "unknown kind"),
        ({"start": 50, "end": 40}, "not a non-empty span"),
        ({"end": len(TEXT) + 3}, "not a non-empty span"),
        ({"speaker_start": None}, "given together"),
        ({"speaker_start": 30}, "speaker 30-7 is not a non-empty span"),
        ({"actor_id": 4242}, "unknown actor"),
        ({"concept_id": 4242}, "unknown concept"),
        ({"pipeline_version": "x"}, "cannot change pipeline_version"),
    ],
)
def test_update_refuses_bad_values_and_writes_nothing(sqlite_store, changes, message):
    article_id = _seed(sqlite_store)
    first = list_statements(sqlite_store, article_id)[0]
    with pytest.raises(ValueError, match=message):
        update_statement(sqlite_store, first.id, expected_version=1, annotator="ann", **changes)
    assert get_statement(sqlite_store, first.id) == first
    assert _change_count(sqlite_store) == 0


def test_stale_version_is_refused_and_the_first_writer_wins(store):
    article_id = _seed(store)
    seen_by_a = list_statements(store, article_id)[0]
    seen_by_b = list_statements(store, article_id)[0]
    assert seen_by_a.version == seen_by_b.version == 1
    update_statement(store, seen_by_a.id, expected_version=1, annotator="a", stance=1)
    with pytest.raises(EditConflict) as conflict:
        update_statement(
            store, seen_by_b.id, expected_version=seen_by_b.version, annotator="b", stance=-1
        )
    assert conflict.value.current.stance == 1 and conflict.value.current.annotator == "a"
    assert "changed by a" in str(conflict.value)
    assert get_statement(store, seen_by_a.id).stance == 1
    assert {e.annotator for e in history(store, article_id)} == {"a"}


def test_editing_a_deleted_statement_is_a_conflict_with_no_current_value(store):
    article_id = _seed(store)
    first = list_statements(store, article_id)[0]
    delete_statement(store, first.id, expected_version=1, annotator="a")
    with pytest.raises(EditConflict, match="deleted") as conflict:
        update_statement(store, first.id, expected_version=1, annotator="b", status="accepted")
    assert conflict.value.current is None


def test_delete_is_undone_with_every_value_and_redone(store):
    article_id = _seed(store)
    first = list_statements(store, article_id)[0]
    update_statement(store, first.id, expected_version=1, annotator="a", stance=-1, note="n")
    delete_statement(store, first.id, expected_version=2, annotator="a")
    assert first.id not in [v.id for v in list_statements(store, article_id)]

    result = undo(store, annotator="a", article_id=article_id)
    assert result.action == "undo" and result.statement_ids == (first.id,)
    restored = get_statement(store, first.id)
    assert (restored.content, restored.stance, restored.note, restored.actor_name) == (
        first.content,
        -1,
        "n",
        "Hassan Rouhani",
    )
    assert restored.version == 3  # a client that saw the deleted row's version 2 is refused

    redo(store, annotator="a", article_id=article_id)
    assert get_statement(store, first.id) is None


def test_undo_and_redo_walk_decisions_and_survive_a_restart(tmp_path):
    url = f"sqlite:///{tmp_path / 'restart.db'}"
    store = open_store(url)
    article_id = _seed(store)
    first, second = list_statements(store, article_id)[:2]
    update_statement(store, first.id, expected_version=1, annotator="a", status="accepted")
    update_statement(store, first.id, expected_version=2, annotator="a", stance=1)
    update_statement(store, second.id, expected_version=1, annotator="a", status="rejected")
    store.dispose()

    store = open_store(url)
    assert undo(store, annotator="a", article_id=article_id).statement_ids == (second.id,)
    back = get_statement(store, second.id)
    assert back.status == "suggested" and back.field_origins["status"] == "machine"
    undo(store, annotator="a", article_id=article_id)
    assert get_statement(store, first.id).stance is None
    assert get_statement(store, first.id).field_origins.get("stance") is None
    store.dispose()

    store = open_store(url)
    assert can_undo_redo(store, annotator="a", article_id=article_id) == (True, True)
    redone = redo(store, annotator="a", article_id=article_id)
    assert redone.action == "redo"
    assert get_statement(store, first.id).stance == 1
    # A new decision ends the redo chain: the undone rejection cannot come back.
    update_statement(
        store,
        first.id,
        expected_version=get_statement(store, first.id).version,
        annotator="a",
        note="new",
    )
    assert redo(store, annotator="a", article_id=article_id) is None
    assert get_statement(store, second.id).status == "suggested"
    # Undo still walks back through everything in effect, newest first.
    undo(store, annotator="a", article_id=article_id)
    undo(store, annotator="a", article_id=article_id)
    undo(store, annotator="a", article_id=article_id)
    assert get_statement(store, first.id).status == "suggested"
    assert get_statement(store, first.id).note == ""
    assert undo(store, annotator="a", article_id=article_id) is None
    assert can_undo_redo(store, annotator="a", article_id=article_id) == (False, True)
    store.dispose()


def test_undo_is_per_annotator_and_refused_when_someone_changed_the_field_since(store):
    article_id = _seed(store)
    first, second = list_statements(store, article_id)[:2]
    update_statement(store, first.id, expected_version=1, annotator="a", stance=1)
    update_statement(store, second.id, expected_version=1, annotator="b", status="accepted")
    update_statement(store, first.id, expected_version=2, annotator="b", stance=0)
    changes_before = _change_count(store)
    with pytest.raises(EditConflict, match="stance was changed") as conflict:
        undo(store, annotator="a", article_id=article_id)
    assert conflict.value.current.stance == 0
    assert get_statement(store, first.id).stance == 0
    assert _change_count(store) == changes_before
    # b's own undo reverts b's latest decision only.
    undo(store, annotator="b", article_id=article_id)
    assert get_statement(store, first.id).stance == 1
    assert get_statement(store, second.id).status == "accepted"


def test_undo_of_a_created_statement_removes_it_and_an_edit_by_another_blocks_it(store):
    article_id = _seed(store)
    made = create_statement(store, article_id, 0, 7, annotator="a")
    undo(store, annotator="a", article_id=article_id)
    assert get_statement(store, made.id) is None
    redo(store, annotator="a", article_id=article_id)
    again = get_statement(store, made.id)
    assert again.content == "Rouhani"
    update_statement(store, made.id, expected_version=again.version, annotator="b", note="mine")
    with pytest.raises(EditConflict):
        undo(store, annotator="a", article_id=article_id)
    assert get_statement(store, made.id).note == "mine"


def test_history_is_newest_first_and_limited(store):
    article_id = _seed(store)
    first = list_statements(store, article_id)[0]
    for version, note in enumerate(["one", "two", "three"], start=1):
        update_statement(store, first.id, expected_version=version, annotator="a", note=note)
    undo(store, annotator="a", article_id=article_id)
    entries = history(store, article_id, limit=3)
    assert [(e.action, e.new_value) for e in entries] == [
        ("undo", "two"),
        ("update", "three"),
        ("update", "two"),
    ]
    assert entries[0].reverts == entries[1].group_id


def _second_client(store: Store) -> Store:
    return open_store(store.engine.url.render_as_string(hide_password=False), run_migrations=False)


def test_two_clients_updating_one_statement_concurrently_lose_nothing(store):
    """Read-modify-write with retry on conflict: every increment lands exactly once."""
    article_id = _seed(store)
    target = list_statements(store, article_id)[0]
    increments = 25
    clients = [store, _second_client(store)]
    conflicts = [0, 0]
    errors: list[BaseException] = []

    def work(index: int) -> None:
        client = clients[index]
        try:
            for _ in range(increments):
                while True:
                    seen = get_statement(client, target.id)
                    count = int(seen.note or 0)
                    try:
                        update_statement(
                            client,
                            target.id,
                            expected_version=seen.version,
                            annotator=f"client{index}",
                            note=str(count + 1),
                        )
                        break
                    except EditConflict:
                        conflicts[index] += 1
        except BaseException as error:  # surfaced in the main thread below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    clients[1].dispose()
    assert errors == []
    final = get_statement(store, target.id)
    assert final.note == str(2 * increments)
    assert final.version == 1 + 2 * increments
    with store.session() as session:
        notes = session.scalars(
            select(Change.new_value).where(Change.field == "note").order_by(Change.id)
        ).all()
    assert notes == [str(n) for n in range(1, 2 * increments + 1)]


def test_two_clients_editing_different_statements_store_every_edit_once(store):
    article_id = _seed(store)
    ids = [view.id for view in list_statements(store, article_id)]
    clients = [store, _second_client(store)]
    rounds = 20
    errors: list[BaseException] = []

    def work(index: int) -> None:
        client = clients[index]
        mine = ids[index::2]
        try:
            for round_number in range(rounds):
                for statement_id in mine:
                    update_statement(
                        client,
                        statement_id,
                        expected_version=round_number + 1,
                        annotator=f"client{index}",
                        note=f"{index}-{round_number}",
                    )
        except BaseException as error:  # surfaced in the main thread below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    clients[1].dispose()
    assert errors == []
    for index, statement_id in enumerate(ids):
        view = get_statement(store, statement_id)
        assert (view.version, view.note) == (rounds + 1, f"{index % 2}-{rounds - 1}")
    with store.session() as session:
        logged = session.execute(
            select(Change.row_id, func.count())
            .where(Change.field == "note")
            .group_by(Change.row_id)
        ).all()
        stored = session.scalar(select(func.count()).select_from(Statement))
    assert dict(logged) == dict.fromkeys(ids, rounds)
    assert stored == len(ids)


def test_a_deleted_statements_id_is_never_given_to_a_new_one(store):
    article_id = _seed(store)
    newest = list_statements(store, article_id)[-1]
    delete_statement(store, newest.id, expected_version=1, annotator="a")
    made = create_statement(store, article_id, 0, 7, annotator="a")
    assert made.id > newest.id
    undo(store, annotator="a", article_id=article_id)  # the creation
    undo(store, annotator="a", article_id=article_id)  # the deletion: its id is still free
    assert get_statement(store, newest.id).content == newest.content


def test_upgrading_a_first_schema_store_keeps_statements_and_skips_logged_ids(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_store_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            text(
                "INSERT INTO articles (id, text, sha256, title, word_count, added_at) "
                "VALUES (1, 'Zarif said yes.', 'x', 't', 3, '2026-01-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                'INSERT INTO statements (id, article_id, start, "end", kind, status, '
                "field_origins, note, version, created_at, updated_at) VALUES "
                "(1, 1, 11, 14, 'indirect', 'accepted', '{}', 'kept', 1, "
                "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        )
        # A statement 7 existed once and was deleted: the log still names it.
        connection.execute(
            text(
                "INSERT INTO changes (group_id, at, annotator, action, table_name, row_id, "
                "article_id, old_value, new_value) VALUES ('g', '2026-01-01 00:00:00', 'a', "
                "'delete', 'statements', 7, 1, '{}', 'null')"
            )
        )
    engine.dispose()

    store = open_store(url)
    kept = get_statement(store, 1)
    assert (kept.content, kept.note) == ("yes", "kept")
    made = create_statement(store, 1, 0, 5, annotator="a")
    assert made.id == 8
    with store.session() as session:
        schema = session.execute(
            text("SELECT sql FROM sqlite_master WHERE name = 'statements'")
        ).scalar()
        indexes = session.execute(text("PRAGMA index_list('statements')")).all()
    assert "AUTOINCREMENT" in schema
    assert "ix_statements_article" in {row[1] for row in indexes}
    store.dispose()


_INCREMENT_WORKER = """
import sys
from quotegraph.annotation.statements import EditConflict, get_statement, update_statement
from quotegraph.store.db import open_store

store = open_store(sys.argv[1], run_migrations=False)
statement_id, rounds, name = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
for _ in range(rounds):
    while True:
        seen = get_statement(store, statement_id)
        try:
            update_statement(
                store, statement_id, expected_version=seen.version, annotator=name,
                note=str(int(seen.note or 0) + 1),
            )
            break
        except EditConflict:
            pass
"""


def test_two_processes_incrementing_one_statement_each_store_every_step_once(store):
    article_id = _seed(store)
    target = list_statements(store, article_id)[0]
    rounds = 30
    url = store.engine.url.render_as_string(hide_password=False)
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _INCREMENT_WORKER, url, str(target.id), str(rounds), name],
            cwd=root,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("p1", "p2")
    ]
    for worker in workers:
        _, errors = worker.communicate(timeout=300)
        assert worker.returncode == 0, errors
    final = get_statement(store, target.id)
    assert (final.note, final.version) == (str(2 * rounds), 1 + 2 * rounds)
    with store.session() as session:
        logged = session.execute(
            select(Change.annotator, Change.new_value)
            .where(Change.field == "note")
            .order_by(Change.id)
        ).all()
    assert [value for _, value in logged] == [str(n) for n in range(1, 2 * rounds + 1)]
    assert sorted(annotator for annotator, _ in logged) == ["p1"] * rounds + ["p2"] * rounds


def test_accepting_a_selection_is_one_decision_and_one_undo(store):
    article_id = _seed(store)
    views = list_statements(store, article_id)
    chosen = {view.id: view.version for view in views[:3]}
    decided = decide_statements(store, chosen, status="accepted", annotator="a")
    assert [view.status for view in decided] == ["accepted"] * 3
    assert all(view.field_origins["status"] == "person" for view in decided)
    assert list_statements(store, article_id)[3].status == "suggested"
    with store.session() as session:
        groups = session.scalars(
            select(func.count(func.distinct(Change.group_id))).where(Change.action == "update")
        ).one()
    assert groups == 1

    result = undo(store, annotator="a", article_id=article_id)
    assert result.summary == "status → accepted on 3 statements"
    after = list_statements(store, article_id)
    assert [view.status for view in after] == ["suggested"] * 4
    assert all(view.field_origins["status"] == "machine" for view in after)


def test_accepting_a_selection_with_a_stale_statement_writes_nothing(store):
    article_id = _seed(store)
    first, second = list_statements(store, article_id)[:2]
    update_statement(store, second.id, expected_version=second.version, annotator="b", note="x")
    with pytest.raises(EditConflict, match=str(second.id)):
        decide_statements(
            store,
            {first.id: first.version, second.id: second.version},
            status="accepted",
            annotator="a",
        )
    assert get_statement(store, first.id).status == "suggested"


def test_statement_kinds_include_every_stored_kind(store):
    article_id = _seed(store)
    assert statement_kinds(store) == KINDS
    first = list_statements(store, article_id)[0]
    with store.session(write=True) as session:
        session.get(Statement, first.id).kind = "rumour"  # a kind only a newer pipeline knows
    assert statement_kinds(store) == (*KINDS, "rumour")


def test_undo_summary_says_what_was_undone(store):
    article_id = _seed(store)
    first = list_statements(store, article_id)[0]
    update_statement(
        store, first.id, expected_version=first.version, annotator="a", status="rejected"
    )
    assert undo(store, annotator="a", article_id=article_id).summary == (
        f"status suggested → rejected on statement {first.id}"
    )
    assert redo(store, annotator="a", article_id=article_id).summary == (
        f"status suggested → rejected on statement {first.id}"
    )
    created = create_statement(store, article_id, 0, 7, annotator="a")
    assert undo(store, annotator="a", article_id=article_id).summary == (
        f"the new statement {created.id}"
    )


def test_select_statements_filters_by_kind_status_actor_and_concept(store):
    article_id = _seed(store)
    views = list_statements(store, article_id)
    first, second, third, fourth = views
    update_statement(
        store, second.id, expected_version=second.version, annotator="a", status="accepted"
    )
    views = list_statements(store, article_id)
    assert select_statements(views) == views
    assert [v.id for v in select_statements(views, statuses={"accepted"})] == [second.id]
    assert [v.id for v in select_statements(views, actor_ids={None})] == [third.id]
    assert [v.id for v in select_statements(views, actor_ids={first.actor_id})] == [
        first.id,
        second.id,
    ]
    assert select_statements(views, kinds={"direct"}) == []
    assert select_statements(views, concept_ids={None}) == views
    assert [
        v.id
        for v in select_statements(views, statuses={"suggested"}, actor_ids={None, fourth.actor_id})
    ] == [third.id, fourth.id]
