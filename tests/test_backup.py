"""Backups: the whole store in one file, restored losslessly into an empty store on any backend."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from export_samples import populate
from sqlalchemy import MetaData, func, select

from quotegraph.annotation.statement_table import load_statement_table
from quotegraph.exports.backup import (
    FORMAT_VERSION,
    ZIP_TIMESTAMP,
    BackupError,
    backup_bytes,
    inspect_backup,
    restore_backup,
    schema_revision,
    store_is_empty,
    store_tables,
    write_backup,
)
from quotegraph.exports.formats import to_csv, to_jsonl
from quotegraph.exports.gephi_files import to_gexf, to_graphml
from quotegraph.exports.network_exports import network_for_export
from quotegraph.reading.samples import load_samples_once
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import (
    Store,
    create_store_engine,
    move_schema,
    open_store,
    schema_revisions,
)
from quotegraph.store.models import Actor, Article, Change, Meta, StanceLevel, Statement, User


@pytest.fixture
def empty_sqlite(tmp_path: Path) -> Iterator[Store]:
    store = open_store(f"sqlite:///{tmp_path / 'target.db'}")
    yield store
    store.dispose()


def exports(store: Store) -> dict[str, bytes]:
    """Every export of ``store``, to compare two stores file by file."""
    table = load_statement_table(store, include_rejected=True)
    graph = network_for_export(store, "actor-concept", include_suggested=True)
    return {
        "csv": to_csv(table).encode(),
        "jsonl": to_jsonl(store, include_rejected=True).encode(),
        "graphml": to_graphml(graph),
        "gexf": to_gexf(graph),
        "backup": backup_bytes(store),
    }


def counts(store: Store) -> dict[str, int]:
    with store.session() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table))
            for table in store_tables()
        }


def add_forward_affiliation(store: Store) -> None:
    """An actor whose affiliation was created after it (a link to a later row of its table)."""
    with store.session(write=True) as session:
        early = Actor(name="Early Speaker", key="early speaker", type="person")
        session.add(early)
        session.flush()
        late = Actor(name="Late Organisation", key="late organisation", type="organisation")
        session.add(late)
        session.flush()
        early.affiliation_id = late.id
        merged = Actor(name="Old Name", key="old name", type="person", merged_into_id=late.id)
        session.add(merged)


def test_backup_holds_every_table_with_a_checked_manifest(store: Store) -> None:
    populate(store)
    data = backup_bytes(store)
    manifest = inspect_backup(io.BytesIO(data))
    assert manifest.format_version == FORMAT_VERSION
    with store.engine.connect() as connection:
        from quotegraph.exports.backup import schema_revision

        assert manifest.schema_revision == schema_revision(connection)
    assert {entry.name for entry in manifest.tables} == {t.name for t in store_tables()}
    assert {"changes", "meta", "stance_levels", "articles", "statements"} <= set(
        manifest.row_counts
    )
    assert manifest.row_counts == counts(store)
    assert manifest.count("statements") == 6 and manifest.count("changes") == 1
    assert manifest.count("stance_levels") == 3

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {ZIP_TIMESTAMP}
        document = json.loads(archive.read("manifest.json"))
        assert document["format"] == "quotegraph-backup"
        for entry in document["tables"]:
            member = archive.read(entry["member"])
            assert hashlib.sha256(member).hexdigest() == entry["sha256"]
            assert member.count(b"\n") == entry["rows"]
        statements = [
            json.loads(line) for line in archive.read("tables/statements.jsonl").splitlines()
        ]
    assert [row["id"] for row in statements] == sorted(row["id"] for row in statements)
    assert statements[0]["created_at"] == "2026-01-02T03:04:05.678901+00:00"


def test_round_trip_gives_identical_files(store: Store, empty_sqlite: Store) -> None:
    ids = populate(store)
    add_forward_affiliation(store)
    # Line breaks of every kind, a BOM, an astral character and quotes survive as they are.
    odd = 'Line\r\nbreaks\rand\u2028separators\x85 \ufeff "quoted" 🚀 \\ end'
    add_article(store, ArticleDraft(text=odd, title="odd\ttitle", published=None))
    before = exports(store)

    restore_backup(empty_sqlite, io.BytesIO(before["backup"]))

    after = exports(empty_sqlite)
    for name in before:
        assert after[name] == before[name], f"{name} differs after the round trip"
    assert counts(empty_sqlite) == counts(store)
    with empty_sqlite.session() as session:
        # Ids are kept, so links from outside (a note citing statement 3) still hold.
        assert session.get(Statement, ids["s_formula"]).note == "@note"
        assert session.scalar(select(Article.text).where(Article.title == "odd\ttitle")) == odd
        early = session.scalar(select(Actor).where(Actor.name == "Early Speaker"))
        late = session.scalar(select(Actor).where(Actor.name == "Late Organisation"))
        assert early.affiliation_id == late.id > early.id
        assert session.scalar(select(Actor).where(Actor.name == "Old Name")).merged_into_id == (
            late.id
        )


def test_sqlite_to_postgres_to_sqlite_is_identical(
    sqlite_store: Store, postgres_store: Store, tmp_path: Path
) -> None:
    populate(sqlite_store)
    add_forward_affiliation(sqlite_store)
    from_sqlite = exports(sqlite_store)
    path = tmp_path / "store.qgbackup"
    write_backup(sqlite_store, path)
    assert path.read_bytes() == from_sqlite["backup"]

    restore_backup(postgres_store, path)
    from_postgres = exports(postgres_store)
    assert from_postgres == from_sqlite

    back_path = tmp_path / "from-postgres.qgbackup"
    write_backup(postgres_store, back_path)
    third = open_store(f"sqlite:///{tmp_path / 'third.db'}")
    try:
        restore_backup(third, back_path)
        assert exports(third) == from_sqlite
    finally:
        third.dispose()

    # The id sequences were moved past the restored rows: a new article gets the next id.
    highest = max(counts_ids(postgres_store))
    added = add_article(postgres_store, ArticleDraft(text="A new text.", title="New"))
    assert added.created and added.article_id == highest + 1


def counts_ids(store: Store) -> list[int]:
    with store.session() as session:
        return list(session.scalars(select(Article.id)))


def test_restored_store_replaces_the_default_stance_scale_and_facts(
    store: Store, empty_sqlite: Store
) -> None:
    with store.session(write=True) as session:
        session.add(StanceLevel(value=2, label="strongly agree"))
        session.add(Meta(key="note", value="kept"))
    add_article(store, ArticleDraft(text="Some text.", title="T"))
    restore_backup(empty_sqlite, io.BytesIO(backup_bytes(store)))
    with empty_sqlite.session() as session:
        assert sorted(session.scalars(select(StanceLevel.value))) == [-1, 0, 1, 2]
        assert session.get(Meta, "note").value == "kept"


def test_restore_into_a_store_with_work_is_refused(store: Store) -> None:
    populate(store)
    data = backup_bytes(store)
    before = counts(store)
    with pytest.raises(
        BackupError,
        match=r"not empty \(it holds 2 articles, 6 statements, 2 concepts, 1 logged changes\)",
    ):
        restore_backup(store, io.BytesIO(data))
    assert counts(store) == before
    assert not store_is_empty(store)


def test_a_new_store_counts_as_empty(store: Store) -> None:
    assert store_is_empty(store)  # the default stance scale is set-up, not work


def test_untouched_samples_are_replaced_but_a_decision_on_them_is_work(
    store: Store, empty_sqlite: Store
) -> None:
    populate(empty_sqlite)
    data = backup_bytes(empty_sqlite)
    assert load_samples_once(store) >= 1
    with store.session(write=True) as session:
        sample = session.scalars(select(Article)).first()
        # Machine output on a sample is not work either.
        session.add(
            Statement(
                article_id=sample.id,
                start=0,
                end=4,
                status="suggested",
                field_origins={"span": "machine"},
                note="",
                version=1,
            )
        )
    assert store_is_empty(store)

    with store.session(write=True) as session:
        session.scalars(select(Statement)).one().status = "accepted"
    assert not store_is_empty(store)
    with pytest.raises(BackupError, match=r"it holds 1 statements\)"):
        restore_backup(store, io.BytesIO(data))

    with store.session(write=True) as session:
        session.scalars(select(Statement)).one().status = "suggested"
    restore_backup(store, io.BytesIO(data))
    assert backup_bytes(store) == data  # the samples are gone, the backup is all there is


def _rewritten(data: bytes, change) -> bytes:
    """``data`` with each member passed through ``change(name, bytes) -> bytes``."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info)))
    return output.getvalue()


