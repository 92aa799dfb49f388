"""The codebook's actors: list and search them, create, rename, type and affiliate them, their
aliases, and merge one actor into another (``unmerge_actors`` reverses a merge whoever made it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session, aliased

from quotegraph.analysis.actors import ACTOR_TYPES, canonical_actor_key, person_surname_key
from quotegraph.annotation.changes import UNDO, ChangeRecorder, set_logged, touch_statement
from quotegraph.annotation.codebook import _clean_name, _recorder, _write
from quotegraph.annotation.history import UndoResult, revert_group
from quotegraph.annotation.statements import EditConflict
from quotegraph.store.db import Store
from quotegraph.store.models import Actor, ActorAlias, Change, Statement
from quotegraph.team.permissions import MANAGE_CODEBOOK

__all__ = ["ACTOR_TYPES"]  # re-exported: the codebook offers the types actors.py defines


@dataclass(frozen=True)
class ActorView:
    id: int
    name: str
    type: str
    aliases: tuple[str, ...]
    affiliation_id: int | None
    affiliation_name: str | None
    merged_into_id: int | None
    statement_count: int
    # A lone surname several known people share, left for a person to resolve (by a merge or
    # a rename); ``could_be`` names those people.
    unresolved: bool = False
    could_be: tuple[str, ...] = ()


# --- actors ---------------------------------------------------------------------------------


def _actor_rows(session: Session, condition: object | None = None) -> list[ActorView]:
    counts = (
        select(Statement.actor_id, func.count().label("n")).group_by(Statement.actor_id).subquery()
    )
    affiliation = aliased(Actor)
    query = (
        select(
            Actor.id,
            Actor.name,
            Actor.type,
            Actor.affiliation_id,
            affiliation.name,
            Actor.merged_into_id,
            func.coalesce(counts.c.n, 0),
            Actor.unresolved,
            Actor.surname,
        )
        .outerjoin(counts, counts.c.actor_id == Actor.id)
        .outerjoin(affiliation, affiliation.id == Actor.affiliation_id)
        .order_by(func.lower(Actor.name), Actor.id)
    )
    if condition is not None:
        query = query.where(condition)
    rows = session.execute(query).all()
    aliases: dict[int, list[str]] = {}
    alias_query = select(ActorAlias.actor_id, ActorAlias.alias).order_by(ActorAlias.id)
    if len(rows) < 500:  # a short list: fetch only its aliases
        alias_query = alias_query.where(ActorAlias.actor_id.in_([row[0] for row in rows]))
    for actor_id, alias in session.execute(alias_query):
        aliases.setdefault(actor_id, []).append(alias)
    could_be = _people_sharing(session, {row[8] for row in rows if row[7] and row[8]})
    return [
        ActorView(
            row[0],
            row[1],
            row[2],
            tuple(aliases.get(row[0], ())),
            row[3],
            row[4],
            row[5],
            row[6],
            bool(row[7]),
            could_be.get(row[8], ()) if row[7] else (),
        )
        for row in rows
    ]


def _people_sharing(session: Session, surnames: set[str]) -> dict[str, tuple[str, ...]]:
    """The people (full names, not merged away) with each of these folded surnames."""
    if not surnames:
        return {}
    found: dict[str, list[str]] = {}
    for surname, name in session.execute(
        select(Actor.surname, Actor.name)
        .where(
            Actor.surname.in_(surnames),
            Actor.type == "person",
            Actor.merged_into_id.is_(None),
            Actor.unresolved.is_(False),
        )
        .order_by(func.lower(Actor.name))
    ):
        if len(name.split()) > 1:
            found.setdefault(surname, []).append(name)
    return {surname: tuple(names) for surname, names in found.items()}


def list_actors(store: Store, *, include_merged: bool = False) -> list[ActorView]:
    """Every actor with aliases, type, affiliation and statement count, by name."""
    with store.session() as session:
        return _actor_rows(session, None if include_merged else Actor.merged_into_id.is_(None))


def get_actor(store: Store, actor_id: int) -> ActorView | None:
    """One actor, or None if there is no such actor."""
    with store.session() as session:
        rows = _actor_rows(session, Actor.id == actor_id)
    return rows[0] if rows else None


def search_actors(store: Store, query: str, limit: int = 20) -> list[ActorView]:
    """Actors (not merged away) whose name or any alias contains ``query``, ignoring case.

    Names or aliases starting with the query come first, then the most quoted actors.
    """
    term = (query or "").strip().lower()
    with store.session() as session:
        if not term:
            rows = _actor_rows(session, Actor.merged_into_id.is_(None))
            return sorted(rows, key=lambda row: -row.statement_count)[:limit]
        pattern = f"%{_escape_like(term)}%"
        prefix = f"{_escape_like(term)}%"
        alias_hit = aliased(ActorAlias)
        matches = session.execute(
            select(
                Actor.id,
                func.max(
                    case(
                        (func.lower(Actor.name).like(prefix, escape="\\"), 1),
                        (func.lower(alias_hit.alias).like(prefix, escape="\\"), 1),
                        else_=0,
                    )
                ),
            )
            .outerjoin(alias_hit, alias_hit.actor_id == Actor.id)
            .where(
                Actor.merged_into_id.is_(None),
                or_(
                    func.lower(Actor.name).like(pattern, escape="\\"),
                    func.lower(alias_hit.alias).like(pattern, escape="\\"),
                ),
            )
            .group_by(Actor.id)
        ).all()
        is_prefix = dict(matches)
        rows = _actor_rows(session, Actor.id.in_(list(is_prefix)))
    rows.sort(key=lambda row: (-is_prefix[row.id], -row.statement_count, row.name.lower()))
    return rows[:limit]


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _get_actor(session: Session, actor_id: int) -> Actor:
    actor = session.get(Actor, actor_id) if isinstance(actor_id, int) else None
    if actor is None:
        raise ValueError(f"actor {actor_id} does not exist")
    return actor


def _check_actor_name_free(session: Session, name: str, except_id: int | None = None) -> None:
    query = select(Actor.id).where(func.lower(Actor.name) == name.lower())
    if except_id is not None:
        query = query.where(Actor.id != except_id)
    if session.scalar(query) is not None:
        raise ValueError(f"there is already an actor called {name!r}")


def _check_type(actor_type: str) -> str:
    if actor_type not in ACTOR_TYPES:
        raise ValueError(f"unknown actor type {actor_type!r}: use one of {', '.join(ACTOR_TYPES)}")
    return actor_type


def _actor_view(session: Session, actor_id: int) -> ActorView:
    return _actor_rows(session, Actor.id == actor_id)[0]


def _add_alias_row(
    session: Session, recorder: ChangeRecorder, actor: Actor, alias: str
) -> ActorAlias | None:
    existing = {
        a.lower()
        for a in session.scalars(select(ActorAlias.alias).where(ActorAlias.actor_id == actor.id))
    }
    if alias.lower() in existing or alias.lower() == actor.name.lower():
        return None
    row = ActorAlias(actor_id=actor.id, alias=alias, origin="person")
    session.add(row)
    session.flush()
    recorder.created(row)
    return row


def create_actor(
    store: Store,
    name: str,
    *,
    annotator: str,
    actor_type: str = "person",
    aliases: Iterable[str] = (),
    affiliation_id: int | None = None,
) -> ActorView:
    """Add an actor by hand; names are unique regardless of case."""
    name = _clean_name(name, "actor name")
    _check_type(actor_type)
    cleaned_aliases = [_clean_name(alias, "alias") for alias in aliases]
    with _write(store) as session:
        recorder = _recorder(session, annotator, "create")
        _check_actor_name_free(session, name)
        if affiliation_id is not None:
            _get_actor(session, affiliation_id)
        actor = Actor(
            name=name,
            key=canonical_actor_key(name),
            type=actor_type,
            affiliation_id=affiliation_id,
            surname=person_surname_key(name) if actor_type == "person" else None,
            unresolved=False,
            name_origin="person",
        )
        session.add(actor)
        session.flush()
        recorder.created(actor)
        for alias in cleaned_aliases:
            _add_alias_row(session, recorder, actor, alias)
        recorder.finish()
        return _actor_view(session, actor.id)


def rename_actor(store: Store, actor_id: int, name: str, *, annotator: str) -> ActorView:
    """Give an actor a new name; the old name stays as an alias so searches still find it."""
    name = _clean_name(name, "actor name")
    with _write(store) as session:
        recorder = _recorder(session, annotator, "update")
        actor = _get_actor(session, actor_id)
        _check_actor_name_free(session, name, except_id=actor_id)
        old_name = actor.name
        if old_name == name:
            return _actor_view(session, actor_id)
        set_logged(recorder, actor, "name", name)
        set_logged(recorder, actor, "key", canonical_actor_key(name))
        set_logged(
            recorder,
            actor,
            "surname",
            person_surname_key(name) if actor.type == "person" else None,
        )
        set_logged(recorder, actor, "name_origin", "person")  # the machine renames it no more
        set_logged(recorder, actor, "unresolved", False)
        session.flush()
        for alias in session.scalars(
            select(ActorAlias).where(
                ActorAlias.actor_id == actor_id, func.lower(ActorAlias.alias) == name.lower()
            )
        ).all():
            recorder.deleted(alias)  # the new name is the name now, not an alias
            session.delete(alias)
        session.flush()
        _add_alias_row(session, recorder, actor, old_name)
        recorder.finish()
        return _actor_view(session, actor_id)


def add_alias(store: Store, actor_id: int, alias: str, *, annotator: str) -> ActorView:
    """Record another name the actor goes by."""
    alias = _clean_name(alias, "alias")
    with _write(store) as session:
        recorder = _recorder(session, annotator, "create")
        actor = _get_actor(session, actor_id)
        if _add_alias_row(session, recorder, actor, alias) is None:
            raise ValueError(f"{actor.name!r} already goes by {alias!r}")
        recorder.finish()
        return _actor_view(session, actor_id)


def remove_alias(store: Store, actor_id: int, alias: str, *, annotator: str) -> ActorView:
    """Forget one of the actor's aliases."""
    with _write(store) as session:
        recorder = _recorder(session, annotator, "delete")
        actor = _get_actor(session, actor_id)
        row = session.scalars(
            select(ActorAlias).where(ActorAlias.actor_id == actor_id, ActorAlias.alias == alias)
        ).first()
        if row is None:
            raise ValueError(f"{actor.name!r} has no alias {alias!r}")
        recorder.deleted(row)
        session.delete(row)
        session.flush()
        recorder.finish()
        return _actor_view(session, actor_id)


