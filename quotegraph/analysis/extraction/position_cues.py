"""Which words state a position, and the complement each needs to state one.

A speech act, a stance or a finding verb ("urged", "opposes", "found"), a phrasal verb with its
particle ("laid out"), or a stance adjective after a linking verb ("were keen to"); some state
one only with a particular complement: a view its "as", an attack a named person, an offer its
infinitive.
"""

from __future__ import annotations

from spacy.tokens import Token

from quotegraph.analysis.position_lexicon import (
    EMOTION_PARTICIPLES,
    FINDING_VERBS,
    INFINITIVE_ONLY_VERBS,
    PERSON_TARGET_VERBS,
    PHRASAL_POSITION_VERBS,
    SPEECH_ACT_VERBS,
    STANCE_ADJECTIVES,
    STANCE_VERBS,
    VIEW_VERBS,
)

POSITION_VERBS = SPEECH_ACT_VERBS | STANCE_VERBS | FINDING_VERBS
# Linking verbs a stance adjective follows: "were keen to", "remains determined to".
LINKING_VERBS = frozenset(("be", "remain", "seem", "appear", "stay"))


def position_cue(token: Token) -> Token | None:
    """The verb that states a position at ``token``, if any: the verb itself, or for a stance
    adjective ("keen to") the linking verb before it."""
    lemma = token.lemma_.lower()
    if (
        (
            (token.pos_ == "ADJ" and lemma in STANCE_ADJECTIVES)
            # "is concerned that ...": a participle tagged as a verb, used as the adjective
            or (token.tag_ == "VBN" and token.lower_ in STANCE_ADJECTIVES)
        )
        and token.dep_ == "acomp"
        and token.head.lemma_.lower() in LINKING_VERBS
    ):
        return token.head
    if token.pos_ in ("VERB", "AUX") and lemma in POSITION_VERBS:
        return token
    particles = PHRASAL_POSITION_VERBS.get(lemma)
    if (
        token.pos_ == "VERB"
        and particles
        and any(c.dep_ == "prt" and c.lower_ in particles for c in token.children)
    ):
        return token  # "laid out his plan", "did not rule out a run"
    return None


def complements_of(cue: Token) -> list[Token]:
    """The cue's dependents, with those the parser hangs on its "back" ("pushed back against the
    plan": "against" hangs on "back")."""
    children = list(cue.children)
    for child in cue.children:
        if child.dep_ in ("advmod", "prt") and child.lower_ == "back":
            children += [c for c in child.children if c.dep_ == "prep"]
    return children


def lacks_its_complement(cue: Token, lemma: str) -> bool:
    """True when a cue that states a position only with a particular complement lacks it:
    a view its "as" ("sees the deal as a mistake", where the parser may hang the "as" on the
    object), an attack a named person, an offer its infinitive ("offered to debate")."""
    if lemma in VIEW_VERBS:
        holders = [cue, *(c for c in cue.children if c.dep_ == "dobj")]
        return not any(c.dep_ == "prep" and c.lower_ == "as" for h in holders for c in h.children)
    if lemma in PERSON_TARGET_VERBS:
        return not any(c.dep_ == "dobj" and c.ent_type_ == "PERSON" for c in cue.children)
    if lemma in INFINITIVE_ONLY_VERBS:
        return not any(
            c.dep_ in ("xcomp", "advcl")
            and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            for c in cue.children
            if c.i > cue.i
        )
    return False


def stative_participle_subject(token: Token) -> Token | None:
    """The subject of a participle that the parser read as a passive but that is a stance
    adjective ("Jones is opposed to ...", "they were determined to ..."), or None."""
    if token.tag_ != "VBN" or token.lower_ not in STANCE_ADJECTIVES:
        return None
    if not any(c.dep_ == "auxpass" for c in token.children):
        return None
    if token.lower_ not in EMOTION_PARTICIPLES and any(c.dep_ == "agent" for c in token.children):
        return None  # "was opposed by the union": a true passive; "angered by" is a feeling
    subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    if subject is None:
        # the parser may hang the subject on the auxiliary: "Jones is opposed to ..."
        auxiliary = next(c for c in token.children if c.dep_ == "auxpass")
        subject = next((c for c in auxiliary.children if c.dep_ == "nsubj"), None)
    return subject
