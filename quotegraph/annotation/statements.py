"""Statements as analysts read and edit them: the statement view, create, update and delete
with the checks on offsets, references and values, each edit logged through ``changes`` so it
can be undone (``history``) and refused when made against an older version (``EditConflict``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, String, func, literal, select, type_coerce, update
from sqlalchemy.orm import Session

from quotegraph.annotation.changes import ORIGINS_FIELD, ChangeRecorder
from quotegraph.store.db import Store
from quotegraph.store.models import (
    Actor,
    Article,
    Concept,
    StanceLevel,
    Statement,
    utcnow,
)
from quotegraph.team.layers import (
    PROJECT,
    check_writable,
    ensure_layer,
    in_layer,
    layer_coder,
    require_readable,
)

STATUSES = ("suggested", "accepted", "rejected")
SPEECH_KINDS = ("direct", "mixed", "indirect")
POSITION_KIND = "position"  # what an actor stands for, no words of theirs reported
KINDS = (*SPEECH_KINDS, POSITION_KIND)
MACHINE = "machine"
PERSON = "person"

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


def list_statements(
    store: Store, article_id: int, *, layer: str = PROJECT, reader: str | None = None
) -> list[StatementView]:
    """Every statement of the article in ``layer`` ("project", or a coder's name: see
    ``quotegraph.team.layers``), ordered by where it starts. With ``reader``, a layer blind mode
    hides from them is refused (``PermissionDenied``).

    One query for the statements with their actor and concept names, and one for the text,
    sliced here: asking the database for each content (substr) costs more than the rest.
    """
    coder = layer_coder(layer)
    query = (
        _statement_query(literal(None))
        .where(Statement.article_id == article_id, in_layer(coder))
        .order_by(Statement.start, Statement.end, Statement.id)
    )
    with store.session() as session:
        require_readable(session, reader, coder)
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


def get_statement(
    store: Store, statement_id: int, *, reader: str | None = None
) -> StatementView | None:
    """The statement with this id, or None if there is none. With ``reader``, a statement in a
    layer blind mode hides from them is refused (``PermissionDenied``), as ``list_statements``
    refuses its layer."""
    with store.session() as session:
        if reader is not None:
            coder = session.scalar(select(Statement.coder).where(Statement.id == statement_id))
            require_readable(session, reader, coder)
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
    """Add a statement a person marked: status "accepted", every field set by a person; in the
    layer the annotator codes the article in."""
    annotator = _check_annotator(annotator)
    with store.session(write=True) as session:
        length = _article_length(session, article_id)
        coder = ensure_layer(session, annotator, article_id)
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
            coder=coder,
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
        check_current(session, statement_id, statement, expected_version, seen="edited")
        check_writable(session, annotator, statement)
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
        check_current(session, statement_id, statement, expected_version, gone="already deleted")
        check_writable(session, annotator, statement)
        recorder = ChangeRecorder(
            session, annotator=annotator, action="delete", article_id=statement.article_id
        )
        recorder.deleted(statement)
        session.delete(statement)
        session.flush()
        recorder.finish()


def statement_kinds(store: Store) -> tuple[str, ...]:
    """Every kind a statement can have or has in this store: the known kinds first, then any
    other kind stored (a newer pipeline's), so a filter offers each of them."""
    with store.session() as session:
        stored = session.scalars(select(Statement.kind).distinct()).all()
    return KINDS + tuple(sorted(set(stored) - set(KINDS)))


def check_current(
    session: Session,
    statement_id: int,
    row: Statement | None,
    expected_version: int,
    *,
    seen: str = "saw",
    gone: str = "deleted",
) -> Statement:
    """``row`` (the locked statement) if it is still the version the user ``seen`` it at;
    an EditConflict with the current view otherwise (a deleted row has none)."""
    if row is None:
        raise EditConflict(f"statement {statement_id} was {gone}", None)
    if row.version != expected_version:
        raise EditConflict(
            f"statement {statement_id} was changed by {row.annotator or 'someone'} "
            f"(version {row.version}, you {seen} version {expected_version})",
            _read_view(session, statement_id),
        )
    return row


def _check_annotator(annotator: str) -> str:
    if not isinstance(annotator, str) or not annotator.strip():
        raise ValueError("say who is annotating: the annotator name is empty")
    return annotator.strip()
