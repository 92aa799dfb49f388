"""The zip reader: every entry read in memory, under a budget of inflated bytes."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

from quotegraph.config import Settings
from quotegraph.reading.documents import zip_declared_size
from quotegraph.reading.drafts import (
    ImportProblem,
    ReadItem,
    describe_error,
    origin_label,
    size_label,
)


class _ZipTooLarge(Exception):
    pass


def skipped_entry(info: zipfile.ZipInfo) -> bool:
    # Folders, macOS resource forks and hidden files are not articles.
    parts = PurePosixPath(info.filename.replace("\\", "/")).parts
    return info.is_dir() or "__MACOSX" in parts or not parts or parts[-1].startswith(".")


def read_zip(
    origin: str,
    source: io.BytesIO | Path,
    settings: Settings,
    *,
    read_entry: Callable[[str, bytes], Iterator[ReadItem]],
    refuse_entry: Callable[[str], ImportProblem | None],
) -> Iterator[ReadItem]:
    """Each entry of a zip, read in memory by ``read_entry(origin, data)``: entry names
    (``../x``, ``/etc/x``) are only labels, nothing is ever written to disk. An entry that
    ``refuse_entry`` gives a problem for (by its name) is reported without being inflated. A
    zip whose contents exceed settings.max_zip_bytes is refused, by the sizes its directory
    declares and by the bytes actually inflated."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        yield ImportProblem(origin_label(origin), f"not a readable zip ({describe_error(exc)})")
        return
    with archive:
        declared = zip_declared_size(archive)
        if declared > settings.max_zip_bytes:
            yield _zip_too_large(origin, settings, declared)
            return
        budget = settings.max_zip_bytes
        entries = [info for info in archive.infolist() if not skipped_entry(info)]
        if not entries:
            yield ImportProblem(origin_label(origin), "the zip holds no files")
            return
        for info in entries:
            entry_origin = f"{origin}:{info.filename}"
            refusal = refuse_entry(entry_origin)
            if refusal is not None:
                yield refusal
                continue
            try:
                data = _inflate(archive, info, budget)
            except _ZipTooLarge:
                yield _zip_too_large(origin, settings)
                return
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError,
                    OSError, ValueError) as exc:  # fmt: skip
                yield ImportProblem(
                    origin_label(entry_origin), f"could not be unpacked ({describe_error(exc)})"
                )
                continue
            budget -= len(data)
            yield from read_entry(entry_origin, data)


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
    amount = f"{size_label(size)}, over" if size is not None else "more than"
    return ImportProblem(
        origin_label(origin),
        f"the zip unpacks to {amount} the {size_label(settings.max_zip_bytes)} limit "
        "(QUOTEGRAPH_MAX_ZIP_MB)",
    )


def count_entries(path: Path) -> int:
    """How many entries of the zip at ``path`` are read as articles (none is inflated)."""
    with zipfile.ZipFile(path) as archive:
        return sum(1 for info in archive.infolist() if not skipped_entry(info))
