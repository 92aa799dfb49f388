"""Find quoted passages in raw text by pairing quotation marks, paragraph by paragraph."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

OPENING_MARKS = frozenset("“«„")
CLOSING_MARKS = frozenset("”»")
STRAIGHT_MARK = '"'
ALL_MARKS = OPENING_MARKS | CLOSING_MARKS | {STRAIGHT_MARK}
# Two-character ASCII stand-ins for double quotation marks, used by some news feeds.
DOUBLED_APOSTROPHES = "''"
DOUBLED_BACKTICKS = "``"

# Characters after which a straight quote mark opens a quotation rather than closing one.
_OPENING_CONTEXT = frozenset(" \t\n([{—–-/:")


@dataclass(frozen=True)
class QuotedPassage:
    """Text between a pair of quotation marks: ``start``/``end`` exclude the marks themselves.

    ``closed`` is False when the paragraph ended before a closing mark (a quotation that carries on
    into the next paragraph, or an unbalanced mark); ``paragraph_start`` is True when the opening
    mark begins its paragraph.
    """

    open_mark: int
    start: int
    end: int
    closed: bool
    paragraph_start: bool


def _mark_length(text: str, i: int) -> int:
    """Length of the quotation mark starting at ``i`` (0 when there is none)."""
    ch = text[i]
    if ch in ALL_MARKS:
        return 1
    if ch in "'`" and text.startswith(DOUBLED_APOSTROPHES if ch == "'" else DOUBLED_BACKTICKS, i):
        return 2
    return 0


def closing_mark_length(text: str, passage: QuotedPassage) -> int:
    """Length of the mark that closes ``passage`` (0 when it was left open)."""
    return _mark_length(text, passage.end) if passage.closed else 0


def _is_opening(text: str, i: int) -> bool:
    ch = text[i]
    if ch in OPENING_MARKS or ch == "`":
        return True
    if ch in CLOSING_MARKS:
        return False
    return i == 0 or text[i - 1] in _OPENING_CONTEXT


def _is_blank(ch: str) -> bool:
    """Whitespace, or an invisible formatting character (a direction mark pasted from social
    media) that sits where whitespace would."""
    return ch.isspace() or unicodedata.category(ch) == "Cf"


def _misused_closing_mark(text: str, i: int) -> bool:
    """A closing mark typed where an opening one belongs: after a space, before a word."""
    return (
        text[i] in CLOSING_MARKS
        and (i == 0 or _is_blank(text[i - 1]))
        and i + 1 < len(text)
        and text[i + 1].isalnum()
    )


def _closes_open_quotation(text: str, i: int) -> bool:
    """Inside an open quotation, a mark that ends a word and is not followed by one closes it,
    whatever its shape: “... a fascist?“ he asked; “... the ‘Title Sponsor,’ ” he wrote."""
    ch = text[i]
    if ch not in OPENING_MARKS and ch != STRAIGHT_MARK:
        return False
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isalnum():
        return False
    before = text[i - 1] if i > 0 else " "
    return not _is_blank(before) or ch == STRAIGHT_MARK


def find_quoted_passages(text: str) -> list[QuotedPassage]:
    """Pair quotation marks within each paragraph.

    A paragraph that opens a quotation and never closes it runs on into the next paragraph when
    that one opens with a quotation mark (the newspaper convention for a quotation running over
    several paragraphs): the two become one passage. Left open at the text's end or before a
    paragraph that does not continue it, the passage ends with its paragraph when the paragraph
    itself began with the mark; other unclosed marks are dropped.
    """
    passages: list[QuotedPassage] = []
    length = len(text)
    para_start = 0
    while para_start <= length:
        para_end = text.find("\n", para_start)
        if para_end == -1:
            para_end = length
        first_char = para_start
        while first_char < para_end and _is_blank(text[first_char]):
            first_char += 1
        open_at: int | None = None
        open_length = 1
        i = para_start
        while i < para_end:
            length_here = _mark_length(text, i)
            if not length_here:
                i += 1
                continue
            if open_at is not None and _closes_open_quotation(text, i):
                passages.append(
                    QuotedPassage(open_at, open_at + open_length, i, True, open_at == first_char)
                )
                open_at = None
            elif _is_opening(text, i) or (open_at is None and _misused_closing_mark(text, i)):
                # A second opening mark inside an open quotation: restart there (the earlier mark
                # was unbalanced).
                open_at, open_length = i, length_here
            elif open_at is not None:
                passages.append(
                    QuotedPassage(open_at, open_at + open_length, i, True, open_at == first_char)
                )
                open_at = None
            i += length_here
        if open_at is not None:
            content_end = para_end
            while content_end > open_at + open_length and text[content_end - 1].isspace():
                content_end -= 1
            next_start = para_end + 1
            while next_start < length and text[next_start].isspace():
                next_start += 1
            continues = next_start < length and (
                text[next_start] in OPENING_MARKS | {STRAIGHT_MARK}
                or _mark_length(text, next_start) == 2
            )
            if (continues or open_at == first_char) and content_end > open_at + open_length:
                passages.append(
                    QuotedPassage(
                        open_at, open_at + open_length, content_end, False, open_at == first_char
                    )
                )
        para_start = para_end + 1
    return _join_paragraph_runs(text, passages)


def _join_paragraph_runs(text: str, passages: list[QuotedPassage]) -> list[QuotedPassage]:
    """Join a quotation left open at a paragraph's end with the one that opens the next paragraph.

    That is how newspapers print one quotation running over several paragraphs, and it is one
    statement by one speaker, whose cue may come before the first paragraph or after the last.
    """
    joined: list[QuotedPassage] = []
    for passage in passages:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and not previous.closed
            and passage.paragraph_start
            and "\n" in text[previous.end : passage.open_mark]
            and not text[previous.end : passage.open_mark].strip()
        ):
            joined[-1] = QuotedPassage(
                previous.open_mark,
                previous.start,
                passage.end,
                passage.closed,
                previous.paragraph_start,
            )
        else:
            joined.append(passage)
    return joined
