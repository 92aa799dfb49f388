"""Readers of single documents: plain text and Markdown, HTML, Word (.docx) and PDF."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from quotegraph.config import Settings
from quotegraph.reading.drafts import (
    ImportProblem,
    ReadItem,
    decode_text,
    extension_of,
    make_draft,
    origin_label,
    parse_date,
    size_label,
)

MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown"})
# A date a document's own metadata gives before this is a template's or a clock's, not the
# article's.
EARLIEST_METADATA_YEAR = 1990


def read_text_file(origin: str, data: bytes, settings: Settings) -> ReadItem:
    """Plain text or Markdown (whose title loses its leading ``#``)."""
    text = decode_text(data)
    if text is None:
        return ImportProblem(origin_label(origin), "not a text format (the bytes are not text)")
    markdown = extension_of(origin) in MARKDOWN_EXTENSIONS
    return make_draft(origin, text, settings, markdown=markdown)


def read_html_file(origin: str, data: bytes, settings: Settings) -> ReadItem:
    """A saved web page: its main text, title, date and site name (see ``html_draft``)."""
    text = decode_text(data)
    if text is None:
        return ImportProblem(origin_label(origin), "not a text format (the bytes are not text)")
    return html_draft(origin, text, settings)


def _metadata_date(value: object) -> dt.date | None:
    if not isinstance(value, dt.datetime | dt.date):
        return None
    date = value.date() if isinstance(value, dt.datetime) else value
    return date if date.year >= EARLIEST_METADATA_YEAR else None


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
        return ImportProblem(origin_label(origin), "empty: the page has no visible text")
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


def zip_declared_size(archive: zipfile.ZipFile) -> int:
    return sum(info.file_size for info in archive.infolist())


def read_docx(origin: str, data: bytes, settings: Settings) -> ReadItem:
    """A Word document: paragraphs and table rows; title and creation date from its
    properties."""
    import docx
    from docx.table import Table

    # A .docx is a zip: refuse a bomb before python-docx inflates it.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        declared = zip_declared_size(archive)
    if declared > settings.max_zip_bytes:
        return ImportProblem(
            origin_label(origin),
            f"the document unpacks to {size_label(declared)}, over the "
            f"{size_label(settings.max_zip_bytes)} limit",
        )
    document = docx.Document(io.BytesIO(data))
    blocks: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            blocks.extend("\t".join(cell.text for cell in row.cells) for row in block.rows)
        elif block.text.strip():
            blocks.append(block.text)
    properties = document.core_properties
    return make_draft(
        origin,
        "\n\n".join(blocks),
        settings,
        title=properties.title or None,
        published=_metadata_date(properties.created),
    )


def read_pdf(origin: str, data: bytes, settings: Settings) -> ReadItem:
    """A PDF's extracted text, page after page; title and creation date from its metadata."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        return ImportProblem(origin_label(origin), "the PDF is password-protected")
    pages: list[str] = []
    size = 0
    for page in reader.pages:
        page_text = page.extract_text() or ""
        pages.append(page_text)
        size += len(page_text.encode("utf-8", "replace"))
        if size > settings.max_text_bytes:
            break  # make_draft refuses it; no need to read the remaining pages
    metadata = reader.metadata
    title = metadata.title if metadata else None
    try:
        created = metadata.creation_date if metadata else None
    except ValueError:  # a malformed date string in the PDF's info dictionary
        created = None
    return make_draft(
        origin, "\n\n".join(pages), settings, title=title, published=_metadata_date(created)
    )
