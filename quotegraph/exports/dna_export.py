"""The store as a Discourse Network Analyzer (DNA 3) project file, which DNA opens.

The file has DNA 3's tables and columns (see :mod:`quotegraph.reading.dna_file` for what they
hold), written
from DNA's schema as of version 3.0.11. What goes where, the reverse of the import:

- every article -> a document (title, text, author, source, section, notes, type; its date at
  midnight UTC; an article without a date gets the day it was added, and the report says so);
- every accepted statement (and suggestions with ``include_suggested``) -> a statement of its
  ``statement_type`` (quotegraph's own: "DNA Statement"), at its offsets in UTF-16 units, coded
  by its annotator (each annotator becomes a coder);
- actor -> ``person`` (and its affiliation -> ``organization``) for a person, ``organization``
  for any other actor type; concept -> ``concept``; stance -> ``agreement``: boolean (agree = 1,
  disagree = 0) when every stance is -1 or +1, else an integer holding the stance itself; note ->
  a long-text ``note``; the values kept in ``variables`` -> variables of their own;
- aliases -> the entity attribute Alias (joined by "; "), a concept's description -> Notes.

DNA has no field for a statement's kind (direct / mixed / indirect), status, speaker span or cue,
so those stay behind; the report lists any other value that could not be written. Every coder
gets the password given (DNA asks for it when the file is opened), stored as DNA stores it
(jasypt's salted SHA-256, 100,000 rounds). The file is written to a temporary name and moved in
place when complete, so a failure never leaves half a file.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from quotegraph.reading.dna_file import DNA_STATEMENT, utf16_length
from quotegraph.store.db import Store
from quotegraph.store.models import Actor, ActorAlias, Article, Concept, Statement

DNA_VERSION = "3.0.11"
DNA_DATE = "2025-02-05"
DEFAULT_PASSWORD = "dna"
_MAX_SHORT = 190  # DNA's short texts (titles, entity values, ...) hold fewer than 191 characters
_COLOURS = ((51, 153, 255), (255, 102, 102), (102, 204, 0), (255, 153, 0), (153, 102, 255))

_PERMISSIONS = [
    "AddDocuments",
    "EditDocuments",
    "DeleteDocuments",
    "ImportDocuments",
    "AddStatements",
    "EditStatements",
    "DeleteStatements",
    "EditAttributes",
    "EditRegex",
    "EditStatementTypes",
    "EditCoders",
    "EditCoderRelations",
    "ViewOthersDocuments",
    "EditOthersDocuments",
    "ViewOthersStatements",
    "EditOthersStatements",
]
_FLAG = "INTEGER NOT NULL DEFAULT {} CHECK ({} BETWEEN 0 AND 1)"
_RGB = ", ".join(f"{c} INTEGER NOT NULL DEFAULT 0" for c in ("Red", "Green", "Blue"))
_SHORT = "TEXT NOT NULL DEFAULT '' CHECK (LENGTH({}) < 191)"
_CASCADE = "REFERENCES {} (ID) ON DELETE CASCADE"

SCHEMA = (
    "CREATE TABLE SETTINGS (Property TEXT PRIMARY KEY, Value TEXT NOT NULL)",
    "CREATE TABLE CODERS (ID INTEGER NOT NULL PRIMARY KEY, Name TEXT NOT NULL, "
    + _RGB
    + ", Refresh INTEGER NOT NULL DEFAULT 0, FontSize INTEGER NOT NULL DEFAULT 14, "
    "Password TEXT NOT NULL, PopupWidth INTEGER DEFAULT 300, "
    + ", ".join(
        f"{name} {_FLAG.format(default, name)}"
        for name, default in [("ColorByCoder", 0), ("PopupDecoration", 0), ("PopupAutoComplete", 1)]
        + [(f"Permission{p}", 1) for p in _PERMISSIONS]
    )
    + ")",
    "CREATE TABLE DOCUMENTS (ID INTEGER NOT NULL PRIMARY KEY, Title TEXT NOT NULL CHECK "
    f"(LENGTH(Title) < 191), Text TEXT NOT NULL, Coder INTEGER {_CASCADE.format('CODERS')}, "
    + ", ".join(f"{c} {_SHORT.format(c)}" for c in ("Author", "Source", "Section"))
    + f", Notes TEXT NOT NULL DEFAULT '', Type {_SHORT.format('Type')}, Date INTEGER NOT NULL)",
    f"CREATE TABLE STATEMENTTYPES (ID INTEGER NOT NULL PRIMARY KEY, Label TEXT NOT NULL, {_RGB})",
    "CREATE TABLE VARIABLES (ID INTEGER NOT NULL PRIMARY KEY, Variable TEXT NOT NULL, "
    "DataType TEXT NOT NULL DEFAULT 'short text' CHECK (DataType IN "
    "('boolean', 'integer', 'long text', 'short text')), "
    f"StatementTypeId INTEGER {_CASCADE.format('STATEMENTTYPES')}, "
    "UNIQUE (Variable, StatementTypeId))",
    "CREATE TABLE VARIABLELINKS (ID INTEGER NOT NULL PRIMARY KEY, "
    f"SourceVariableId INTEGER {_CASCADE.format('VARIABLES')}, "
    f"TargetVariableId INTEGER {_CASCADE.format('VARIABLES')})",
    f"CREATE TABLE REGEXES (Label TEXT PRIMARY KEY, {_RGB})",
    "CREATE TABLE CODERRELATIONS (ID INTEGER NOT NULL PRIMARY KEY, "
    f"Coder INTEGER {_CASCADE.format('CODERS')}, OtherCoder INTEGER {_CASCADE.format('CODERS')}, "
    + ", ".join(
        f"{name} INTEGER NOT NULL DEFAULT 1"
        for name in ("viewStatements", "editStatements", "viewDocuments", "editDocuments")
    )
    + ")",
    "CREATE TABLE STATEMENTS (ID INTEGER NOT NULL PRIMARY KEY, "
    f"StatementTypeId INTEGER {_CASCADE.format('STATEMENTTYPES')}, "
    f"DocumentId INTEGER {_CASCADE.format('DOCUMENTS')}, Start INTEGER NOT NULL, "
    f"Stop INTEGER NOT NULL, Coder INTEGER {_CASCADE.format('CODERS')}, CHECK (Start < Stop))",
    *(
        f"CREATE TABLE {table} (ID INTEGER PRIMARY KEY NOT NULL, "
        f"StatementId INTEGER NOT NULL {_CASCADE.format('STATEMENTS')}, "
        f"VariableId INTEGER NOT NULL {_CASCADE.format('VARIABLES')}, {value}, "
        "UNIQUE (StatementId, VariableId))"
        for table, value in (
            ("DATABOOLEAN", "Value INTEGER NOT NULL DEFAULT 1"),
            ("DATAINTEGER", "Value INTEGER NOT NULL DEFAULT 0"),
            ("DATASHORTTEXT", f"Entity INTEGER NOT NULL {_CASCADE.format('ENTITIES')}"),
            ("DATALONGTEXT", "Value TEXT DEFAULT ''"),
        )
    ),
    "CREATE TABLE ENTITIES (ID INTEGER PRIMARY KEY NOT NULL, "
    f"VariableId INTEGER NOT NULL {_CASCADE.format('VARIABLES')}, Value {_SHORT.format('Value')}, "
    "Red INTEGER, Green INTEGER, Blue INTEGER, "
    f"ChildOf INTEGER {_CASCADE.format('ENTITIES')}, UNIQUE (VariableId, Value))",
    "CREATE TABLE ATTRIBUTEVARIABLES (ID INTEGER PRIMARY KEY NOT NULL, "
    f"VariableId INTEGER NOT NULL {_CASCADE.format('VARIABLES')}, "
    "AttributeVariable TEXT NOT NULL, UNIQUE (VariableId, AttributeVariable))",
    "CREATE TABLE ATTRIBUTEVALUES (ID INTEGER PRIMARY KEY NOT NULL, "
    f"EntityId INTEGER NOT NULL {_CASCADE.format('ENTITIES')}, "
    f"AttributeVariableId INTEGER NOT NULL {_CASCADE.format('ATTRIBUTEVARIABLES')}, "
    f"AttributeValue {_SHORT.format('AttributeValue')}, UNIQUE (EntityId, AttributeVariableId))",
)
ENTITY_ATTRIBUTES = ("Type", "Alias", "Notes")


def hash_password(password: str, salt: bytes | None = None) -> str:
    """``password`` as DNA stores it: base64 of a 16-byte salt and SHA-256 applied 100,000
    times to salt + password (jasypt's StrongPasswordEncryptor)."""
    salt = os.urandom(16) if salt is None else salt
    digest = hashlib.sha256(salt + password.encode("utf-8")).digest()
    for _ in range(99_999):
        digest = hashlib.sha256(digest).digest()
    return base64.b64encode(salt + digest).decode("ascii")


@dataclass
class DnaExportReport:
    documents: int = 0
    statements: int = 0
    coders: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"wrote {self.documents} documents and {self.statements} statements by "
            f"{len(self.coders)} coders; {len(self.problems)} notes"
        )


