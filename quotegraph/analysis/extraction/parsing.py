"""Parse articles of any length with the shared pipeline and analyse them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from quotegraph.analysis.extraction.reader import analyse_doc
from quotegraph.analysis.extraction.records import ArticleAnalysis
from quotegraph.analysis.nlp import load_pipeline

# Longer texts are parsed in pieces of at most this many characters, cut after a line break,
# then joined into one Doc: spaCy refuses texts over nlp.max_length (1,000,000 characters) and
# its parser needs about 1 GB of memory per 100,000 characters parsed at once.
PARSE_CHUNK_CHARS = 100_000

# Spaces the tokenizer would keep as tokens of their own, which the parser then hangs inside the
# sentence ("“...,”\xa0added Gowdy" loses its subject): read as plain spaces, one for one, so
# every offset stays the same.
_PLAIN_SPACES = str.maketrans(dict.fromkeys("\xa0\u2007\u2009\u202f", " "))
# A curly apostrophe after a letter is read as a straight one: the tagger learnt possessives
# from straight ones and takes "Sanders’ campaign" for a closing quotation mark otherwise.
_CURLY_APOSTROPHE = re.compile(r"(?<=[^\W\d_])\u2019")


def parser_text(text: str) -> str:
    """``text`` as the parser reads it: the same length and offsets, odd spaces plain and curly
    apostrophes straight."""
    return _CURLY_APOSTROPHE.sub("'", text.translate(_PLAIN_SPACES))


def parse_text(text: str) -> Doc:
    """Parse ``text`` into one Doc, however long it is. The Doc's text is ``text`` with its
    no-break and thin spaces read as plain spaces: the same length, so every offset holds."""
    text = parser_text(text)
    nlp = load_pipeline()
    if len(text) <= PARSE_CHUNK_CHARS:
        return nlp(text)
    pieces = []
    start = 0
    while start < len(text):
        end = min(start + PARSE_CHUNK_CHARS, len(text))
        if end < len(text):
            cut = max(text.rfind("\n", start, end), text.rfind(" ", start, end))
            end = cut + 1 if cut > start else end
        pieces.append(text[start:end])
        start = end
    return Doc.from_docs(list(nlp.pipe(pieces)), ensure_whitespace=False)


def analyse_text(text: str) -> ArticleAnalysis:
    """Parse ``text`` with the shared pipeline and extract its entities, statements and actors."""
    return analyse_doc(parse_text(text), text)


def analyse_texts(
    texts: Iterable[str], *, n_process: int = 1, batch_size: int = 32
) -> Iterator[ArticleAnalysis]:
    """Analyse many texts in order, parsing them with ``nlp.pipe``."""
    long_texts: dict[int, str] = {}
    originals: dict[int, str] = {}

    def pipe_input() -> Iterator[str]:
        # Long texts are parsed in pieces by analyse_text; nlp.pipe gets an empty stand-in.
        for number, text in enumerate(texts):
            if len(text) > PARSE_CHUNK_CHARS:
                long_texts[number] = text
                yield ""
            else:
                plain = parser_text(text)
                if plain != text:
                    originals[number] = text
                yield plain

    docs = load_pipeline().pipe(pipe_input(), n_process=n_process, batch_size=batch_size)
    for number, doc in enumerate(docs):
        long_text = long_texts.pop(number, None)
        if long_text is not None:
            yield analyse_text(long_text)
        else:
            yield analyse_doc(doc, originals.pop(number, None))
