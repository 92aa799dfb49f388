"""Discourse Network Analyzer (DNA 3) project files read as plain data.

A DNA 3 project is a SQLite file. Its documents (``DOCUMENTS``: title, text, author, source,
section, notes, type, date in seconds since 1970 UTC) and statements (``STATEMENTS``: a statement
type, a document, character offsets ``Start``/``Stop`` and a coder) hold the coding; a
statement's values sit in one table per data type: ``DATASHORTTEXT`` (a reference to
``ENTITIES``, the short texts of one variable), ``DATALONGTEXT``, ``DATAINTEGER`` and
``DATABOOLEAN``. Entities carry attributes (``ATTRIBUTEVARIABLES``, ``ATTRIBUTEVALUES``: by
default Type, Alias and Notes). DNA counts offsets in UTF-16 units (Java string indices); the
helpers here convert them to and from code points. :mod:`quotegraph.dna_import` brings a file
into the store, :mod:`quotegraph.dna_export` writes one.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DNA_STATEMENT = "DNA Statement"
"""The statement type DNA creates first, with person, organization, concept and agreement."""

REQUIRED_TABLES = (
    "DOCUMENTS",
    "STATEMENTS",
    "STATEMENTTYPES",
    "VARIABLES",
    "ENTITIES",
    "DATASHORTTEXT",
    "DATALONGTEXT",
    "DATAINTEGER",
    "DATABOOLEAN",
    "CODERS",
)
# Tables of a DNA project that hold no coding (display and access settings): counted, not read.
SETTINGS_TABLES = ("REGEXES", "CODERRELATIONS", "VARIABLELINKS")


class DnaFormatError(ValueError):
    """The file is not a DNA 3 project; the message says why in one line."""


@dataclass(frozen=True)
class DnaDocument:
    id: int
    title: str
    text: str
    coder: str | None
    author: str
    source: str
    section: str
    notes: str
    type: str
    date: dt.datetime  # UTC


@dataclass(frozen=True)
class DnaStatement:
    """One statement; ``values`` by variable name: str (short and long text), int, or bool."""

    id: int
    document_id: int
    statement_type: str
    start: int  # UTF-16 units, as DNA stores them
    stop: int
    coder: str | None
    values: dict[str, Any]


@dataclass
class DnaProject:
    """A DNA file's content as plain data."""

    version: str
    documents: list[DnaDocument]
    statements: list[DnaStatement]
    variables: dict[str, list[tuple[str, str]]]  # statement type -> [(variable, data type)]
    attributes: dict[tuple[str, str], dict[str, str]]  # (variable, entity value) -> attributes
    entity_colours: int  # entities with a colour other than black
    entity_parents: int  # entities placed under another one
    other_rows: dict[str, int]  # rows of the settings tables


