"""Adjudication: settling the coders' versions of a double-coded article into the project's
result.

For every unit (``quotegraph.team.units``) the adjudicator picks one coder's version, edits one
and accepts it, or rejects the unit. The choice is copied into the project's layer (``coder``
None) with ``based_on_id`` naming the version it came from; a unit is *settled* once the project
layer has a row based on one of its versions. The machine suggestion the coders' versions
started from, if it is still an undecided suggestion in the project layer, is replaced by the
result. Every adjudication is one group in the change log, so it can be undone like any other
decision; each write's change log first asks the permission check for ``ADJUDICATE``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from quotegraph.annotation.changes import ChangeRecorder
from quotegraph.annotation.statements import (
    PERSON,
    EditConflict,
    _check_annotator,
    _check_reference,
    _check_span,
    _check_value,
)
from quotegraph.store.db import Store
from quotegraph.store.models import Article, Statement, utcnow
from quotegraph.team.layers import CONTENT_COLUMNS
from quotegraph.team.permissions import ADJUDICATE
from quotegraph.team.units import (
    KEPT,
    REJECTED,
    UNDECIDED,
    CodedStatement,
    Unit,
    load_units,
    value_names,
)

ACTION = "adjudicate"
# What an adjudicator may change in a version before accepting it.
EDITABLE = ("status", "actor_id", "concept_id", "stance", "kind", "start", "end")
_ORIGIN_KEYS = {"start": "span", "end": "span", "actor_id": "actor", "concept_id": "concept"}


@dataclass(frozen=True)
class VersionView:
    """One coder's version of a unit, as the adjudicator reads it."""

    statement_id: int
    coder: str
    start: int
    end: int
    text: str
    status: str
    actor: str | None
    concept: str | None
    stance: str | None
    kind: str
    version: int


@dataclass(frozen=True)
class UnitView:
    """A unit side by side: each coder's version (None: coded nothing) and the result so far."""

    article_id: int
    key: str  # stable while the versions stay: their ids joined
    start: int
    end: int
    text: str
    versions: dict[str, VersionView | None]
    agreed: bool
    result: VersionView | None  # the project's row settling it (coder "result"), or None
    picked_from: str | None  # the coder whose version the result was based on

    @property
    def seen(self) -> dict[int, int]:
        """Each version's id and version number, as the adjudicator saw them."""
        return {v.statement_id: v.version for v in self.versions.values() if v is not None}


@dataclass(frozen=True)
class ArticleToAdjudicate:
    article_id: int
    title: str
    coders: tuple[str, ...]
    units: int
    agreed: int
    settled: int
    agreed_open: int  # agreed units not settled yet ("accept all agreed" settles them)

    @property
    def open_disagreements(self) -> int:
        """Units not settled on which the coders do not agree."""
        return self.units - self.settled - self.agreed_open


def is_agreed(unit: Unit) -> bool:
    """Every coder has a decided version, all the same: rejected by all, or accepted by all
    with the same span, actor, concept, stance and kind."""
    versions = list(unit.versions.values())
    if any(v is None or v.status == UNDECIDED for v in versions):
        return False
    statuses = {v.status for v in versions}
    if statuses == {REJECTED}:
        return True
    if statuses != {KEPT}:
        return False
    return (
        len({(v.start, v.end, v.actor_id, v.concept_id, v.stance, v.kind) for v in versions}) == 1
    )


def _results(session: Session, article_ids: Sequence[int]) -> dict[int, Statement]:
    """The project-layer rows copied from a coder's version, by the version's id."""
    rows = session.scalars(
        select(Statement).where(
            Statement.article_id.in_(list(article_ids)),
            Statement.coder.is_(None),
            Statement.based_on_id.is_not(None),
        )
    )
    return {row.based_on_id: row for row in rows}


def _settled_by(unit: Unit, results: Mapping[int, Statement]) -> Statement | None:
    for statement_id in unit.statement_ids:
        if statement_id in results:
            return results[statement_id]
    return None


