"""The whole store as one file, and back: backups that restore losslessly on any backend.

A backup is a zip holding ``manifest.json`` and one ``tables/<table>.jsonl`` per table of the
store (every table of the schema: articles, entities, actors, aliases, the codebook, the stance
scale, statements, the change log and the store's own facts), one JSON object per row in primary
key order. The manifest names the format and its version, the schema revision (Alembic's) and,
per table, its columns, row count and the SHA-256 of its member.

Backups are deterministic: rows in key order, times in UTC ISO 8601, JSON objects with sorted
keys, fixed zip timestamps and attributes, and no creation time anywhere. So a backup restored
into an empty store (SQLite or PostgreSQL) and backed up again gives the same bytes.

Restoring goes into an empty store only (one holding at most the untouched sample articles a
new store starts with), in one transaction, after checking the manifest and
every checksum: a refused or broken backup writes nothing. A backup written by an older
quotegraph restores too: the store is taken back to the backup's schema revision, the rows go in,
and the migrations bring them up to this version, all in that one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, MetaData, Table, bindparam, func, or_, select, text
from sqlalchemy.exc import SQLAlchemyError

from quotegraph.db import Store, move_schema, schema_revisions
from quotegraph.models import Article, Base, Change, Concept, Statement

FORMAT = "quotegraph-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
# 1980-01-01, the earliest time a zip can hold: every member gets it, so the bytes never vary.
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
_MEMBER_PERMISSIONS = 0o644 << 16
_ROWS_PER_BATCH = 1000
_HASH_CHUNK = 1 << 20
# A manifest is a few kilobytes; anything far larger is not one of ours.
_MAX_MANIFEST_BYTES = 1_000_000
# The origin the sample articles of a new store are stored with (see quotegraph.samples).
SAMPLE_ORIGIN_PREFIX = "sample_articles/"
_TABLE_NAME = re.compile(r"[a-z_][a-z0-9_]*")

BackupSource = str | os.PathLike[str] | IO[bytes]


class BackupError(ValueError):
    """A backup cannot be written or restored; the message says why in one line."""


@dataclass(frozen=True)
class TableManifest:
    name: str
    member: str
    columns: tuple[str, ...]
    rows: int
    sha256: str


@dataclass(frozen=True)
class BackupManifest:
    """What a backup holds, as its manifest says (checked against the members)."""

    format_version: int
    schema_revision: str
    tables: tuple[TableManifest, ...]
    row_counts: dict[str, int] = field(default_factory=dict)

    def count(self, table: str) -> int:
        return self.row_counts.get(table, 0)


# --------------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------------


def _utc(value: dt.datetime) -> dt.datetime:
    # SQLite returns the stored UTC wall time without a zone; PostgreSQL returns an aware time.
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return _utc(value).isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _decoder(table: Table, column: str) -> Any:
    try:
        python_type = table.columns[column].type.python_type
    except NotImplementedError:
        return None
    # datetime is a subclass of date, so it is tested first.
    if issubclass(python_type, dt.datetime):
        return lambda value: None if value is None else dt.datetime.fromisoformat(value)
    if issubclass(python_type, dt.date):
        return lambda value: None if value is None else dt.date.fromisoformat(value)
    return None


def _row_line(columns: tuple[str, ...], row: Any) -> bytes:
    record = {name: _encode(value) for name, value in zip(columns, row, strict=True)}
    return (
        json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    ).encode("utf-8")


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------


def store_tables() -> list[Table]:
    """Every table of the schema, parents before children (the order rows are restored in)."""
    return list(Base.metadata.sorted_tables)


def schema_revision(connection: Connection) -> str:
    """The Alembic revision the store's schema is at."""
    revisions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
    found = sorted(revisions)
    if len(found) != 1:
        raise BackupError(f"the store has no single schema revision (found {found or 'none'})")
    return found[0]


def _has_integer_key(table: Table) -> bool:
    return all(column.type.python_type is int for column in table.primary_key.columns)