@dataclass
class _Type:
    id: int
    label: str
    variables: dict[str, str] = field(default_factory=dict)  # name -> data type
    variable_ids: dict[str, int] = field(default_factory=dict)


def _data_type(values: Iterable[Any]) -> str:
    values = [v for v in values if v is not None]
    if values and all(isinstance(v, bool) for v in values):
        return "boolean"
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "integer"
    if all(isinstance(v, str) and len(v) <= _MAX_SHORT and "\n" not in v for v in values):
        return "short text"
    return "long text"


def export_dna(
    store: Store,
    path: str | Path,
    *,
    include_suggested: bool = False,
    article_ids: Iterable[int] | None = None,
    password: str = DEFAULT_PASSWORD,
) -> DnaExportReport:
    """Write the store's articles and statements to a new DNA 3 file at ``path``."""
    report = DnaExportReport()
    statuses = ("accepted", "suggested") if include_suggested else ("accepted",)
    with store.session() as session:
        query = select(Article).order_by(Article.id)
        # The project's layer: coders' own versions stay out of a DNA project.
        statement_query = select(Statement).where(
            Statement.status.in_(statuses), Statement.coder.is_(None)
        )
        if article_ids is not None:
            wanted = list(article_ids)
            query = query.where(Article.id.in_(wanted))
            statement_query = statement_query.where(Statement.article_id.in_(wanted))
        articles = list(session.scalars(query))
        statements = list(session.scalars(statement_query.order_by(Statement.id)))
        actors = {a.id: a for a in session.scalars(select(Actor))}
        concepts = {c.id: c for c in session.scalars(select(Concept))}
        aliases: dict[int, list[str]] = {}
        for actor_id, alias in session.execute(
            select(ActorAlias.actor_id, ActorAlias.alias).order_by(ActorAlias.id)
        ):
            aliases.setdefault(actor_id, []).append(alias)
        values = [_statement_values(s, actors, concepts) for s in statements]
        target = Path(path)
        handle, temporary = tempfile.mkstemp(suffix=".dna", dir=target.parent or Path("."))
        os.close(handle)
        try:
            connection = sqlite3.connect(temporary)
            try:
                _write(
                    connection,
                    articles,
                    statements,
                    values,
                    actors,
                    concepts,
                    aliases,
                    password,
                    report,
                )
                connection.commit()
            finally:
                connection.close()
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    return report


