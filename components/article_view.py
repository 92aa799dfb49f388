"""The highlighted article view: entities, statements and their speakers, with span selection.

A bidirectional ``st.components.v2`` component. Python sends every mark with offsets already
converted to UTF-16 units (what the browser counts), and the text with its entities only when
the browser may not hold them (half of a long article's payload); the browser builds the DOM
with ``textContent`` only, so article text, names and notes are never parsed as HTML. The user's
intent (select a statement, make one from a selection, set a speaker, a keyboard command) comes
back as one trigger value, converted back to code points (what Python counts) and snapped to
word edges.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import streamlit as st

_ASSETS = Path(__file__).resolve().parent / "article_view"
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")

# Single-key commands; stance keys (1, 2, 3, ...) are added from the scale.
COMMAND_KEYS: dict[str, tuple[str, ...]] = {
    "accept": ("a",),
    "reject": ("r",),
    "next": ("j", "n"),
    "previous": ("k", "p"),
    "undo": ("u",),
    "redo": ("y", "U"),
    "create": ("s",),
    "speaker": ("m",),
    "accept_suggestion": ("g",),
}
CLEAR_STANCE_KEY = "0"
RESEND = "resend"  # the browser's request for the document part it does not hold
COMMANDS = frozenset(COMMAND_KEYS) | {"stance"}

# What each statement row of the payload holds, in order (offsets in UTF-16 units).
STATEMENT_FIELDS = (
    "id",
    "start",
    "end",
    "speaker_start",
    "speaker_end",
    "cue_start",
    "cue_end",
    "status",
    "stance",
    "tooltip",
    "kind",
)

# Entity colours by spaCy label; other labels get a neutral grey.
ENTITY_COLORS: dict[str, str] = {
    "PERSON": "#f4a261",
    "ORG": "#6fa8dc",
    "GPE": "#93c47d",
    "NORP": "#c27ba0",
    "LOC": "#76a5af",
    "FAC": "#a4c2f4",
    "EVENT": "#e06666",
    "LAW": "#b4a7d6",
    "PRODUCT": "#ffd966",
    "WORK_OF_ART": "#d5a6bd",
    "LANGUAGE": "#a2c4c9",
    "DATE": "#d9d2a6",
    "TIME": "#d9d2a6",
    "MONEY": "#b6d7a8",
    "PERCENT": "#b6d7a8",
    "QUANTITY": "#cccccc",
    "ORDINAL": "#cccccc",
    "CARDINAL": "#cccccc",
}
OTHER_ENTITY_COLOR = "#bbbbbb"


class EntityLike(Protocol):
    start: int
    end: int
    label: str


class StatementLike(Protocol):
    id: int
    start: int
    end: int
    speaker_start: int | None
    speaker_end: int | None
    speaker_mention: str | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    actor_name: str | None
    concept_name: str | None
    stance: int | None
    kind: str
    status: str
    note: str


@dataclass(frozen=True)
class ViewIntent:
    """What the user asked for in the view; offsets are code points, snapped to word edges.

    ``kind`` is "select" (statement_id), "create" (start, end), "speaker" (statement_id, start,
    end) or "command" (command: accept, reject, next, previous, undo, redo or stance, with
    ``stance`` the chosen value, None to clear it). ``article_view`` answers "resend" (the
    browser lacks the document) itself; ``on_intent`` never sees it.
    """

    kind: str
    statement_id: int | None = None
    start: int | None = None
    end: int | None = None
    command: str | None = None
    stance: int | None = None


# --- offsets: code points (Python) <-> UTF-16 units (browser) ---------------------------------


@dataclass(frozen=True)
class OffsetMap:
    """Converts offsets into one text between code points and UTF-16 code units.

    Only characters outside the Basic Multilingual Plane (emoji, many CJK extensions, ...) take
    two UTF-16 units, so it is enough to remember where they are.
    """

    astral_codepoints: tuple[int, ...]  # code point index of each astral character
    astral_utf16: tuple[int, ...]  # UTF-16 index of the same characters
    length: int  # in code points

    @classmethod
    def for_text(cls, text: str) -> OffsetMap:
        astral = tuple(i for i, ch in enumerate(text) if ord(ch) > 0xFFFF)
        return cls(astral, tuple(i + k for k, i in enumerate(astral)), len(text))

    @property
    def utf16_length(self) -> int:
        return self.length + len(self.astral_codepoints)

    def to_utf16(self, offset: int) -> int:
        if not self.astral_codepoints:  # most texts: the two counts agree
            return offset
        return offset + bisect_left(self.astral_codepoints, offset)

    def to_codepoint(self, offset: int, *, round_up: bool = False) -> int:
        """The code point offset of a UTF-16 offset; one that falls between the two halves of a
        surrogate pair goes to the start of that character (or its end with ``round_up``)."""
        before = bisect_left(self.astral_utf16, offset)  # astral characters starting before it
        codepoint = offset - before
        if before and self.astral_utf16[before - 1] + 1 == offset:
            # Inside a pair: offset - before already points at the start of that character.
            return codepoint + 1 if round_up else codepoint
        return codepoint


@functools.lru_cache(maxsize=16)
def offset_map(text: str) -> OffsetMap:
    return OffsetMap.for_text(text)


def codepoint_to_utf16_offsets(text: str, offsets: Iterable[int]) -> list[int]:
    """Python string offsets into ``text`` as the browser's UTF-16 offsets."""
    mapping = offset_map(text)
    return [mapping.to_utf16(offset) for offset in offsets]