def set_actor_type(store: Store, actor_id: int, actor_type: str, *, annotator: str) -> ActorView:
    """Say whether the actor is a person, an organisation, a country or group, or other."""
    _check_type(actor_type)
    with _write(store) as session:
        recorder = _recorder(session, annotator, "update")
        actor = _get_actor(session, actor_id)
        set_logged(recorder, actor, "type", actor_type)
        set_logged(
            recorder,
            actor,
            "surname",
            person_surname_key(actor.name) if actor_type == "person" else None,
        )
        session.flush()
        recorder.finish()
        return _actor_view(session, actor_id)


def set_affiliation(
    store: Store, actor_id: int, affiliation_id: int | None, *, annotator: str
) -> ActorView:
    """Set (or clear, with None) the organisation the actor belongs to; loops are refused."""
    with _write(store) as session:
        recorder = _recorder(session, annotator, "update")
        actor = _get_actor(session, actor_id)
        if affiliation_id is not None:
            organisation = _get_actor(session, affiliation_id)
            seen = {actor_id}
            while organisation is not None:
                if organisation.id in seen:
                    raise ValueError(f"{actor.name!r} cannot belong to itself, even indirectly")
                seen.add(organisation.id)
                organisation = (
                    session.get(Actor, organisation.affiliation_id)
                    if organisation.affiliation_id is not None
                    else None
                )
        set_logged(recorder, actor, "affiliation_id", affiliation_id)
        session.flush()
        recorder.finish()
        return _actor_view(session, actor_id)


