"""Reading articles in: pasted text, uploaded files, folders, zips, CSV/JSONL tables and URLs.

``registry`` knows every format and dispatches to its reader (``documents``, ``tables``,
``zips``); ``web`` fetches URLs; ``drafts`` holds what every reader shares.
"""

from quotegraph.reading.drafts import (
    ImportProblem,
    ReadItem,
    decode_text,
    make_draft,
    normalise_newlines,
    parse_date,
    read_pasted,
    title_from_text,
)
from quotegraph.reading.registry import (
    FORMATS,
    READABLE_EXTENSIONS,
    READABLE_LIST,
    count_items,
    describe_limits,
    read_paths,
    read_upload,
)
from quotegraph.reading.web import read_url

__all__ = [
    "FORMATS",
    "READABLE_EXTENSIONS",
    "READABLE_LIST",
    "ImportProblem",
    "ReadItem",
    "count_items",
    "describe_limits",
    "decode_text",
    "make_draft",
    "normalise_newlines",
    "parse_date",
    "read_pasted",
    "read_paths",
    "read_upload",
    "read_url",
    "title_from_text",
]