def utf16_to_codepoint_offsets(text: str, offsets: Iterable[int]) -> list[int]:
    """Browser UTF-16 offsets into ``text`` as Python string offsets (a split pair rounds down)."""
    mapping = offset_map(text)
    return [mapping.to_codepoint(offset) for offset in offsets]


# --- spans ------------------------------------------------------------------------------------


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def snap_to_tokens(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Widen a selection to whole words and trim surrounding white space.

    Returns None when nothing but white space was selected.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    while start > 0 and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
        start -= 1
    while end < len(text) and _is_word_char(text[end - 1]) and _is_word_char(text[end]):
        end += 1
    return start, end


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """The paragraphs of ``text`` as (start, end) code point spans; blank lines separate them."""
    spans = []
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    trimmed = []
    for start, end in spans:
        while start < end and text[start] in "\r\n":
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            trimmed.append((start, end))
    return trimmed


# --- the payload ------------------------------------------------------------------------------


def statement_tooltip(statement: StatementLike, stance_labels: Mapping[int, str]) -> str:
    """What hovering a statement shows (plain text, set as an attribute, never as HTML)."""
    speaker = statement.actor_name or statement.speaker_mention or "unknown"
    lines = [f"Speaker: {speaker}"]
    if statement.speaker_mention and statement.speaker_mention != statement.actor_name:
        lines.append(f"Mention: {statement.speaker_mention}")
    lines.append(f"Cue: {statement.cue or '-'}")
    lines.append(f"Concept: {statement.concept_name or '-'}")
    stance = "-" if statement.stance is None else stance_labels.get(statement.stance)
    lines.append(f"Stance: {stance or statement.stance}")
    lines.append(f"Status: {statement.status} ({statement.kind})")
    if statement.kind == "position":
        lines.append("A position: what the speaker stands for, not words reported")
    if statement.note:
        lines.append(f"Note: {statement.note}")
    return "\n".join(lines)


def stance_keys(stance_levels: Sequence[tuple[int, str]]) -> dict[str, int]:
    """Keys 1, 2, 3, ... for the stance scale, most positive first (1 = agree by default)."""
    ordered = sorted(stance_levels, key=lambda level: -level[0])
    return {str(number): value for number, (value, _label) in enumerate(ordered[:9], start=1)}


def keymap(stance_levels: Sequence[tuple[int, str]]) -> dict[str, dict[str, Any]]:
    """Every key the view answers, as the browser receives it."""
    bindings: dict[str, dict[str, Any]] = {}
    for command, keys in COMMAND_KEYS.items():
        for key in keys:
            bindings[key] = {"command": command}
    for key, value in stance_keys(stance_levels).items():
        bindings[key] = {"command": "stance", "value": value}
    bindings[CLEAR_STANCE_KEY] = {"command": "stance", "value": None}
    return bindings


HELP_KEY = "?"
_COMMAND_HELP = {
    "accept": "Accept the selected statement, then go to the next suggestion",
    "accept_suggestion": "Accept the model's suggested concept and stance, then go on",
    "reject": "Reject the selected statement, then go to the next suggestion",
    "next": "Next statement",
    "previous": "Previous statement",
    "undo": "Undo your latest decision in this article (the message says what)",
    "redo": "Redo what you undid",
    "create": "New statement from the words selected in the text",
    "speaker": "Make the selected words the speaker of the selected statement",
}


def shortcut_help(stance_levels: Sequence[tuple[int, str]]) -> list[tuple[str, str]]:
    """Every key of the view with what it does, in the order the "?" overlay lists them."""

    def shown(key: str) -> str:
        return "Shift+U" if key == "U" else key

    rows = [
        (" / ".join(shown(key) for key in keys), _COMMAND_HELP[command])
        for command, keys in COMMAND_KEYS.items()
    ]
    labels = dict(stance_levels)
    rows[2:2] = [
        (key, f"Stance: {labels.get(value, value)}")
        for key, value in stance_keys(stance_levels).items()
    ] + [(CLEAR_STANCE_KEY, "Clear the stance")]
    rows += [
        ("Esc", "Cancel a text selection, or close this list"),
        (HELP_KEY, "Show or hide this list"),
    ]
    return rows


@functools.lru_cache(maxsize=16)
def _utf16_paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    mapping = offset_map(text)
    return tuple((mapping.to_utf16(s), mapping.to_utf16(e)) for s, e in paragraph_spans(text))


def build_view_data(
    *,
    doc_key: str,
    text: str,
    entities: Sequence[EntityLike],
    statements: Sequence[StatementLike],
    selected_id: int | None,
    stance_levels: Sequence[tuple[int, str]],
    rev: int = 0,
    height: str = "70vh",
    include_document: bool = True,
) -> dict[str, Any]:
    """The JSON the browser gets: the text, paragraphs and marks with UTF-16 offsets.

    The document part (text, paragraphs, entity labels and entities) changes only with
    ``doc_key``; without ``include_document`` it is left out and the browser draws with the copy
    it kept for that ``doc_key`` (or asks for it again, see ``article_view``).
    """
    to16 = offset_map(text).to_utf16
    stance_labels = dict(stance_levels)
    # Rows of values in STATEMENT_FIELDS order, not objects: the keys repeated 300 times made
    # a fifth of a decision's payload.
    statement_rows = [
        [
            statement.id,
            to16(statement.start),
            to16(statement.end),
            _maybe(to16, statement.speaker_start),
            _maybe(to16, statement.speaker_end),
            _maybe(to16, statement.cue_start),
            _maybe(to16, statement.cue_end),
            statement.status,
            statement.stance,
            statement_tooltip(statement, stance_labels),
            statement.kind,
        ]
        for statement in statements
    ]
    data: dict[str, Any] = {
        "doc_key": doc_key,
        "statement_fields": STATEMENT_FIELDS,
        "statements": statement_rows,
        "selected_id": selected_id,
        "keymap": keymap(stance_levels),
        "shortcuts": shortcut_help(stance_levels),
        "rev": rev,
        "height": height,
    }
    if include_document:
        labels, entity_rows = _entity_payload(text, entities)
        data.update(
            text=text, paragraphs=_utf16_paragraphs(text), labels=labels, entities=entity_rows
        )
    return data


def _entity_payload(text: str, entities: Sequence[EntityLike]) -> tuple[list, list]:
    """Labels (with colours and counts) and UTF-16 entity rows; cached, as entities only change
    when an article is re-analysed and a 10,000-word article has about a thousand."""
    if isinstance(entities, tuple):
        try:
            return _cached_entity_payload(text, entities)
        except TypeError:  # entities that cannot be hashed: build the payload every time
            pass
    return _build_entity_payload(text, entities)


@functools.lru_cache(maxsize=8)
def _cached_entity_payload(text: str, entities: tuple[EntityLike, ...]) -> tuple[list, list]:
    return _build_entity_payload(text, entities)


def _build_entity_payload(text: str, entities: Sequence[EntityLike]) -> tuple[list, list]:
    to16 = offset_map(text).to_utf16
    label_index: dict[str, int] = {}
    label_counts: list[int] = []
    rows = []
    for entity in entities:
        index = label_index.setdefault(entity.label, len(label_index))
        if index == len(label_counts):
            label_counts.append(0)
        label_counts[index] += 1
        rows.append((to16(entity.start), to16(entity.end), index))
    labels = [
        {"name": name, "color": ENTITY_COLORS.get(name, OTHER_ENTITY_COLOR), "count": count}
        for name, count in zip(label_index, label_counts, strict=True)
    ]
    return labels, rows


def _maybe(convert: Any, offset: int | None) -> int | None:
    return None if offset is None else convert(offset)


def parse_intent(raw: Any, text: str) -> ViewIntent | None:
    """The browser's trigger value as a ViewIntent, or None when it is malformed or empty.

    Offsets arrive in UTF-16 units: they are converted to code points and snapped to word
    edges here, so the rest of the app only ever sees Python offsets.
    """
    if not isinstance(raw, Mapping):
        return None
    kind = raw.get("type")
    if kind == RESEND:
        return ViewIntent(RESEND)
    if kind == "select":
        statement_id = raw.get("statement_id")
        return ViewIntent("select", statement_id=statement_id) if _is_int(statement_id) else None
    if kind in ("create", "speaker"):
        start, end = raw.get("start"), raw.get("end")
        if not (_is_int(start) and _is_int(end)):
            return None
        mapping = offset_map(text)
        limit = mapping.utf16_length
        start16, end16 = max(0, min(start, limit)), max(0, min(end, limit))
        span = snap_to_tokens(
            text, mapping.to_codepoint(start16), mapping.to_codepoint(end16, round_up=True)
        )
        if span is None:
            return None
        statement_id = raw.get("statement_id")
        if kind == "speaker" and not _is_int(statement_id):
            return None
        return ViewIntent(
            kind,
            statement_id=statement_id if kind == "speaker" else None,
            start=span[0],
            end=span[1],
        )
    if kind == "command":
        command = raw.get("command")
        if command not in COMMANDS:
            return None
        value = raw.get("value")
        if command == "stance":
            if value is not None and not _is_int(value):
                return None
            return ViewIntent("command", command="stance", stance=value)
        return ViewIntent("command", command=command)
    return None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --- the component ----------------------------------------------------------------------------

_component = st.components.v2.component(
    "quotegraph.article_view",
    js=(_ASSETS / "view.js").read_text(encoding="utf-8"),
    css=(_ASSETS / "view.css").read_text(encoding="utf-8"),
    # No shadow root: the browser's text selection is simplest in the page's own DOM; the CSS
    # classes are prefixed instead.
    isolate_styles=False,
)


def article_view(
    *,
    key: str,
    doc_key: str,
    text: str,
    entities: Sequence[EntityLike],
    statements: Sequence[StatementLike],
    selected_id: int | None,
    stance_levels: Sequence[tuple[int, str]],
    rev: int = 0,
    height: str = "70vh",
    resend_document: bool = True,
    on_intent: Callable[[ViewIntent], None] | None = None,
) -> ViewIntent | None:
    """Show the article highlighted; return what the user asked for in this run, if anything.

    ``doc_key`` names the text and its entities (e.g. the article id, hash and analysis): the
    browser rebuilds the text only when it changes, and the text and entities are sent again
    only when it changes or with ``resend_document``. Pass ``resend_document=False`` from a
    fragment rerun, where the view stays mounted with its copy; should the browser lack it all
    the same, it asks, and the next run sends it. ``stance_levels`` is the scale as
    (value, label) pairs. ``on_intent`` is called with the intent before the rerun draws
    anything, so a decision applied there shows at once (the return value arrives only after
    this run has drawn the view).
    """
    sent_key = f"{key}.document_sent"

    def deliver() -> None:
        intent = parse_intent(_trigger_value(st.session_state.get(key)), text)
        if intent is not None and intent.kind == RESEND:
            st.session_state.pop(sent_key, None)
        elif intent is not None and on_intent is not None:
            on_intent(intent)

    include_document = resend_document or st.session_state.get(sent_key) != doc_key
    data = build_view_data(
        doc_key=doc_key,
        text=text,
        entities=entities,
        statements=statements,
        selected_id=selected_id,
        stance_levels=stance_levels,
        rev=rev,
        height=height,
        include_document=include_document,
    )
    st.session_state[sent_key] = doc_key
    result = _component(key=key, data=data, on_intent_change=deliver)
    intent = parse_intent(getattr(result, "intent", None), text)
    return None if intent is None or intent.kind == RESEND else intent


def _trigger_value(state: Any) -> Any:
    if isinstance(state, Mapping):
        return state.get("intent")
    return getattr(state, "intent", None)
