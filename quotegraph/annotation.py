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
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, String, func, inspect, literal, select, type_coerce, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from quotegraph.db import Store
from quotegraph.models import (
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

STATUSES = ("suggested", "accepted", "rejected")
KINDS = ("direct", "mixed", "indirect")
MACHINE = "machine"
PERSON = "person"
ORIGINS_FIELD = "field_origins"

# The field_origins key under which each statement column's machine/person mark is kept.
ORIGIN_KEYS: dict[str, str] = {
    "start": "span",
    "end": "span",
    "speaker_start": "speaker",
    "speaker_end": "speaker",
    "speaker_mention": "speaker",
    "cue": "cue",
    "cue_start": "cue",
    "cue_end": "cue",
    "actor_id": "actor",
    "concept_id": "concept",
    "stance": "stance",
    "kind": "kind",
    "status": "status",
    "note": "note",
}
EDITABLE_FIELDS = (
    "status",
    "actor_id",
    "concept_id",
    "stance",
    "kind",
    "note",
    "start",
    "end",
    "speaker_start",
    "speaker_end",
)
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
# Columns that change with every write and so say nothing about whether content changed.
# Unique text columns an undo may have to swap between rows.
_UNIQUE_FIELDS = frozenset({("stance_levels", "label"), ("concepts", "name"), ("actors", "name")})
_BOOKKEEPING_COLUMNS = frozenset({"version", "updated_at", "annotator", "created_at"})


@dataclass(frozen=True)
class StatementView:
    """One statement as the editor shows it; ``content`` is ``text[start:end]``."""

    id: int
    article_id: int
    start: int
    end: int
    content: str
    speaker_start: int | None
    speaker_end: int | None
    speaker_mention: str | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    actor_id: int | None
    actor_name: str | None
    concept_id: int | None
    concept_name: str | None
    stance: int | None
    kind: str
    status: str
    field_origins: dict[str, str]
    annotator: str | None
    note: str
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime


class EditConflict(Exception):
    """Someone else changed (or deleted) the row since it was read; nothing was written.

    ``current`` is the statement as it is now (None when it no longer exists or the conflict is
    on a codebook row), so the editor can show it.
    """

    def __init__(self, message: str, current: StatementView | None = None) -> None:
        super().__init__(message)
        self.current = current


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


# --- the change log -------------------------------------------------------------------------


def to_json_value(value: Any) -> Any:
    """A column value as it is stored in the change log's JSON columns."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return dict(value)
    return value


def _from_json_value(model: type[Base], column: str, value: Any) -> Any:
    if value is None:
        return None
    python_type = inspect(model).columns[column].type.python_type
    if python_type is dt.datetime and isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    if python_type is dt.date and isinstance(value, str):
        return dt.date.fromisoformat(value)
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
    ) -> None:
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


# --- reading statements ---------------------------------------------------------------------


def _statement_query(content: Any) -> Select:
    """Every StatementView column, the content taken from ``content``."""
    return (
        select(
            Statement.id,
            Statement.article_id,
            Statement.start,
            Statement.end,
            content,
            Statement.speaker_start,
            Statement.speaker_end,
            Statement.speaker_mention,
            Statement.cue,
            Statement.cue_start,
            Statement.cue_end,
            Statement.actor_id,
            Actor.name,
            Statement.concept_id,
            Concept.name,
            Statement.stance,
            Statement.kind,
            Statement.status,
            Statement.field_origins,
            Statement.annotator,
            Statement.note,
            Statement.version,
            # Read as stored and parsed in _view: SQLAlchemy's SQLite date parsing (a regex per
            # value) was a third of the time of listing 300 statements.
            type_coerce(Statement.created_at, String),
            type_coerce(Statement.updated_at, String),
        )
        .outerjoin(Actor, Actor.id == Statement.actor_id)
        .outerjoin(Concept, Concept.id == Statement.concept_id)
    )


def _view(row: Any, content: str | None = None) -> StatementView:
    values = list(row)
    if content is not None:
        values[4] = content
    values[18] = dict(values[18] or {})
    values[22] = _as_datetime(values[22])
    values[23] = _as_datetime(values[23])
    return StatementView(*values)


def _as_datetime(value: Any) -> Any:
    # SQLite gives the stored text (UTC, without offset), PostgreSQL a datetime already.
    if isinstance(value, str):
        parsed = dt.datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
    return value


def list_statements(store: Store, article_id: int) -> list[StatementView]:
    """Every statement of the article, ordered by where it starts.

    One query for the statements with their actor and concept names, and one for the text,
    sliced here: asking the database for each content (substr) costs more than the rest.
    """
    query = (
        _statement_query(literal(None))
        .where(Statement.article_id == article_id)
        .order_by(Statement.start, Statement.end, Statement.id)
    )
    with store.session() as session:
        text = session.scalar(select(Article.text).where(Article.id == article_id))
        if text is None:
            return []
        return [_view(row, text[row.start : row.end]) for row in session.execute(query)]


def select_statements(
    statements: Iterable[StatementView],
    *,
    kinds: Collection[str] | None = None,
    statuses: Collection[str] | None = None,
    actor_ids: Collection[int | None] | None = None,
    concept_ids: Collection[int | None] | None = None,
) -> list[StatementView]:
    """The statements whose kind, status, actor and concept are among those given (None: any;
    None inside ``actor_ids`` or ``concept_ids`` stands for "not set yet"), in the given order."""
    return [
        statement
        for statement in statements
        if (kinds is None or statement.kind in kinds)
        and (statuses is None or statement.status in statuses)
        and (actor_ids is None or statement.actor_id in actor_ids)
        and (concept_ids is None or statement.concept_id in concept_ids)
    ]


def _read_view(session: Session, statement_id: int) -> StatementView | None:
    # substr counts characters, as Python does: one row's content without the whole text.
    content = func.substr(Article.text, Statement.start + 1, Statement.end - Statement.start)
    query = _statement_query(content).join(Article, Article.id == Statement.article_id)
    row = session.execute(query.where(Statement.id == statement_id)).first()
    return None if row is None else _view(row)


def get_statement(store: Store, statement_id: int) -> StatementView | None:
    """The statement with this id, or None if there is none."""
    with store.session() as session:
        return _read_view(session, statement_id)


# --- validating -----------------------------------------------------------------------------


def _article_length(session: Session, article_id: int) -> int:
    length = session.scalar(select(func.length(Article.text)).where(Article.id == article_id))
    if length is None:
        raise ValueError(f"article {article_id} does not exist")
    return length


def _article_slice(session: Session, article_id: int, start: int, end: int) -> str:
    return session.scalar(
        select(func.substr(Article.text, start + 1, end - start)).where(Article.id == article_id)
    )


def _check_offset(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    return value


def _check_span(start: Any, end: Any, length: int, what: str) -> None:
    start = _check_offset(f"{what} start", start)
    end = _check_offset(f"{what} end", end)
    if not 0 <= start < end <= length:
        raise ValueError(
            f"{what} {start}-{end} is not a non-empty span of the article (0-{length})"
        )


def _check_speaker(start: Any, end: Any, length: int) -> None:
    if start is None and end is None:
        return
    if start is None or end is None:
        raise ValueError("speaker start and end must be given together (or both cleared)")
    _check_span(start, end, length, "speaker")


def _check_reference(session: Session, field: str, value: Any) -> None:
    """Refuse a value that names no existing stance level, actor or concept."""
    if value is None:
        return
    if field == "stance":
        levels = session.scalars(select(StanceLevel.value).order_by(StanceLevel.value)).all()
        if isinstance(value, bool) or value not in levels:
            raise ValueError(f"unknown stance {value!r}: the scale has {list(levels)}")
    elif field == "actor_id":
        actor = session.get(Actor, value) if isinstance(value, int) else None
        if actor is None:
            raise ValueError(f"unknown actor {value!r}")
        if actor.merged_into_id is not None:
            raise ValueError(
                f"actor {actor.name!r} was merged into actor {actor.merged_into_id}; use that one"
            )
    elif field == "concept_id" and (
        not isinstance(value, int) or session.get(Concept, value) is None
    ):
        raise ValueError(f"unknown concept {value!r}")


def _check_value(field: str, value: Any) -> None:
    if field == "status" and value not in STATUSES:
        raise ValueError(f"unknown status {value!r}: use one of {', '.join(STATUSES)}")
    if field == "kind" and value not in KINDS:
        raise ValueError(f"unknown kind {value!r}: use one of {', '.join(KINDS)}")
    if field == "note" and not isinstance(value, str):
        raise ValueError("a note must be text")


# --- decisions ------------------------------------------------------------------------------


def create_statement(
    store: Store,
    article_id: int,
    start: int,
    end: int,
    *,
    annotator: str,
    speaker_start: int | None = None,
    speaker_end: int | None = None,
    actor_id: int | None = None,
    concept_id: int | None = None,
    stance: int | None = None,
    kind: str = "indirect",
    note: str = "",
) -> StatementView:
    """Add a statement a person marked: status "accepted", every field set by a person."""
    annotator = _check_annotator(annotator)
    with store.session(write=True) as session:
        length = _article_length(session, article_id)
        _check_span(start, end, length, "statement")
        if not _article_slice(session, article_id, start, end).strip():
            raise ValueError("a statement cannot be only white space")
        _check_speaker(speaker_start, speaker_end, length)
        _check_value("kind", kind)
        _check_value("note", note)
        for field, value in (("actor_id", actor_id), ("concept_id", concept_id)):
            _check_reference(session, field, value)
        _check_reference(session, "stance", stance)
        mention = None
        if speaker_start is not None:
            mention = _article_slice(session, article_id, speaker_start, speaker_end)
        fields = {"span", "status", "kind", "note", "speaker", "actor", "concept", "stance"}
        now = utcnow()
        statement = Statement(
            article_id=article_id,
            start=start,
            end=end,
            speaker_start=speaker_start,
            speaker_end=speaker_end,
            speaker_mention=mention,
            actor_id=actor_id,
            concept_id=concept_id,
            stance=stance,
            kind=kind,
            status="accepted",
            field_origins=dict.fromkeys(sorted(fields), PERSON),
            annotator=annotator,
            note=note,
            version=1,
            created_at=now,
            updated_at=now,
        )
        session.add(statement)
        session.flush()
        recorder = ChangeRecorder(
            session, annotator=annotator, action="create", article_id=article_id
        )
        recorder.created(statement)
        recorder.finish()
        return _read_view(session, statement.id)


def update_statement(
    store: Store,
    statement_id: int,
    *,
    expected_version: int,
    annotator: str,
    **changes: Any,
) -> StatementView:
    """Apply an analyst's changes to a statement, if nobody changed it since ``expected_version``.

    Accepts status, actor_id, concept_id, stance, kind, note, start, end, speaker_start and
    speaker_end. Changed fields are marked "person"; setting a machine-set field to the value it
    already has confirms it (marks it "person"). Raises ``ValueError`` for a bad value and
    ``EditConflict`` (nothing written) when the stored version is not ``expected_version``.
    """
    annotator = _check_annotator(annotator)
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValueError(f"cannot change {', '.join(unknown)}: editable are {EDITABLE_FIELDS}")
    with store.session(write=True) as session:
        # Locked (FOR UPDATE on PostgreSQL; SQLite's write lock is already held) so the version
        # checked here is still the row's version when a no-op returns or the update runs.
        statement = session.get(Statement, statement_id, with_for_update=True)
        if statement is None:
            raise EditConflict(f"statement {statement_id} was deleted", None)
        if statement.version != expected_version:
            raise EditConflict(
                f"statement {statement_id} was changed by {statement.annotator or 'someone'} "
                f"(version {statement.version}, you edited version {expected_version})",
                _read_view(session, statement_id),
            )
        article_id = statement.article_id
        length = _article_length(session, article_id)
        for field, value in changes.items():
            _check_value(field, value)
            _check_reference(session, field, value)
        merged = {field: changes.get(field, getattr(statement, field)) for field in EDITABLE_FIELDS}
        if "start" in changes or "end" in changes:
            _check_span(merged["start"], merged["end"], length, "statement")
            if not _article_slice(session, article_id, merged["start"], merged["end"]).strip():
                raise ValueError("a statement cannot be only white space")
        if "speaker_start" in changes or "speaker_end" in changes:
            _check_speaker(merged["speaker_start"], merged["speaker_end"], length)
            changes = dict(changes)
            changes["speaker_mention"] = (
                None
                if merged["speaker_start"] is None
                else _article_slice(
                    session, article_id, merged["speaker_start"], merged["speaker_end"]
                )
            )

        new_values = {
            field: value for field, value in changes.items() if getattr(statement, field) != value
        }
        origins = dict(statement.field_origins or {})
        origin_changes = {
            ORIGIN_KEYS[field]: origins.get(ORIGIN_KEYS[field])
            for field in changes
            if origins.get(ORIGIN_KEYS[field]) != PERSON
        }
        if not new_values and not origin_changes:
            return _read_view(session, statement_id)
        for key in origin_changes:
            origins[key] = PERSON

        # Compare-and-set: only one writer can move the row from expected_version.
        result = session.execute(
            update(Statement)
            .where(Statement.id == statement_id, Statement.version == expected_version)
            .values(
                **new_values,
                field_origins=origins,
                version=expected_version + 1,
                annotator=annotator,
                updated_at=utcnow(),
            )
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            session.rollback()
            raise EditConflict(
                f"statement {statement_id} was changed by someone else meanwhile",
                _read_view(session, statement_id),
            )
        recorder = ChangeRecorder(
            session, annotator=annotator, action="update", article_id=article_id
        )
        for field, value in changes.items():
            # A confirmed field (same value, now person-set) is logged too, old equal to new.
            if field in new_values or ORIGIN_KEYS[field] in origin_changes:
                recorder.updated(
                    "statements", statement_id, field, getattr(statement, field), value
                )
        if origin_changes:
            recorder.updated(
                "statements",
                statement_id,
                ORIGINS_FIELD,
                origin_changes,
                dict.fromkeys(origin_changes, PERSON),
            )
        recorder.finish()
        return _read_view(session, statement_id)


def delete_statement(
    store: Store, statement_id: int, *, expected_version: int, annotator: str
) -> None:
    """Delete a statement (logged with all its values, so undo brings it back)."""
    annotator = _check_annotator(annotator)
    with store.session(write=True) as session:
        statement = session.get(Statement, statement_id, with_for_update=True)
        if statement is None:
            raise EditConflict(f"statement {statement_id} was already deleted", None)
        if statement.version != expected_version:
            raise EditConflict(
                f"statement {statement_id} was changed by {statement.annotator or 'someone'} "
                f"(version {statement.version}, you saw version {expected_version})",
                _read_view(session, statement_id),
            )
        recorder = ChangeRecorder(
            session, annotator=annotator, action="delete", article_id=statement.article_id
        )
        recorder.deleted(statement)
        session.delete(statement)
        session.flush()
        recorder.finish()


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
            row = found.get(statement_id)
            if row is None:
                raise EditConflict(f"statement {statement_id} was deleted", None)
            if row.version != expected:
                raise EditConflict(
                    f"statement {statement_id} was changed by {row.annotator or 'someone'} "
                    f"(version {row.version}, you saw version {expected})",
                    _read_view(session, statement_id),
                )
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


def statement_kinds(store: Store) -> tuple[str, ...]:
    """Every kind a statement can have or has in this store: the known kinds first, then any
    other kind stored (a newer pipeline's), so a filter offers each of them."""
    with store.session() as session:
        stored = session.scalars(select(Statement.kind).distinct()).all()
    return KINDS + tuple(sorted(set(stored) - set(KINDS)))


def _check_annotator(annotator: str) -> str:
    if not isinstance(annotator, str) or not annotator.strip():
        raise ValueError("say who is annotating: the annotator name is empty")
    return annotator.strip()


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