def _rows(connection: Connection, table: Table) -> Iterator[Any]:
    key = list(table.primary_key.columns)
    if _has_integer_key(table):
        result = connection.execution_options(yield_per=_ROWS_PER_BATCH).execute(
            select(table).order_by(*key)
        )
        yield from result
        return
    # Text keys sort differently under each database's collation; Python's order is the same
    # everywhere. Such tables (meta) are small.
    positions = [list(table.columns).index(column) for column in key]
    rows = connection.execute(select(table)).all()
    yield from sorted(rows, key=lambda row: tuple(row[i] for i in positions))


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, wherever the backup was made
    info.external_attr = _MEMBER_PERMISSIONS
    return info


def _write_zip(store: Store, output: IO[bytes]) -> BackupManifest:
    tables = store_tables()
    entries: list[TableManifest] = []
    with store.engine.connect() as connection:
        if not store.is_sqlite:
            # One snapshot for every table, so the backup is consistent while others write.
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin(), zipfile.ZipFile(output, "w") as archive:
            revision = schema_revision(connection)
            for table in tables:
                columns = tuple(column.name for column in table.columns)
                member = f"tables/{table.name}.jsonl"
                digest = hashlib.sha256()
                count = 0
                with archive.open(_zip_info(member), "w", force_zip64=True) as handle:
                    for row in _rows(connection, table):
                        line = _row_line(columns, row)
                        digest.update(line)
                        handle.write(line)
                        count += 1
                entries.append(
                    TableManifest(table.name, member, columns, count, digest.hexdigest())
                )
            manifest = BackupManifest(
                format_version=FORMAT_VERSION,
                schema_revision=revision,
                tables=tuple(entries),
                row_counts={entry.name: entry.rows for entry in entries},
            )
            archive.writestr(_zip_info(MANIFEST), _manifest_bytes(manifest))
    return manifest


