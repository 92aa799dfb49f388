"""The codebook's concepts: list, create, edit and delete them, and import them from a CSV file
(name, description, keywords, example sentences), every edit logged and undoable.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from quotegraph.annotation.changes import set_logged
from quotegraph.annotation.codebook import _clean_name, _recorder, _write
from quotegraph.reading import decode_text
from quotegraph.store.db import Store
from quotegraph.store.models import Concept, Statement
from quotegraph.team.permissions import MANAGE_CODEBOOK


@dataclass(frozen=True)
class ConceptView:
    id: int
    name: str
    description: str
    statement_count: int
    created_at: dt.datetime
    keywords: str = ""  # one per line
    examples: str = ""  # one example sentence per line


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
        recorder = _recorder(session, annotator, "delete", MANAGE_CODEBOOK)
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


# --- importing concepts from a CSV file ------------------------------------------------------


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
        recorder = _recorder(session, annotator, "update", MANAGE_CODEBOOK)
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
