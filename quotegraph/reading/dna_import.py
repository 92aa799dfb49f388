"""Discourse Network Analyzer (DNA 3) project files in: a ``.dna`` file into the store.

A DNA document (see :mod:`quotegraph.reading.dna_file`) becomes an article with its title, text,
author,
source, section, notes, type and date; each statement, whatever its type, becomes a statement.

How the values map (by variable name, for every statement type that has the variable):

- ``person`` -> the statement's actor (type person); ``organization`` -> that actor's
  affiliation, or the actor itself (type organisation) when the person is empty. A person named
  with different organisations gets the one named most often as affiliation; a statement naming
  another keeps it in its ``variables``.
- ``concept`` -> the concept; ``agreement`` -> the stance (boolean: 1 agree = +1, 0 disagree =
  -1; integer: the value itself, which must be on the store's stance scale).
- a long-text ``note`` -> the statement's note.
- any other variable -> the statement's ``variables`` (JSON, by variable name), kept for the
  export back to DNA.
- the statement type's label -> ``statement_type``; the coder's name -> ``annotator``.
- entity attributes: Alias of a person or organisation -> the actor's aliases (split at ``;``),
  Notes of a concept -> its description. Other non-empty attributes are reported.

DNA counts offsets in UTF-16 units (Java string indices); they are converted to the store's code
points and checked against the text: a span that ends past the text is cut to it, one that starts
past it or has no characters is left out, and both are reported. Nothing is dropped silently:
:class:`DnaImportReport` lists every value, table and field that was not brought in.

The whole file is imported in one transaction: a failure leaves the store as it was. A document
whose text is already stored adds its statements to that article; a statement identical to one
already stored (same article, span, type, actor, concept, stance and values) is skipped, so
importing a file twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from quotegraph.annotation.changes import ChangeRecorder
from quotegraph.annotation.statements import PERSON
from quotegraph.reading.codebook_by_name import CodebookByName
from quotegraph.reading.dna_file import (
    DNA_STATEMENT,
    DnaDocument,
    DnaProject,
    DnaStatement,
    read_dna,
    utf16_length,
    utf16_to_code_points,
)
from quotegraph.store.articles import ArticleDraft, article_row, text_sha256
from quotegraph.store.db import Store
from quotegraph.store.models import (
    Actor,
    ActorAlias,
    Article,
    StanceLevel,
    Statement,
    utcnow,
)
from quotegraph.team.permissions import IMPORT

_CODED_FIELDS = ("actor", "concept", "note", "span", "stance", "status")


@dataclass
class DnaImportReport:
    """What an import did, and everything it could not bring in."""

    documents: int = 0
    article_ids: list[int] = field(default_factory=list)  # the articles made from documents
    documents_already_stored: int = 0
    statements: int = 0
    statements_already_stored: int = 0
    statements_by_type: Counter = field(default_factory=Counter)
    off_scale: Counter = field(default_factory=Counter)  # agreement values without a stance
    actors_created: int = 0
    concepts_created: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        types = ", ".join(f"{n} {label!r}" for label, n in sorted(self.statements_by_type.items()))
        return (
            f"imported {self.documents} documents ({self.documents_already_stored} already "
            f"stored) and {self.statements} statements ({types or 'none'}; "
            f"{self.statements_already_stored} already stored), {self.actors_created} new "
            f"actors, {self.concepts_created} new concepts; {len(self.problems)} notes"
        )


def import_dna(
    store: Store, path: str | Path, *, annotator: str = "dna import", origin: str | None = None
) -> DnaImportReport:
    """Bring every document and statement of the DNA 3 file at ``path`` into ``store``, in one
    transaction. Raises :class:`DnaFormatError` for a file that is not a DNA 3 project."""
    origin = origin or Path(path).name
    project = read_dna(path, name=origin)
    report = DnaImportReport()
    with store.session(write=True) as session:
        recorder = ChangeRecorder(
            session, annotator=annotator, action="create", article_id=None, permission=IMPORT
        )
        codebook = CodebookByName(session, recorder, report)
        scale = set(session.scalars(select(StanceLevel.value)))
        articles = _import_documents(session, project, origin, report)
        affiliation = _majority_organisations(project.statements)
        existing = _existing_statement_keys(session, {a for a, _ in articles.values()})
        for statement in project.statements:
            if statement.document_id not in articles:
                report.problems.append(
                    f"statement {statement.id}: its document {statement.document_id} is not in "
                    "the file; left out"
                )
                continue
            row = _statement_row(
                statement, articles[statement.document_id], codebook, scale, affiliation, report
            )
            if row is None:
                continue
            key = _statement_key(row)
            if key in existing:
                report.statements_already_stored += 1
                continue
            existing.add(key)
            session.add(row)
            session.flush()
            recorder.created(row)
            report.statements += 1
            report.statements_by_type[statement.statement_type] += 1
        _set_affiliations(codebook, affiliation, report)
        _import_attributes(session, recorder, codebook, project, report)
        recorder.finish()
        if report.off_scale:
            values = ", ".join(f"{v!r} ({n})" for v, n in sorted(report.off_scale.items()))
            report.problems.append(
                f"agreement values {values} are not on the stance scale {sorted(scale)}: kept "
                "as values of their statements, without a stance (set the stance scale in "
                "Codebook before importing to use them as stances)"
            )
    _report_unread(project, report)
    return report


def _import_documents(
    session: Session, project: DnaProject, origin: str, report: DnaImportReport
) -> dict[int, tuple[int, str]]:
    """Store each document as an article; returns document id -> (article id, text)."""
    articles: dict[int, tuple[int, str]] = {}
    late = 0
    for document in project.documents:
        digest = text_sha256(document.text)
        stored = session.scalar(select(Article.id).where(Article.sha256 == digest))
        if stored is not None:
            report.documents_already_stored += 1
            articles[document.id] = (stored, document.text)
            continue
        if not document.text.strip():
            report.problems.append(f"document {document.id} {document.title!r} has no text")
        if document.date.time() != dt.time(0, 0):
            late += 1
        row = article_row_for(document, origin)
        session.add(row)
        session.flush()
        articles[document.id] = (row.id, document.text)
        report.documents += 1
        report.article_ids.append(row.id)
    if late:
        report.problems.append(
            f"{late} documents have a time of day besides their date: the store keeps the date"
        )
    coded_by = Counter(d.coder for d in project.documents if d.coder)
    if coded_by:
        report.problems.append(
            "who added each document is not kept (" + ", ".join(sorted(coded_by)) + "); "
            "statements keep their coders"
        )
    return articles


def article_row_for(document: DnaDocument, origin: str) -> Article:
    """The Article row for a DNA document."""
    row = article_row(
        ArticleDraft(
            text=document.text,
            title=document.title or f"DNA document {document.id}",
            source=document.source or None,
            published=document.date.date(),
            origin=f"{origin}#{document.id}",
        )
    )
    row.author = document.author or None
    row.section = document.section or None
    row.notes = document.notes or None
    row.document_type = document.type or None
    return row


def _majority_organisations(statements: Iterable[DnaStatement]) -> dict[str, str]:
    """Each person's most often named organisation (ties: the first named)."""
    named: dict[str, Counter] = {}
    for statement in statements:
        person = str(statement.values.get("person") or "").strip()
        organisation = str(statement.values.get("organization") or "").strip()
        if person and organisation:
            named.setdefault(person.lower(), Counter())[organisation] += 1
    return {person: counts.most_common(1)[0][0] for person, counts in named.items()}


