"""DNA 3 project files in and out: a fixture built with DNA's schema, imported, exported back."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from quotegraph import networks
from quotegraph.cli import main
from quotegraph.db import Store
from quotegraph.dna_export import export_dna, hash_password
from quotegraph.dna_file import DnaFormatError, read_dna
from quotegraph.dna_import import import_dna
from quotegraph.models import Actor, ActorAlias, Article, Concept, Statement
from quotegraph.statement_table import load_statement_table, statement_records
from tests.dna_fixture import CODED, DNA3_TABLES, JAN_1_2021, NOTE, TEXTS, write_dna3_fixture


@pytest.fixture
def dna_file(tmp_path: Path) -> Path:
    return write_dna3_fixture(tmp_path / "project.dna")


def coded_rows(store: Store) -> list[tuple]:
    """Every statement as (title, content, actor, affiliation, concept, stance, coder, type,
    variables, note), sorted."""
    with store.session() as session:
        actors = {a.id: a for a in session.scalars(select(Actor))}
        concepts = {c.id: c.name for c in session.scalars(select(Concept))}
        rows = []
        for statement in session.scalars(select(Statement)):
            article = session.get(Article, statement.article_id)
            actor = actors.get(statement.actor_id)
            group = actors.get(actor.affiliation_id) if actor and actor.affiliation_id else None
            rows.append(
                (
                    article.title,
                    article.text[statement.start : statement.end],
                    actor.name if actor else None,
                    actor.type if actor else None,
                    group.name if group else None,
                    concepts.get(statement.concept_id),
                    statement.stance,
                    statement.annotator,
                    statement.statement_type,
                    repr(sorted((statement.variables or {}).items())),
                    statement.note,
                )
            )
    return sorted(rows, key=repr)


def document_rows(store: Store) -> list[tuple]:
    with store.session() as session:
        return sorted(
            (a.title, a.text, a.author, a.source, a.section, a.notes, a.document_type, a.published)
            for a in session.scalars(select(Article))
        )


def test_import_brings_every_document_with_its_fields(store: Store, dna_file: Path) -> None:
    report = import_dna(store, dna_file)
    assert report.documents == 3
    documents = {row[0]: row for row in document_rows(store)}
    assert documents["Tax debate"] == (
        "Tax debate", TEXTS[1], "J. Doe", "Daily", "Politics", "first", "news",
        dt.date(2021, 1, 1),
    )  # fmt: skip
    assert documents["Wind"][2:7] == (None, "Weekly", None, None, None)
    assert documents["Later"][7] == dt.date(2021, 1, 1) + dt.timedelta(days=400)


def test_import_maps_statements_field_by_field(store: Store, dna_file: Path) -> None:
    report = import_dna(store, dna_file)
    assert report.statements == 6
    assert report.statements_by_type == Counter({"DNA Statement": 5, "Annotation": 1})
    rows = {row[1]: row for row in coded_rows(store)}
    # person -> actor, organization -> affiliation, agreement 1 -> +1, coder -> annotator
    assert rows["the carbon tax is overdue"][2:8] == (
        "Ann Reed", "person", "Senate", "Carbon tax", 1, "Maria",
    )  # fmt: skip
    # agreement 0 -> disagree
    assert rows["no tax now"][2:8] == (
        "Bo Li", "person", "Industry Union", "Carbon tax", -1, "Jonas",
    )  # fmt: skip
    # an empty person: the organisation speaks
    assert rows["The Green Club agrees"][2:5] == ("Green Club", "organisation", None)
    # Bo Li names the Industry Union once and the Senate once: the first is the affiliation,
    # the other stays on its statement
    assert rows["praised the carbon tax"][4] == "Industry Union"
    assert rows["praised the carbon tax"][9] == repr([("organization", "Senate")])
    # the span after an emoji: DNA counted it as two units, the store as one character
    assert "more wind farms" in rows
    # another statement type: long-text note -> note, integer -> kept on the statement
    note = rows[NOTE[3]]
    assert note[8] == "Annotation"
    assert note[10] == NOTE[5]
    assert note[9] == repr([("priority", 3)])


def test_import_maps_entity_attributes_and_reports_the_rest(store: Store, dna_file: Path) -> None:
    report = import_dna(store, dna_file)
    with store.session() as session:
        aliases = set(session.scalars(select(ActorAlias.alias)))
        description = session.scalar(
            select(Concept.description).where(Concept.name == "Carbon tax")
        )
    assert aliases == {"A. Reed", "Senator Reed"}
    assert description == "A tax on CO2 emissions"
    assert any("person.Type: 1 values not kept" in note for note in report.problems)


def test_spans_that_do_not_fit_the_text_are_reported(store: Store, tmp_path: Path) -> None:
    length = len(TEXTS[1])
    past = write_dna3_fixture(tmp_path / "past.dna", extra_statement=(7, 1, length - 3, length + 5))
    report = import_dna(store, past)
    assert report.statements == 7
    assert any("statement 7" in note and "cut at its end" in note for note in report.problems)
    with store.session() as session:
        cut = session.get(Statement, max(session.scalars(select(Statement.id))))
        assert (cut.start, cut.end) == (length - 3, length)

    outside = write_dna3_fixture(
        tmp_path / "out.dna", extra_statement=(7, 1, length + 2, length + 9)
    )
    report = import_dna(store, outside)
    assert any("statement 7" in note and "left out" in note for note in report.problems)


def test_importing_twice_adds_nothing(store: Store, dna_file: Path) -> None:
    import_dna(store, dna_file)
    again = import_dna(store, dna_file)
    assert (again.documents, again.documents_already_stored) == (0, 3)
    assert (again.statements, again.statements_already_stored) == (0, 6)
    assert len(coded_rows(store)) == 6


def test_person_concept_network_equals_the_one_from_the_dna_tables(
    sqlite_store: Store, dna_file: Path
) -> None:
    import_dna(sqlite_store, dna_file)
    records = statement_records(load_statement_table(sqlite_store))
    people = networks.filter_statements(records, actor_types=["person"], once_per_article=False)
    network = networks.actor_concept_network(people)
    ours = {
        (u.removeprefix("actor:"), v.removeprefix("concept:")): (d["agree"], d["disagree"])
        for u, v, d in network.edges(data=True)
    }
    db = sqlite3.connect(dna_file)
    straight = db.execute(
        "SELECT p.Value, c.Value, SUM(b.Value), SUM(1 - b.Value) FROM STATEMENTS s "
        "JOIN DATASHORTTEXT dp ON dp.StatementId = s.ID AND dp.VariableId = 1 "
        "JOIN ENTITIES p ON p.ID = dp.Entity "
        "JOIN DATASHORTTEXT dc ON dc.StatementId = s.ID AND dc.VariableId = 3 "
        "JOIN ENTITIES c ON c.ID = dc.Entity "
        "JOIN DATABOOLEAN b ON b.StatementId = s.ID AND b.VariableId = 4 "
        "WHERE p.Value != '' GROUP BY p.Value, c.Value"
    ).fetchall()
    db.close()
    assert ours == {(p, c): (agree, disagree) for p, c, agree, disagree in straight}
    assert len(ours) == 3


def test_export_then_import_loses_nothing(store: Store, dna_file: Path, tmp_path: Path) -> None:
    import_dna(store, dna_file)
    out = tmp_path / "exported.dna"
    report = export_dna(store, out, password="secret")
    assert (report.documents, report.statements) == (3, 6)
    assert report.coders == ["Admin", "Jonas", "Lea", "Maria"]

    fresh = tmp_path / "fresh.db"
    from quotegraph.db import open_store

    other = open_store(f"sqlite:///{fresh}")
    try:
        again = import_dna(other, out)
        assert again.statements == 6
        assert document_rows(other) == document_rows(store)
        assert coded_rows(other) == coded_rows(store)
        with other.session() as session:
            assert set(session.scalars(select(ActorAlias.alias))) == {"A. Reed", "Senator Reed"}
    finally:
        other.dispose()


def test_export_has_dna3_tables_and_columns(store: Store, dna_file: Path, tmp_path: Path) -> None:
    import_dna(store, dna_file)
    out = tmp_path / "exported.dna"
    export_dna(store, out)
    db = sqlite3.connect(out)
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == set(DNA3_TABLES)
    for table, columns in DNA3_TABLES.items():
        expected = [part.split()[0] for part in columns.split(", ") if part.split()[0][0].isupper()]
        written = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
        assert written[: len(expected)] == expected, table
    # offsets back in UTF-16 units: the statement after the emoji
    start, stop = db.execute(
        "SELECT Start, Stop FROM STATEMENTS s JOIN DOCUMENTS d ON d.ID = s.DocumentId "
        "WHERE d.Title = 'Wind' ORDER BY Start LIMIT 1"
    ).fetchone()
    text = TEXTS[2].encode("utf-16-le")
    assert text[2 * start : 2 * stop].decode("utf-16-le") == "more wind farms"
    (date,) = db.execute("SELECT Date FROM DOCUMENTS WHERE Title = 'Tax debate'").fetchone()
    assert date == JAN_1_2021
    db.close()


def test_coder_password_is_stored_as_dna_checks_it() -> None:
    salt = bytes(range(16))
    stored = hash_password("sample", salt)
    assert stored == hash_password("sample", salt)
    assert stored != hash_password("other", salt)
    assert len(stored) == 64  # base64 of 16 bytes of salt and a 32-byte SHA-256 digest


def test_not_a_dna_file_is_refused_in_one_line(tmp_path: Path, store_url: str, capsys) -> None:
    bad = tmp_path / "notes.dna"
    bad.write_text("just text")
    with pytest.raises(DnaFormatError):
        read_dna(bad)
    assert main(["ingest", str(bad)]) == 1
    error = capsys.readouterr().err.strip().splitlines()
    assert error == ["error: notes.dna is not a SQLite database (a DNA 3 file is)"]


def test_cli_ingest_and_export(tmp_path: Path, store_url: str, dna_file: Path, capsys) -> None:
    assert main(["ingest", str(dna_file)]) == 0
    out = capsys.readouterr().out
    assert "imported 3 documents" in out and "6 statements" in out
    target = tmp_path / "back.dna"
    assert main(["export", "--format", "dna", "--out", str(target)]) == 0
    assert read_dna(target).statements[0].values["person"] == "Ann Reed"
    assert len(CODED) + 1 == len(read_dna(target).statements)


def test_integer_agreement_is_the_stance_when_on_the_scale(store: Store, dna_file: Path) -> None:
    db = sqlite3.connect(dna_file)
    db.execute("UPDATE VARIABLES SET DataType = 'integer' WHERE ID = 4")
    db.execute(
        "INSERT INTO DATAINTEGER (StatementId, VariableId, Value) SELECT StatementId, 4, "
        "CASE Value WHEN 1 THEN 2 ELSE -1 END FROM DATABOOLEAN"
    )
    db.execute("DELETE FROM DATABOOLEAN")
    db.commit()
    db.close()
    report = import_dna(store, dna_file)
    rows = {row[1]: row for row in coded_rows(store)}
    assert rows["no tax now"][6] == -1  # on the default scale -1, 0, 1
    assert rows["more wind farms"][6] is None  # 2 is not: kept on the statement, reported
    assert rows["more wind farms"][9] == repr([("agreement", 2)])
    assert any("agreement values 2 (4)" in note for note in report.problems)
