"""Reading articles in: pasted text, uploaded files, folders, zips, CSV/JSONL tables and URLs.

Every reader yields, for each article it finds, either an ``ArticleDraft`` or an
``ImportProblem`` naming where it came from and why it was refused. Readers never raise for bad
input: a hostile or broken source becomes a problem and the rest of the batch goes on. Readers
are generators, so a folder of thousands of files streams instead of being held in memory.

The article text is kept as the source gives it, apart from newlines normalised to ``\\n``:
every offset the rest of quotegraph stores points into exactly this text.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import http.client
import io
import ipaddress
import json
import os
import re
import socket
import ssl
import time
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlsplit

from quotegraph.articles import ArticleDraft
from quotegraph.config import Settings, load_settings


@dataclass(frozen=True)
class ImportProblem:
    """Something that could not be imported: where it came from and why, in words for the user."""

    origin: str
    reason: str


ReadItem = ArticleDraft | ImportProblem

TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})
DOCUMENT_EXTENSIONS = TEXT_EXTENSIONS | HTML_EXTENSIONS | {".docx", ".pdf"}
TABLE_EXTENSIONS = frozenset({".csv", ".tsv", ".jsonl", ".ndjson"})
READABLE_EXTENSIONS = DOCUMENT_EXTENSIONS | TABLE_EXTENSIONS | {".zip"}
READABLE_LIST = ".txt, .md, .html, .htm, .docx, .pdf, .zip, .csv, .jsonl"

TITLE_MAX_CHARS = 200
# Column sizes in the store (models.Article); longer metadata is clipped, a longer URL refused.
SOURCE_MAX_CHARS = 1000
ORIGIN_MAX_CHARS = 1000
URL_MAX_CHARS = 4000
MAX_REDIRECTS = 5
USER_AGENT = "quotegraph/0.1 (article import)"

# Table column names (compared case-insensitively) and the draft field each one fills.
COLUMN_FIELDS = {
    "text": "text",
    "title": "title",
    "url": "url",
    "date": "published",
    "published": "published",
    "source": "source",
}

# Byte patterns that start common binary files, so a renamed image or archive is refused
# before any charset detection could mistake it for text.
BINARY_SIGNATURES = (
    b"%PDF-",
    b"PK\x03\x04",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"\x7fELF",
    b"\x1f\x8b",
    b"7z\xbc\xaf",
    b"Rar!",
    b"\xd0\xcf\x11\xe0",  # old Office documents (.doc, .xls)
    b"SQLite format 3",
)

# The encodings charset-normalizer may choose from when a text is not UTF-8, in order of
# preference: when several decode a text equally cleanly, the more widely used one wins.
# Wide encodings (UTF-16/32 without a BOM) are only considered when the bytes contain NULs,
# which any such text of Latin script has; otherwise short texts get misread as CJK.
LEGACY_ENCODINGS = (
    "cp1252",
    "iso8859_15",
    "cp1250",
    "iso8859_2",
    "cp1251",
    "koi8_r",
    "koi8_u",
    "iso8859_5",
    "cp1253",
    "iso8859_7",
    "cp1254",
    "iso8859_9",
    "cp1255",
    "iso8859_8",
    "cp1256",
    "cp1257",
    "cp1258",
    "cp874",
    "cp932",
    "euc_jp",
    "iso2022_jp",
    "gb18030",
    "big5",
    "cp949",
    "euc_kr",
    "mac_roman",
)
WIDE_ENCODINGS = ("utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be")
# How much worse (charset-normalizer "chaos") a preferred encoding may be than the cleanest one.
CHAOS_MARGIN = 0.06
# Share of control characters above which a decoded "text" is taken for binary data.
MAX_CONTROL_SHARE = 0.05

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Unicode category Cc (C0 and C1 controls) less the whitespace ones: \t \n \v \f \r.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_ANY_CONTROL_CHARACTER = re.compile("[\x00-\x1f\x7f-\x9f]")
_DATE_FORMATS = ("%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y")


# --- text helpers -------------------------------------------------------------------------------


def decode_text(data: bytes) -> str | None:
    """Decode ``data`` as text: a BOM if present, else UTF-8, else charset-normalizer's detection.

    None when the bytes are not text (binary data, or no encoding decodes them cleanly).
    """
    if data.startswith(BINARY_SIGNATURES):
        return None
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            break
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _detect_and_decode(data)
    if text is None or _looks_binary(text):
        return None
    return text


def _detect_and_decode(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    candidates = LEGACY_ENCODINGS + (WIDE_ENCODINGS if b"\x00" in data else ())
    matches = list(from_bytes(data, cp_isolation=list(candidates)))
    if not matches:
        return None
    cleanest = min(match.chaos for match in matches)
    preference = {encoding: rank for rank, encoding in enumerate(candidates)}

    def rank(match: Any) -> int:
        # One match stands for every encoding that decodes the bytes to the same text.
        names = [match.encoding, *match.could_be_from_charset]
        return min(preference.get(name, len(preference)) for name in names)

    chosen = min((m for m in matches if m.chaos <= cleanest + CHAOS_MARGIN), key=rank)
    return str(chosen)


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:100_000]
    controls = len(_CONTROL_CHARACTERS.findall(sample))
    return controls > MAX_CONTROL_SHARE * max(len(sample), 1)


def normalise_newlines(text: str) -> str:
    """Turn Windows (\\r\\n) and old Mac (\\r) line ends into \\n; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def title_from_text(text: str, *, max_chars: int = TITLE_MAX_CHARS) -> str:
    """The first non-empty line of ``text``, whitespace collapsed, cut at a word if too long."""
    for line in text.split("\n"):
        # Only the start of a line can become a title: a megabyte on one line stays cheap.
        title = _one_line(line[: 10 * max_chars])
        if title:
            return _shorten(title, max_chars)
    return ""


