"""The integrity check finds what a crash or a stray write could leave inconsistent."""

from __future__ import annotations

from sqlalchemy import text, update

from quotegraph.annotation.history import undo
from quotegraph.annotation.statements import create_statement, delete_statement, update_statement
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.integrity import check_store
from quotegraph.store.models import Statement

ARTICLE = "The minister said the talks would resume soon. Critics disagreed sharply."


def _article(store) -> int:
    return add_article(store, ArticleDraft(text=ARTICLE, title="Talks")).article_id


def test_a_store_after_logged_decisions_and_undo_is_consistent(store):
    article_id = _article(store)
    made = create_statement(store, article_id, 22, 46, annotator="ana")
    changed = update_statement(
        store, made.id, expected_version=made.version, annotator="ana", stance=1, note="ok"
    )
    update_statement(
        store, made.id, expected_version=changed.version, annotator="ben", status="rejected"
    )
    undo(store, annotator="ben", article_id=article_id)
    other = create_statement(store, article_id, 48, 73, annotator="ana")
    delete_statement(store, other.id, expected_version=other.version, annotator="ana")
    undo(store, annotator="ana", article_id=article_id)
    assert check_store(store) == []


def test_a_write_that_bypassed_the_change_log_is_reported(store):
    article_id = _article(store)
    made = create_statement(store, article_id, 22, 46, annotator="ana")
    update_statement(store, made.id, expected_version=made.version, annotator="ana", stance=1)
    with store.session(write=True) as session:
        session.execute(update(Statement).where(Statement.id == made.id).values(stance=-1))
    assert check_store(store) == [f"statement {made.id}: stance is -1, the change log says 1"]


def test_a_deleted_statement_that_reappears_is_reported(store):
    article_id = _article(store)
    made = create_statement(store, article_id, 22, 46, annotator="ana")
    with store.session(write=True) as session:
        snapshot = session.get(Statement, made.id)
        values = {c.name: getattr(snapshot, c.name) for c in Statement.__table__.columns}
    delete_statement(store, made.id, expected_version=made.version, annotator="ana")
    with store.session(write=True) as session:
        session.add(Statement(**values))
    assert check_store(store) == [f"statement {made.id}: the change log deleted it, but it exists"]


def test_spans_outside_the_text_and_altered_texts_are_reported(store):
    article_id = _article(store)
    with store.session(write=True) as session:
        session.add(Statement(article_id=article_id, start=60, end=500))
        session.execute(
            text("UPDATE articles SET text = 'changed' WHERE id = :id"), {"id": article_id}
        )
    problems = check_store(store)
    assert f"article {article_id}: its text no longer matches its SHA-256" in problems
    assert any("span 60-500 is outside its article (0-7)" in p for p in problems)


def test_check_command_exits_non_zero_and_names_each_problem(sqlite_store, capsys):
    from quotegraph.cli import main

    url = sqlite_store.engine.url.render_as_string(hide_password=False)
    assert main(["check", "--db", url]) == 0
    article_id = _article(sqlite_store)
    with sqlite_store.session(write=True) as session:
        session.add(Statement(article_id=article_id, start=5, end=999))
    assert main(["check", "--db", url]) == 1
    out = capsys.readouterr().out
    assert "span 5-999 is outside its article" in out
    assert "1 problem(s) found" in out
