"""Showing untrusted text (titles, file names, reasons) inside Streamlit's Markdown safely."""

from __future__ import annotations

import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping all of them
# turns links, images, emphasis, HTML, :emoji:/:color[...] directives and $math$ into plain text.
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")


def escape_markdown(text: str) -> str:
    """``text`` as Markdown that renders as exactly those characters, on one line."""
    one_line = " ".join(text.split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line)
