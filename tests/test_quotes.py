"""Pairing quotation marks: the passages found, including the typing slips news copy carries."""

from __future__ import annotations

import pytest

from quotegraph.analysis.quotes import find_quoted_passages


def passages(text: str) -> list[str]:
    return [text[p.start : p.end] for p in find_quoted_passages(text)]


def test_curly_and_straight_pairs():
    assert passages('He said “yes” and then "no" twice.') == ["yes", "no"]


def test_opening_mark_typed_where_the_closing_one_belongs():
    text = "Todd was shocked. “Do you want to be associated with a fascist?“ he asked."
    assert passages(text) == ["Do you want to be associated with a fascist?"]


def test_straight_mark_after_a_space_closes_an_open_quotation():
    text = "\"This is why he is the 'Title Sponsor,' \" Eric Trump wrote."
    assert passages(text) == ["This is why he is the 'Title Sponsor,' "]


def test_closing_mark_typed_as_opening_after_an_invisible_direction_mark():
    text = "\u202a”Sorry Sarah, you should have said it!!” posted Sharon Geyer."
    (passage,) = find_quoted_passages(text)
    assert text[passage.start : passage.end] == "Sorry Sarah, you should have said it!!"
    assert passage.paragraph_start


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "yes and then "no" more.', ["no"]),
        ("“A” “B”", ["A", "B"]),
    ],
)
def test_a_mark_before_a_word_opens_a_new_quotation(text: str, expected: list[str]):
    assert passages(text) == expected


def test_quotation_running_over_paragraphs_is_one_passage():
    text = "“The first paragraph goes on\n\n“and the second one ends it,” she said."
    assert passages(text) == ["The first paragraph goes on\n\n“and the second one ends it,"]