def _one_line(value: str) -> str:
    # Collapse all whitespace and drop control characters: a title is shown on one line.
    return " ".join(_ANY_CONTROL_CHARACTER.sub(" ", value).split())


def _shorten(value: str, max_chars: int) -> str:
    if len(value) <= max_chars:
        return value
    cut = value[: max_chars - 1]
    space = cut.rfind(" ")
    if space > max_chars // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def _clean_field(value: object, max_chars: int) -> str | None:
    if value is None:
        return None
    cleaned = _one_line(str(value))
    if not _encodable(cleaned):
        return None
    return cleaned[:max_chars] or None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates, e.g. from a JSON "\ud800" escape
        return False
    return True


def _size(n_bytes: int) -> str:
    if n_bytes >= 1_000_000:
        return f"{n_bytes / 1_000_000:.1f} MB"
    if n_bytes >= 1_000:
        return f"{n_bytes / 1_000:.1f} kB"
    return f"{n_bytes} bytes"


def parse_date(value: str) -> dt.date:
    """A calendar date from ISO 8601 (``2020-01-09``, ``2020-01-09T10:00:00Z``) or a written
    form such as ``9 January 2020`` or ``January 9, 2020``; ValueError otherwise."""
    value = value.strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        pass
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"{value!r} is not a date (use YYYY-MM-DD)")


def _origin(value: str) -> str:
    return _clean_field(value, ORIGIN_MAX_CHARS) or "(unnamed)"