def _statement_row(
    statement: DnaStatement,
    article: tuple[int, str],
    codebook: CodebookByName,
    scale: set[int],
    affiliation: dict[str, str],
    report: DnaImportReport,
) -> Statement | None:
    article_id, text = article
    kind = statement.statement_type
    span = _span(statement, text, report)
    if span is None:
        return None
    values = dict(statement.values)
    person = str(values.pop("person", "") or "").strip()
    organisation = str(values.pop("organization", "") or "").strip()
    concept = str(values.pop("concept", "") or "").strip()
    extra: dict[str, Any] = {}
    actor = None
    if person:
        actor = codebook.actor(person, "person")
        if organisation and organisation != affiliation.get(person.lower()):
            extra["organization"] = organisation
    elif organisation:
        actor = codebook.actor(organisation, "organisation")
    stance = None
    if "agreement" in values:
        agreement = values.pop("agreement")
        stance = (1 if agreement else -1) if isinstance(agreement, bool) else int(agreement)
        if stance not in scale:
            report.off_scale[agreement] += 1
            extra["agreement"] = agreement
            stance = None
    note = ""
    if isinstance(values.get("note"), str):
        note = values.pop("note")
    extra.update(values)
    now = utcnow()
    return Statement(
        article_id=article_id,
        start=span[0],
        end=span[1],
        actor_id=actor.id if actor is not None else None,
        concept_id=codebook.concept(concept).id if concept else None,
        stance=stance,
        kind="indirect",
        status="accepted",
        field_origins=dict.fromkeys(
            ["actor", "concept", "note", "span", "stance", "status"], PERSON
        ),
        annotator=statement.coder or "DNA",
        note=note,
        statement_type=None if kind == DNA_STATEMENT else kind,
        variables=extra or None,
        version=1,
        created_at=now,
        updated_at=now,
    )