def _manifest_bytes(manifest: BackupManifest) -> bytes:
    document = {
        "format": FORMAT,
        "format_version": manifest.format_version,
        "schema_revision": manifest.schema_revision,
        "tables": [
            {
                "name": entry.name,
                "member": entry.member,
                "columns": list(entry.columns),
                "rows": entry.rows,
                "sha256": entry.sha256,
            }
            for entry in manifest.tables
        ],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_backup(store: Store, file: BackupSource) -> BackupManifest:
    """Write the whole store to ``file`` (a path, or a binary file opened for writing).

    Reads in one transaction, so the backup is one consistent moment of the store. A path is
    written to a temporary file beside it and renamed at the end: an interrupted backup never
    leaves a half file under the real name. Returns the manifest written.
    """
    if hasattr(file, "write"):
        return _write_zip(store, file)  # type: ignore[arg-type]
    path = Path(file)  # type: ignore[arg-type]
    directory = path.resolve().parent
    if not directory.is_dir():
        raise BackupError(f"cannot write the backup: no such folder {directory}")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        with os.fdopen(handle, "wb") as output:
            manifest = _write_zip(store, output)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return manifest


def backup_bytes(store: Store) -> bytes:
    """The backup of ``store`` in memory (for a download button)."""
    buffer = io.BytesIO()
    _write_zip(store, buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------
# Reading and checking
# --------------------------------------------------------------------------------------------


def _open_archive(file: BackupSource) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(file)  # type: ignore[arg-type]
    except FileNotFoundError as exc:
        raise BackupError(f"no such backup file: {file}") from exc
    except (zipfile.BadZipFile, EOFError) as exc:
        raise BackupError("not a quotegraph backup: the file is not a zip archive") from exc
    except OSError as exc:
        raise BackupError(f"cannot read the backup: {exc.strerror or exc}") from exc


def _parse_manifest(archive: zipfile.ZipFile) -> BackupManifest:
    try:
        info = archive.getinfo(MANIFEST)
    except KeyError as exc:
        raise BackupError(f"not a quotegraph backup: it has no {MANIFEST}") from exc
    if info.file_size > _MAX_MANIFEST_BYTES:
        raise BackupError(f"not a quotegraph backup: {MANIFEST} is implausibly large")
    try:
        document = json.loads(archive.read(info).decode("utf-8"))
        if document.get("format") != FORMAT:
            raise BackupError(f"not a quotegraph backup: its format is {document.get('format')!r}")
        version = document["format_version"]
        if version != FORMAT_VERSION:
            raise BackupError(
                f"backup format version {version} is not supported (this quotegraph reads "
                f"version {FORMAT_VERSION})"
            )
        entries = []
        for entry in document["tables"]:
            name = str(entry["name"])
            if not _TABLE_NAME.fullmatch(name) or entry["member"] != f"tables/{name}.jsonl":
                raise BackupError(f"the backup manifest names a bad table {name!r}")
            entries.append(
                TableManifest(
                    name=name,
                    member=entry["member"],
                    columns=tuple(str(column) for column in entry["columns"]),
                    rows=int(entry["rows"]),
                    sha256=str(entry["sha256"]),
                )
            )
        revision = str(document["schema_revision"])
    except BackupError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, zipfile.BadZipFile) as exc:
        raise BackupError(f"the backup manifest is damaged ({type(exc).__name__}: {exc})") from exc
    return BackupManifest(
        format_version=version,
        schema_revision=revision,
        tables=tuple(entries),
        row_counts={entry.name: entry.rows for entry in entries},
    )


def _check_revision(manifest: BackupManifest) -> None:
    if manifest.schema_revision not in schema_revisions():
        raise BackupError(
            f"the backup is of schema revision {manifest.schema_revision}, which this quotegraph "
            "does not know: it was written by a newer version; upgrade quotegraph to restore it"
        )


def _tables_at(connection: Connection) -> list[Table]:
    """The tables as the connected store has them now, parents before children: at an older
    schema revision they differ from the models'."""
    metadata = MetaData()
    metadata.reflect(connection)
    return [table for table in metadata.sorted_tables if table.name != "alembic_version"]


def _check_tables(manifest: BackupManifest, tables: list[Table] | None = None) -> None:
    """The backup's tables and columns are the schema's (the models', unless ``tables``)."""
    known = {table.name: table for table in tables or store_tables()}
    named = [entry.name for entry in manifest.tables]
    if len(set(named)) != len(named):
        raise BackupError("the backup manifest lists a table twice")
    missing = sorted(set(known) - set(named))
    unknown = sorted(set(named) - set(known))
    if missing or unknown:
        raise BackupError(
            "the backup's tables do not match this store's schema"
            + (f"; missing: {', '.join(missing)}" if missing else "")
            + (f"; unknown: {', '.join(unknown)}" if unknown else "")
        )
    for entry in manifest.tables:
        expected = {column.name for column in known[entry.name].columns}
        if set(entry.columns) != expected:
            raise BackupError(f"the backup's columns of table {entry.name} do not match the schema")


def _check_members(archive: zipfile.ZipFile, manifest: BackupManifest) -> None:
    for entry in manifest.tables:
        digest = hashlib.sha256()
        lines = 0
        try:
            with archive.open(entry.member) as member:
                while chunk := member.read(_HASH_CHUNK):
                    digest.update(chunk)
                    lines += chunk.count(b"\n")
        except KeyError as exc:
            raise BackupError(f"the backup is incomplete: {entry.member} is missing") from exc
        except (zipfile.BadZipFile, EOFError, OSError) as exc:
            raise BackupError(f"the backup is damaged: {entry.member} cannot be read") from exc
        if digest.hexdigest() != entry.sha256:
            raise BackupError(f"the backup is damaged: the checksum of {entry.member} is wrong")
        if lines != entry.rows:
            raise BackupError(
                f"the backup is damaged: {entry.member} has {lines} rows, the manifest says "
                f"{entry.rows}"
            )


def inspect_backup(file: BackupSource) -> BackupManifest:
    """The manifest of the backup in ``file``, after checking its format, its tables against
    this schema and every member's checksum and row count. Raises BackupError otherwise.
    """
    with _open_archive(file) as archive:
        manifest = _parse_manifest(archive)
        _check_revision(manifest)
        if manifest.schema_revision == schema_revisions()[-1]:
            _check_tables(manifest)  # an older backup is checked against its own revision
        _check_members(archive, manifest)
    if hasattr(file, "seek"):
        file.seek(0)  # type: ignore[union-attr]
    return manifest


# --------------------------------------------------------------------------------------------
# Restoring
# --------------------------------------------------------------------------------------------


def work_in_store(connection: Connection) -> dict[str, int]:
    """What in the store is an analyst's work, counted, leaving out what is not there.

    Work is any article but the untouched samples a new store starts with, any statement on
    such an article or decided on, the codebook's concepts and the change log (every decision a
    person makes is logged). Machine output on the samples (entities, suggested statements,
    actors found) and the set-up tables are not work: a store holding only those is empty.
    """
    not_sample = or_(Article.origin.is_(None), ~Article.origin.startswith(SAMPLE_ORIGIN_PREFIX))
    queries = {
        "articles": select(func.count()).select_from(Article).where(not_sample),
        "statements": select(func.count())
        .select_from(Statement)
        .join(Article, Article.id == Statement.article_id)
        .where(or_(not_sample, Statement.status != "suggested")),
        "concepts": select(func.count()).select_from(Concept),
        "changes": select(func.count()).select_from(Change),
    }
    counts = {name: connection.execute(query).scalar_one() for name, query in queries.items()}
    return {name: rows for name, rows in counts.items() if rows}


def store_work(store: Store) -> dict[str, int]:
    """The work ``store`` holds, counted by kind (see ``work_in_store``); empty when none."""
    with store.engine.connect() as connection:
        return work_in_store(connection)


def store_is_empty(store: Store) -> bool:
    """True when the store holds no work (see ``work_in_store``), so a backup may replace it."""
    return not store_work(store)


def _not_empty_message(counts: dict[str, int]) -> str:
    listed = ", ".join(
        f"{rows} {'logged changes' if name == 'changes' else name}" for name, rows in counts.items()
    )
    return (
        f"the store is not empty (it holds {listed}); a backup restores only into an empty store"
        " - point to a new database and restore there"
    )


def _decoded_rows(
    archive: zipfile.ZipFile, entry: TableManifest, table: Table
) -> Iterator[dict[str, Any]]:
    decoders = {
        name: decoder for name in entry.columns if (decoder := _decoder(table, name)) is not None
    }
    with archive.open(entry.member) as member:
        for number, line in enumerate(
            # newline="\n": rows end at "\n" only (JSON escapes any other line break)
            io.TextIOWrapper(member, encoding="utf-8", newline="\n"),
            start=1,
        ):
            try:
                record = json.loads(line)
                if not isinstance(record, dict) or set(record) != set(entry.columns):
                    raise ValueError("the row does not have the table's columns")
                for name, decode in decoders.items():
                    record[name] = decode(record[name])
            except (ValueError, TypeError) as exc:
                raise BackupError(
                    f"the backup is damaged: {entry.member} line {number}: {exc}"
                ) from exc
            yield record


def _self_references(table: Table) -> list[str]:
    """Columns of ``table`` that point at rows of ``table`` itself (an actor's affiliation)."""
    return [
        key.parent.name
        for key in table.foreign_keys
        if key.column.table is table and key.parent.nullable
    ]


def _insert_table(
    connection: Connection, archive: zipfile.ZipFile, entry: TableManifest, table: Table
) -> None:
    # A row may point at a later row of its own table: insert those links empty, then set them.
    deferred = _self_references(table)
    key_names = [column.name for column in table.primary_key.columns]
    links: list[dict[str, Any]] = []
    batch: list[dict[str, Any]] = []
    for record in _decoded_rows(archive, entry, table):
        if deferred:
            link = {name: record[name] for name in deferred}
            if any(value is not None for value in link.values()):
                links.append({**{f"key_{k}": record[k] for k in key_names}, **link})
                record = {**record, **dict.fromkeys(deferred)}
        batch.append(record)
        if len(batch) >= _ROWS_PER_BATCH:
            connection.execute(table.insert(), batch)
            batch = []
    if batch:
        connection.execute(table.insert(), batch)
    if links:
        statement = (
            table.update()
            .where(*(table.c[k] == bindparam(f"key_{k}") for k in key_names))
            .values({name: bindparam(name) for name in deferred})
        )
        for offset in range(0, len(links), _ROWS_PER_BATCH):
            connection.execute(statement, links[offset : offset + _ROWS_PER_BATCH])


def _reset_sequences(connection: Connection, tables: list[Table]) -> None:
    # Rows came with their ids, so PostgreSQL's id sequences still stand at 1: move each past the
    # highest id, or the next new row would collide with a restored one.
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or keys[0].type.python_type is not int or not keys[0].autoincrement:
            continue
        sequence = connection.execute(
            text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": table.name, "column": keys[0].name},
        ).scalar()
        if sequence is None:
            continue
        highest = connection.execute(select(func.max(keys[0]))).scalar()
        connection.execute(
            text("SELECT setval(CAST(:sequence AS regclass), :value, :called)"),
            {"sequence": sequence, "value": highest or 1, "called": highest is not None},
        )


def restore_backup(store: Store, file: BackupSource) -> BackupManifest:
    """Restore the backup in ``file`` (a path or a binary file) into ``store``.

    Refused, with nothing written, unless the store holds no work (see ``work_in_store``), the
    backup's schema revision is one this quotegraph knows, and the manifest and every checksum
    are right. In one transaction, what the store held (its stance scale and facts, untouched
    sample articles) is replaced by the backup's rows, with their own ids; a backup of an older
    revision is restored at that revision and migrated up. Returns the manifest.
    """
    manifest = inspect_backup(file)
    entries = {entry.name: entry for entry in manifest.tables}
    try:
        with store.session(write=True) as session, _open_archive(file) as archive:
            connection = session.connection()
            if not store.is_sqlite:
                # Keep other writers out until the restore commits (readers still read).
                names = ", ".join(f'"{table.name}"' for table in store_tables())
                connection.execute(text(f"LOCK TABLE {names} IN EXCLUSIVE MODE"))
            revision = schema_revision(connection)
            if revision != schema_revisions()[-1]:
                raise BackupError(
                    f"this store is at schema revision {revision}, not this quotegraph's; "
                    "open it once with this version to migrate it, then restore"
                )
            work = work_in_store(connection)
            if work:
                raise BackupError(_not_empty_message(work))
            older = manifest.schema_revision != revision
            if older:
                move_schema(connection, manifest.schema_revision)
            tables = _tables_at(connection) if older else store_tables()
            _check_tables(manifest, tables)
            # What is there is set-up and untouched samples: the backup replaces all of it.
            for table in reversed(tables):
                connection.execute(table.delete())
            for table in tables:
                _insert_table(connection, archive, entries[table.name], table)
            if not store.is_sqlite:
                _reset_sequences(connection, tables)
            if older:
                move_schema(connection, "head")
    except SQLAlchemyError as exc:
        first_line = str(exc.orig if getattr(exc, "orig", None) else exc).strip().splitlines()
        raise BackupError(
            f"the backup does not fit this store: {first_line[0] if first_line else exc}"
        ) from exc
    if hasattr(file, "seek"):
        file.seek(0)  # type: ignore[union-attr]
    return manifest