def _connect(path: str | Path, name: str) -> sqlite3.Connection:
    target = Path(path)
    if not target.is_file():
        raise DnaFormatError(f"no such file: {target}")
    try:
        connection = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
        tables = {row[0].upper() for row in connection.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as exc:
        raise DnaFormatError(f"{name} is not a SQLite database (a DNA 3 file is)") from exc
    if "SETTINGS" in tables:
        version = connection.execute(
            "SELECT Value FROM SETTINGS WHERE Property = 'version'"
        ).fetchone()
        if version and str(version[0]).startswith("2"):
            connection.close()
            raise DnaFormatError(
                f"{name} is a DNA 2 project: open it in DNA 3 and save it there first"
            )
    missing = [name for name in REQUIRED_TABLES if name not in tables]
    if missing:
        connection.close()
        raise DnaFormatError(f"{name} is not a DNA 3 project: no table {missing[0]}")
    return connection


def read_dna(path: str | Path, *, name: str | None = None) -> DnaProject:
    """Every document, statement (with its values) and entity attribute of a DNA 3 file;
    ``name`` is how messages call the file (default: its file name)."""
    name = name or Path(path).name
    connection = _connect(path, name)
    try:
        return _read(connection)
    except sqlite3.DatabaseError as exc:
        raise DnaFormatError(f"cannot read {name}: {exc}") from exc
    finally:
        connection.close()


def _read(connection: sqlite3.Connection) -> DnaProject:
    def rows(sql: str) -> list[tuple]:
        return connection.execute(sql).fetchall()

    tables = {row[0].upper() for row in rows("SELECT name FROM sqlite_master")}
    version = ""
    if "SETTINGS" in tables:
        found = rows("SELECT Value FROM SETTINGS WHERE Property = 'version'")
        version = str(found[0][0]) if found else ""
    coders = dict(rows("SELECT ID, Name FROM CODERS"))
    documents = [
        DnaDocument(
            id=row[0],
            title=row[1] or "",
            text=row[2] or "",
            coder=coders.get(row[3]),
            author=row[4] or "",
            source=row[5] or "",
            section=row[6] or "",
            notes=row[7] or "",
            type=row[8] or "",
            date=dt.datetime.fromtimestamp(int(row[9] or 0), dt.UTC),
        )
        for row in rows(
            "SELECT ID, Title, Text, Coder, Author, Source, Section, Notes, Type, Date "
            "FROM DOCUMENTS ORDER BY ID"
        )
    ]
    types = dict(rows("SELECT ID, Label FROM STATEMENTTYPES"))
    variable_rows = rows(
        "SELECT ID, Variable, DataType, StatementTypeId FROM VARIABLES ORDER BY ID"
    )
    variable_name = {vid: name for vid, name, _, _ in variable_rows}
    variables: dict[str, list[tuple[str, str]]] = {label: [] for label in types.values()}
    for _, name, data_type, type_id in variable_rows:
        variables.setdefault(types.get(type_id, "?"), []).append((name, data_type))

    values: dict[int, dict[str, Any]] = {}
    entity = {
        eid: (vid, value) for eid, vid, value in rows("SELECT ID, VariableId, Value FROM ENTITIES")
    }
    for sid, vid, eid in rows("SELECT StatementId, VariableId, Entity FROM DATASHORTTEXT"):
        values.setdefault(sid, {})[variable_name.get(vid, "?")] = entity.get(eid, (vid, ""))[1]
    for sid, vid, value in rows("SELECT StatementId, VariableId, Value FROM DATALONGTEXT"):
        values.setdefault(sid, {})[variable_name.get(vid, "?")] = value or ""
    for sid, vid, value in rows("SELECT StatementId, VariableId, Value FROM DATAINTEGER"):
        values.setdefault(sid, {})[variable_name.get(vid, "?")] = int(value)
    for sid, vid, value in rows("SELECT StatementId, VariableId, Value FROM DATABOOLEAN"):
        values.setdefault(sid, {})[variable_name.get(vid, "?")] = bool(value)
    statements = [
        DnaStatement(
            id=sid,
            document_id=document_id,
            statement_type=types.get(type_id, "?"),
            start=int(start),
            stop=int(stop),
            coder=coders.get(coder),
            values=values.get(sid, {}),
        )
        for sid, type_id, document_id, start, stop, coder in rows(
            "SELECT ID, StatementTypeId, DocumentId, Start, Stop, Coder FROM STATEMENTS ORDER BY ID"
        )
    ]

    attributes: dict[tuple[str, str], dict[str, str]] = {}
    if {"ATTRIBUTEVARIABLES", "ATTRIBUTEVALUES"} <= tables:
        for eid, name, value in rows(
            "SELECT v.EntityId, a.AttributeVariable, v.AttributeValue FROM ATTRIBUTEVALUES v "
            "JOIN ATTRIBUTEVARIABLES a ON a.ID = v.AttributeVariableId"
        ):
            if eid in entity and value:
                vid, entity_value = entity[eid]
                attributes.setdefault((variable_name.get(vid, "?"), entity_value), {})[name] = value
    colours = rows(
        "SELECT COUNT(*) FROM ENTITIES WHERE COALESCE(Red, 0) + COALESCE(Green, 0) "
        "+ COALESCE(Blue, 0) > 0"
    )[0][0]
    parents = rows("SELECT COUNT(*) FROM ENTITIES WHERE ChildOf IS NOT NULL")[0][0]
    other_rows = {
        name: rows(f"SELECT COUNT(*) FROM {name}")[0][0]
        for name in SETTINGS_TABLES
        if name in tables
    }
    return DnaProject(
        version, documents, statements, variables, attributes, colours, parents, other_rows
    )


# --------------------------------------------------------------------------------------------
# Offsets: DNA counts UTF-16 units, the store code points
# --------------------------------------------------------------------------------------------


def utf16_to_code_points(text: str) -> list[int] | None:
    """``index[u]`` = the code point index at UTF-16 offset ``u`` (0..len16), or None when the
    text has no character outside the Basic Multilingual Plane (then both counts agree)."""
    if all(ord(ch) < 0x10000 for ch in text):
        return None
    index: list[int] = []
    for position, ch in enumerate(text):
        index.append(position)
        if ord(ch) >= 0x10000:
            index.append(position)  # the second half of a pair: not a boundary, rounds down
    index.append(len(text))
    return index


def utf16_length(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) >= 0x10000)
