"""Bulk decisions on statements: accept or reject many at once, in one undoable group."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select

from quotegraph.annotation.changes import ORIGINS_FIELD, ChangeRecorder, touch_statement
from quotegraph.annotation.statements import (
    PERSON,
    StatementView,
    _check_annotator,
    _check_value,
    _read_view,
    check_current,
)
from quotegraph.store.db import Store
from quotegraph.store.models import (
    Statement,
)
from quotegraph.team.layers import check_writable


def decide_statements(
    store: Store, versions: Mapping[int, int], *, status: str, annotator: str
) -> list[StatementView]:
    """Set the status of many statements as one decision (one undo step), e.g. accept a
    selection of suggestions.

    ``versions`` maps each statement id to the version the analyst saw; if any of them was
    changed or deleted since, nothing is written and ``EditConflict`` names it. Statements that
    already have ``status`` (set by a person) are left as they are. Returns the statements as
    they are now, in the order given.
    """
    annotator = _check_annotator(annotator)
    _check_value("status", status)
    if not versions:
        return []
    with store.session(write=True) as session:
        rows = session.scalars(
            select(Statement)
            .where(Statement.id.in_(list(versions)))
            .order_by(Statement.id)
            .with_for_update()
        ).all()
        found = {row.id: row for row in rows}
        for statement_id, expected in versions.items():
            row = check_current(session, statement_id, found.get(statement_id), expected)
            check_writable(session, annotator, row)
        article_ids = {row.article_id for row in rows}
        recorder = ChangeRecorder(
            session,
            annotator=annotator,
            action="update",
            # One article's decisions are undone from that article; a selection across
            # articles is undone from the codebook scope, like other store-wide decisions.
            article_id=next(iter(article_ids)) if len(article_ids) == 1 else None,
        )
        for statement_id in versions:
            row = found[statement_id]
            origins = dict(row.field_origins or {})
            if row.status == status and origins.get("status") == PERSON:
                continue
            recorder.updated("statements", statement_id, "status", row.status, status)
            recorder.updated(
                "statements",
                statement_id,
                ORIGINS_FIELD,
                {"status": origins.get("status")},
                {"status": PERSON},
            )
            origins["status"] = PERSON
            row.status = status
            row.field_origins = origins
            touch_statement(row, annotator)
        if recorder.changes:
            session.flush()
            recorder.finish()
        return [_read_view(session, statement_id) for statement_id in versions]
