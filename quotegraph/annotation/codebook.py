"""The team's codebook: concepts, the stance scale and the actors, all edits logged.

Every edit runs in one write transaction and appends one change group (article None) with the
annotator, so ``annotation.undo(store, annotator=..., article_id=None)`` reverses the latest
codebook edit, and ``unmerge_actors`` reverses a merge whoever made it. Refusals (a name already
taken, a concept still in use, a stance value still in use) raise ``ValueError`` with a message
meant for the analyst.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from quotegraph.analysis.actors import ACTOR_TYPES, canonical_actor_key, person_surname_key
from quotegraph.annotation.changes import UNDO, ChangeRecorder, set_logged, touch_statement
from quotegraph.annotation.history import UndoResult, revert_group
from quotegraph.annotation.statements import EditConflict
from quotegraph.reading import decode_text
from quotegraph.store.db import Store
from quotegraph.store.models import Actor, ActorAlias, Change, Concept, StanceLevel, Statement

__all__ = ["ACTOR_TYPES"]  # re-exported: the codebook offers the types actors.py defines
BINARY_SCALE: tuple[tuple[int, str], ...] = ((-1, "disagree"), (0, "neutral"), (1, "agree"))
FIVE_POINT_SCALE: tuple[tuple[int, str], ...] = (
    (-2, "strongly disagree"),
    (-1, "disagree"),
    (0, "neutral"),
    (1, "agree"),
    (2, "strongly agree"),
)
_MAX_NAME = 500
_MAX_LABEL = 100


@dataclass(frozen=True)
class ConceptView:
    id: int
    name: str
    description: str
    statement_count: int
    created_at: dt.datetime
    keywords: str = ""  # one per line
    examples: str = ""  # one example sentence per line


@dataclass(frozen=True)
class StanceLevelView:
    value: int
    label: str
    statement_count: int


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


def _clean_name(name: str, what: str, limit: int = _MAX_NAME) -> str:
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"the {what} is empty")
    name = " ".join(name.split())
    if len(name) > limit:
        raise ValueError(f"the {what} is longer than {limit} characters")
    return name


@contextlib.contextmanager
def _write(store: Store) -> Iterator[Session]:
    """A write transaction whose unique-constraint clash becomes a message, not a traceback.

    The checks inside each edit catch duplicates; this covers two people adding the same name
    in the same instant on PostgreSQL, where writers do not queue as they do on SQLite.
    """
    try:
        with store.session(write=True) as session:
            yield session
    except IntegrityError as error:
        raise ValueError(
            "someone else made a clashing change at the same moment: reload and try again"
        ) from error


def _recorder(session: Session, annotator: str, action: str) -> ChangeRecorder:
    if not isinstance(annotator, str) or not annotator.strip():
        raise ValueError("say who is annotating: the annotator name is empty")
    return ChangeRecorder(session, annotator=annotator.strip(), action=action, article_id=None)


# --- concepts -------------------------------------------------------------------------------


def _concept_query() -> Select:
    counts = (
        select(Statement.concept_id, func.count().label("n"))
        .group_by(Statement.concept_id)
        .subquery()
    )
    return select(
        Concept.id,
        Concept.name,
        Concept.description,
        func.coalesce(counts.c.n, 0),
        Concept.created_at,
        Concept.keywords,
        Concept.examples,
    ).outerjoin(counts, counts.c.concept_id == Concept.id)


def list_concepts(store: Store) -> list[ConceptView]:
    """Every concept with how many statements use it, by name."""
    query = _concept_query().order_by(func.lower(Concept.name), Concept.id)
    with store.session() as session:
        return [ConceptView(*row) for row in session.execute(query)]


def _concept_view(session: Session, concept_id: int) -> ConceptView:
    return ConceptView(*session.execute(_concept_query().where(Concept.id == concept_id)).one())


def _get_concept(session: Session, concept_id: int) -> Concept:
    concept = session.get(Concept, concept_id)
    if concept is None:
        raise ValueError(f"concept {concept_id} does not exist")
    return concept


def _check_concept_name_free(session: Session, name: str, except_id: int | None = None) -> None:
    query = select(Concept.id).where(func.lower(Concept.name) == name.lower())
    if except_id is not None:
        query = query.where(Concept.id != except_id)
    if session.scalar(query) is not None:
        raise ValueError(f"there is already a concept called {name!r}")


def clean_lines(text: str) -> str:
    """Keywords or example sentences as stored: one per line, stripped, no blank lines."""
    return "\n".join(line.strip() for line in (text or "").splitlines() if line.strip())


def create_concept(
    store: Store,
    name: str,
    *,
    annotator: str,
    description: str = "",
    keywords: str = "",
    examples: str = "",
) -> ConceptView:
    """Add a concept to the codebook; names are unique regardless of case.

    ``keywords`` and ``examples`` (one per line) give concept suggestions before any coding.
    """
    name = _clean_name(name, "concept name")
    with _write(store) as session:
        recorder = _recorder(session, annotator, "create")
        _check_concept_name_free(session, name)
        concept = Concept(
            name=name,
            description=description.strip(),
            keywords=clean_lines(keywords),
            examples=clean_lines(examples),
        )
        session.add(concept)
        session.flush()
        recorder.created(concept)
        recorder.finish()
        return _concept_view(session, concept.id)


def update_concept(
    store: Store,
    concept_id: int,
    *,
    annotator: str,
    name: str | None = None,
    description: str | None = None,
    keywords: str | None = None,
    examples: str | None = None,
) -> ConceptView:
    """Rename a concept and/or change its description, keywords or example sentences."""
    with _write(store) as session:
        recorder = _recorder(session, annotator, "update")
        concept = _get_concept(session, concept_id)
        if name is not None:
            name = _clean_name(name, "concept name")
            _check_concept_name_free(session, name, except_id=concept_id)
            set_logged(recorder, concept, "name", name)
        if description is not None:
            set_logged(recorder, concept, "description", description.strip())
        if keywords is not None:
            set_logged(recorder, concept, "keywords", clean_lines(keywords))
        if examples is not None:
            set_logged(recorder, concept, "examples", clean_lines(examples))
        session.flush()
        recorder.finish()
        return _concept_view(session, concept_id)


def delete_concept(store: Store, concept_id: int, *, annotator: str) -> None:
    """Delete a concept no statement uses; refuse one in use."""
    with _write(store) as session:
        recorder = _recorder(session, annotator, "delete")
        concept = _get_concept(session, concept_id)
        used = session.scalar(
            select(func.count()).select_from(Statement).where(Statement.concept_id == concept_id)
        )
        if used:
            raise ValueError(
                f"concept {concept.name!r} is used by {used} statement{'s' * (used != 1)}: "
                "give them another concept first"
            )
        recorder.deleted(concept)
        session.delete(concept)
        session.flush()
        recorder.finish()


# --- the stance scale -----------------------------------------------------------------------


@dataclass(frozen=True)
class ConceptImport:
    created: int
    updated: int


_CONCEPT_COLUMNS = {
    "name": "name",
    "concept": "name",
    "description": "description",
    "keywords": "keywords",
    "examples": "examples",
    "example sentences": "examples",
}


def _cells_to_lines(value: str, separator: str) -> str:
    return clean_lines(value.replace(separator, "\n"))


def parse_concepts_csv(data: bytes) -> list[dict[str, str]]:
    """The concepts of a codebook CSV: a ``name`` (or ``concept``) column, and optionally
    ``description``, ``keywords`` (separated by ";" or line breaks) and ``examples`` (separated
    by "|" or line breaks). Raises ``ValueError`` naming the row at fault."""
    text = decode_text(data)
    if text is None:
        raise ValueError("the file is not text: save the codebook as CSV")
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(rows, None)
        if header is None:
            raise ValueError("the file is empty")
        positions: dict[str, int] = {}
        for position, cell in enumerate(header):
            field = _CONCEPT_COLUMNS.get(cell.strip().lstrip("\ufeff").lower())
            if field and field not in positions:
                positions[field] = position
        if "name" not in positions:
            raise ValueError("no 'name' or 'concept' column in the first row")
        concepts: list[dict[str, str]] = []
        seen: dict[str, int] = {}
        for number, row in enumerate(rows, start=2):
            if not any(cell.strip() for cell in row):
                continue
            values = {
                field: row[position] if position < len(row) else ""
                for field, position in positions.items()
            }
            try:
                name = _clean_name(values["name"], "concept name")
            except ValueError as error:
                raise ValueError(f"row {number}: {error}") from None
            if name.lower() in seen:
                raise ValueError(f"row {number}: {name!r} is already in row {seen[name.lower()]}")
            seen[name.lower()] = number
            concepts.append(
                {
                    "name": name,
                    "description": values.get("description", "").strip(),
                    "keywords": _cells_to_lines(values.get("keywords", ""), ";"),
                    "examples": _cells_to_lines(values.get("examples", ""), "|"),
                }
            )
    except csv.Error as error:
        raise ValueError(f"malformed CSV ({error})") from None
    if not concepts:
        raise ValueError("the file names no concept")
    return concepts


def import_concepts(
    store: Store, concepts: Sequence[dict[str, str]], *, annotator: str
) -> ConceptImport:
    """Add the concepts (``parse_concepts_csv``'s rows) as one codebook edit, undoable as one.

    A concept already in the codebook (same name, any case) keeps its name and takes the
    description, keywords and examples given for it where they are not empty.
    """
    created = updated = 0
    with _write(store) as session:
        recorder = _recorder(session, annotator, "update")
        existing = {concept.name.lower(): concept for concept in session.scalars(select(Concept))}
        for values in concepts:
            name = _clean_name(values["name"], "concept name")
            concept = existing.get(name.lower())
            if concept is None:
                concept = Concept(
                    name=name,
                    description=values.get("description", "").strip(),
                    keywords=clean_lines(values.get("keywords", "")),
                    examples=clean_lines(values.get("examples", "")),
                )
                session.add(concept)
                session.flush()
                recorder.created(concept)
                existing[name.lower()] = concept
                created += 1
                continue
            changed = False
            for field in ("description", "keywords", "examples"):
                value = values.get(field, "").strip()
                if field != "description":
                    value = clean_lines(value)
                if value:
                    changed |= set_logged(recorder, concept, field, value)
            updated += changed
        session.flush()
        recorder.finish()
    return ConceptImport(created=created, updated=updated)


def list_stance_levels(store: Store) -> list[StanceLevelView]:
    """The stance scale, from most against to most for, with statement counts."""
    counts = select(Statement.stance, func.count().label("n")).group_by(Statement.stance).subquery()
    query = (
        select(StanceLevel.value, StanceLevel.label, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.stance == StanceLevel.value)
        .order_by(StanceLevel.value)
    )
    with store.session() as session:
        return [StanceLevelView(*row) for row in session.execute(query)]


def set_stance_scale(
    store: Store, levels: Sequence[tuple[int, str]], *, annotator: str
) -> list[StanceLevelView]:
    """Replace the stance scale by ``levels`` (value, label), e.g. ``FIVE_POINT_SCALE``.

    Values that stay keep their statements (their label may change); a value that would
    disappear while statements use it is refused.
    """
    wanted = _check_scale(levels)
    with _write(store) as session:
        recorder = _recorder(session, annotator, "update")
        current = {level.value: level for level in session.scalars(select(StanceLevel))}
        removed = sorted(set(current) - set(wanted))
        if removed:
            in_use = session.execute(
                select(Statement.stance, func.count())
                .where(Statement.stance.in_(removed))
                .group_by(Statement.stance)
                .order_by(Statement.stance)
            ).all()
            if in_use:
                used = ", ".join(
                    f"{value} ({current[value].label!r}, {count} statements)"
                    for value, count in in_use
                )
                raise ValueError(
                    f"statements use stance {used}: keep those values or re-code them first"
                )
        for value in removed:
            recorder.deleted(current[value])
            session.delete(current[value])
        session.flush()
        relabelled = {
            value: (current[value].label, label)
            for value, label in wanted.items()
            if value in current and current[value].label != label
        }
        # Park changed labels first so swapping two labels never trips the unique constraint
        # (clean labels never start with a space, so a parked one collides with none).
        for value in relabelled:
            current[value].label = f" parked {value}"
        session.flush()
        for value, (old_label, label) in relabelled.items():
            current[value].label = label
            recorder.updated("stance_levels", value, "label", old_label, label)
        for value, label in wanted.items():
            if value not in current:
                level = StanceLevel(value=value, label=label)
                session.add(level)
                session.flush()
                recorder.created(level)
        session.flush()
        recorder.finish()
    return list_stance_levels(store)


def _check_scale(levels: Sequence[tuple[int, str]]) -> dict[int, str]:
    wanted: dict[int, str] = {}
    labels: set[str] = set()
    for value, label in levels:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"stance values are whole numbers, got {value!r}")
        label = _clean_name(label, "stance label", _MAX_LABEL)
        if value in wanted:
            raise ValueError(f"stance value {value} appears twice")
        if label.lower() in labels:
            raise ValueError(f"stance label {label!r} appears twice")
        wanted[value] = label
        labels.add(label.lower())
    if len(wanted) < 2:
        raise ValueError("a stance scale needs at least two levels")
    return dict(sorted(wanted.items()))


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
        recorder = _recorder(session, annotator, "merge")
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
        recorder = _recorder(session, annotator, UNDO)
        recorder.reverts = group_id
        try:
            statement_ids = revert_group(session, group_id, recorder)
        except EditConflict as conflict:
            raise EditConflict(
                f"cannot unmerge: another change got there first ({conflict})", conflict.current
            ) from None
        recorder.finish()
        return UndoResult(UNDO, recorder.group_id, group_id, statement_ids)