def make_draft(
    origin: str,
    text: str,
    settings: Settings,
    *,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
    markdown: bool = False,
) -> ReadItem:
    """Check a text read from ``origin`` and make it a draft, or say why it cannot be one.

    Every reader ends here, so the rules (not empty, within the size limit, valid Unicode,
    a title) are the same whatever the source.
    """
    origin = _origin(origin)
    if not _encodable(text):
        return ImportProblem(origin, "the text is not valid Unicode (it has lone surrogates)")
    text = normalise_newlines(text)
    if not text.strip():
        return ImportProblem(origin, "empty: there is no text to import")
    if "\x00" in text:
        return ImportProblem(origin, "not a text format (it contains NUL characters)")
    size = len(text.encode("utf-8"))
    if size > settings.max_text_bytes:
        return ImportProblem(
            origin,
            f"the text is {_size(size)}, over the {_size(settings.max_text_bytes)} limit "
            "(QUOTEGRAPH_MAX_TEXT_MB)",
        )
    clean_title = _clean_field(title, 10 * TITLE_MAX_CHARS)
    if clean_title:
        clean_title = _shorten(clean_title, TITLE_MAX_CHARS)
    else:
        first_line = title_from_text(text)
        clean_title = first_line.lstrip("#").strip() if markdown else first_line
    clean_url = _clean_field(url, URL_MAX_CHARS + 1)
    if clean_url and len(clean_url) > URL_MAX_CHARS:
        return ImportProblem(origin, f"the URL is longer than {URL_MAX_CHARS} characters")
    return ArticleDraft(
        text=text,
        title=clean_title or "(untitled)",
        source=_clean_field(source, SOURCE_MAX_CHARS),
        url=clean_url,
        published=published,
        origin=origin,
    )


# --- pasted text --------------------------------------------------------------------------------


def read_pasted(
    text: str, title: str | None = None, *, settings: Settings | None = None
) -> ReadItem:
    """An article pasted by the user; the title is ``title`` or the text's first line."""
    return make_draft("pasted", text, settings or load_settings(), title=title)


# --- documents and uploads ----------------------------------------------------------------------


def _extension(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).suffix.lower()


def _document_cap(settings: Settings) -> int:
    # Markup, layout and images make a document file larger than its text; past four times the
    # text limit it is refused before being parsed at all.
    return 4 * settings.max_text_bytes


def _container_cap(extension: str, settings: Settings) -> int:
    if extension in TABLE_EXTENSIONS or extension == ".zip":
        return settings.max_zip_bytes  # a container holds many articles
    return _document_cap(settings)


def read_upload(name: str, data: bytes, settings: Settings) -> Iterator[ReadItem]:
    """Articles from an uploaded file, by its name's extension: one for a document, one per
    entry of a .zip and one per row of a .csv/.jsonl."""
    yield from _read_bytes(name, data, settings, in_zip=False)


def _read_bytes(
    origin: str, data: bytes, settings: Settings, *, in_zip: bool
) -> Iterator[ReadItem]:
    extension = _extension(origin)
    if extension not in READABLE_EXTENSIONS:
        yield _unknown_format(origin, extension)
        return
    if not data:
        yield ImportProblem(_origin(origin), "empty file")
        return
    cap = _container_cap(extension, settings)
    if len(data) > cap:
        yield _file_too_large(origin, len(data), cap)
        return
    try:
        if extension == ".zip":
            if in_zip:
                yield ImportProblem(_origin(origin), "a zip inside a zip is not read")
            else:
                yield from _read_zip(origin, io.BytesIO(data), settings)
        elif extension in {".csv", ".tsv"}:
            yield from _read_csv(origin, data, settings)
        elif extension in {".jsonl", ".ndjson"}:
            yield from _read_jsonl(origin, data, settings)
        else:
            yield _read_document(origin, extension, data, settings)
    except Exception as exc:  # a parser choking on hostile input must not stop the batch
        yield ImportProblem(_origin(origin), f"could not be read: {_describe(exc)}")


def _unknown_format(origin: str, extension: str) -> ImportProblem:
    shown = extension or "no extension"
    return ImportProblem(_origin(origin), f"not a text format ({shown}); readable: {READABLE_LIST}")


def _file_too_large(origin: str, size: int, cap: int) -> ImportProblem:
    return ImportProblem(_origin(origin), f"the file is {_size(size)}, over the {_size(cap)} limit")


def _describe(exc: BaseException) -> str:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {message}"[:300] if message else type(exc).__name__


def _read_document(origin: str, extension: str, data: bytes, settings: Settings) -> ReadItem:
    if extension == ".docx":
        return _read_docx(origin, data, settings)
    if extension == ".pdf":
        return _read_pdf(origin, data, settings)
    text = decode_text(data)
    if text is None:
        return ImportProblem(_origin(origin), "not a text format (the bytes are not text)")
    if extension in HTML_EXTENSIONS:
        return html_draft(origin, text, settings)
    return make_draft(origin, text, settings, markdown=extension in {".md", ".markdown"})