def _statement_values(
    statement: Statement, actors: dict[int, Actor], concepts: dict[int, Concept]
) -> dict[str, Any]:
    """The DNA variables of one statement, by name."""
    extra = dict(statement.variables or {})
    values: dict[str, Any] = {}
    actor = actors.get(statement.actor_id) if statement.actor_id is not None else None
    if actor is not None:
        if actor.type == "person":
            values["person"] = actor.name
            group = actors.get(actor.affiliation_id) if actor.affiliation_id else None
            values["organization"] = extra.pop("organization", group.name if group else "")
        else:
            values["person"] = ""
            values["organization"] = actor.name
    if statement.concept_id is not None and statement.concept_id in concepts:
        values["concept"] = concepts[statement.concept_id].name
    if "agreement" in extra:
        values["agreement"] = extra.pop("agreement")
    elif statement.stance is not None:
        values["agreement"] = statement.stance
    if statement.note:
        values["note"] = statement.note
    values.update(extra)
    return values


def _types(statements: list[Statement], values: list[dict[str, Any]]) -> dict[str, _Type]:
    """The statement types and their variables: DNA's four first for "DNA Statement"."""
    by_type: dict[str, list[dict[str, Any]]] = {DNA_STATEMENT: []}
    for statement, statement_values in zip(statements, values, strict=True):
        by_type.setdefault(statement.statement_type or DNA_STATEMENT, []).append(statement_values)
    types: dict[str, _Type] = {}
    for number, (label, rows) in enumerate(sorted(by_type.items(), key=_type_order), start=1):
        kind = _Type(number, label)
        names = list(dict.fromkeys(name for row in rows for name in row))
        if label == DNA_STATEMENT:
            names = ["person", "organization", "concept", "agreement"] + [
                n for n in names if n not in ("person", "organization", "concept", "agreement")
            ]
        for name in names:
            seen = [row.get(name) for row in rows]
            if name in ("person", "organization", "concept"):
                kind.variables[name] = "short text"
            elif name == "agreement":
                stances = {v for v in seen if v is not None}
                binary = stances <= {-1, 1} or all(isinstance(v, bool) for v in stances)
                kind.variables[name] = "boolean" if binary else "integer"
            elif name == "note":
                kind.variables[name] = "long text"
            else:
                kind.variables[name] = _data_type(seen)
        types[label] = kind
    return types


