"""Step 6, positions: what an actor stands for when no words of theirs are reported.

Three forms, each with its content the cue's complement:

- a speech act with an object or an infinitive: "urged other countries to turn their backs on
  the deal", "pledged vengeance", "warned of further action", "called on X to ...";
- a stance or an intention: "supports the wall", "wants to leave", "were keen to de-escalate",
  "is concerned that ...", also said with a noun: "Trump's call for a ban", "her opposition to
  the deal", "X, a longtime critic of the plan";
- a finding: "a poll found broad support for ...", "the study shows ...".

A position needs a subject that can hold one (a name, a personal pronoun, a role, a group of
people, or for a finding a poll or a study); otherwise there is no suggestion rather than a wrong
speaker.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from quotegraph.analysis.extraction.article import Article
from quotegraph.analysis.extraction.content_boundaries import (
    bounded_range,
    classify,
    relative_aside_inside,
    trimmed,
)
from quotegraph.analysis.extraction.position_cues import (
    LINKING_VERBS,
    complements_of,
    lacks_its_complement,
    position_cue,
    stative_participle_subject,
)
from quotegraph.analysis.extraction.records import Draft
from quotegraph.analysis.extraction.speakers import SpeakerResolver, can_speak
from quotegraph.analysis.lexicon import (
    DOCUMENT_NOUNS,
    ORGANISATION_WORDS,
    WRITTEN_SOURCES,
)
from quotegraph.analysis.position_lexicon import (
    ADVOCATE_NOUNS,
    AIMED_NOUNS,
    AIMING_VERBS,
    BELIEF_VERBS,
    CHANNEL_NOUNS,
    FINDING_NOUNS,
    FINDING_VERBS,
    GOVERNED_PREPOSITIONS,
    HOLDING_VERBS,
    INFINITIVE_COMPLEMENT_VERBS,
    INFINITIVE_STANCE_NOUNS,
    LISTENER_OBJECT_VERBS,
    PEOPLE_NOUNS,
    PERSON_TARGET_VERBS,
    PREPOSITION_ONLY_VERBS,
    RECEIVED_STANCE_NOUNS,
    RECEIVING_VERBS,
    SHARE_WORDS,
    STANCE_NOUNS,
)

POSITION = "position"
BELIEF_OR_FINDING_VERBS = BELIEF_VERBS | FINDING_VERBS
_COMPLEMENT_DEPS = ("dobj", "xcomp", "ccomp", "oprd", "dative")
# Prepositions of time after a position's content: when it was taken, not what it is.
_WHEN_PREPOSITIONS = frozenset(("after", "before", "following", "since", "amid", "until"))
# Personal pronouns as objects: the person a stance is toward ("Sanders endorsed her").
_PERSON_OBJECTS = frozenset(("him", "her", "them"))
# Objects that are no position's content: "released a statement", "called it".
_EMPTY_OBJECTS = DOCUMENT_NOUNS | WRITTEN_SOURCES | {"it", "this", "that", "so", "one"}


def is_finding_source(token: Token | None) -> bool:
    """True for the subject of a finding: "the poll", "a new study"."""
    return token is not None and token.lemma_.lower() in FINDING_NOUNS


def speech_kind_as_position(lemma: str, subject: Token | None, kind: str) -> str:
    """The kind of a reported clause: a belief ("believes that ...") or a finding ("a poll
    found that ...") stated without quoted words is a position, the rest stays speech."""
    if kind == "indirect" and (
        lemma in BELIEF_VERBS or (lemma in FINDING_VERBS and is_finding_source(subject))
    ):
        return POSITION
    return kind


def only_a_pronoun_or_date(doc: Doc, first: int, last: int) -> bool:
    """True when tokens first..last-1 are a pronoun, a number or a date and nothing else, with
    at most a preposition or a bare "to" ("about it", "didn't want to")."""
    words = [t for t in doc[first:last] if not (t.is_punct or t.is_space)]
    if len(words) == 1 and words[0].lower_ in _PERSON_OBJECTS:
        return False  # "endorsed her", "attacked him": a stance toward a person
    return all(
        t.pos_ in ("PRON", "DET", "NUM", "PART", "ADP")
        or t.ent_type_ in ("DATE", "TIME", "CARDINAL")
        for t in words
    )


def over_split_word(article: Article, last: int) -> int:
    """End of the content past a hyphenated word the parser split ("to de-escalate the
    situation" read as "to de" and a clause of its own)."""
    doc = article.doc
    sentence_end = article.sentences[article.sentence_of[last - 1]].end
    if (
        last + 1 < sentence_end
        and doc[last].text == "-"
        and not doc[last - 1].whitespace_
        and not doc[last].whitespace_
        and doc[last + 1].is_alpha
    ):
        word = doc[last + 1]
        right = word.right_edge.i + 1 if word.right_edge.i >= word.i else word.i + 1
        return min(max(right, last + 2), sentence_end)
    return last


def in_a_question(article: Article, token: Token) -> bool:
    """True when ``token`` is in a sentence of the writer's that asks a question: it states no
    claim or position ("Do you support the wall?", "Did she say it failed?"). A noun or a
    relative clause is taken as given all the same ("Did they discuss his vow to ...?", "NAFTA,
    which Trump had called a “disaster”?")."""
    if token.pos_ == "NOUN" or any(t.dep_ in ("relcl", "acl") for t in (token, *token.ancestors)):
        return False
    sentence = article.sentences[article.sentence_of[token.i]]
    words = [t for t in sentence if not t.is_space]
    return bool(words) and words[-1].text == "?" and not article.in_quote[words[-1].i]


def can_hold_position(subject: Token) -> bool:
    """A name, a personal pronoun, a role, a group of people or an organisation ("the
    union"), not "it" or "the plan"."""
    if subject.lower_ in ("who", "that", "which") and subject.head.dep_ == "relcl":
        subject = subject.head.head  # "the union, which endorsed Sanders": the union
    if can_speak(subject):
        return True
    if subject.pos_ == "PROPN":
        return True
    lemma = subject.lemma_.lower()
    if lemma in ADVOCATE_NOUNS:
        return True  # "advocates called for his dismissal"
    if lemma in SHARE_WORDS or subject.like_num:
        # "two-thirds of voters": the group holds it; "About half support ...": the people
        # the article counts
        group = next(
            (
                g
                for c in subject.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            ),
            None,
        )
        return group is None or can_hold_position(group)
    return lemma in PEOPLE_NOUNS or lemma in ORGANISATION_WORDS


class PositionReader:
    """Reads the position a verb (or a stance adjective) states, with its holder."""

    def __init__(self, article: Article, speakers: SpeakerResolver) -> None:
        self.article = article
        self.doc = article.doc
        self.speakers = speakers

    def position_statement(self, token: Token) -> Draft | None:
        """The position stated at ``token`` (a verb, a stance adjective or a stance noun), or
        None."""
        if in_a_question(self.article, token):
            return None  # "Do you support the wall?", "How do you think he will win?"
        if token.pos_ == "NOUN":
            return self.noun_position(token)
        stative_subject = stative_participle_subject(token)
        if stative_subject is not None:
            # "is opposed to the pipeline", "are determined to win": a participle read as a
            # passive but meaning the adjective; its grammatical subject holds the stance
            verb = adjective = token
            lemma = token.lower_
            subject: Token | None = stative_subject
        else:
            verb = position_cue(token)
            if verb is None:
                return None
            adjective = token if token is not verb else None
            lemma = (adjective or verb).lemma_.lower()
            if adjective is not None and adjective.tag_ == "VBN":
                lemma = adjective.lower_  # "concerned", not the verb "concern"
            # "Asked what he wants, Ruiz said ...": a participle clause without a subject of its
            # own is passive, though the parser may tag it as a past tense
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
                verb.tag_ in ("VBN", "VBD")
                and verb.dep_ in ("advcl", "acl")
                and not any(c.dep_ in ("aux", "nsubj") for c in verb.children)
            )
            if passive:
                # "was condemned by the mayor", "a bill backed by the union": the holder is the
                # agent, if named; "when asked whether ..." names none
                return self.passive_position(verb, lemma)
            subject = self.speakers.subject_of(verb)
            if (
                subject is None
                and verb.dep_ == "acl"
                and verb.tag_ == "VBG"
                and verb.head.pos_ in ("NOUN", "PROPN")
                and verb.head.i < verb.i
                and verb.head.lemma_.lower() not in WRITTEN_SOURCES | CHANNEL_NOUNS
            ):
                # "a super PAC backing Jeb Bush": the noun it describes ("posts outlining her
                # view" are the channel of someone's view, not its holder)
                subject = verb.head
        if subject is None or self.article.in_quote[subject.i]:
            return None
        finding = lemma in FINDING_VERBS and not adjective
        if finding and not is_finding_source(subject):
            return None
        if not finding and not can_hold_position(subject):
            return None
        content = self._content_range(adjective or verb, lemma)
        if content is None and adjective is not None:
            content = self._clause_after(verb, adjective)
        if content is None:
            return None
        start, end, _ = classify(self.article, *content)
        speaker = self.speakers.speaker_for(subject, verb.i)
        cue = adjective or verb
        particle = next((c for c in verb.children if c.dep_ == "prt"), None)
        cue_text = cue.text if particle is None or adjective else f"{cue.text} {particle.text}"
        cue_end = cue.idx + len(cue.text)
        if cue_text != cue.text and particle.i == cue.i + 1:
            cue_end = particle.idx + len(particle.text)  # "laid out": the mark covers both
        return Draft(start, end, POSITION, cue_text, cue.idx, cue_end, speaker)

    def passive_position(self, verb: Token, lemma: str) -> Draft | None:
        """ "The plan was condemned by the mayor", "a bill backed by the union": the agent
        holds the position and what the verb is done to is its content."""
        if lemma in FINDING_VERBS or lemma in LISTENER_OBJECT_VERBS:
            return None  # "was called a liar by ...", "was asked by ...": no plain object
        agent = next(
            (g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"),
            None,
        )
        if agent is None or self.article.in_quote[agent.i] or not can_hold_position(agent):
            return None
        target = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if target is None and verb.dep_ == "acl" and verb.head.i < verb.i:
            target = verb.head  # "a sentiment endorsed by the crowd"
        if target is not None and target.lower_ in ("which", "that") and verb.dep_ == "relcl":
            target = verb.head  # "the highway, which is opposed by residents"
        if target is None or self.article.in_quote[target.i]:
            return None
        first, last = self.speakers.mention_span(target)
        last = min(last, verb.i)  # the participle and its agent are not the content
        return self._position_draft(first, last, verb, agent)

    def noun_position(self, noun: Token) -> Draft | None:
        """ "Trump's call for a ban on imports", "her plan to cut taxes": a stance noun whose
        possessor holds the position and whose governed phrase or infinitive is its content."""
        lemma = noun.lemma_.lower()
        if lemma in ADVOCATE_NOUNS:
            return self.advocate_position(noun)
        if lemma in ("favor", "favour"):
            return self.favour_position(noun)
        governed = STANCE_NOUNS.get(lemma, frozenset())
        if not governed and lemma not in INFINITIVE_STANCE_NOUNS:
            return None
        holder = next((c for c in noun.children if c.dep_ == "poss"), None)
        held = noun.dep_ == "dobj" and (
            noun.head.lemma_.lower() in HOLDING_VERBS
            or (lemma in AIMED_NOUNS and noun.head.lemma_.lower() in AIMING_VERBS)
        )
        if held and (holder is None or holder.lower_ in ("its", "their")):
            # "delegates showed little enthusiasm for ...", "threw its support behind ..."
            holder = self.speakers.subject_of(noun.head)
        if holder is None:
            return self.received_position(noun)
        if self.article.in_quote[holder.i] or not can_hold_position(holder):
            return None
        if lemma in PERSON_TARGET_VERBS and holder.ent_type_ != "PERSON":
            return None  # "Trump's attacks on Clinton" are words; "Iran's attack on the base" not
        content = None
        children = list(noun.children)
        if held:
            # "threw its support behind the mayor": the parser hangs the phrase on the verb
            children += [c for c in noun.head.children if c.i > noun.i and c.dep_ == "prep"]
        for child in children:
            if child.i < noun.i:
                continue
            if child.dep_ == "prep" and child.lower_ in governed:
                objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
                if objects:
                    content = (child.i + 1, max(o.right_edge.i for o in objects) + 1)
                    break
            if (
                lemma in INFINITIVE_STANCE_NOUNS
                and child.dep_ in ("acl", "relcl", "xcomp")
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children)
            ):
                content = (child.left_edge.i, child.right_edge.i + 1)
                break
        if content is None:
            return None
        first, last = bounded_range(self.article, content[0], content[1], noun.i)
        if first <= noun.i:
            return None
        last = self._before_channel(first, last)
        last = self._before_relative_aside(first, last)
        return self._position_draft(first, last, noun, holder)

    def received_position(self, noun: Token) -> Draft | None:
        """ "Rubio has won support from governors": the stance of those it comes from, toward
        the one who receives it."""
        if noun.lemma_.lower() not in RECEIVED_STANCE_NOUNS or noun.dep_ != "dobj":
            return None
        verb = noun.head
        if verb.lemma_.lower() not in RECEIVING_VERBS:
            return None
        source = next(
            (
                g
                # the parser hangs "from ..." on the noun or on the verb
                for c in (*noun.children, *verb.children)
                if c.dep_ == "prep" and c.lower_ == "from" and c.i > noun.i
                for g in c.children
                if g.dep_ == "pobj"
            ),
            None,
        )
        receiver = self.speakers.subject_of(verb)
        if source is None or receiver is None or receiver.i > verb.i:
            return None
        if self.article.in_quote[source.i] or not can_hold_position(source):
            return None
        first, last = self.speakers.mention_span(receiver)
        return self._position_draft(first, last, noun, source)

    def advocate_position(self, noun: Token) -> Draft | None:
        """ "Ryan is a vocal advocate of trade deals", "Ann Ruiz, a critic of the plan, ...":
        what an actor is said to be a supporter or a critic of."""
        if noun.dep_ == "attr" and noun.head.lemma_.lower() in LINKING_VERBS | {"become"}:
            holder = self.speakers.subject_of(noun.head)
        elif noun.dep_ == "appos":
            holder = noun.head
        else:
            return None
        if holder is None or self.article.in_quote[holder.i] or self.article.in_quote[noun.i]:
            return None
        if not can_hold_position(holder):
            return None
        return self._of_object_position(noun, holder)

    def favour_position(self, noun: Token) -> Draft | None:
        """ "Most residents are in favour of the park", "voted in favor of the bill": the
        subject of the verb the phrase hangs on holds the stance."""
        preposition = noun.head
        if noun.dep_ != "pobj" or preposition.lower_ != "in":
            return None
        if preposition.head.pos_ not in ("VERB", "AUX") or self.article.in_quote[noun.i]:
            return None
        holder = self.speakers.subject_of(preposition.head)
        if holder is None or self.article.in_quote[holder.i] or not can_hold_position(holder):
            return None
        return self._of_object_position(noun, holder)

    def _of_object_position(self, noun: Token, holder: Token) -> Draft | None:
        """The position whose content is the object of the noun's "of" ("a critic of the
        plan", "in favour of the park")."""
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        objects = [g for g in of.children if g.dep_ in ("pobj", "pcomp")] if of else []
        if not objects:
            return None
        last = max(o.right_edge.i for o in objects) + 1
        first, last = bounded_range(self.article, of.i + 1, last, noun.i)
        last = self._before_relative_aside(first, last)
        return self._position_draft(first, last, noun, holder)

    def _position_draft(self, first: int, last: int, cue: Token, holder: Token) -> Draft | None:
        """A position over tokens first..last-1 held by ``holder``, or None when they are only a
        pronoun or a date (nothing to code)."""
        rng = trimmed(self.article, first, last)
        if rng is None or only_a_pronoun_or_date(self.doc, first, last):
            return None
        start, end, _ = classify(self.article, *rng)
        speaker = self.speakers.speaker_for(holder, cue.i)
        return Draft(start, end, POSITION, cue.text, cue.idx, cue.idx + len(cue.text), speaker)

    def _content_range(self, cue: Token, lemma: str) -> tuple[int, int] | None:
        """Character range of the cue's complement, or None when it has none worth coding."""
        if lacks_its_complement(cue, lemma):
            return None  # "saw the house", "rebels attacked the town", "offered a discount"
        governed = GOVERNED_PREPOSITIONS.get(lemma, frozenset())
        starts: list[int] = []
        ends: list[int] = []
        has_content = False
        # "promised Sunday at a rally to end ...": the parser reads the day as the object and
        # the cue's infinitive complement as a purpose clause
        # "called for the president to resign": the parser reads "for X to ..." as a clause,
        # the object of the cue's governed "for"
        infinitive = next(
            (
                c
                for c in cue.children
                if c.i > cue.i
                and c.dep_ == "advcl"
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                and (
                    lemma in INFINITIVE_COMPLEMENT_VERBS
                    or (
                        "for" in governed
                        and any(g.dep_ == "mark" and g.lower_ == "for" for g in c.children)
                    )
                )
            ),
            None,
        )
        for child in complements_of(cue):
            if child.i < cue.i:
                continue
            if (
                infinitive is not None
                and child.dep_ == "dobj"
                and child.ent_type_ in ("DATE", "TIME")
                and child.left_edge.i == child.right_edge.i
            ):
                continue  # the day, not what was promised
            if child.dep_ in _COMPLEMENT_DEPS and lemma not in PREPOSITION_ONLY_VERBS:
                if child.dep_ == "dobj" and (
                    child.lower_ in _EMPTY_OBJECTS or child.lemma_.lower() in _EMPTY_OBJECTS
                ):
                    return None
                starts.append(child.left_edge.i)
                ends.append(child.right_edge.i + 1)
                # a listener alone ("warned them") says nothing; "warned them to leave" does
                if not (child.dep_ in ("dobj", "dative") and lemma in LISTENER_OBJECT_VERBS):
                    has_content = True
            elif child.dep_ in ("prep", "agent") and child.lower_ in governed:
                # "dismissed the report as partisan": the parser hangs the adjective on "as"
                object_deps = (
                    ("pobj", "pcomp", "amod") if child.lower_ == "as" else ("pobj", "pcomp")
                )
                objects = [g for g in child.children if g.dep_ in object_deps]
                if not objects or all(o.ent_type_ in ("DATE", "TIME") for o in objects):
                    continue  # "spoke on Monday": when, not about what
                starts.append(child.i + 1)
                ends.append(max(o.right_edge.i for o in objects) + 1)
                has_content = True
        if not has_content:
            if infinitive is None or starts:
                return None  # "warned them" alone says nothing
            first = infinitive.left_edge
            starts = [first.i + 1 if first.dep_ == "mark" and first.lower_ == "for" else first.i]
            ends = [infinitive.right_edge.i + 1]
        if cue.tag_ != "VB" and any(
            c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in cue.children
        ):
            # "pledged to enact reform, fix the system and ...": the parser hangs the bare
            # infinitives on the cue; they go on the promised list
            ends += [
                c.right_edge.i + 1 for c in cue.children if c.dep_ == "conj" and c.tag_ == "VB"
            ]
        end = self._over_adjuncts(cue, max(ends))
        first, last = bounded_range(self.article, min(starts), end, cue.i)
        if first <= cue.i:
            return None
        last = self._before_channel(first, last)
        last = self._before_relative_aside(first, last)
        last = over_split_word(self.article, last)
        rng = trimmed(self.article, first, last)
        if rng is None:
            return None
        words = self.article.text[rng[0] : rng[1]].split()
        if len(words) == 1 and words[0].lower() in _EMPTY_OBJECTS:
            return None
        if only_a_pronoun_or_date(self.doc, first, last):
            return None  # "threatened them", "promised Sunday": nothing to code
        return rng

    def _clause_after(self, verb: Token, adjective: Token) -> tuple[int, int] | None:
        """ "was adamant that the company keep ...": the parser may hang the adjective's
        that-clause on the linking verb; it is still the adjective's content."""
        clause = next(
            (
                c
                for c in verb.children
                if c.dep_ == "ccomp"
                and c.i > adjective.i
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            ),
            None,
        )
        if clause is None:
            return None
        first, last = bounded_range(
            self.article, clause.left_edge.i, clause.right_edge.i + 1, verb.i
        )
        return trimmed(self.article, first, last)

    def _over_adjuncts(self, cue: Token, end: int) -> int:
        """End of the content past what the parser hung on the cue but belongs to its object:
        "noting the attacks in recent months to gain leverage", up to a comma. Where it was said
        ("in a letter") stays out, and so does a date or a time ("on Monday") unless more of the
        content follows it."""
        pending = end  # the end past a date, kept only if content follows it
        for child in sorted(cue.children, key=lambda c: c.i):
            if child.i < end:
                continue
            if child.left_edge.i > pending:
                break
            if child.dep_ == "prep":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if not objects or any(o.lemma_.lower() in CHANNEL_NOUNS for o in objects):
                    break
                if child.lower_ in _WHEN_PREPOSITIONS:
                    break  # "called for a ban following the shooting": when, not what
                if any(o.ent_type_ in ("DATE", "TIME") for o in objects):
                    pending = child.right_edge.i + 1
                    continue
            elif not (
                child.dep_ == "advcl"
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children)
            ):
                break
            end = pending = child.right_edge.i + 1
        return end

    def _before_relative_aside(self, first: int, last: int) -> int:
        """End of the content before ", which ..." or ", who ...": the writer's description of
        what the actor stands for, not part of it (and often another statement's cue)."""
        for i in range(first + 1, last):
            if self.doc[i].lower_ in ("which", "who") and self.doc[i - 1].text == ",":
                if relative_aside_inside(self.article, i, last):
                    continue  # "asked Kasich, who is fourth, to lay out ...": it stays
                return i
        return last

    def _before_channel(self, first: int, last: int) -> int:
        """End of the content before a phrase saying where it was stated ("... in a letter on
        Wednesday"), which the parser may hang inside the content."""
        for i in range(first + 1, last):
            token = self.doc[i]
            if (
                token.dep_ == "prep"
                and token.lower_ in ("in", "at", "during", "on")
                and any(
                    c.dep_ == "pobj" and c.lemma_.lower() in CHANNEL_NOUNS for c in token.children
                )
            ):
                return i
        return last