def _with_fixed_manifest(data: bytes, member: str, new_content: bytes) -> bytes:
    """Replace ``member`` and make the manifest's checksum and row count agree with it."""
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("manifest.json"))
    for entry in manifest["tables"]:
        if entry["member"] == member:
            entry["sha256"] = hashlib.sha256(new_content).hexdigest()
            entry["rows"] = new_content.count(b"\n")

    def change(name: str, content: bytes) -> bytes:
        if name == member:
            return new_content
        if name == "manifest.json":
            return json.dumps(manifest).encode()
        return content

    return _rewritten(data, change)


def _tamper_statement(name: str, content: bytes) -> bytes:
    return (
        content.replace(b'"kind":"direct"', b'"kind":"mixed"')
        if name.endswith("statements.jsonl")
        else content
    )


def _last_row_broken(data: bytes) -> bytes:
    member = "tables/statements.jsonl"
    lines = zipfile.ZipFile(io.BytesIO(data)).read(member).splitlines(keepends=True)
    # Valid checksum, but the last statement points at an article that does not exist.
    row = json.loads(lines[-1])
    row["article_id"] = 999
    lines[-1] = (json.dumps(row) + "\n").encode()
    return _with_fixed_manifest(data, member, b"".join(lines))


def _manifest_without(key: str):
    def change(name: str, content: bytes) -> bytes:
        if name != "manifest.json":
            return content
        document = json.loads(content)
        document.pop(key)
        return json.dumps(document).encode()

    return change


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda data: b"not a zip at all", "not a zip archive"),
        (lambda data: data[: len(data) // 2], "not a zip archive"),
        (
            lambda data: _rewritten(data, lambda n, c: c if n != "manifest.json" else b"{"),
            "manifest is damaged",
        ),
        (lambda data: _rewritten(data, _manifest_without("tables")), "manifest is damaged"),
        (
            lambda data: _rewritten(data, lambda n, c: b"{}" if n == "manifest.json" else c),
            "format is None",
        ),
        (
            lambda data: _rewritten(data, _tamper_statement),
            "checksum of tables/statements.jsonl is wrong",
        ),
        (
            lambda data: _with_fixed_manifest(data, "tables/statements.jsonl", b"[1, 2]\n"),
            "statements.jsonl line 1",
        ),
        (_last_row_broken, "does not fit this store"),
    ],
    ids=[
        "not-zip",
        "truncated",
        "manifest-json",
        "manifest-keys",
        "wrong-format",
        "tampered-row",
        "not-an-object",
        "dangling-reference",
    ],
)
def test_a_damaged_backup_is_refused_and_nothing_is_written(
    store: Store,
    empty_sqlite: Store,
    damage,
    message: str,
) -> None:
    populate(store)
    broken = damage(backup_bytes(store))
    before = counts(empty_sqlite)
    with pytest.raises(BackupError, match=message):
        restore_backup(empty_sqlite, io.BytesIO(broken))
    assert counts(empty_sqlite) == before
    assert store_is_empty(empty_sqlite)


