"""Undo, redo, revert and the readable history of the change log (see ``changes``): what each
group did, in words, and the stacks of what an annotator can undo and redo.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from quotegraph.annotation.changes import (
    ORIGINS_FIELD,
    REDO,
    TRACKED_TABLES,
    UNDO,
    ChangeRecorder,
    row_snapshot,
    to_json_value,
    touch_statement,
)
from quotegraph.annotation.statements import EditConflict, _check_annotator, _read_view
from quotegraph.store.db import Store
from quotegraph.store.models import (
    Actor,
    Base,
    Change,
    Concept,
    Statement,
    utcnow,
)

# Columns that change with every write and so say nothing about whether content changed.
# Unique text columns an undo may have to swap between rows.
_UNIQUE_FIELDS = frozenset({("stance_levels", "label"), ("concepts", "name"), ("actors", "name")})
_BOOKKEEPING_COLUMNS = frozenset({"version", "updated_at", "annotator", "created_at"})


@dataclass(frozen=True)
class UndoResult:
    """What an undo or redo did: the group it appended and the group it reversed."""

    action: str  # "undo" or "redo"
    group_id: str
    reverted_group_id: str
    statement_ids: tuple[int, ...]  # statements changed, created or deleted by it
    # What the reversed decision was, in words ("status suggested → accepted on statement 12").
    summary: str = ""


@dataclass(frozen=True)
class HistoryEntry:
    """One row of the change log, for display."""

    id: int
    at: dt.datetime
    annotator: str
    action: str
    table_name: str
    row_id: int
    article_id: int | None
    field: str | None
    old_value: Any
    new_value: Any
    group_id: str
    reverts: str | None


def _from_json_value(model: type[Base], column: str, value: Any) -> Any:
    if value is None:
        return None
    python_type = inspect(model).columns[column].type.python_type
    if python_type is dt.datetime and isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    if python_type is dt.date and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


# --- undo and redo --------------------------------------------------------------------------


def _scope(column: Any, article_id: int | None) -> Any:
    return column.is_(None) if article_id is None else column == article_id


def _stacks(session: Session, annotator: str, article_id: int | None) -> tuple[list, list]:
    """The annotator's groups now in effect (done) and undone-and-redoable, oldest first.

    Walks the log in order: a decision pushes on "done" and empties "undone" (a new decision
    ends the redo chain); an undo moves its group from "done" to "undone"; a redo moves it back.
    An undo or redo of a group outside this stack (an unmerge of someone else's merge) counts
    as a decision of its own.
    """
    groups = session.execute(
        select(Change.group_id, Change.action, Change.reverts, func.min(Change.id).label("first"))
        .where(Change.annotator == annotator, _scope(Change.article_id, article_id))
        .group_by(Change.group_id, Change.action, Change.reverts)
        .order_by("first")
    ).all()
    done: list[str] = []
    undone: list[str] = []
    for group_id, action, reverts, _first in groups:
        if action == UNDO and reverts in done:
            done.remove(reverts)
            undone.append(group_id)
        elif action == REDO and reverts in undone:
            undone.remove(reverts)
            done.append(group_id)
        else:
            done.append(group_id)
            undone.clear()
    return done, undone


def _conflict(session: Session, table: str, row_id: int, message: str) -> EditConflict:
    current = _read_view(session, row_id) if table == "statements" else None
    return EditConflict(message, current)


def revert_group(session: Session, group_id: str, recorder: ChangeRecorder) -> tuple[int, ...]:
    """Reverse every row of ``group_id`` (newest first), logging each reversal in ``recorder``.

    A row is only reversed if it still holds what the group left there: a field someone changed
    since, a created row edited or already gone, or a deleted row's id taken, raise EditConflict
    (the caller's transaction then rolls back, so nothing is half-reverted).
    """
    rows = session.scalars(
        select(Change).where(Change.group_id == group_id).order_by(Change.id.desc())
    ).all()
    touched: dict[int, Statement] = {}
    statement_ids: list[int] = []
    deferred: list[tuple[Base, str, Any]] = []
    for change in rows:
        model = TRACKED_TABLES[change.table_name]
        row = session.get(model, change.row_id, with_for_update=True)
        if change.table_name == "statements" and change.row_id not in statement_ids:
            statement_ids.append(change.row_id)
        if change.field is None and change.old_value is None:  # the group created the row
            if row is None:
                raise _conflict(session, change.table_name, change.row_id, "it was deleted since")
            if _content(row_snapshot(row)) != _content(change.new_value):
                raise _conflict(
                    session, change.table_name, change.row_id, "it was changed since it was made"
                )
            recorder.deleted(row)
            session.delete(row)
            if isinstance(row, Statement):
                touched.pop(change.row_id, None)
        elif change.field is None:  # the group deleted the row
            if row is not None:
                raise _conflict(session, change.table_name, change.row_id, "it exists again")
            values = {
                column: _from_json_value(model, column, value)
                for column, value in change.old_value.items()
            }
            restored = model(**values)
            if isinstance(restored, Statement):
                restored.version = restored.version + 1
                restored.updated_at = utcnow()
                restored.annotator = recorder.annotator
            session.add(restored)
            session.flush()
            recorder.created(restored)
        else:
            if row is None:
                raise _conflict(session, change.table_name, change.row_id, "it was deleted since")
            if change.field == ORIGINS_FIELD:
                origins = dict(row.field_origins or {})
                current = {key: origins.get(key) for key in change.new_value}
                for key, value in change.old_value.items():
                    if value is None:
                        origins.pop(key, None)
                    else:
                        origins[key] = value
                row.field_origins = origins
                recorder.updated(
                    change.table_name, change.row_id, ORIGINS_FIELD, current, change.old_value
                )
            else:
                current = to_json_value(getattr(row, change.field))
                if current != change.new_value:
                    raise _conflict(
                        session,
                        change.table_name,
                        change.row_id,
                        f"its {change.field} was changed since (now {current!r})",
                    )
                old = _from_json_value(model, change.field, change.old_value)
                if (change.table_name, change.field) in _UNIQUE_FIELDS:
                    # Parked first, set at the end: restoring swapped names or labels must not
                    # collide with a value another row still holds in between (clean names
                    # never start with a space, so the parked value collides with none).
                    setattr(row, change.field, f" parked {change.table_name} {change.row_id}")
                    deferred.append((row, change.field, old))
                else:
                    setattr(row, change.field, old)
                recorder.updated(change.table_name, change.row_id, change.field, current, old)
            if isinstance(row, Statement):
                touched[change.row_id] = row
        session.flush()
    for row, field, value in deferred:
        setattr(row, field, value)
    for statement in touched.values():
        touch_statement(statement, recorder.annotator)
    session.flush()
    return tuple(statement_ids)


def _content(snapshot: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in snapshot.items() if k not in _BOOKKEEPING_COLUMNS}


def _undo_or_redo(
    store: Store,
    *,
    annotator: str,
    article_id: int | None,
    action: str,
    pick: Callable[[list[str], list[str]], str | None],
) -> UndoResult | None:
    annotator = _check_annotator(annotator)
    with store.session(write=True) as session:
        done, undone = _stacks(session, annotator, article_id)
        target = pick(done, undone)
        if target is None:
            return None
        recorder = ChangeRecorder(
            session, annotator=annotator, action=action, article_id=article_id, reverts=target
        )
        try:
            statement_ids = revert_group(session, target, recorder)
            recorder.finish()
        except EditConflict as conflict:
            raise EditConflict(
                f"cannot {action}: another change got there first ({conflict})", conflict.current
            ) from None
        except IntegrityError as error:
            # e.g. restoring a name that another row has taken since
            raise EditConflict(
                f"cannot {action}: it would clash with a later change ({error.orig})"
            ) from None
        summary = describe_group(session, target)
        return UndoResult(action, recorder.group_id, target, statement_ids, summary)


# How a logged field is named to the analyst.
_FIELD_WORDS = {
    "actor_id": "actor",
    "concept_id": "concept",
    "start": "span",
    "end": "span",
    "speaker_start": "speaker",
    "speaker_end": "speaker",
    "speaker_mention": "speaker",
    "published": "date",
    "url": "URL",
    "value": "value",
    "affiliation_id": "affiliation",
    "merged_into_id": "merge",
}
_ROW_WORDS = {
    "statements": "statement",
    "articles": "article",
    "actors": "actor",
    "actor_aliases": "alias",
    "concepts": "concept",
    "stance_levels": "stance level",
}
_SHOWN_CHARS = 40


def _shown(session: Session, field: str, value: Any) -> str:
    """A logged value as the analyst knows it: names for actor and concept ids."""
    if value is None or value == "":
        return "(none)"
    if field in ("actor_id", "affiliation_id", "merged_into_id") and isinstance(value, int):
        actor = session.get(Actor, value)
        value = actor.name if actor is not None else f"actor {value}"
    elif field == "concept_id" and isinstance(value, int):
        concept = session.get(Concept, value)
        value = concept.name if concept is not None else f"concept {value}"
    text = " ".join(str(value).split())
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def describe_group(session: Session, group_id: str) -> str:
    """One line saying what a logged decision did, e.g. "status suggested → accepted on
    statement 12", "the new statement 40", "title, date of article 3", "status → accepted on
    5 statements". An undo group is described by the decision it reversed."""
    rows = session.scalars(
        select(Change).where(Change.group_id == group_id).order_by(Change.id)
    ).all()
    if rows and rows[0].action == UNDO and rows[0].reverts:
        return describe_group(session, rows[0].reverts)
    rows = [row for row in rows if row.field != ORIGINS_FIELD]
    if not rows:
        return "a change of machine/person marks"
    targets = list(dict.fromkeys((row.table_name, row.row_id) for row in rows))
    table = targets[0][0]
    noun = _ROW_WORDS.get(table, table.rstrip("s"))
    if len(targets) == 1:
        where = f"{noun} {targets[0][1]}"
    elif len({name for name, _ in targets}) == 1:
        where = f"{len(targets)} {noun}s"
    else:
        where = f"{len(targets)} rows"
    if all(row.field is None and row.old_value is None for row in rows):
        return f"the new {where}"
    if all(row.field is None and row.new_value is None for row in rows):
        return f"the deletion of {where}"
    fields = list(
        dict.fromkeys(_FIELD_WORDS.get(row.field, row.field) for row in rows if row.field)
    )
    if len(fields) == 1 and len(rows) == 1:
        row = rows[0]
        return (
            f"{fields[0]} {_shown(session, row.field, row.old_value)} → "
            f"{_shown(session, row.field, row.new_value)} on {where}"
        )
    new_values = {to_json_value(row.new_value) for row in rows if row.field}
    if len(fields) == 1 and len(new_values) == 1:
        field = next(row.field for row in rows if row.field)
        return f"{fields[0]} → {_shown(session, field, rows[0].new_value)} on {where}"
    return f"{', '.join(fields)} of {where}"


def undo(store: Store, *, annotator: str, article_id: int | None) -> UndoResult | None:
    """Reverse the annotator's latest decision in this article that is still in effect.

    ``article_id=None`` walks the codebook decisions (concepts, stance scale, actors, merges).
    Returns None when there is nothing to undo; raises EditConflict (nothing written) when a
    row it would restore was changed by someone since.
    """
    return _undo_or_redo(
        store,
        annotator=annotator,
        article_id=article_id,
        action=UNDO,
        pick=lambda done, _undone: done[-1] if done else None,
    )


def redo(store: Store, *, annotator: str, article_id: int | None) -> UndoResult | None:
    """Re-apply the annotator's latest undone decision, unless a new decision was made since.

    Returns None when there is nothing to redo; raises EditConflict like ``undo``.
    """
    return _undo_or_redo(
        store,
        annotator=annotator,
        article_id=article_id,
        action=REDO,
        pick=lambda _done, undone: undone[-1] if undone else None,
    )


def can_undo_redo(store: Store, *, annotator: str, article_id: int | None) -> tuple[bool, bool]:
    """Whether ``undo`` and ``redo`` have something to do, for enabling their buttons."""
    with store.session() as session:
        done, undone = _stacks(session, annotator, article_id)
    return bool(done), bool(undone)


def history(store: Store, article_id: int | None, limit: int = 50) -> list[HistoryEntry]:
    """The latest changes in this article (None: codebook changes), newest first.

    The bookkeeping rows holding machine/person marks are left out.
    """
    query = (
        select(Change)
        .where(_scope(Change.article_id, article_id), Change.field.is_distinct_from(ORIGINS_FIELD))
        .order_by(Change.id.desc())
        .limit(limit)
    )
    with store.session() as session:
        return [_history_entry(change) for change in session.scalars(query)]


def _history_entry(change: Change) -> HistoryEntry:
    return HistoryEntry(
        change.id,
        change.at,
        change.annotator,
        change.action,
        change.table_name,
        change.row_id,
        change.article_id,
        change.field,
        change.old_value,
        change.new_value,
        change.group_id,
        change.reverts,
    )
