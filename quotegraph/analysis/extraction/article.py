"""Step 1, quotation marks: the parsed article with its quoted passages laid over its tokens.

Every later step reads this one plain record instead of re-deriving sentence numbers or asking
again whether a token sits inside quotation marks.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from quotegraph.analysis.lexicon import TITLES
from quotegraph.analysis.quotes import QuotedPassage, find_quoted_passages

# Dependency labels of a clause's subject.
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")


@dataclass(frozen=True)
class Article:
    """A parsed article and the per-token indexes the extraction rules share."""

    doc: Doc
    text: str
    passages: list[QuotedPassage]
    token_starts: list[int]  # character offset of every token
    sentences: list[Span]
    sentence_of: list[int]  # token index -> sentence number
    in_quote: list[bool]  # token index -> inside a quoted passage

    def token_at(self, char: int) -> int:
        """Index of the token that holds character offset ``char``."""
        return bisect.bisect_right(self.token_starts, char) - 1

    def sentence_at(self, char: int) -> int:
        """Number of the sentence holding character offset ``char``."""
        return self.sentence_of[self.token_at(char)]

    def written(self, span: Span) -> str:
        """``span`` as the article writes it (the parser read a copy with plain spaces and
        straight apostrophes)."""
        return self.text[span.start_char : span.end_char]


def index_article(doc: Doc, text: str | None = None) -> Article:
    """Pair the quotation marks of the article's text (``doc``'s, unless the article as written
    is given) and index its tokens and sentences."""
    text = doc.text if text is None else text
    passages = find_quoted_passages(text)
    token_starts = [t.idx for t in doc]
    sentences: list[Span] = list(doc.sents) if len(doc) else []
    sentence_of = [0] * len(doc)
    for number, sent in enumerate(sentences):
        for i in range(sent.start, sent.end):
            sentence_of[i] = number
    in_quote = [False] * len(doc)
    for passage in passages:
        first = bisect.bisect_left(token_starts, passage.start)
        last = bisect.bisect_left(token_starts, passage.end)
        for i in range(first, last):
            in_quote[i] = True
    return Article(doc, text, passages, token_starts, sentences, sentence_of, in_quote)


def is_title(word: str) -> bool:
    """True for a title word before a name ("Sen.", "president", "Maj")."""
    return word in TITLES or word + "." in TITLES