def test_a_backup_of_an_unknown_newer_revision_is_refused(empty_sqlite: Store) -> None:
    data = backup_bytes(empty_sqlite)

    def change(name: str, content: bytes) -> bytes:
        if name != "manifest.json":
            return content
        document = json.loads(content)
        document["schema_revision"] = "9999_from_the_future"
        return json.dumps(document).encode()

    with pytest.raises(BackupError, match="9999_from_the_future, which this quotegraph"):
        restore_backup(empty_sqlite, io.BytesIO(_rewritten(data, change)))
    assert store_is_empty(empty_sqlite)


def _as_written_at(data: bytes, revision: str, tmp_path: Path) -> bytes:
    """``data`` (a backup of this version) as the quotegraph at ``revision`` wrote it: only the
    tables and columns that revision's schema has (read off a store migrated to it)."""
    engine = create_store_engine(f"sqlite:///{tmp_path / f'at-{revision}.db'}")
    with engine.begin() as connection:
        move_schema(connection, revision)
        reflected = MetaData()
        reflected.reflect(connection)
    engine.dispose()
    columns = {table.name: [c.name for c in table.columns] for table in reflected.sorted_tables}
    source = zipfile.ZipFile(io.BytesIO(data))
    manifest = json.loads(source.read("manifest.json"))
    members: dict[str, bytes] = {}
    kept = []
    for entry in manifest["tables"]:
        if entry["name"] not in columns:
            continue
        wanted = columns[entry["name"]]
        rows = [json.loads(line) for line in source.read(entry["member"]).splitlines()]
        content = b"".join(
            (json.dumps({k: row[k] for k in sorted(wanted)}, sort_keys=True) + "\n").encode()
            for row in rows
        )
        members[entry["member"]] = content
        kept.append({**entry, "columns": wanted, "sha256": hashlib.sha256(content).hexdigest()})
    manifest.update(schema_revision=revision, tables=kept)
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        target.writestr("manifest.json", json.dumps(manifest))
        for member, content in members.items():
            target.writestr(member, content)
    return output.getvalue()


