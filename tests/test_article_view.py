"""The article view's pure parts: offset conversion, snapping, paragraphs, payload, intents."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from components.article_view import (
    OffsetMap,
    build_view_data,
    codepoint_to_utf16_offsets,
    keymap,
    paragraph_spans,
    parse_intent,
    shortcut_help,
    snap_to_tokens,
    stance_keys,
    statement_tooltip,
    utf16_to_codepoint_offsets,
)

VIEW_JS = Path(__file__).resolve().parent.parent / "components" / "article_view" / "view.js"
SCALE = [(1, "agree"), (0, "neutral"), (-1, "disagree")]


@dataclass
class FakeEntity:
    start: int
    end: int
    label: str


@dataclass
class FakeStatement:
    id: int
    start: int
    end: int
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_mention: str | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    actor_name: str | None = None
    concept_name: str | None = None
    stance: int | None = None
    kind: str = "direct"
    status: str = "suggested"
    note: str = ""


def utf16_slice(text: str, start: int, end: int) -> str:
    """What JavaScript's text.slice(start, end) returns."""
    units = text.encode("utf-16-le")
    return units[2 * start : 2 * end].decode("utf-16-le")


EMOJI_TEXT = "Rouhani 😀 said: “we will 🇮🇷 resist 𝔘𝔫𝔦𝔠𝔬𝔡𝔢” — and 𠀋 left."


def test_codepoint_to_utf16_counts_two_units_per_astral_character() -> None:
    text = "a😀b"
    assert codepoint_to_utf16_offsets(text, [0, 1, 2, 3]) == [0, 1, 3, 4]


def test_utf16_to_codepoint_inverts_and_rounds_split_pairs_down() -> None:
    text = "a😀b"
    assert utf16_to_codepoint_offsets(text, [0, 1, 3, 4]) == [0, 1, 2, 3]
    # Offset 2 is between the two halves of the emoji: it goes to the emoji's start.
    assert utf16_to_codepoint_offsets(text, [2]) == [1]
    assert OffsetMap.for_text(text).to_codepoint(2, round_up=True) == 2


def test_every_word_of_an_emoji_text_round_trips_through_utf16() -> None:
    for word_start, word in _words(EMOJI_TEXT):
        word_end = word_start + len(word)
        start16, end16 = codepoint_to_utf16_offsets(EMOJI_TEXT, [word_start, word_end])
        assert utf16_slice(EMOJI_TEXT, start16, end16) == word
        assert utf16_to_codepoint_offsets(EMOJI_TEXT, [start16, end16]) == [word_start, word_end]


def _words(text: str) -> list[tuple[int, str]]:
    words, start = [], None
    for index, ch in enumerate(text + " "):
        if ch.isspace():
            if start is not None:
                words.append((start, text[start:index]))
            start = None
        elif start is None:
            start = index
    return words


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
def test_conversion_round_trips_for_any_text(text: str) -> None:
    offsets = list(range(len(text) + 1))
    utf16 = codepoint_to_utf16_offsets(text, offsets)
    assert utf16[-1] == len(text.encode("utf-16-le")) // 2
    assert utf16_to_codepoint_offsets(text, utf16) == offsets
    for start, end in zip(offsets, offsets[1:], strict=False):
        assert utf16_slice(text, utf16[start], utf16[end]) == text[start:end]


def test_snap_widens_to_whole_words_and_trims_space() -> None:
    text = "The minister said sanctions hurt."
    start = text.index("inister")
    end = text.index("sanc") + 3
    assert snap_to_tokens(text, start, end) == (text.index("minister"), text.index(" hurt"))
    assert snap_to_tokens(text, 3, 5) == (4, 12)  # " m" -> "minister"
    assert snap_to_tokens(text, 3, 4) is None  # only a space


def test_snap_keeps_emoji_and_punctuation_as_their_own_tokens() -> None:
    text = "wow 😀! great"
    assert snap_to_tokens(text, 4, 5) == (4, 5)
    assert snap_to_tokens(text, 5, 9) == (5, 12)


