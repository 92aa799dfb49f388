"""The extractor never gives up on a document, whatever characters it is made of."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotegraph.analysis import extraction
from quotegraph.analysis.extraction import analyse_text

QUOTE_MARKS = "\"“”'‘’«»„"
# Text biased towards what breaks quote finders: quote marks, cues, newlines, control characters.
hostile_text = st.lists(
    st.one_of(
        st.text(max_size=40),
        st.sampled_from(list(QUOTE_MARKS)),
        st.sampled_from([" said ", " he said", ", according to ", "\n\n", "\x00", "\u2028", ". "]),
        st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),
    ),
    max_size=60,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text)
def test_any_text_gives_spans_inside_it(text):
    analysis = analyse_text(text)
    for span in (*analysis.entities, *analysis.statements):
        assert 0 <= span.start < span.end <= len(text)
    for statement in analysis.statements:
        assert statement.content == text[statement.start : statement.end]
        if statement.speaker_start is not None:
            assert 0 <= statement.speaker_start < statement.speaker_end <= len(text)


def test_nested_and_unbalanced_quotes_on_one_long_line():
    text = ("He said “she said “no” and left. " * 2000) + '"unclosed ' + "x" * 200_000
    analysis = analyse_text(text)
    for statement in analysis.statements:
        assert statement.content == text[statement.start : statement.end]


def test_a_long_text_is_parsed_in_pieces_with_exact_offsets(monkeypatch):
    # Pieces of 2,000 characters stand in for spaCy's 1,000,000-character limit.
    monkeypatch.setattr(extraction, "PARSE_CHUNK_CHARS", 2_000)
    paragraph = "The mayor said the bridge would reopen in May. “It is safe,” she said.\n\n"
    text = paragraph * 200
    doc = extraction.parse_text(text)
    assert doc.text == text
    analysis = analyse_text(text)
    # Nearly every paragraph's two statements are found, across every piece boundary.
    assert len(analysis.statements) >= 0.95 * 2 * 200
    last = analysis.statements[-1]
    assert last.end > len(text) - len(paragraph)
    assert last.content == text[last.start : last.end]
    assert [a.statements for a in extraction.analyse_texts(["", text, paragraph])][1] == (
        analysis.statements
    )