def html_draft(origin: str, html: str, settings: Settings, *, url: str | None = None) -> ReadItem:
    """An article from an HTML page: its main text as trafilatura extracts it (nothing of
    scripts or styles), title, date and site name from the page's metadata."""
    # trafilatura is a heavy import, needed only for HTML.
    import trafilatura

    text = trafilatura.extract(
        html, url=url, favor_recall=True, include_comments=False, include_tables=True
    )
    if not text or not text.strip():
        text = _visible_text(html)
    metadata = trafilatura.extract_metadata(html, default_url=url)
    title = source = page_url = None
    published = None
    if metadata is not None:
        title, source = metadata.title, metadata.sitename
        page_url = metadata.url if metadata.url and metadata.url.startswith("http") else None
        if metadata.date:
            try:
                published = parse_date(metadata.date)
            except ValueError:
                published = None  # a page's metadata is best effort; the article still counts
    if not text or not text.strip():
        return ImportProblem(_origin(origin), "empty: the page has no visible text")
    return make_draft(
        origin,
        text,
        settings,
        title=title,
        source=source,
        url=url or page_url,
        published=published,
    )


def _visible_text(html: str) -> str:
    """Every visible text of a page, for pages too short for trafilatura's article finder."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in root.xpath("//script|//style|//noscript|//template|//head"):
        element.drop_tree()
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _zip_declared_size(archive: zipfile.ZipFile) -> int:
    return sum(info.file_size for info in archive.infolist())


def _read_docx(origin: str, data: bytes, settings: Settings) -> ReadItem:
    import docx
    from docx.table import Table

    # A .docx is a zip: refuse a bomb before python-docx inflates it.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        declared = _zip_declared_size(archive)
    if declared > settings.max_zip_bytes:
        return ImportProblem(
            _origin(origin),
            f"the document unpacks to {_size(declared)}, over the "
            f"{_size(settings.max_zip_bytes)} limit",
        )
    document = docx.Document(io.BytesIO(data))
    blocks: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            blocks.extend("\t".join(cell.text for cell in row.cells) for row in block.rows)
        elif block.text.strip():
            blocks.append(block.text)
    return make_draft(
        origin, "\n\n".join(blocks), settings, title=document.core_properties.title or None
    )


def _read_pdf(origin: str, data: bytes, settings: Settings) -> ReadItem:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        return ImportProblem(_origin(origin), "the PDF is password-protected")
    pages: list[str] = []
    size = 0
    for page in reader.pages:
        page_text = page.extract_text() or ""
        pages.append(page_text)
        size += len(page_text.encode("utf-8", "replace"))
        if size > settings.max_text_bytes:
            break  # make_draft refuses it; no need to read the remaining pages
    title = reader.metadata.title if reader.metadata else None
    return make_draft(origin, "\n\n".join(pages), settings, title=title)


# --- zips ---------------------------------------------------------------------------------------


class _ZipTooLarge(Exception):
    pass


def _skipped_entry(info: zipfile.ZipInfo) -> bool:
    # Folders, macOS resource forks and hidden files are not articles.
    parts = PurePosixPath(info.filename.replace("\\", "/")).parts
    return info.is_dir() or "__MACOSX" in parts or not parts or parts[-1].startswith(".")


def _read_zip(origin: str, source: io.BytesIO | Path, settings: Settings) -> Iterator[ReadItem]:
    """Each entry of a zip, read in memory: entry names (``../x``, ``/etc/x``) are only labels,
    nothing is ever written to disk. A zip whose contents exceed settings.max_zip_bytes is
    refused, by the sizes its directory declares and by the bytes actually inflated."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        yield ImportProblem(_origin(origin), f"not a readable zip ({_describe(exc)})")
        return
    with archive:
        declared = _zip_declared_size(archive)
        if declared > settings.max_zip_bytes:
            yield _zip_too_large(origin, settings, declared)
            return
        budget = settings.max_zip_bytes
        entries = [info for info in archive.infolist() if not _skipped_entry(info)]
        if not entries:
            yield ImportProblem(_origin(origin), "the zip holds no files")
            return
        for info in entries:
            entry_origin = f"{origin}:{info.filename}"
            if _extension(info.filename) not in READABLE_EXTENSIONS:
                yield _unknown_format(entry_origin, _extension(info.filename))
                continue
            try:
                data = _inflate(archive, info, budget)
            except _ZipTooLarge:
                yield _zip_too_large(origin, settings)
                return
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError,
                    OSError, ValueError) as exc:  # fmt: skip
                yield ImportProblem(
                    _origin(entry_origin), f"could not be unpacked ({_describe(exc)})"
                )
                continue
            budget -= len(data)
            yield from _read_bytes(entry_origin, data, settings, in_zip=True)


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    # Count the bytes really inflated: the sizes in a zip's directory can lie.
    chunks: list[bytes] = []
    total = 0
    with archive.open(info) as entry:
        while chunk := entry.read(1 << 16):
            total += len(chunk)
            if total > budget:
                raise _ZipTooLarge
            chunks.append(chunk)
    return b"".join(chunks)