def test_a_backup_written_by_an_older_version_restores_and_is_migrated_up(
    store: Store, empty_sqlite: Store, tmp_path: Path
) -> None:
    revisions = schema_revisions()
    assert len(revisions) >= 2
    populate(store)
    old = _as_written_at(backup_bytes(store), revisions[-2], tmp_path)
    restore_backup(empty_sqlite, io.BytesIO(old))
    with empty_sqlite.engine.connect() as connection:
        assert schema_revision(connection) == revisions[-1]
    # Every row is back, and every field that the older schema had is as it was; migrating up
    # past 0006 made a coder account of each name that made a change.
    restored, original = counts(empty_sqlite), counts(store)
    if revisions[-2] < "0006":
        with store.session() as session:
            names = set(session.scalars(select(Change.annotator)))
            names |= set(session.scalars(select(Statement.annotator))) - {None}
            names -= {"machine", "dna import"}
        with empty_sqlite.session() as session:
            assert set(session.scalars(select(User.name))) == names
            assert set(session.scalars(select(User.role))) <= {"coder"}
        restored.pop("users"), original.pop("users")
    assert restored == original
    before = load_statement_table(store, include_rejected=True)
    after = load_statement_table(empty_sqlite, include_rejected=True)
    shared = [c for c in before.columns if c in after.columns]
    assert after[shared].astype(str).equals(before[shared].astype(str))


def test_write_backup_to_a_path_leaves_no_temporary_file(store: Store, tmp_path: Path) -> None:
    populate(store)
    target = tmp_path / "backup.zip"
    manifest = write_backup(store, target)
    assert manifest.count("articles") == 2
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".backup.zip")] == []
    assert inspect_backup(target).row_counts == manifest.row_counts
    with pytest.raises(BackupError, match="no such folder"):
        write_backup(store, tmp_path / "missing" / "backup.zip")


def test_restore_from_a_missing_file_says_so(empty_sqlite: Store, tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="no such backup file"):
        restore_backup(empty_sqlite, tmp_path / "nope.zip")


def test_change_log_survives_the_round_trip(store: Store, empty_sqlite: Store) -> None:
    populate(store)
    restore_backup(empty_sqlite, io.BytesIO(backup_bytes(store)))
    with empty_sqlite.session() as session:
        change = session.scalars(select(Change)).one()
    assert (change.group_id, change.field, change.old_value, change.new_value) == (
        "g-1",
        "stance",
        None,
        1,
    )


# --- the command line ---------------------------------------------------------------------------


def test_export_and_restore_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from quotegraph.cli import main

    source_url = f"sqlite:///{tmp_path / 'source.db'}"
    source = open_store(source_url)
    populate(source)
    expected = backup_bytes(source)
    source.dispose()

    backup = tmp_path / "out.qgbackup"
    assert main(["export", "--format", "backup", "--out", str(backup), "--db", source_url]) == 0
    assert backup.read_bytes() == expected
    assert "backed up 2 articles and 6 statements" in capsys.readouterr().err

    target_url = f"sqlite:///{tmp_path / 'target.db'}"
    assert main(["restore", str(backup), "--db", target_url]) == 0
    assert "restored 2 articles, 6 statements and 1 logged changes" in capsys.readouterr().out
    target = open_store(target_url)
    assert backup_bytes(target) == expected
    target.dispose()

    # A second restore into the now full store: one line, exit status 1, nothing changed.
    assert main(["restore", str(backup), "--db", target_url]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: cannot restore") and "not empty" in error
    assert error.count("\n") == 1


def test_export_command_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from quotegraph.cli import main

    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert main(["export", "--format", "backup", "--db", url]) == 1
    assert capsys.readouterr().err == "error: a backup is a zip file: name it with --out FILE\n"
    assert main(["restore", str(tmp_path / "missing.zip"), "--db", url]) == 1
    assert "no such backup file" in capsys.readouterr().err
    (tmp_path / "junk.zip").write_bytes(b"junk")
    assert main(["restore", str(tmp_path / "junk.zip"), "--db", url]) == 1
    assert "not a zip archive" in capsys.readouterr().err
    out = tmp_path / "missing-folder" / "x.csv"
    assert main(["export", "--format", "csv", "--out", str(out), "--db", url]) == 1
    assert capsys.readouterr().err.startswith(f"error: cannot write {out}")
