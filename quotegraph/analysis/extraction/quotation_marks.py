"""Quoted passages as the rules see them: which overlap a range, which follows a phrase, whether
one is a sentence of its own."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Token

from quotegraph.analysis.extraction.article import Article
from quotegraph.analysis.quotes import QuotedPassage, closing_mark_length

MIN_CLAIM_WORDS = 5  # a quoted passage shorter than this with no cue is a phrase, not a claim
_NON_BLANK = re.compile(r"\S")
_DASH_LABEL = re.compile(r"\s[-–—]\s[^:\n]{1,60}:\s*$")
_NON_SPACE_OR_TAB = re.compile(r"[^ \t]")


def passages_in(article: Article, start: int, end: int) -> list[QuotedPassage]:
    """The quoted passages overlapping characters ``start``..``end``."""
    return [p for p in article.passages if p.start < end and p.end > start]


def passage_right_after(article: Article, end_char: int, verb: Token) -> QuotedPassage | None:
    """The quotation that opens right after ``end_char``, in the cue's sentence."""
    sentence = article.sentences[article.sentence_of[verb.i]]
    for passage in article.passages:
        if passage.open_mark >= end_char:
            if (
                article.text[end_char : passage.open_mark].strip()
                or passage.end > sentence.end_char
            ):
                return None
            return passage
    return None


def clause_goes_on_after(article: Article, passage: QuotedPassage) -> bool:
    """True when the sentence carries on with words after the quotation's closing mark."""
    if not passage.closed:
        return False
    after = passage.end + closing_mark_length(article.text, passage)
    token = bisect.bisect_left(article.token_starts, after)
    if token >= len(article.doc):
        return False
    sentence_end = article.sentences[article.sentence_of[token]].end_char
    if article.sentence_of[token] != article.sentence_of[max(token - 1, 0)]:
        return False  # the quotation closed its sentence
    return any(ch.isalnum() for ch in article.text[after:sentence_end])


def is_quoted_sentence(article: Article, passage: QuotedPassage, first_token: int) -> bool:
    """True when a quoted passage is a whole sentence of its own (“We’re hopeful.”), so a
    claim however short, not a phrase picked out of one."""
    text = article.text
    if not text[passage.start : passage.end].rstrip().endswith((".", "!", "?")):
        return False
    # What follows, found by searching rather than slicing off the rest of a long text.
    after = passage.end + closing_mark_length(text, passage)
    next_word = _NON_BLANK.search(text, after)
    next_on_line = _NON_SPACE_OR_TAB.search(text, after)
    ends_sentence = (
        next_word is None
        or next_on_line.group() in ("\n", "“", '"')
        or (text[after : after + 1] == " " and next_word.group().isupper())
    )
    if not ends_sentence or not opens_sentence(article, passage, first_token):
        return False
    # a predicate of its own: "We’re hopeful." is a claim, "Big time." an interjection
    last = bisect.bisect_left(article.token_starts, passage.end)
    return any(t.pos_ in ("VERB", "AUX") for t in article.doc[first_token:last])


def opens_sentence(article: Article, passage: QuotedPassage, first_token: int) -> bool:
    """True when the quotation begins its sentence (or its paragraph)."""
    if passage.paragraph_start:
        return True
    sent = article.sentences[article.sentence_of[first_token]]
    return sent.start_char >= passage.open_mark - 1 or article.text[: passage.open_mark].rstrip()[
        -1:
    ] in (".", "!", "?", ":")


def strip_comma(text: str, start: int, end: int) -> int:
    """End of a quotation without the trailing comma and spaces inside its closing mark."""
    while end > start and (text[end - 1] in ", " or text[end - 1].isspace()):
        end -= 1
    return end


def labelled_after_dash(article: Article, token: Token) -> bool:
    """True when the next quotation on the token's line is introduced by a name between a dash
    and a colon ("Pollsters agree - Carl Bialik: “...”"): a round-up's label for who speaks, so
    the quotation is not the token's."""
    end = token.idx + len(token.text)
    passages = article.passages
    index = bisect.bisect_left(passages, end, key=lambda p: p.open_mark)
    if index == len(passages) or passages[index].open_mark - end > 80:
        return False
    return bool(_DASH_LABEL.search(article.text[end : passages[index].open_mark]))