def _type_order(item: tuple[str, list]) -> tuple[int, str]:
    return (0 if item[0] == DNA_STATEMENT else 1, item[0])


def _write(
    connection: sqlite3.Connection,
    articles: list[Article],
    statements: list[Statement],
    values: list[dict[str, Any]],
    actors: dict[int, Actor],
    concepts: dict[int, Concept],
    aliases: dict[int, list[str]],
    password: str,
    report: DnaExportReport,
) -> None:
    for ddl in SCHEMA:
        connection.execute(ddl)
    run = connection.executemany
    run(
        "INSERT INTO SETTINGS (Property, Value) VALUES (?, ?)",
        [("version", DNA_VERSION), ("date", DNA_DATE)],
    )
    names = ["Admin"] + sorted({s.annotator for s in statements if s.annotator} - {"Admin"})
    coder_id = {name: number for number, name in enumerate(names, start=1)}
    digest = hash_password(password)
    run(
        "INSERT INTO CODERS (ID, Name, Red, Green, Blue, Password) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (number, name[:_MAX_SHORT], *_COLOURS[number % len(_COLOURS)], digest)
            for name, number in coder_id.items()
        ],
    )
    run(
        "INSERT INTO CODERRELATIONS (Coder, OtherCoder) VALUES (?, ?)",
        [(a, b) for a in coder_id.values() for b in coder_id.values() if a != b],
    )
    report.coders = names

    first_coder: dict[int, int] = {}
    for s in statements:
        first_coder.setdefault(s.article_id, coder_id.get(s.annotator or "Admin", 1))
    undated = 0
    document_rows = []
    for article in articles:
        day = article.published
        if day is None:
            undated += 1
            day = article.added_at.date()
        title = article.title
        if len(title) > _MAX_SHORT:
            report.problems.append(f"article {article.id}: title cut to {_MAX_SHORT} characters")
            title = title[:_MAX_SHORT]
        seconds = int(dt.datetime.combine(day, dt.time(0), dt.UTC).timestamp())
        fields = [
            _short(getattr(article, n) or "", article.id, n, report)
            for n in ("author", "source", "section")
        ]
        document_rows.append(
            (
                article.id,
                title,
                article.text,
                first_coder.get(article.id, 1),
                *fields,
                article.notes or "",
                _short(article.document_type or "", article.id, "type", report),
                seconds,
            )
        )
    run(
        "INSERT INTO DOCUMENTS (ID, Title, Text, Coder, Author, Source, Section, Notes, Type, "
        "Date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        document_rows,
    )
    report.documents = len(document_rows)
    if undated:
        report.problems.append(f"{undated} articles have no date: written with the day added")

    types = _types(statements, values)
    variable_number = 0
    for kind in types.values():
        connection.execute(
            "INSERT INTO STATEMENTTYPES (ID, Label, Red, Green, Blue) VALUES (?, ?, ?, ?, ?)",
            (kind.id, kind.label[:_MAX_SHORT], *(_COLOURS[(kind.id + 2) % len(_COLOURS)])),
        )
        for name, data_type in kind.variables.items():
            variable_number += 1
            kind.variable_ids[name] = variable_number
            connection.execute(
                "INSERT INTO VARIABLES (ID, Variable, DataType, StatementTypeId) "
                "VALUES (?, ?, ?, ?)",
                (variable_number, name[:_MAX_SHORT], data_type, kind.id),
            )
    entities = _write_entities(connection, types, values, actors, concepts, aliases)

    texts = {a.id: a.text for a in articles}
    rows: dict[str, list[tuple]] = {"boolean": [], "integer": [], "short": [], "long": []}
    statement_rows = []
    for statement, statement_values in zip(statements, values, strict=True):
        text = texts.get(statement.article_id)
        if text is None:
            continue
        kind = types[statement.statement_type or DNA_STATEMENT]
        start = utf16_length(text[: statement.start])
        stop = start + utf16_length(text[statement.start : statement.end])
        coder = coder_id.get(statement.annotator or "Admin", 1)
        statement_rows.append((statement.id, kind.id, statement.article_id, start, stop, coder))
        for name, data_type in kind.variables.items():
            variable = kind.variable_ids[name]
            value = statement_values.get(name)
            if data_type == "boolean":
                rows["boolean"].append((statement.id, variable, 0 if value in (-1, False) else 1))
                if value is None:
                    report.problems.append(
                        f"statement {statement.id}: no {name}; written as 1 (DNA has no empty "
                        "boolean)"
                    )
            elif data_type == "integer":
                rows["integer"].append((statement.id, variable, int(value or 0)))
            elif data_type == "short text":
                rows["short"].append((statement.id, variable, entities[variable, _cut(value)]))
            else:
                rows["long"].append((statement.id, variable, "" if value is None else str(value)))
    run(
        "INSERT INTO STATEMENTS (ID, StatementTypeId, DocumentId, Start, Stop, Coder) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        statement_rows,
    )
    report.statements = len(statement_rows)
    for table, key in (
        ("DATABOOLEAN", "boolean"),
        ("DATAINTEGER", "integer"),
        ("DATALONGTEXT", "long"),
    ):
        run(f"INSERT INTO {table} (StatementId, VariableId, Value) VALUES (?, ?, ?)", rows[key])  # noqa: S608
    run(
        "INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (?, ?, ?)",
        rows["short"],
    )


