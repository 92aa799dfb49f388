"""Checking a store for damage: what a crash, a kill or a bug could have left inconsistent.

Run after a restart (``python -m quotegraph check``) or from tests. Each problem is a sentence
naming the row; an empty list means the store is consistent.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from quotegraph.annotation.changes import ORIGINS_FIELD, row_snapshot
from quotegraph.store.articles import text_sha256
from quotegraph.store.db import Store
from quotegraph.store.models import Article, Change, Entity, Statement


def check_store(store: Store) -> list[str]:
    """Every inconsistency found: orphans, spans outside their text, altered article texts, and
    statements that disagree with the change log."""
    with store.session() as session:
        problems: list[str] = []
        lengths: dict[int, int] = {}
        for article_id, text, digest in session.execute(
            select(Article.id, Article.text, Article.sha256)
        ):
            lengths[article_id] = len(text)
            if text_sha256(text) != digest:
                problems.append(f"article {article_id}: its text no longer matches its SHA-256")

        for table, model in (("statement", Statement), ("entity", Entity)):
            for row_id, article_id, start, end in session.execute(
                select(model.id, model.article_id, model.start, model.end)
            ):
                length = lengths.get(article_id)
                if length is None:
                    problems.append(f"{table} {row_id}: its article {article_id} does not exist")
                elif not 0 <= start < end <= length:
                    problems.append(
                        f"{table} {row_id}: span {start}-{end} is outside its article (0-{length})"
                    )
        for row_id, start, end, article_id in session.execute(
            select(
                Statement.id, Statement.speaker_start, Statement.speaker_end, Statement.article_id
            ).where(Statement.speaker_start.is_not(None))
        ):
            length = lengths.get(article_id, 0)
            if end is None or not 0 <= start < end <= length:
                problems.append(
                    f"statement {row_id}: speaker span {start}-{end} is outside its text"
                )

        problems.extend(_log_disagreements(session))
        return problems


def _log_disagreements(session: Session) -> list[str]:
    """Statements whose stored values differ from what replaying the change log gives.

    Every analyst write appends its new values to the log in the same transaction, so replaying
    the log must end at the stored values, and a statement the log last deleted must be gone.
    Machine suggestions are not logged: fields the log never wrote are not checked.
    """
    expected: dict[int, dict[str, object]] = {}
    exists: dict[int, bool] = {}
    changes = session.execute(
        select(Change.row_id, Change.field, Change.new_value)
        .where(Change.table_name == "statements")
        .order_by(Change.id)
    )
    for row_id, field, new_value in changes:
        if field is None:  # a whole row created (new_value) or deleted (None)
            exists[row_id] = new_value is not None
            if new_value is not None:
                expected[row_id] = dict(new_value)
        elif field != ORIGINS_FIELD:
            expected.setdefault(row_id, {})[field] = new_value

    problems: list[str] = []
    stored = {
        statement.id: row_snapshot(statement)
        for statement in session.scalars(select(Statement).where(Statement.id.in_(expected)))
    }
    for row_id, is_there in exists.items():
        if is_there and row_id not in stored:
            problems.append(f"statement {row_id}: the change log created it, but it is missing")
        if not is_there and row_id in stored:
            problems.append(f"statement {row_id}: the change log deleted it, but it exists")
    for row_id, fields in expected.items():
        if row_id not in stored or not exists.get(row_id, True):
            continue
        for field, value in fields.items():
            current = stored[row_id].get(field)
            if field not in _BOOKKEEPING and current != value:
                problems.append(
                    f"statement {row_id}: {field} is {current!r}, the change log says {value!r}"
                )
    return problems


# Columns that every decision touches without a log row of their own.
_BOOKKEEPING = {"version", "updated_at", "annotator", "field_origins"}