def _zip_too_large(origin: str, settings: Settings, size: int | None = None) -> ImportProblem:
    amount = f"{_size(size)}, over" if size is not None else "more than"
    return ImportProblem(
        _origin(origin),
        f"the zip unpacks to {amount} the {_size(settings.max_zip_bytes)} limit "
        "(QUOTEGRAPH_MAX_ZIP_MB)",
    )


# --- tables: CSV and JSONL ----------------------------------------------------------------------


def _record_draft(origin: str, record: dict[str, Any], settings: Settings) -> ReadItem:
    text = record.get("text")
    if not isinstance(text, str):
        return ImportProblem(_origin(origin), "the text field is not a string")
    published = None
    raw_date = record.get("published")
    if raw_date is not None and str(raw_date).strip():
        try:
            published = parse_date(str(raw_date))
        except ValueError as exc:
            return ImportProblem(_origin(origin), f"the date {exc}")
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
    candidates = ("\t",) if _extension(origin) == ".tsv" else CSV_DELIMITERS
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


def _csv_rows(
    origin: str, data: bytes, settings: Settings
) -> Iterator[tuple[int, list[str]] | ImportProblem]:
    """The header (row 1) and every non-blank data row of a CSV, numbered as a spreadsheet
    shows them; a single problem instead when the file is not a well-formed CSV.

    The whole table is parsed before any row is given out, so a file whose quoting breaks at
    row 500 imports nothing rather than 499 rows and a guess."""
    text = decode_text(data)
    if text is None:
        yield ImportProblem(_origin(origin), "not a text format (the bytes are not text)")
        return
    # A field may hold a whole article: lift csv's 128 kB default up to the size limits.
    csv.field_size_limit(max(csv.field_size_limit(), _container_cap(".csv", settings) + 1))
    rows = csv.reader(io.StringIO(text, newline=""), _csv_dialect(text, origin))
    table: list[tuple[int, list[str]]] = []
    number = 0
    try:
        for number, row in enumerate(rows, start=1):
            if number == 1 or any(cell.strip() for cell in row):
                table.append((number, row))
    except csv.Error as exc:
        yield ImportProblem(
            _origin(origin),
            f"malformed CSV at row {number + 1} ({exc}); nothing was imported from this file",
        )
        return
    yield from table


def _read_csv(origin: str, data: bytes, settings: Settings) -> Iterator[ReadItem]:
    positions: dict[str, int] | None = None
    width = 0
    rows = 0
    for item in _csv_rows(origin, data, settings):
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
                _origin(f"{origin} row {number}"),
                f"the row has {len(row)} cells but the header names {width}; "
                "check the row's quotation marks",
            )
            continue
        record = {field: row[i] if i < len(row) else "" for field, i in positions.items()}
        yield _record_draft(f"{origin} row {number}", record, settings)
    if positions is None:
        yield ImportProblem(_origin(origin), "empty file")
    elif rows == 0:
        yield ImportProblem(_origin(origin), "no articles: the table has only its header")