def _cut(value: Any) -> str:
    return "" if value is None else str(value)[:_MAX_SHORT]


def _short(value: str, article_id: int, name: str, report: DnaExportReport) -> str:
    if len(value) > _MAX_SHORT:
        report.problems.append(f"article {article_id}: {name} cut to {_MAX_SHORT} characters")
    return value[:_MAX_SHORT]


def _write_entities(
    connection: sqlite3.Connection,
    types: dict[str, _Type],
    values: list[dict[str, Any]],
    actors: dict[int, Actor],
    concepts: dict[int, Concept],
    aliases: dict[int, list[str]],
) -> dict[tuple[int, str], int]:
    """One entity per value of each short-text variable (and the empty one), with DNA's default
    attributes Type, Alias and Notes; returns (variable id, value) -> entity id."""
    actor_by_name = {a.name: a for a in actors.values()}
    concept_by_name = {c.name: c for c in concepts.values()}
    entity_id: dict[tuple[int, str], int] = {}
    for kind in types.values():
        for name, data_type in kind.variables.items():
            if data_type != "short text":
                continue
            variable = kind.variable_ids[name]
            attribute_ids = {}
            for attribute in ENTITY_ATTRIBUTES:
                cursor = connection.execute(
                    "INSERT INTO ATTRIBUTEVARIABLES (VariableId, AttributeVariable) VALUES (?, ?)",
                    (variable, attribute),
                )
                attribute_ids[attribute] = cursor.lastrowid
            seen = [""] + sorted(
                {_cut(row.get(name)) for row in values if row.get(name) is not None} - {""}
            )
            for value in seen:
                cursor = connection.execute(
                    "INSERT INTO ENTITIES (VariableId, Value, Red, Green, Blue) "
                    "VALUES (?, ?, 0, 0, 0)",
                    (variable, value),
                )
                entity_id[variable, value] = cursor.lastrowid
                attributes = {"Type": "", "Alias": "", "Notes": ""}
                if name in ("person", "organization") and value in actor_by_name:
                    attributes["Alias"] = "; ".join(aliases.get(actor_by_name[value].id, []))
                elif name == "concept" and value in concept_by_name:
                    attributes["Notes"] = concept_by_name[value].description or ""
                connection.executemany(
                    "INSERT INTO ATTRIBUTEVALUES (EntityId, AttributeVariableId, AttributeValue) "
                    "VALUES (?, ?, ?)",
                    [
                        (cursor.lastrowid, attribute_ids[a], attributes[a][:_MAX_SHORT])
                        for a in ENTITY_ATTRIBUTES
                    ],
                )
    return entity_id


def dna_bytes(
    store: Store,
    *,
    include_suggested: bool = False,
    article_ids: Iterable[int] | None = None,
    password: str = DEFAULT_PASSWORD,
) -> bytes:
    """:func:`export_dna` as the bytes of the file, for a download."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "project.dna"
        export_dna(
            store,
            target,
            include_suggested=include_suggested,
            article_ids=article_ids,
            password=password,
        )
        return target.read_bytes()