def articles_to_adjudicate(
    store: Store, *, include_settled: bool = False
) -> list[ArticleToAdjudicate]:
    """Double-coded articles with units not yet settled (all of them with ``include_settled``),
    those with the most open disagreements first."""
    with store.session() as session:
        by_article = load_units(session)
        if not by_article:
            return []
        results = _results(session, list(by_article))
        titles = dict(
            session.execute(
                select(Article.id, Article.title).where(Article.id.in_(list(by_article)))
            ).all()
        )
    found = []
    for article_id, units in by_article.items():
        settled = [_settled_by(unit, results) is not None for unit in units]
        agreed = [is_agreed(unit) for unit in units]
        entry = ArticleToAdjudicate(
            article_id=article_id,
            title=titles.get(article_id, ""),
            coders=tuple(units[0].versions) if units else (),
            units=len(units),
            agreed=sum(agreed),
            settled=sum(settled),
            agreed_open=sum(a and not s for a, s in zip(agreed, settled, strict=True)),
        )
        if include_settled or entry.settled < entry.units:
            found.append(entry)
    found.sort(key=lambda a: (-a.open_disagreements, a.article_id))
    return found


def adjudication_units(store: Store, article_id: int) -> list[UnitView]:
    """The article's units side by side, in text order, with what settled each."""
    with store.session() as session:
        units = load_units(session, [article_id]).get(article_id, [])
        if not units:
            return []
        text = session.scalar(select(Article.text).where(Article.id == article_id)) or ""
        results = _results(session, [article_id])
        names = value_names(session)
        coder_of = {s.id: s.coder for u in units for s in u.versions.values() if s is not None}
        views = []
        for unit in units:
            result = _settled_by(unit, results)
            views.append(
                UnitView(
                    article_id=article_id,
                    key="-".join(map(str, unit.statement_ids)),
                    start=unit.start,
                    end=unit.end,
                    text=text[unit.start : unit.end],
                    versions={
                        coder: None if v is None else _version_view(v, text, names)
                        for coder, v in unit.versions.items()
                    },
                    agreed=is_agreed(unit),
                    result=None if result is None else _version_view(result, text, names),
                    picked_from=None if result is None else coder_of.get(result.based_on_id),
                )
            )
        return views


def _version_view(
    row: CodedStatement | Statement, text: str, names: Mapping[str, Mapping[Any, str]]
) -> VersionView:
    return VersionView(
        statement_id=row.id,
        coder=row.coder or "result",
        start=row.start,
        end=row.end,
        text=text[row.start : row.end],
        status=row.status,
        actor=names["actor"].get(row.actor_id),
        concept=names["concept"].get(row.concept_id),
        stance=names["stance"].get(row.stance),
        kind=row.kind,
        version=row.version,
    )


# --- decisions ------------------------------------------------------------------------------


def pick_version(
    store: Store,
    article_id: int,
    statement_id: int,
    *,
    seen: Mapping[int, int],
    adjudicator: str,
    changes: Mapping[str, Any] | None = None,
) -> int:
    """Make coder version ``statement_id`` (with ``changes`` applied, if any) the project's
    result for its unit; returns the id of the result's row.

    ``seen`` maps each version of the unit to the version number the adjudicator saw: if the
    coders changed the unit since, nothing is written and ``EditConflict`` says so. A unit
    already settled is settled again (the earlier result is replaced, in the same undo step).
    Picking a rejected version rejects the unit; any other version is accepted, unless
    ``changes`` sets the status.
    """
    adjudicator = _check_annotator(adjudicator)
    changes = dict(changes or {})
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ValueError(f"cannot change {', '.join(unknown)}: editable are {', '.join(EDITABLE)}")
    with store.session(write=True) as session:
        recorder = _recorder(session, adjudicator, article_id)  # refuses without ADJUDICATE
        unit = _current_unit(session, article_id, statement_id, seen)
        source = session.get(Statement, statement_id)
        _clear_unit(session, unit, recorder)
        result_id = _copy(session, source, changes, adjudicator, recorder)
        recorder.finish()
        return result_id