def _no_text_column(origin: str, names: list[Any]) -> ImportProblem:
    shown = ", ".join(_one_line(str(name))[:40] for name in names[:12]) or "none"
    return ImportProblem(
        _origin(origin), f"no text column (a column named 'text' is needed; found: {shown})"
    )


def _jsonl_records(origin: str, data: bytes) -> Iterator[tuple[int, object] | ImportProblem]:
    text = decode_text(data)
    if text is None:
        yield ImportProblem(_origin(origin), "not a text format (the bytes are not text)")
        return
    for number, line in enumerate(normalise_newlines(text).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except (ValueError, RecursionError):
            yield ImportProblem(_origin(f"{origin} line {number}"), "not valid JSON")


def _read_jsonl(origin: str, data: bytes, settings: Settings) -> Iterator[ReadItem]:
    seen_record = False
    for item in _jsonl_records(origin, data):
        if isinstance(item, ImportProblem):
            yield item
            continue
        number, value = item
        line_origin = f"{origin} line {number}"
        if not isinstance(value, dict):
            yield ImportProblem(_origin(line_origin), "not a JSON object")
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
            yield ImportProblem(_origin(line_origin), "no text field")
            continue
        seen_record = True
        yield _record_draft(line_origin, record, settings)
    if not seen_record and not data.strip():
        yield ImportProblem(_origin(origin), "empty file")


# --- paths --------------------------------------------------------------------------------------


def _sources(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | ImportProblem]:
    """Every file under ``paths`` (folders walked recursively, in name order, hidden files and
    folders skipped), or a problem for a path that cannot be read."""
    for given in paths:
        path = Path(given)
        try:
            if path.is_dir():
                yield from _walk(path)
            elif path.is_file():
                yield path
            elif path.exists():
                yield ImportProblem(_origin(str(path)), "not a regular file or folder")
            else:
                yield ImportProblem(_origin(str(path)), "no such file or folder")
        except OSError as exc:
            yield ImportProblem(_origin(str(path)), f"cannot be read ({_describe(exc)})")


def _walk(folder: Path) -> Iterator[Path | ImportProblem]:
    def on_error(exc: OSError) -> None:
        problems.append(ImportProblem(_origin(str(exc.filename or folder)), _describe(exc)))

    problems: list[ImportProblem] = []
    found = False
    for directory, subfolders, files in os.walk(folder, onerror=on_error):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        yield from problems
        problems.clear()
        for name in sorted(files):
            if not name.startswith("."):
                found = True
                yield Path(directory) / name
    yield from problems
    if not found and not problems:
        yield ImportProblem(_origin(str(folder)), "the folder holds no files")


def read_paths(paths: Iterable[str | os.PathLike[str]], settings: Settings) -> Iterator[ReadItem]:
    """Articles from files and folders: documents, zips, CSV/JSONL tables."""
    for source in _sources(paths):
        if isinstance(source, ImportProblem):
            yield source
        else:
            yield from _read_file(source, settings)


def _read_file(path: Path, settings: Settings) -> Iterator[ReadItem]:
    origin = str(path)
    extension = _extension(path.name)
    if extension not in READABLE_EXTENSIONS:
        yield _unknown_format(origin, extension)
        return
    try:
        size = path.stat().st_size
        cap = _container_cap(extension, settings)
        if size > cap:
            yield _file_too_large(origin, size, cap)
            return
        if extension == ".zip" and size > 0:
            # A zip on disk is read entry by entry, never loaded whole.
            yield from _read_zip(origin, path, settings)
            return
        with path.open("rb") as handle:
            data = handle.read(cap + 1)  # bounded even if the file grows while we read
    except OSError as exc:
        yield ImportProblem(_origin(origin), f"cannot be read ({_describe(exc)})")
        return
    yield from _read_bytes(origin, data, settings, in_zip=False)


def count_items(paths: Iterable[str | os.PathLike[str]], settings: Settings) -> int:
    """How many items ``read_paths`` will yield, for a progress bar: one per document or
    problem, one per zip entry, one per table row. Cheap: zips are not inflated."""
    total = 0
    for source in _sources(paths):
        if isinstance(source, ImportProblem):
            total += 1
            continue
        extension = _extension(source.name)
        try:
            if extension == ".zip":
                with zipfile.ZipFile(source) as archive:
                    total += max(1, sum(1 for i in archive.infolist() if not _skipped_entry(i)))
            elif extension in TABLE_EXTENSIONS and source.stat().st_size <= settings.max_zip_bytes:
                with source.open("rb") as handle:
                    data = handle.read()
                if extension in {".csv", ".tsv"}:
                    rows = sum(1 for item in _csv_rows(str(source), data, settings))
                else:
                    rows = sum(1 for item in _jsonl_records(str(source), data))
                total += max(1, rows - (1 if extension in {".csv", ".tsv"} else 0))
            else:
                total += 1
        except Exception:  # counting is only an estimate; the reader reports the real problem
            total += 1
    return total


# --- URLs ---------------------------------------------------------------------------------------


class _UrlRefused(Exception):
    """A URL that will not be fetched, or a fetch that failed, with the reason for the user."""


@dataclass(frozen=True)
class _Page:
    url: str
    content_type: str
    charset: str | None
    body: bytes


def _address_refusal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(address, ipaddress.IPv6Address):
        embedded = (
            address.ipv4_mapped
            or address.sixtofour
            or (address.teredo[1] if address.teredo else None)
        )
        if embedded is not None:
            return _address_refusal(embedded)
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_private:
        return "a private address"
    if address.is_multicast or address.is_reserved or address.is_unspecified:
        return "a reserved address"
    if not address.is_global:
        return "not a public address"
    return None


def _resolve(host: str, port: int, settings: Settings) -> str:
    """The address to connect to: ``host`` resolved once, and every address it has vetted, so
    a shared server cannot be made to reach into its own network."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise _UrlRefused(f"cannot find the server {host!r} ({_describe(exc)})") from exc
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses:
        raise _UrlRefused(f"cannot find the server {host!r}")
    if not settings.allow_private_urls:
        for address in addresses:
            refusal = _address_refusal(address)
            if refusal:
                raise _UrlRefused(
                    f"{host} is {refusal} ({address}); importing from it is not allowed "
                    "(QUOTEGRAPH_ALLOW_PRIVATE_URLS)"
                )
    return str(addresses[0])


def _connection(scheme: str, host: str, port: int, address: str, timeout: float):
    if scheme == "https":
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            host, port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)

    # Connect to the vetted address, not to a second DNS answer; TLS still checks ``host``.
    def connect_vetted(_address: object, timeout: float | None = None, source: object = None):
        return socket.create_connection((address, port), timeout)

    connection._create_connection = connect_vetted  # type: ignore[attr-defined]
    return connection


def _fetch(url: str, settings: Settings) -> _Page:
    deadline = time.monotonic() + settings.url_timeout
    cap = _document_cap(settings)
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        try:
            parts = urlsplit(current)
            scheme = parts.scheme.lower()
            host = parts.hostname
            port = parts.port or (443 if scheme == "https" else 80)
        except ValueError as exc:
            raise _UrlRefused(f"not a valid URL ({exc})") from exc
        if scheme not in {"http", "https"}:
            raise _UrlRefused(
                f"only http and https addresses can be imported, not {scheme or 'this'}:"
            )
        if not host:
            raise _UrlRefused("the URL has no server name")
        address = _resolve(host, port, settings)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _UrlRefused(f"no answer within {settings.url_timeout:g} seconds")
        connection = _connection(scheme, host, port, address, remaining)
        try:
            target = parts.path or "/"
            if parts.query:
                target += "?" + parts.query
            connection.request(
                "GET",
                target,
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
                    "Accept-Encoding": "gzip, deflate",
                },
            )
            response = connection.getresponse()
            if response.status in {301, 302, 303, 307, 308}:
                location = response.getheader("Location")
                if not location:
                    raise _UrlRefused(f"the server redirected ({response.status}) to nowhere")
                current = urljoin(current, location.strip())
                continue
            if response.status >= 400:
                raise _UrlRefused(f"the server answered {response.status} {response.reason}")
            declared = response.getheader("Content-Length")
            if declared and declared.isdigit() and int(declared) > cap:
                raise _UrlRefused(
                    f"the page is {_size(int(declared))}, over the {_size(cap)} limit"
                )
            body = _read_body(response, cap, deadline, settings)
            return _Page(
                url=current,
                content_type=response.headers.get_content_type(),
                charset=response.headers.get_content_charset(),
                body=body,
            )
        except _UrlRefused:
            raise
        except TimeoutError as exc:
            raise _UrlRefused(f"no answer within {settings.url_timeout:g} seconds") from exc
        except (OSError, http.client.HTTPException, ssl.SSLError, ValueError) as exc:
            raise _UrlRefused(f"cannot be reached ({_describe(exc)})") from exc
        finally:
            connection.close()
    raise _UrlRefused(f"more than {MAX_REDIRECTS} redirects")


def _read_body(
    response: http.client.HTTPResponse, cap: int, deadline: float, settings: Settings
) -> bytes:
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding not in {"identity", "gzip", "x-gzip", "deflate"}:
        raise _UrlRefused(f"the server sent an unsupported encoding ({encoding})")
    # 47 = 32 + 15: let zlib accept gzip or zlib headers.
    inflater = zlib.decompressobj(47) if encoding != "identity" else None
    chunks: list[bytes] = []
    total = 0
    while True:
        if time.monotonic() > deadline:
            raise _UrlRefused(f"the page did not arrive within {settings.url_timeout:g} seconds")
        chunk = response.read1(1 << 16)
        if not chunk:
            break
        if inflater is not None:
            # Inflate no more than the cap allows: a compressed bomb stops here.
            chunk = inflater.decompress(chunk, cap + 1 - total)
        total += len(chunk)
        if total > cap:
            raise _UrlRefused(f"the page is over the {_size(cap)} limit")
        chunks.append(chunk)
    return b"".join(chunks)


def read_url(url: str, settings: Settings) -> ReadItem:
    """An article from a web page: only http and https, never a loopback, private, link-local
    or reserved address unless settings.allow_private_urls; fetched with settings.url_timeout
    and a size cap; text, title and date extracted by trafilatura."""
    origin = _origin(url.strip())
    if len(url.strip()) > URL_MAX_CHARS:
        return ImportProblem(origin, f"the URL is longer than {URL_MAX_CHARS} characters")
    try:
        page = _fetch(url.strip(), settings)
        if not page.body:
            return ImportProblem(origin, "the page is empty")
        if page.content_type in {"application/pdf"}:
            return _with_url(_read_pdf(origin, page.body, settings), page.url)
        if page.content_type.endswith("wordprocessingml.document"):
            return _with_url(_read_docx(origin, page.body, settings), page.url)
        if page.content_type not in {"text/html", "application/xhtml+xml", "text/plain"}:
            return ImportProblem(origin, f"not a text format ({page.content_type})")
        text = _decode_page(page)
        if text is None:
            return ImportProblem(origin, "not a text format (the page is not text)")
        if page.content_type == "text/plain":
            return make_draft(origin, text, settings, url=page.url)
        return html_draft(origin, text, settings, url=page.url)
    except _UrlRefused as exc:
        return ImportProblem(origin, str(exc))
    except Exception as exc:  # a parser choking on a hostile page must not crash the caller
        return ImportProblem(origin, f"could not be read: {_describe(exc)}")


def _decode_page(page: _Page) -> str | None:
    if page.charset:
        try:
            text = page.body.decode(page.charset)
        except (LookupError, UnicodeDecodeError):
            return decode_text(page.body)
        return None if _looks_binary(text) else text.lstrip("\ufeff")
    return decode_text(page.body)


def _with_url(item: ReadItem, url: str) -> ReadItem:
    if isinstance(item, ArticleDraft) and not item.url:
        return replace(item, url=url if len(url) <= URL_MAX_CHARS else None)
    return item