def merge_actors(store: Store, source_id: int, target_id: int, *, annotator: str) -> ActorView:
    """Fold ``source`` into ``target``: its statements, aliases, name and members move over.

    The source row stays (``merged_into_id`` set) so the merge can be undone; the whole merge is
    one change group.
    """
    with _write(store) as session:
        recorder = _recorder(session, annotator, "merge", MANAGE_CODEBOOK)
        if source_id == target_id:
            raise ValueError("an actor cannot be merged into itself")
        source = _get_actor(session, source_id)
        target = _get_actor(session, target_id)
        for actor in (source, target):
            if actor.merged_into_id is not None:
                raise ValueError(f"{actor.name!r} was already merged into another actor")
        for statement in session.scalars(
            select(Statement).where(Statement.actor_id == source_id).order_by(Statement.id)
        ).all():
            set_logged(recorder, statement, "actor_id", target_id)
            touch_statement(statement, recorder.annotator)
        target_aliases = {
            a.lower()
            for a in session.scalars(
                select(ActorAlias.alias).where(ActorAlias.actor_id == target_id)
            )
        } | {target.name.lower()}
        for alias in session.scalars(
            select(ActorAlias).where(ActorAlias.actor_id == source_id).order_by(ActorAlias.id)
        ).all():
            if alias.alias.lower() in target_aliases:
                recorder.deleted(alias)
                session.delete(alias)
            else:
                set_logged(recorder, alias, "actor_id", target_id)
                # The merge confirms the name: it brings later mentions to the target too.
                set_logged(recorder, alias, "origin", "person")
                target_aliases.add(alias.alias.lower())
        session.flush()
        _add_alias_row(session, recorder, target, source.name)
        for member in session.scalars(
            select(Actor).where(Actor.affiliation_id == source_id, Actor.id != target_id)
        ).all():
            set_logged(recorder, member, "affiliation_id", target_id)
        for merged in session.scalars(select(Actor).where(Actor.merged_into_id == source_id)).all():
            set_logged(recorder, merged, "merged_into_id", target_id)
        set_logged(recorder, source, "merged_into_id", target_id)
        session.flush()
        recorder.finish()
        return _actor_view(session, target_id)


