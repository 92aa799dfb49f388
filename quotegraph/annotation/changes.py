"""Every analyst decision on statements, logged so it can be undone, redone and audited.

Each decision runs in one write transaction and appends one group of rows to the change log
(``Change``), one row per changed field, all sharing a ``group_id``. Undo and redo are derived
from that log alone, so they survive restarts: an undo appends a group with action "undo" whose
``reverts`` names the group it reverses; a redo appends a group with action "redo" reversing that
undo. A statement's ``version`` is bumped by every change, and an edit made against an older
version is refused with ``EditConflict`` instead of silently overwriting someone else's work.

Rows of a group record either a field change (``field`` set: old and new value), a row created
(``field`` None, ``old_value`` None, ``new_value`` the row's values) or a row deleted (``field``
None, ``old_value`` the row's values, ``new_value`` None). Besides the statement fields, a group
has one bookkeeping row with ``field`` "field_origins" holding the machine/person marks of the
fields it changed, so an undo restores those marks too.

A recorder is where permissions are checked for every logged decision: creating one asks
``team.permissions.require`` whether its annotator may make it (coding the article when the group
names one, editing the codebook otherwise, unless the caller names another action), so a refused
write raises ``PermissionDenied`` inside the transaction and nothing of it is written.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from quotegraph.store.models import (
    Actor,
    ActorAlias,
    Article,
    Base,
    Change,
    Concept,
    StanceLevel,
    Statement,
    utcnow,
)
from quotegraph.team.permissions import CODE, EDIT_CODEBOOK, require

ORIGINS_FIELD = "field_origins"
# Decision groups; "undo" and "redo" groups reverse them.
UNDO = "undo"
REDO = "redo"

# Tables whose rows the change log can restore, by table name.
TRACKED_TABLES: dict[str, type[Base]] = {
    "articles": Article,
    "statements": Statement,
    "actors": Actor,
    "actor_aliases": ActorAlias,
    "concepts": Concept,
    "stance_levels": StanceLevel,
}


# --- the change log -------------------------------------------------------------------------


def to_json_value(value: Any) -> Any:
    """A column value as it is stored in the change log's JSON columns."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return dict(value)
    return value


def row_snapshot(row: Base) -> dict[str, Any]:
    """Every column of ``row`` as JSON-ready values, enough to re-create it."""
    mapper = inspect(type(row))
    return {attr.key: to_json_value(getattr(row, attr.key)) for attr in mapper.column_attrs}


def primary_key_of(row: Base) -> int:
    return inspect(row).identity[0]


class ChangeRecorder:
    """Collects the rows of one change group and adds them to the session at ``finish``."""

    def __init__(
        self,
        session: Session,
        *,
        annotator: str,
        action: str,
        article_id: int | None,
        reverts: str | None = None,
        permission: str | None = None,
    ) -> None:
        if permission is None:
            permission = CODE if article_id is not None else EDIT_CODEBOOK
        require(session, annotator, permission, article_id=article_id)
        self.session = session
        self.annotator = annotator
        self.action = action
        self.article_id = article_id
        self.reverts = reverts
        self.group_id = str(uuid.uuid4())
        self.at = utcnow()
        self.changes: list[Change] = []

    def _add(
        self, table: str, row_id: int, field: str | None, old_value: Any, new_value: Any
    ) -> None:
        self.changes.append(
            Change(
                group_id=self.group_id,
                at=self.at,
                annotator=self.annotator,
                action=self.action,
                table_name=table,
                row_id=row_id,
                article_id=self.article_id,
                field=field,
                old_value=to_json_value(old_value),
                new_value=to_json_value(new_value),
                reverts=self.reverts,
            )
        )

    def updated(self, table: str, row_id: int, field: str, old_value: Any, new_value: Any) -> None:
        self._add(table, row_id, field, old_value, new_value)

    def created(self, row: Base) -> None:
        self._add(type(row).__tablename__, primary_key_of(row), None, None, row_snapshot(row))

    def deleted(self, row: Base) -> None:
        self._add(type(row).__tablename__, primary_key_of(row), None, row_snapshot(row), None)

    def finish(self) -> str:
        self.session.add_all(self.changes)
        self.session.flush()
        return self.group_id


def set_logged(recorder: ChangeRecorder, row: Base, field: str, value: Any) -> bool:
    """Set ``row.field`` to ``value`` and log it; False (nothing logged) when already equal."""
    old = getattr(row, field)
    if to_json_value(old) == to_json_value(value):
        return False
    setattr(row, field, value)
    recorder.updated(type(row).__tablename__, primary_key_of(row), field, old, value)
    return True


def touch_statement(statement: Statement, annotator: str) -> None:
    """Mark a statement changed: bump its version so stale edits are refused."""
    statement.version = statement.version + 1
    statement.updated_at = utcnow()
    statement.annotator = annotator