def test_paragraphs_split_at_blank_lines_only() -> None:
    text = "First line\nstill first.\n\n  \nSecond 😀.\n\n\nThird"
    spans = paragraph_spans(text)
    assert [text[s:e] for s, e in spans] == ["First line\nstill first.", "Second 😀.", "Third"]


def test_payload_offsets_are_utf16_and_slice_to_the_same_text() -> None:
    text = "😀😀 Rouhani said “no”.\n\n𠀋 The minister agreed."
    rouhani = text.index("Rouhani")
    quote = text.index("“")
    minister = text.index("The minister")
    statement = FakeStatement(
        7, quote, quote + 4, rouhani, rouhani + 7, "Rouhani", "said", rouhani + 8, rouhani + 12
    )
    data = build_view_data(
        doc_key="1",
        text=text,
        entities=[
            FakeEntity(rouhani, rouhani + 7, "PERSON"),
            FakeEntity(minister, minister + 12, "X"),
        ],
        statements=[statement],
        selected_id=7,
        stance_levels=SCALE,
    )
    row = dict(zip(data["statement_fields"], data["statements"][0], strict=True))
    assert utf16_slice(text, row["start"], row["end"]) == "“no”"
    assert utf16_slice(text, row["speaker_start"], row["speaker_end"]) == "Rouhani"
    assert utf16_slice(text, row["cue_start"], row["cue_end"]) == "said"
    assert [utf16_slice(text, s, e) for s, e, _ in data["entities"]] == ["Rouhani", "The minister"]
    assert [utf16_slice(text, s, e) for s, e in data["paragraphs"]] == [
        "😀😀 Rouhani said “no”.",
        "𠀋 The minister agreed.",
    ]
    assert data["labels"][0] == {"name": "PERSON", "color": "#f4a261", "count": 1}
    assert data["labels"][1]["name"] == "X" and data["labels"][1]["color"] == "#bbbbbb"
    json.dumps(data)  # the payload must be JSON


def test_payload_carries_markup_as_plain_text_never_escaped_twice() -> None:
    text = 'He said "<script>alert(1)</script>" and <img src=x onerror=alert(2)>.'
    statement = FakeStatement(1, 8, 36, note="<b>bold</b>", actor_name="<i>Mallory</i>")
    data = build_view_data(
        doc_key="1",
        text=text,
        entities=[],
        statements=[statement],
        selected_id=None,
        stance_levels=SCALE,
    )
    # The browser sets these with textContent / setAttribute, so they travel verbatim.
    assert data["text"] == text
    tooltip = data["statements"][0][data["statement_fields"].index("tooltip")]
    assert "Note: <b>bold</b>" in tooltip
    assert "Speaker: <i>Mallory</i>" in tooltip


def test_view_script_never_parses_data_as_html() -> None:
    source = VIEW_JS.read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in source, sink
    assert "textContent" in source


def test_tooltip_names_speaker_cue_concept_and_stance() -> None:
    statement = FakeStatement(
        1,
        0,
        5,
        speaker_mention="the president",
        actor_name="Hassan Rouhani",
        cue="warned",
        concept_name="Sanctions",
        stance=-1,
        status="accepted",
    )
    tip = statement_tooltip(statement, dict(SCALE))
    assert tip.splitlines() == [
        "Speaker: Hassan Rouhani",
        "Mention: the president",
        "Cue: warned",
        "Concept: Sanctions",
        "Stance: disagree",
        "Status: accepted (direct)",
    ]


def test_a_position_travels_with_its_kind_and_says_so_in_its_tooltip() -> None:
    text = "Tom Hale urged the council to wait."
    position = FakeStatement(3, 15, 34, kind="position", actor_name="Tom Hale", cue="urged")
    data = build_view_data(
        doc_key="1",
        text=text,
        entities=[],
        statements=[position, FakeStatement(4, 0, 8)],
        selected_id=None,
        stance_levels=SCALE,
    )
    rows = [dict(zip(data["statement_fields"], row, strict=True)) for row in data["statements"]]
    assert [row["kind"] for row in rows] == ["position", "direct"]
    assert "A position: what the speaker stands for" in rows[0]["tooltip"]
    assert "position" not in rows[1]["tooltip"]


