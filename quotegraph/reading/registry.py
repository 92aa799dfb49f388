"""One registry of the formats quotegraph reads, and the entry points that use it: an upload
(one file's bytes), paths (files and folders, walked), and a count of what paths will yield.

Every reader yields, for each article it finds, either an ``ArticleDraft`` or an
``ImportProblem`` naming where it came from and why it was refused. Readers never raise for bad
input: a hostile or broken source becomes a problem and the rest of the batch goes on. Readers
are generators, so a folder of thousands of files streams instead of being held in memory.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from quotegraph.config import Settings
from quotegraph.reading.documents import read_docx, read_html_file, read_pdf, read_text_file
from quotegraph.reading.drafts import (
    ImportProblem,
    ReadItem,
    describe_error,
    document_cap,
    extension_of,
    file_too_large,
    origin_label,
    size_label,
)
from quotegraph.reading.tables import count_rows, read_csv, read_jsonl
from quotegraph.reading.zips import count_entries, read_zip


@dataclass(frozen=True)
class Format:
    """A kind of file quotegraph reads: its extensions, its reader, and whether it holds many
    articles (a table or an archive, allowed up to QUOTEGRAPH_MAX_ZIP_MB) or one."""

    name: str
    extensions: tuple[str, ...]
    read: Callable[[str, bytes, Settings], Iterator[ReadItem]]
    holds_many: bool = False


def _one(reader: Callable[[str, bytes, Settings], ReadItem]) -> Callable[..., Iterator[ReadItem]]:
    def read(origin: str, data: bytes, settings: Settings) -> Iterator[ReadItem]:
        yield reader(origin, data, settings)

    return read


def _read_zip_bytes(origin: str, data: bytes, settings: Settings) -> Iterator[ReadItem]:
    yield from read_zip(
        origin,
        io.BytesIO(data),
        settings,
        read_entry=lambda entry, body: read_bytes(entry, body, settings, in_zip=True),
        refuse_entry=format_problem,
    )


FORMATS = (
    Format("text", (".txt", ".text", ".md", ".markdown"), _one(read_text_file)),
    Format("HTML", (".html", ".htm", ".xhtml"), _one(read_html_file)),
    Format("Word", (".docx",), _one(read_docx)),
    Format("PDF", (".pdf",), _one(read_pdf)),
    Format("CSV", (".csv", ".tsv"), read_csv, holds_many=True),
    Format("JSON lines", (".jsonl", ".ndjson"), read_jsonl, holds_many=True),
    Format("zip", (".zip",), _read_zip_bytes, holds_many=True),
)
FORMAT_BY_EXTENSION = {extension: f for f in FORMATS for extension in f.extensions}
READABLE_EXTENSIONS = frozenset(FORMAT_BY_EXTENSION)
READABLE_LIST = ".txt, .md, .html, .htm, .docx, .pdf, .zip, .csv, .jsonl"


def size_cap(extension: str, settings: Settings) -> int:
    """The largest file of this kind read at all: a container holds many articles; markup and
    layout make a document file larger than its text."""
    found = FORMAT_BY_EXTENSION.get(extension)
    return settings.max_zip_bytes if found and found.holds_many else document_cap(settings)


def describe_limits(settings: Settings) -> str:
    """The size limits an import applies, in one sentence for the person choosing files (the
    browser's own upload limit is only the largest of them)."""
    return (
        f"Each article may hold up to {size_label(settings.max_text_bytes)} of text "
        f"(a document file up to {size_label(document_cap(settings))}); "
        f"a .zip, .csv or .jsonl up to {size_label(settings.max_zip_bytes)} in all."
    )


def format_problem(origin: str) -> ImportProblem | None:
    """The problem with a file named ``origin`` that is of no format quotegraph reads."""
    extension = extension_of(origin)
    if extension in FORMAT_BY_EXTENSION:
        return None
    shown = extension or "no extension"
    return ImportProblem(
        origin_label(origin), f"not a text format ({shown}); readable: {READABLE_LIST}"
    )


def read_upload(name: str, data: bytes, settings: Settings) -> Iterator[ReadItem]:
    """Articles from an uploaded file, by its name's extension: one for a document, one per
    entry of a .zip and one per row of a .csv/.jsonl."""
    yield from read_bytes(name, data, settings, in_zip=False)


def read_bytes(origin: str, data: bytes, settings: Settings, *, in_zip: bool) -> Iterator[ReadItem]:
    """Articles from one file's bytes, read by the format its name's extension gives."""
    refusal = format_problem(origin)
    if refusal is not None:
        yield refusal
        return
    if not data:
        yield ImportProblem(origin_label(origin), "empty file")
        return
    extension = extension_of(origin)
    cap = size_cap(extension, settings)
    if len(data) > cap:
        yield file_too_large(origin, len(data), cap)
        return
    if in_zip and extension == ".zip":
        yield ImportProblem(origin_label(origin), "a zip inside a zip is not read")
        return
    try:
        yield from FORMAT_BY_EXTENSION[extension].read(origin, data, settings)
    except Exception as exc:  # a parser choking on hostile input must not stop the batch
        yield ImportProblem(origin_label(origin), f"could not be read: {describe_error(exc)}")


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
                yield ImportProblem(origin_label(str(path)), "not a regular file or folder")
            else:
                yield ImportProblem(origin_label(str(path)), "no such file or folder")
        except OSError as exc:
            yield ImportProblem(origin_label(str(path)), f"cannot be read ({describe_error(exc)})")


def _walk(folder: Path) -> Iterator[Path | ImportProblem]:
    def on_error(exc: OSError) -> None:
        problems.append(
            ImportProblem(origin_label(str(exc.filename or folder)), describe_error(exc))
        )

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
        yield ImportProblem(origin_label(str(folder)), "the folder holds no files")


def read_paths(paths: Iterable[str | os.PathLike[str]], settings: Settings) -> Iterator[ReadItem]:
    """Articles from files and folders: documents, zips, CSV/JSONL tables."""
    for source in _sources(paths):
        if isinstance(source, ImportProblem):
            yield source
        else:
            yield from _read_file(source, settings)


def _read_file(path: Path, settings: Settings) -> Iterator[ReadItem]:
    origin = str(path)
    refusal = format_problem(origin)
    if refusal is not None:
        yield refusal
        return
    extension = extension_of(path.name)
    try:
        size = path.stat().st_size
        cap = size_cap(extension, settings)
        if size > cap:
            yield file_too_large(origin, size, cap)
            return
        if extension == ".zip" and size > 0:
            # A zip on disk is read entry by entry, never loaded whole.
            yield from read_zip(
                origin,
                path,
                settings,
                read_entry=lambda entry, body: read_bytes(entry, body, settings, in_zip=True),
                refuse_entry=format_problem,
            )
            return
        with path.open("rb") as handle:
            data = handle.read(cap + 1)  # bounded even if the file grows while we read
    except OSError as exc:
        yield ImportProblem(origin_label(origin), f"cannot be read ({describe_error(exc)})")
        return
    yield from read_bytes(origin, data, settings, in_zip=False)


def count_items(paths: Iterable[str | os.PathLike[str]], settings: Settings) -> int:
    """How many items ``read_paths`` will yield, for a progress bar: one per document or
    problem, one per zip entry, one per table row. Cheap: zips are not inflated."""
    total = 0
    for source in _sources(paths):
        if isinstance(source, ImportProblem):
            total += 1
            continue
        extension = extension_of(source.name)
        try:
            if extension == ".zip":
                total += max(1, count_entries(source))
            elif extension in {".csv", ".tsv", ".jsonl", ".ndjson"} and (
                source.stat().st_size <= settings.max_zip_bytes
            ):
                total += max(1, count_rows(str(source), source.read_bytes(), settings))
            else:
                total += 1
        except Exception:  # counting is only an estimate; the reader reports the real problem
            total += 1
    return total