def _span(statement: DnaStatement, text: str, report: DnaImportReport) -> tuple[int, int] | None:
    """The statement's span in code points, checked against the text (see the module doc)."""
    length16 = utf16_length(text)
    start, stop = statement.start, statement.stop
    where = f"statement {statement.id} (document {statement.document_id}, {start}-{stop})"
    if start < 0 or start >= length16 or stop <= start:
        report.problems.append(
            f"{where}: the span lies outside the document's {length16} characters; left out"
        )
        return None
    if stop > length16:
        report.problems.append(f"{where}: ends past the text ({length16}); cut at its end")
        stop = length16
    index = utf16_to_code_points(text)
    if index is not None:
        if start > 0 and index[start] == index[start - 1]:
            report.problems.append(f"{where}: starts inside a character; moved to its start")
        inside = index[stop] == index[stop - 1]  # ends inside a character: keep all of it
        start, stop = index[start], index[stop] + (1 if inside else 0)
    return start, stop


def _statement_key(row: Statement) -> tuple:
    return (
        row.article_id,
        row.start,
        row.end,
        row.statement_type,
        row.actor_id,
        row.concept_id,
        row.stance,
        repr(sorted((row.variables or {}).items())),
    )


def _existing_statement_keys(session: Session, article_ids: set[int]) -> set[tuple]:
    if not article_ids:
        return set()
    rows = session.scalars(select(Statement).where(Statement.article_id.in_(article_ids)))
    return {_statement_key(row) for row in rows}


def _set_affiliations(
    codebook: CodebookByName, affiliation: dict[str, str], report: DnaImportReport
) -> None:
    kept_other = 0
    for key, organisation in sorted(affiliation.items()):
        person = codebook.actors.get(key)
        if person is None:
            continue
        group = codebook.actor(organisation, "organisation")
        if person.affiliation_id is None:
            old = person.affiliation_id
            person.affiliation_id = group.id
            codebook.recorder.updated("actors", person.id, "affiliation_id", old, group.id)
        elif person.affiliation_id != group.id:
            kept_other += 1
    if kept_other:
        report.problems.append(
            f"{kept_other} persons already had another affiliation in the store; kept it (the "
            "file's organisation stays on each statement)"
        )


def _import_attributes(
    session: Session,
    recorder: ChangeRecorder,
    codebook: CodebookByName,
    project: DnaProject,
    report: DnaImportReport,
) -> None:
    unmapped: Counter = Counter()
    for (variable, value), attributes in sorted(project.attributes.items()):
        for name, content in sorted(attributes.items()):
            if variable in ("person", "organization") and name == "Alias" and value:
                actor = codebook.actors.get(value.lower())
                if actor is None:
                    continue
                _add_aliases(session, recorder, actor, content)
            elif variable == "concept" and name == "Notes" and value:
                concept = codebook.concepts.get(value.lower())
                if concept is not None and not concept.description:
                    concept.description = content
                    recorder.updated("concepts", concept.id, "description", "", content)
            else:
                unmapped[f"{variable}.{name}"] += 1
    for name, count in sorted(unmapped.items()):
        report.problems.append(f"entity attribute {name}: {count} values not kept (no such field)")


def _add_aliases(session: Session, recorder: ChangeRecorder, actor: Actor, content: str) -> None:
    known = {actor.name.lower()} | {
        alias.lower()
        for alias in session.scalars(
            select(ActorAlias.alias).where(ActorAlias.actor_id == actor.id)
        )
    }
    for alias in (part.strip() for part in content.split(";")):
        if alias and alias.lower() not in known:
            row = ActorAlias(actor_id=actor.id, alias=alias[:500])
            session.add(row)
            session.flush()
            recorder.created(row)
            known.add(alias.lower())


def _report_unread(project: DnaProject, report: DnaImportReport) -> None:
    used_types = {s.statement_type for s in project.statements}
    for label in sorted(set(project.variables) - used_types):
        report.problems.append(f"statement type {label!r} has no statements: not kept")
    if project.entity_colours:
        report.problems.append(f"colours of {project.entity_colours} entities not kept")
    if project.entity_parents:
        report.problems.append(f"the hierarchy of {project.entity_parents} entities not kept")
    for table, count in sorted(project.other_rows.items()):
        if count:
            report.problems.append(f"table {table} ({count} rows, display/access) not kept")


def import_dna_upload(
    store: Store, name: str, data: bytes, *, annotator: str = "dna import"
) -> DnaImportReport:
    """:func:`import_dna` for the bytes of an uploaded file (kept in a temporary file, which
    SQLite needs, and removed after)."""
    handle, temporary = tempfile.mkstemp(suffix=".dna")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        report = import_dna(store, temporary, annotator=annotator, origin=Path(name).name)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return report
