"""Showing untrusted text (titles, file names, reasons) inside Streamlit's Markdown safely."""

from __future__ import annotations

import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping all of them
# turns links, images, emphasis, HTML, :emoji:/:color[...] directives and $math$ into plain text.
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
# GitHub-flavoured Markdown links bare "http://", "www." and "name@host" even when escaped, so an
# invisible WORD JOINER (U+2060) is put where its patterns need two characters to be adjacent.
_AUTOLINK_STARTS = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)")
_WORD_JOINER = "\u2060"


def escape_markdown(text: str) -> str:
    """``text`` as Markdown that renders as exactly those characters (plus invisible word
    joiners that stop bare addresses becoming links), on one line."""
    one_line = " ".join(text.split())
    unlinked = _AUTOLINK_STARTS.sub(_WORD_JOINER, one_line)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", unlinked)
