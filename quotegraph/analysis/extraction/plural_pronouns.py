"""Who "they" are when the same sentence says: "Other users enjoyed what they saw as ...",
"Liberals got angry because they did not think ...", "Most voters say they would ..."."""

from __future__ import annotations

from spacy.tokens import Token

from quotegraph.analysis.extraction.article import SUBJECT_DEPS
from quotegraph.analysis.lexicon import ORGANISATION_WORDS, PERSON_NOUNS, ROLE_NOUNS
from quotegraph.analysis.position_lexicon import ADVOCATE_NOUNS, PEOPLE_NOUNS

# How far up the parse the clause that holds "they" may sit below the plural subject's verb.
_MAX_CLAUSE_STEPS = 4


def plural_subject_over(pronoun: Token) -> Token | None:
    """The plural subject of a clause that governs the clause holding ``pronoun`` ("they",
    "them") in the same sentence, or None.

    A plural noun or a coordination of names ("Ruiz and other mayors") counts; a pronoun or a
    singular noun does not, and nothing is taken from another sentence: there the writer may
    have turned to anyone.
    """
    if pronoun.lower_ not in ("they", "them"):
        return None
    clause = pronoun.head
    for _ in range(_MAX_CLAUSE_STEPS):
        if clause.head.i == clause.i:
            return None  # the sentence's root: no clause above
        clause = clause.head
        subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None or subject.i == pronoun.i or pronoun.i < subject.i:
            continue
        if _is_plural_group(subject):
            return subject
        return None  # the nearest subject above is someone else
    return None


def _is_plural_group(subject: Token) -> bool:
    """People who can hold a view, several of them: "Liberals", "Senate Democrats", "Ruiz and
    other mayors"; not "issues", "efforts" or "their reputations"."""
    plural = subject.tag_ in ("NNS", "NNPS") or any(
        c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN") for c in subject.children
    )
    lemma = subject.lemma_.lower()
    return plural and (
        subject.pos_ == "PROPN"
        or subject.ent_type_ in ("PERSON", "ORG", "NORP")
        or lemma in ROLE_NOUNS
        or lemma in PEOPLE_NOUNS
        or lemma in PERSON_NOUNS
        or lemma in ADVOCATE_NOUNS
        or lemma in ORGANISATION_WORDS
    )
