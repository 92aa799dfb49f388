"""Readers of tables, one article per row: CSV/TSV (RFC 4180, as pandas, Excel and R write it)
and JSON lines. Rows are numbered as a spreadsheet shows them (the header is row 1)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from quotegraph.config import Settings
from quotegraph.reading.drafts import (
    ImportProblem,
    ReadItem,
    decode_text,
    extension_of,
    make_draft,
    normalise_newlines,
    one_line,
    origin_label,
    parse_date,
)

# Table column names (compared case-insensitively) and the draft field each one fills.
# Table column names (compared case-insensitively) and the draft field each one fills.
COLUMN_FIELDS = {
    "text": "text",
    "title": "title",
    "url": "url",
    "date": "published",
    "published": "published",
    "source": "source",
}


def _record_draft(origin: str, record: dict[str, Any], settings: Settings) -> ReadItem:
    text = record.get("text")
    if not isinstance(text, str):
        return ImportProblem(origin_label(origin), "the text field is not a string")
    published = None
    raw_date = record.get("published")
    if raw_date is not None and str(raw_date).strip():
        try:
            published = parse_date(str(raw_date))
        except ValueError as exc:
            return ImportProblem(origin_label(origin), f"the date {exc}")
    return make_draft(
        origin,
        text,
        settings,
        title=record.get("title"),
        source=record.get("source"),
        url=record.get("url"),
        published=published,
    )


def _fields_of(names: Iterable[object]) -> dict[str, int]:
    """Map draft fields to column positions; the first column of each name wins."""
    positions: dict[str, int] = {}
    for position, name in enumerate(names):
        field = COLUMN_FIELDS.get(str(name).strip().lstrip("\ufeff").lower())
        if field and field not in positions:
            positions[field] = position
    return positions


class _TableDialect(csv.excel):
    """RFC 4180 quoting, as pandas, Excel, R and ``csv.writer`` write it: a field in double
    quotes may hold the delimiter, newlines and doubled ``""`` quotes. Only the delimiter
    varies between files. ``strict`` turns a broken quotation into an error instead of a
    field that swallows the rows after it."""

    strict = True


CSV_DELIMITERS = (",", ";", "\t", "|")


def _csv_dialect(text: str, origin: str) -> type[csv.Dialect]:
    """The dialect a table is written in: standard quoting with the delimiter that makes the
    header a table with a text column (a spreadsheet's ``;``, a ``\t``, or ``,``).

    The header is parsed with real CSV quoting, never sniffed: a sniffer guesses quoting rules
    from one line and reads doubled quotes in the rows below as field ends."""
    candidates = ("\t",) if extension_of(origin) == ".tsv" else CSV_DELIMITERS
    best: tuple[int, int, str] | None = None
    for delimiter in candidates:
        try:
            header = next(
                csv.reader(io.StringIO(text, newline=""), _TableDialect, delimiter=delimiter)
            )
        except (csv.Error, StopIteration):
            continue
        rank = ("text" in _fields_of(header), len(header))
        if best is None or rank > best[:2]:
            best = (*rank, delimiter)
    delimiter = best[2] if best else candidates[0]
    return type("TableDialect", (_TableDialect,), {"delimiter": delimiter})


def csv_rows(
    origin: str, data: bytes, settings: Settings
) -> Iterator[tuple[int, list[str]] | ImportProblem]:
    """The header (row 1) and every non-blank data row of a CSV, numbered as a spreadsheet
    shows them; a single problem instead when the file is not a well-formed CSV.

    The whole table is parsed before any row is given out, so a file whose quoting breaks at
    row 500 imports nothing rather than 499 rows and a guess."""
    text = decode_text(data)
    if text is None:
        yield ImportProblem(origin_label(origin), "not a text format (the bytes are not text)")
        return
    # A field may hold a whole article: lift csv's 128 kB default up to the size limits.
    csv.field_size_limit(max(csv.field_size_limit(), settings.max_zip_bytes + 1))
    rows = csv.reader(io.StringIO(text, newline=""), _csv_dialect(text, origin))
    table: list[tuple[int, list[str]]] = []
    number = 0
    try:
        for number, row in enumerate(rows, start=1):
            if number == 1 or any(cell.strip() for cell in row):
                table.append((number, row))
    except csv.Error as exc:
        yield ImportProblem(
            origin_label(origin),
            f"malformed CSV at row {number + 1} ({exc}); nothing was imported from this file",
        )
        return
    yield from table


def read_csv(origin: str, data: bytes, settings: Settings) -> Iterator[ReadItem]:
    positions: dict[str, int] | None = None
    width = 0
    rows = 0
    for item in csv_rows(origin, data, settings):
        if isinstance(item, ImportProblem):
            yield item
            return
        number, row = item
        if positions is None:
            positions = _fields_of(row)
            width = len(row)
            if "text" not in positions:
                yield _no_text_column(origin, row)
                return
            continue
        rows += 1
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            # More cells than the header names: the row's quoting or delimiter is off, and
            # guessing which cell is the text could store a fragment as an article.
            yield ImportProblem(
                origin_label(f"{origin} row {number}"),
                f"the row has {len(row)} cells but the header names {width}; "
                "check the row's quotation marks",
            )
            continue
        record = {field: row[i] if i < len(row) else "" for field, i in positions.items()}
        yield _record_draft(f"{origin} row {number}", record, settings)
    if positions is None:
        yield ImportProblem(origin_label(origin), "empty file")
    elif rows == 0:
        yield ImportProblem(origin_label(origin), "no articles: the table has only its header")


def _no_text_column(origin: str, names: list[Any]) -> ImportProblem:
    shown = ", ".join(one_line(str(name))[:40] for name in names[:12]) or "none"
    return ImportProblem(
        origin_label(origin), f"no text column (a column named 'text' is needed; found: {shown})"
    )


def jsonl_records(origin: str, data: bytes) -> Iterator[tuple[int, object] | ImportProblem]:
    text = decode_text(data)
    if text is None:
        yield ImportProblem(origin_label(origin), "not a text format (the bytes are not text)")
        return
    for number, line in enumerate(normalise_newlines(text).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except (ValueError, RecursionError):
            yield ImportProblem(origin_label(f"{origin} line {number}"), "not valid JSON")


def read_jsonl(origin: str, data: bytes, settings: Settings) -> Iterator[ReadItem]:
    seen_record = False
    for item in jsonl_records(origin, data):
        if isinstance(item, ImportProblem):
            yield item
            continue
        number, value = item
        line_origin = f"{origin} line {number}"
        if not isinstance(value, dict):
            yield ImportProblem(origin_label(line_origin), "not a JSON object")
            continue
        positions = _fields_of(value.keys())
        keys = list(value.keys())
        record = {field: value[keys[i]] for field, i in positions.items()}
        if "text" not in record:
            if not seen_record:
                # The first record decides: a file without the field is one problem, not
                # one per line.
                yield _no_text_column(origin, keys)
                return
            yield ImportProblem(origin_label(line_origin), "no text field")
            continue
        seen_record = True
        yield _record_draft(line_origin, record, settings)
    if not seen_record and not data.strip():
        yield ImportProblem(origin_label(origin), "empty file")


def count_rows(origin: str, data: bytes, settings: Settings) -> int:
    """How many articles (or problems) a table will give: its data rows or JSON records."""
    if extension_of(origin) in {".csv", ".tsv"}:
        return sum(1 for _ in csv_rows(origin, data, settings)) - 1
    return sum(1 for _ in jsonl_records(origin, data))
