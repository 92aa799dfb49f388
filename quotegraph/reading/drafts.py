"""What every reader shares: the draft an article becomes, the problem it becomes instead, and the
checks and clean-ups of text and metadata that are the same whatever the format.

The article text is kept as the source gives it, apart from newlines normalised to ``\\n``:
every offset the rest of quotegraph stores points into exactly this text.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from quotegraph.articles import ArticleDraft
from quotegraph.config import Settings, load_settings


@dataclass(frozen=True)
class ImportProblem:
    """Something that could not be imported: where it came from and why, in words for the user."""

    origin: str
    reason: str


ReadItem = ArticleDraft | ImportProblem


TITLE_MAX_CHARS = 200


# Column sizes in the store (models.Article); longer metadata is clipped, a longer URL refused.
SOURCE_MAX_CHARS = 1000


ORIGIN_MAX_CHARS = 1000


URL_MAX_CHARS = 4000


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
    if text is None or looks_binary(text):
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


def looks_binary(text: str) -> bool:
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
        title = one_line(line[: 10 * max_chars])
        if title:
            return shorten(title, max_chars)
    return ""


def one_line(value: str) -> str:
    # Collapse all whitespace and drop control characters: a title is shown on one line.
    return " ".join(_ANY_CONTROL_CHARACTER.sub(" ", value).split())


def shorten(value: str, max_chars: int) -> str:
    if len(value) <= max_chars:
        return value
    cut = value[: max_chars - 1]
    space = cut.rfind(" ")
    if space > max_chars // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def clean_field(value: object, max_chars: int) -> str | None:
    if value is None:
        return None
    cleaned = one_line(str(value))
    if not is_encodable(cleaned):
        return None
    return cleaned[:max_chars] or None


def is_encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates, e.g. from a JSON "\ud800" escape
        return False
    return True


def size_label(n_bytes: int) -> str:
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


def origin_label(value: str) -> str:
    return clean_field(value, ORIGIN_MAX_CHARS) or "(unnamed)"


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
    origin = origin_label(origin)
    if not is_encodable(text):
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
            f"the text is {size_label(size)}, over the {size_label(settings.max_text_bytes)} limit "
            "(QUOTEGRAPH_MAX_TEXT_MB)",
        )
    clean_title = clean_field(title, 10 * TITLE_MAX_CHARS)
    if clean_title:
        clean_title = shorten(clean_title, TITLE_MAX_CHARS)
    else:
        first_line = title_from_text(text)
        clean_title = first_line.lstrip("#").strip() if markdown else first_line
    clean_url = clean_field(url, URL_MAX_CHARS + 1)
    if clean_url and len(clean_url) > URL_MAX_CHARS:
        return ImportProblem(origin, f"the URL is longer than {URL_MAX_CHARS} characters")
    return ArticleDraft(
        text=text,
        title=clean_title or "(untitled)",
        source=clean_field(source, SOURCE_MAX_CHARS),
        url=clean_url,
        published=published,
        origin=origin,
    )


def read_pasted(
    text: str, title: str | None = None, *, settings: Settings | None = None
) -> ReadItem:
    """An article pasted by the user; the title is ``title`` or the text's first line."""
    return make_draft("pasted", text, settings or load_settings(), title=title)


def extension_of(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).suffix.lower()


def document_cap(settings: Settings) -> int:
    # Markup, layout and images make a document file larger than its text; past four times the
    # text limit it is refused before being parsed at all.
    return 4 * settings.max_text_bytes


def file_too_large(origin: str, size: int, cap: int) -> ImportProblem:
    return ImportProblem(
        origin_label(origin), f"the file is {size_label(size)}, over the {size_label(cap)} limit"
    )


# What an error says when its own message is empty or only a code.
_UNEXPLAINED = "the file is damaged or not in the format its name says"
# Errors whose own messages are a programmer's; said in a reader's words instead.
_ERROR_WORDS: tuple[tuple[type[BaseException], str], ...] = (
    (ConnectionRefusedError, "the server refused the connection"),
    (ConnectionResetError, "the server closed the connection"),
    (PermissionError, "permission denied"),
    (FileNotFoundError, "no such file"),
    (IsADirectoryError, "a folder, not a file"),
    (MemoryError, "too large to read in memory"),
    (RecursionError, "nested too deeply to read"),
)


def describe_error(exc: BaseException) -> str:
    """An error in words for the person importing: what went wrong, never the exception's class
    name, whole (its lines joined), and short enough for one message."""
    for kind, words in _ERROR_WORDS:
        if isinstance(exc, kind):
            return words
    if isinstance(exc, OSError) and exc.strerror:
        message = exc.strerror
    else:
        message = " ".join(str(exc).split()).strip("'\"")
    if not message or message.isdigit():
        return _UNEXPLAINED
    return shorten(message[0].lower() + message[1:], 400)
