"""A small Discourse Network Analyzer 3 project, built with DNA 3's schema for the tests.

The tables and columns are DNA 3's (as its ``Sql.createTables`` makes them for SQLite, written out
here from reading it); the content is invented: three documents, statements of two types, four
coders, entities with attributes. Offsets are UTF-16 units, as DNA counts them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

RGB = ", ".join(f"{c} INTEGER NOT NULL DEFAULT 0" for c in ("Red", "Green", "Blue"))
DNA3_TABLES = {
    "SETTINGS": "Property TEXT PRIMARY KEY, Value TEXT NOT NULL",
    "CODERS": "ID INTEGER NOT NULL PRIMARY KEY, Name TEXT NOT NULL, "
    + RGB
    + ", Refresh INTEGER NOT NULL DEFAULT 0, FontSize INTEGER NOT NULL DEFAULT 14, "
    "Password TEXT NOT NULL, PopupWidth INTEGER DEFAULT 300, "
    "ColorByCoder INTEGER NOT NULL DEFAULT 0, PopupDecoration INTEGER NOT NULL DEFAULT 0, "
    "PopupAutoComplete INTEGER NOT NULL DEFAULT 1, "
    + ", ".join(
        f"Permission{name} INTEGER NOT NULL DEFAULT 1"
        for name in [
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
    ),
    "DOCUMENTS": "ID INTEGER NOT NULL PRIMARY KEY, Title TEXT NOT NULL, Text TEXT NOT NULL, "
    "Coder INTEGER, Author TEXT NOT NULL DEFAULT '', Source TEXT NOT NULL DEFAULT '', "
    "Section TEXT NOT NULL DEFAULT '', Notes TEXT NOT NULL DEFAULT '', "
    "Type TEXT NOT NULL DEFAULT '', Date INTEGER NOT NULL",
    "STATEMENTTYPES": "ID INTEGER NOT NULL PRIMARY KEY, Label TEXT NOT NULL, " + RGB,
    "VARIABLES": "ID INTEGER NOT NULL PRIMARY KEY, Variable TEXT NOT NULL, "
    "DataType TEXT NOT NULL DEFAULT 'short text', StatementTypeId INTEGER",
    "VARIABLELINKS": "ID INTEGER NOT NULL PRIMARY KEY, SourceVariableId INTEGER, "
    "TargetVariableId INTEGER",
    "REGEXES": "Label TEXT PRIMARY KEY, " + RGB,
    "CODERRELATIONS": "ID INTEGER NOT NULL PRIMARY KEY, Coder INTEGER, OtherCoder INTEGER, "
    "viewStatements INTEGER NOT NULL DEFAULT 1, editStatements INTEGER NOT NULL DEFAULT 1, "
    "viewDocuments INTEGER NOT NULL DEFAULT 1, editDocuments INTEGER NOT NULL DEFAULT 1",
    "STATEMENTS": "ID INTEGER NOT NULL PRIMARY KEY, StatementTypeId INTEGER, DocumentId INTEGER, "
    "Start INTEGER NOT NULL, Stop INTEGER NOT NULL, Coder INTEGER",
    "DATABOOLEAN": "ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, "
    "VariableId INTEGER NOT NULL, Value INTEGER NOT NULL DEFAULT 1",
    "DATAINTEGER": "ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, "
    "VariableId INTEGER NOT NULL, Value INTEGER NOT NULL DEFAULT 0",
    "ENTITIES": "ID INTEGER PRIMARY KEY NOT NULL, VariableId INTEGER NOT NULL, "
    "Value TEXT NOT NULL DEFAULT '', Red INTEGER, Green INTEGER, Blue INTEGER, ChildOf INTEGER",
    "DATASHORTTEXT": "ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, "
    "VariableId INTEGER NOT NULL, Entity INTEGER NOT NULL",
    "DATALONGTEXT": "ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, "
    "VariableId INTEGER NOT NULL, Value TEXT DEFAULT ''",
    "ATTRIBUTEVARIABLES": "ID INTEGER PRIMARY KEY NOT NULL, VariableId INTEGER NOT NULL, "
    "AttributeVariable TEXT NOT NULL",
    "ATTRIBUTEVALUES": "ID INTEGER PRIMARY KEY NOT NULL, EntityId INTEGER NOT NULL, "
    "AttributeVariableId INTEGER NOT NULL, AttributeValue TEXT NOT NULL DEFAULT ''",
}

DAY = 86_400
JAN_1_2021 = 1_609_459_200
TEXTS = {
    1: "Senator Ann Reed said the carbon tax is overdue. Bo Li disagreed: no tax now.",
    # an emoji (two UTF-16 units) before the statement: DNA's offsets run one ahead of ours
    2: "Wind 🌬 matters. Ann Reed wants more wind farms. The Green Club agrees.",
    3: "Bo Li praised the carbon tax later. A note-only passage.",
}


def utf16_span(text: str, fragment: str) -> tuple[int, int]:
    """Where ``fragment`` is in ``text``, in UTF-16 units (as DNA stores it)."""
    start = text.index(fragment)
    before = len(text[:start].encode("utf-16-le")) // 2
    return before, before + len(fragment.encode("utf-16-le")) // 2


# (statement id, type id, document, fragment, coder, person, organization, concept, agreement)
CODED = [
    (1, 1, 1, "the carbon tax is overdue", 2, "Ann Reed", "Senate", "Carbon tax", 1),
    (2, 1, 1, "no tax now", 3, "Bo Li", "Industry Union", "Carbon tax", 0),
    (3, 1, 2, "more wind farms", 2, "Ann Reed", "Senate", "Wind power", 1),
    (4, 1, 2, "The Green Club agrees", 3, "", "Green Club", "Wind power", 1),
    (5, 1, 3, "praised the carbon tax", 4, "Bo Li", "Senate", "Carbon tax", 1),
]
NOTE = (6, 2, 3, "A note-only passage", 2, "Check this passage\nagain.")


def write_dna3_fixture(path: Path, *, extra_statement: tuple | None = None) -> Path:
    """Write the fixture project to ``path``; ``extra_statement`` (id, document, start, stop)
    adds a DNA Statement with raw offsets (to test spans that do not fit the text)."""
    db = sqlite3.connect(path)
    for table, columns in DNA3_TABLES.items():
        db.execute(f"CREATE TABLE {table} ({columns})")
    run = db.executemany
    run("INSERT INTO SETTINGS VALUES (?, ?)", [("version", "3.0.10"), ("date", "2023-01-01")])
    run(
        "INSERT INTO CODERS (ID, Name, Password) VALUES (?, ?, 'x')",
        [(1, "Admin"), (2, "Maria"), (3, "Jonas"), (4, "Lea")],
    )
    run(
        "INSERT INTO DOCUMENTS (ID, Title, Text, Coder, Author, Source, Section, Notes, Type, "
        "Date) VALUES (?, ?, ?, 2, ?, ?, ?, ?, ?, ?)",
        [
            (1, "Tax debate", TEXTS[1], "J. Doe", "Daily", "Politics", "first", "news", JAN_1_2021),
            (2, "Wind", TEXTS[2], "", "Weekly", "", "", "", JAN_1_2021 + 40 * DAY),
            (
                3,
                "Later",
                TEXTS[3],
                "K. Roe",
                "Daily",
                "Economy",
                "",
                "op-ed",
                JAN_1_2021 + 400 * DAY,
            ),
        ],
    )
    run(
        "INSERT INTO STATEMENTTYPES (ID, Label) VALUES (?, ?)",
        [(1, "DNA Statement"), (2, "Annotation")],
    )
    variables = [
        (1, "person", "short text", 1),
        (2, "organization", "short text", 1),
        (3, "concept", "short text", 1),
        (4, "agreement", "boolean", 1),
        (5, "note", "long text", 2),
        (6, "priority", "integer", 2),
    ]
    run("INSERT INTO VARIABLES VALUES (?, ?, ?, ?)", variables)
    entities: dict[tuple[int, str], int] = {}

    def entity(variable: int, value: str) -> int:
        if (variable, value) not in entities:
            entities[variable, value] = len(entities) + 1
            db.execute(
                "INSERT INTO ENTITIES (ID, VariableId, Value, Red, Green, Blue) "
                "VALUES (?, ?, ?, 0, 0, 0)",
                (entities[variable, value], variable, value),
            )
        return entities[variable, value]

    for variable in (1, 2, 3):
        entity(variable, "")
    for sid, type_id, document, fragment, coder, person, organisation, concept, agree in CODED:
        start, stop = utf16_span(TEXTS[document], fragment)
        db.execute(
            "INSERT INTO STATEMENTS VALUES (?, ?, ?, ?, ?, ?)",
            (sid, type_id, document, start, stop, coder),
        )
        for variable, value in ((1, person), (2, organisation), (3, concept)):
            db.execute(
                "INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (?, ?, ?)",
                (sid, variable, entity(variable, value)),
            )
        db.execute(
            "INSERT INTO DATABOOLEAN (StatementId, VariableId, Value) VALUES (?, 4, ?)",
            (sid, agree),
        )
    sid, type_id, document, fragment, coder, note = NOTE
    start, stop = utf16_span(TEXTS[document], fragment)
    db.execute(
        "INSERT INTO STATEMENTS VALUES (?, ?, ?, ?, ?, ?)",
        (sid, type_id, document, start, stop, coder),
    )
    db.execute(
        "INSERT INTO DATALONGTEXT (StatementId, VariableId, Value) VALUES (?, 5, ?)", (sid, note)
    )
    db.execute("INSERT INTO DATAINTEGER (StatementId, VariableId, Value) VALUES (?, 6, 3)", (sid,))
    if extra_statement is not None:
        db.execute("INSERT INTO STATEMENTS VALUES (?, 1, ?, ?, ?, 2)", extra_statement)
    attributes = [(1, 1, "Type"), (2, 1, "Alias"), (3, 3, "Notes"), (4, 2, "Type")]
    run("INSERT INTO ATTRIBUTEVARIABLES VALUES (?, ?, ?)", attributes)
    run(
        "INSERT INTO ATTRIBUTEVALUES (EntityId, AttributeVariableId, AttributeValue) "
        "VALUES (?, ?, ?)",
        [
            (entities[1, "Ann Reed"], 2, "A. Reed; Senator Reed"),
            (entities[1, "Ann Reed"], 1, "Politician"),
            (entities[3, "Carbon tax"], 3, "A tax on CO2 emissions"),
        ],
    )
    db.commit()
    db.close()
    return path