def reject_unit(
    store: Store, article_id: int, statement_id: int, *, seen: Mapping[int, int], adjudicator: str
) -> int:
    """Settle the unit of version ``statement_id`` as rejected: no statement in the result."""
    return pick_version(
        store,
        article_id,
        statement_id,
        seen=seen,
        adjudicator=adjudicator,
        changes={"status": REJECTED},
    )


def accept_agreed(store: Store, article_id: int, *, adjudicator: str) -> int:
    """Settle every unit of the article on which all coders agree, as one decision (one undo
    step); returns how many units it settled."""
    adjudicator = _check_annotator(adjudicator)
    with store.session(write=True) as session:
        recorder = _recorder(session, adjudicator, article_id)  # refuses without ADJUDICATE
        units = load_units(session, [article_id]).get(article_id, [])
        results = _results(session, [article_id])
        todo = [u for u in units if is_agreed(u) and _settled_by(u, results) is None]
        if not todo:
            return 0
        for unit in todo:
            _clear_unit(session, unit, recorder)
            first = next(v for v in unit.versions.values() if v is not None)
            _copy(session, session.get(Statement, first.id), {}, adjudicator, recorder)
        recorder.finish()
        return len(todo)


def _recorder(session: Session, adjudicator: str, article_id: int) -> ChangeRecorder:
    """The change log of one adjudication step (one undo), checked against ADJUDICATE."""
    return ChangeRecorder(
        session, annotator=adjudicator, action=ACTION, article_id=article_id, permission=ADJUDICATE
    )


def _current_unit(
    session: Session, article_id: int, statement_id: int, seen: Mapping[int, int]
) -> Unit:
    units = load_units(session, [article_id]).get(article_id, [])
    unit = next((u for u in units if statement_id in u.statement_ids), None)
    if unit is None:
        raise EditConflict(
            f"statement {statement_id} is no coder's version in article {article_id} any more"
        )
    current = {v.id: v.version for v in unit.versions.values() if v is not None}
    if current != dict(seen):
        raise EditConflict(
            "the coders' versions of this statement changed since you opened it: reload to see them"
        )
    return unit


def _clear_unit(session: Session, unit: Unit, recorder: ChangeRecorder) -> None:
    """Remove the unit's earlier result and the undecided machine suggestions it replaces."""
    based_on = {v.based_on_id for v in unit.versions.values() if v is not None and v.based_on_id}
    rows = session.scalars(
        select(Statement).where(
            Statement.article_id == unit.article_id,
            Statement.coder.is_(None),
            (Statement.based_on_id.in_(unit.statement_ids))
            | (Statement.id.in_(sorted(based_on)) & (Statement.status == UNDECIDED)),
        )
    ).all()
    for row in rows:
        recorder.deleted(row)
        session.delete(row)
    session.flush()


def _copy(
    session: Session,
    source: Statement,
    changes: Mapping[str, Any],
    adjudicator: str,
    recorder: ChangeRecorder,
) -> int:
    values = {column: getattr(source, column) for column in CONTENT_COLUMNS}
    values["status"] = REJECTED if source.status == REJECTED else KEPT
    origins = dict(source.field_origins or {})
    origins["status"] = PERSON
    for field, value in changes.items():
        _check_value(field, value)
        _check_reference(session, field, value)
        values[field] = value
        origins[_ORIGIN_KEYS.get(field, field)] = PERSON
    if "start" in changes or "end" in changes:
        length = len(session.scalar(select(Article.text).where(Article.id == source.article_id)))
        _check_span(values["start"], values["end"], length, "statement")
    now = utcnow()
    row = Statement(
        **values,
        field_origins=origins,
        annotator=adjudicator,
        coder=None,
        based_on_id=source.id,
        version=1,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    recorder.created(row)
    return row.id