def test_stance_keys_put_the_most_positive_level_first() -> None:
    assert stance_keys(SCALE) == {"1": 1, "2": 0, "3": -1}
    five = [(v, str(v)) for v in (-2, -1, 0, 1, 2)]
    assert stance_keys(five) == {"1": 2, "2": 1, "3": 0, "4": -1, "5": -2}
    bindings = keymap(SCALE)
    assert bindings["a"] == {"command": "accept"}
    assert bindings["U"] == {"command": "redo"}
    assert bindings["3"] == {"command": "stance", "value": -1}
    assert bindings["0"] == {"command": "stance", "value": None}


def test_intent_offsets_come_back_as_snapped_codepoints() -> None:
    text = "😀 Rouhani 🇮🇷 said no"
    start16, end16 = codepoint_to_utf16_offsets(text, [text.index("ouh"), text.index("han")])
    intent = parse_intent({"type": "create", "start": start16, "end": end16}, text)
    assert intent is not None and intent.kind == "create"
    assert text[intent.start : intent.end] == "Rouhani"
    # A selection ending between the halves of the flag's second symbol includes that symbol.
    flag = text.index("🇮🇷")
    flag16 = codepoint_to_utf16_offsets(text, [flag])[0]
    intent = parse_intent(
        {"type": "speaker", "statement_id": 3, "start": flag16, "end": flag16 + 3}, text
    )
    assert intent is not None and intent.statement_id == 3
    assert text[intent.start : intent.end] == "🇮🇷"


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "select",
        {"type": "select", "statement_id": "1"},
        {"type": "select", "statement_id": True},
        {"type": "create", "start": 0},
        {"type": "create", "start": 3, "end": 4},  # only white space
        {"type": "speaker", "start": 0, "end": 3},  # no statement
        {"type": "command", "command": "format_disk"},
        {"type": "command", "command": "stance", "value": "1"},
        {"type": "unknown"},
    ],
)
def test_malformed_intents_are_ignored(raw: object) -> None:
    assert parse_intent(raw, "abc def") is None


def test_commands_parse_with_their_stance_value() -> None:
    assert parse_intent({"type": "command", "command": "accept"}, "x").command == "accept"
    stance = parse_intent({"type": "command", "command": "stance", "value": -1}, "x")
    assert stance.command == "stance" and stance.stance == -1
    clear = parse_intent({"type": "command", "command": "stance", "value": None}, "x")
    assert clear.stance is None
    assert parse_intent({"type": "select", "statement_id": 4}, "x").statement_id == 4


def test_payload_without_the_document_keeps_the_marks_and_drops_text_and_entities() -> None:
    text = "😀 Rouhani said “no”.\n\nThe minister agreed."
    quote = text.index("“")
    arguments = {
        "doc_key": "4:abc",
        "text": text,
        "entities": [FakeEntity(2, 9, "PERSON")],
        "statements": [FakeStatement(7, quote, quote + 4)],
        "selected_id": 7,
        "stance_levels": SCALE,
    }
    whole = build_view_data(**arguments)
    marks_only = build_view_data(**arguments, include_document=False)
    assert set(whole) - set(marks_only) == {"text", "paragraphs", "labels", "entities"}
    assert marks_only["doc_key"] == "4:abc"  # the browser matches it to the copy it kept
    assert marks_only["statements"] == whole["statements"]
    assert len(json.dumps(marks_only)) < len(json.dumps(whole)) - len(json.dumps(text))


def test_the_browsers_request_for_the_document_parses() -> None:
    assert parse_intent({"type": "resend"}, "x").kind == "resend"


def test_the_shortcut_list_names_every_key_the_view_answers() -> None:
    levels = [(1, "agree"), (0, "neutral"), (-1, "disagree")]
    rows = shortcut_help(levels)
    listed = {key for keys, _ in rows for key in keys.split(" / ")}
    answered = {"Shift+U" if key == "U" else key for key in keymap(levels)}
    assert answered <= listed
    assert ("1", "Stance: agree") in rows and ("3", "Stance: disagree") in rows
    assert (
        build_view_data(
            doc_key="d",
            text="x",
            entities=(),
            statements=(),
            selected_id=None,
            stance_levels=levels,
        )["shortcuts"]
        == rows
    )