def unmerge_actors(store: Store, source_id: int, *, annotator: str) -> UndoResult:
    """Undo the merge that folded ``source`` into another actor, whoever made it.

    Raises ``ValueError`` when the actor is not merged, and ``EditConflict`` (nothing written)
    when something the merge moved was changed since.
    """
    with _write(store) as session:
        source = _get_actor(session, source_id)
        if source.merged_into_id is None:
            raise ValueError(f"{source.name!r} is not merged into another actor")
        # The latest logged change of its merged_into_id is the one in effect: the merge (or the
        # redo of its undo).
        group_id = session.scalar(
            select(Change.group_id)
            .where(
                Change.table_name == "actors",
                Change.row_id == source_id,
                Change.field == "merged_into_id",
            )
            .order_by(Change.id.desc())
            .limit(1)
        )
        if group_id is None:
            raise ValueError(f"no logged merge of {source.name!r} to undo")
        recorder = _recorder(session, annotator, UNDO, MANAGE_CODEBOOK)
        recorder.reverts = group_id
        try:
            statement_ids = revert_group(session, group_id, recorder)
        except EditConflict as conflict:
            raise EditConflict(
                f"cannot unmerge: another change got there first ({conflict})", conflict.current
            ) from None
        recorder.finish()
        return UndoResult(UNDO, recorder.group_id, group_id, statement_ids)
