"""Step 4, speakers: the actor a cue's subject refers to.

Finds the subject of a cue (following coordination, participles and the texts an actor sends),
the noun phrase that names it, and the actor it refers to: a name, a pronoun's antecedent, a role
description's holder, the author of a document that "says" something.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from quotegraph.analysis.actor_names import title_gender
from quotegraph.analysis.actors import ActorRecord
from quotegraph.analysis.extraction.actor_mentions import ENTITY_TYPES, ActorMentions
from quotegraph.analysis.extraction.article import SUBJECT_DEPS, Article, is_title
from quotegraph.analysis.extraction.plural_pronouns import plural_subject_over
from quotegraph.analysis.extraction.records import Draft, Speaker
from quotegraph.analysis.lexicon import (
    DOCUMENT_NOUNS,
    PERSON_NOUNS,
    PRONOUNS_FEMALE,
    PRONOUNS_MALE,
    REPORTING_VERBS,
    ROLE_NOUNS,
    WRITTEN_SOURCES,
)
from quotegraph.analysis.position_lexicon import FINDING_NOUNS, PEOPLE_NOUNS

# Texts an actor sends or holds up: "issued a statement saying ...", "ran ads calling ...",
# "held up a sign saying ...".
SENT_TEXTS = DOCUMENT_NOUNS | WRITTEN_SOURCES | {"sign", "banner", "placard", "poster"}


class SpeakerResolver:
    """Resolves speaker mentions against the article's actors and the statements found so far
    (``drafts`` is the live list the reader fills: an earlier statement's speaker is a pronoun's
    likeliest antecedent)."""

    def __init__(self, article: Article, mentions: ActorMentions, drafts: list[Draft]) -> None:
        self.article = article
        self.doc = article.doc
        self.text = article.text
        self.registry = mentions.registry
        self.person_mentions = mentions.person_mentions
        self.other_mentions = mentions.other_mentions
        self.drafts = drafts

    def mention_span(self, head: Token) -> tuple[int, int]:
        """Token range of a speaker's noun phrase, without relative clauses or appositions."""
        start = head.left_edge.i
        while start < head.i and (self.doc[start].is_punct or self.doc[start].is_space):
            start += 1
        end = head.i + 1
        for child in head.rights:
            if child.dep_ in ("prep", "compound", "amod", "nummod") or (
                child.dep_ == "appos" and child.ent_type_ == "PERSON"
            ):
                end = max(end, child.right_edge.i + 1)
            else:
                break
        if is_title(head.lower_):
            while (
                end < len(self.doc)
                and end - head.i <= 4
                and (self.doc[end].pos_ == "PROPN" or self.doc[end].text == ".")
            ):
                end += 1
            while end - 1 > head.i and self.doc[end - 1].text == ".":
                end -= 1  # the sentence's full stop, not part of the name
        return start, end

    def speaker_for(self, head: Token, cue_index: int) -> Speaker:
        start, end = self.mention_span(head)
        span = self.doc[start:end]
        name, record = self.resolve(head, cue_index)
        return Speaker(span.start_char, span.end_char, self.article.written(span), name, record)

    def resolve(
        self, head: Token, cue_index: int, depth: int = 0
    ) -> tuple[str | None, ActorRecord | None]:
        """Name the actor a speaker mention refers to."""
        lower = head.lower_
        if head.pos_ == "PRON" or lower in PRONOUNS_MALE or lower in PRONOUNS_FEMALE:
            if lower in ("who", "that", "which") and head.head.dep_ == "relcl" and depth < 2:
                return self.resolve(described(head.head.head), cue_index, depth + 1)
            if lower in PRONOUNS_MALE or lower in PRONOUNS_FEMALE:
                gender = "male" if lower in PRONOUNS_MALE else "female"
                record = self.antecedent(head.i, gender)
                if record is not None:
                    if not record.gender:
                        record.gender = gender
                    return record.name, record
            group = plural_subject_over(head) if depth < 2 else None
            return self.resolve(group, cue_index, depth + 1) if group else (None, None)
        if is_title(head.lower_):
            # "said Army Capt. Christian Pardo": the parser may head the phrase on the title.
            for token in self.doc[head.i + 1 : min(head.i + 4, len(self.doc))]:
                if token.ent_type_ == "PERSON":
                    named = self.named(token.head if token.head.ent_type_ == "PERSON" else token)
                    if named is not None:
                        return named.name, named
        named = self.named(head)
        if named is not None:
            return named.name, named
        for child in head.children:
            if child.dep_ == "appos":
                named = self.named(child)
                if named is not None:
                    return named.name, named
        if head.dep_ == "appos":
            named = self.named(head.head)
            if named is not None:
                return named.name, named
        lemma = head.lemma_.lower()
        if lemma in WRITTEN_SOURCES or lemma in FINDING_NOUNS:
            author = self.author_of(head)
            if author is not None:
                return author.name, author
        definite = any(c.dep_ in ("det", "poss") and c.lower_ != "a" for c in head.lefts)
        if lemma in DOCUMENT_NOUNS and definite:
            for draft in reversed(self.drafts):
                if draft.start < head.idx and draft.speaker and draft.speaker.name:
                    return draft.speaker.name, draft.speaker.record
        if lemma in ROLE_NOUNS and any(c.lower_ in ("the", "this") for c in head.lefts):
            named = self._name_closing_phrase(head)
            if named is not None:
                return named.name, named
            holder = self.role_holder(lemma, head.i)
            if holder is not None:
                return holder.name, holder
        start, end = self.mention_span(head)
        words = self.article.written(self.doc[start:end]).split()
        if words and words[0].lower() in ("the", "a", "an", "one", "some", "another", "other"):
            words = words[1:]
        return (" ".join(words) or None), None

    def _name_closing_phrase(self, head: Token) -> ActorRecord | None:
        """ "The deputy general of the Guards, Ali Fadavi, pledged ...": a name between commas at
        the end of a role's phrase names its holder, wherever the parser hung it."""
        last = head.right_edge.i
        if last + 1 >= len(self.doc) or self.doc[last].text != ",":
            return None
        end = last
        start = end
        while start - 1 > head.i and self.doc[start - 1].ent_type_ == "PERSON":
            start -= 1
        if start == end or self.doc[start - 1].text != "," or start - 1 <= head.i:
            return None
        name = self.doc[end - 1]
        if name.dep_ != "appos":
            return None
        return self.named(name)

    def author_of(self, document: Token) -> ActorRecord | None:
        """Who put out a text that "says" something: "Ann Ruiz's letter", "a statement released
        by the White House". An analyst codes the author as the actor, not the paper."""
        for child in document.children:
            # "Ann Ruiz's letter", "a Washington Post editorial"
            if child.dep_ == "poss" or (
                child.dep_ == "compound" and child.ent_type_ in ("ORG", "PERSON")
            ):
                named = self.named(child)
                if named is not None:
                    return named
            if child.dep_ == "acl" and child.tag_ == "VBN":
                for agent in child.children:
                    if agent.dep_ == "agent":
                        for pobj in agent.children:
                            if pobj.dep_ == "pobj" and (named := self.named(pobj)) is not None:
                                return named
        return None

    def named(self, token: Token) -> ActorRecord | None:
        """The actor named by a proper-noun phrase headed by ``token``."""
        if token.pos_ != "PROPN" and not token.ent_type_ and not can_speak_by_name(token):
            return None
        if token.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "NORP"):
            return None
        first = token.i
        while first > 0:
            prev = self.doc[first - 1]
            inside_name = first <= prev.head.i <= token.i
            # "campaign manager Jeff Weaver": a common noun before the name is a description
            is_word_of_name = (
                prev.pos_ == "PROPN"
                or prev.is_punct
                or (token.ent_type_ != "" and prev.ent_type_ == token.ent_type_)
            )
            if (
                inside_name
                and is_word_of_name
                and prev.dep_ in ("compound", "punct", "nmod")
                and prev.text not in ",;"
            ):
                first -= 1
                continue
            break
        words = self.article.written(self.doc[first : token.i + 1])
        record = self.registry.find(words)
        if record is None:
            actor_type = ENTITY_TYPES.get(token.ent_type_, "other")
            if token.ent_type_ == "" and title_gender(words):
                actor_type = "person"
            record = self.registry.add(words, actor_type)
        return record

    def antecedent(self, index: int, gender: str) -> ActorRecord | None:
        """The person a pronoun at token ``index`` refers to.

        The most recent person mentioned as a clause subject (or as an earlier statement's
        speaker) whose known gender does not clash; failing that, the most recent person at all.
        A person named inside a quotation is one its speaker talks about ("“Look what Merkel
        has done,” he said"), not one the writer's pronoun takes up.
        """
        candidates = [
            (i, r, subj)
            for i, r, subj in self.person_mentions
            if i < index and not self.article.in_quote[i]
        ]
        for draft in self.drafts:
            record = draft.speaker.record if draft.speaker else None
            if record is not None and record.type == "person" and draft.cue_start is not None:
                token_index = bisect.bisect_right(self.article.token_starts, draft.cue_start) - 1
                if token_index < index:
                    candidates.append((token_index, record, True))
        candidates.sort(key=lambda c: c[0])
        for want_subject in (True, False):
            for _, record, is_subject in reversed(candidates):
                if want_subject and not is_subject:
                    continue
                if record.gender and record.gender != gender:
                    continue
                return record
        return None

    def role_holder(self, role: str, index: int) -> ActorRecord | None:
        for token_index, record, _ in reversed(self.person_mentions + self.other_mentions):
            if token_index < index and role in record.roles:
                return record
        holders = [r for r in self.registry.records if role in r.roles]
        return holders[0] if len(holders) == 1 else None

    def subject_of(self, verb: Token) -> Token | None:
        """The speaker's head token for a cue verb, following coordination and participles up."""
        current = verb
        climbed = False
        for _ in range(4):
            if (current.tag_ == "VBG" and current.dep_ == "advcl") or (
                current.dep_ == "conj"
                and current.lemma_.lower() in REPORTING_VERBS
                and not any(c.dep_ in SUBJECT_DEPS for c in current.children)
            ):
                # "X said Y would act, saying ..." / "X said it was early but added ...": the
                # parser hangs the cue on the nearest verb, inside X's claim; the one saying it
                # is X.
                reporting = reporting_verb_over(current.head)
                if reporting is not None:
                    current = reporting
            sentence_root = self.article.sentences[self.article.sentence_of[current.i]].root
            if (
                current.dep_ == "acl"
                and current.tag_ in ("VBD", "VBN")
                and (
                    sentence_root.pos_ in ("NOUN", "PROPN")
                    # "the 43-year-old asked": an adjective with a determiner names someone
                    or (
                        sentence_root.pos_ == "ADJ"
                        and any(c.dep_ == "det" for c in sentence_root.children)
                    )
                )
                and sentence_root.i < current.i
                and (current.head.i == sentence_root.i or self.doc[current.i - 1].text == ",")
            ):
                # "One lawmaker called Trump “...”" read as "a lawmaker (who was) called", or
                # "Stevens, who served as his strategist, called ...": a sentence whose root is
                # a noun has no verb but this one, so it is the verb and the root its subject.
                return sentence_root
            subjects = [c for c in current.children if c.dep_ == "nsubj"]
            if subjects:
                # "His assessment: “...,” he said": the parser may give the cue two subjects;
                # the one next to it is the speaker.
                subject = min(subjects, key=lambda c: abs(c.i - current.i))
                if subject.pos_ == "ADP":
                    # "Of Carson, Levine said ...": the parser made the fronted preposition the
                    # subject and hung the speaker on it, as its object or that object's appositive.
                    topic = next((c for c in subject.children if c.dep_ == "pobj"), None)
                    if topic is None:
                        return None
                    return next((c for c in topic.children if c.dep_ == "appos"), topic)
                return subject
            if current.i == verb.i:
                share = next(
                    (c for c in current.lefts if c.dep_ == "nummod" and c.i == current.i - 1),
                    None,
                )
                if share is not None:
                    # "About 4 in 10 say ...": the parser hangs the count on the verb as if it
                    # were a noun; the count is who says it.
                    return share
            for child in current.children:
                if child.dep_ == "nsubjpass" and (climbed or current.lemma_.lower() == "quote"):
                    # "She was booed after telling them ...": a participle or a coordinated
                    # verb takes the passive clause's grammatical subject.
                    return child
                if child.dep_ == "agent" and not climbed:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            return pobj
            if any(c.dep_ == "nsubjpass" for c in current.children):
                return None
            if (
                # "voters are more likely to say ...": "acomp" climbs to the linking verb
                current.dep_ in ("conj", "xcomp", "advcl", "pcomp", "prep", "acomp")
                and current.head.i != current.i
            ):
                current = current.head
                climbed = True
            elif (
                current.dep_ == "acl"
                and current.head.lemma_.lower() in SENT_TEXTS
                and current.head.head.i != current.head.i
            ):
                # "Trump issued a statement saying ...": the document's sender is the speaker.
                current = current.head.head
            elif (
                current.dep_ == "acl"
                and current.tag_ == "VBG"
                and current.head.dep_ == "pobj"
                and not can_speak(current.head)
                and current.head.head.head.i != current.head.head.i
            ):
                # "..., at one point calling the mayor a “liar”": the parser hangs the
                # participle on a noun that cannot speak; it belongs to the clause's verb.
                current = current.head.head.head
                climbed = True
            else:
                return None
        return None

    def subject_after_quote(self, verb: Token) -> Token | None:
        """In "“...,” Ramos, 58, told AFP" the parser may miss the subject between the closing
        mark and the verb: take the noun phrase head found there."""
        candidate: Token | None = None
        person: Token | None = None  # the last word of a name, however the parser tagged it
        i = verb.i - 1
        while i >= 0 and verb.i - i <= 8:
            token = self.doc[i]
            if token.text in ("”", '"', "''") or (self.article.in_quote[i] and token.is_punct):
                return candidate or person
            if token.ent_type_ == "PERSON" and person is None:
                person = token
            if self.article.in_quote[i]:
                return None
            if token.pos_ in ("VERB", "AUX"):
                # "“...,” screenwriter Cole Haddon wrote": the parser may take the title for a
                # verb; a name between the closing mark and the cue is still the speaker.
                if person is None or token.i > person.i:
                    return None
                i -= 1
                continue
            if token.pos_ in ("PROPN", "PRON", "NOUN") and token.dep_ not in (
                "compound",
                "poss",
                "pobj",
                "dobj",
                "appos",
            ):
                candidate = token
            i -= 1
        return None

    def name_before(self, verb: Token) -> Token | None:
        """The speaker the parser hung elsewhere: "In a statement to the Observer, her adviser,
        Jake Sullivan, said: ..." leaves "said" without a subject; take the name right before it
        (only commas between)."""
        i = verb.i - 1
        while i >= 0 and self.doc[i].text == "," and not self.article.in_quote[i]:
            i -= 1
        if (
            i < 0
            or self.article.in_quote[i]
            or self.article.sentence_of[i] != self.article.sentence_of[verb.i]
        ):
            return None
        token = self.doc[i]
        if token.ent_type_ in ("PERSON", "ORG") and token.dep_ in ("appos", "conj", "pobj"):
            return token
        return None


def reporting_verb_over(token: Token) -> Token | None:
    """The reporting verb whose complement clause ``token`` belongs to, if any."""
    for _ in range(3):
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in REPORTING_VERBS:
            return token.head
        if token.dep_ not in ("xcomp", "conj", "ccomp") or token.head.i == token.i:
            return None
        token = token.head
    return None


def can_speak(token: Token) -> bool:
    """True for a word that can name someone who speaks: a name, a personal pronoun, a role."""
    lower = token.lower_
    if lower in PRONOUNS_MALE or lower in PRONOUNS_FEMALE or lower in ("i", "we", "they"):
        return True
    if token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    if token.lemma_.lower() in ROLE_NOUNS:
        return True
    return can_speak_by_name(token)


def can_speak_by_name(token: Token) -> bool:
    """ "Trump later defended ...": the tagger may read a surname as a common word; it is a
    name where the article names that person elsewhere."""
    return token.is_title and token.text in person_name_words(token.doc)


def person_name_words(doc: Doc) -> frozenset[str]:
    """The words of the names the recogniser tagged as people in ``doc``, read once per Doc."""
    words = doc.user_data.get("quotegraph_person_words")
    if words is None:
        words = frozenset(w for e in doc.ents if e.label_ == "PERSON" for w in e.text.split())
        doc.user_data["quotegraph_person_words"] = words
    return words


def main_subject_before(article: Article, verb: Token) -> Token | None:
    """ "Clinton seemed ready to riff on it, telling the crowd, “...”": the parser may hang a
    participle after a comma inside the quotation that follows; it belongs to the clause
    before it, whose subject is the speaker."""
    if verb.tag_ != "VBG" or verb.i == 0 or article.doc[verb.i - 1].text != ",":
        return None
    if not article.in_quote[verb.head.i]:
        return None
    root = article.sentences[article.sentence_of[verb.i]].root
    if root.i > verb.i or article.in_quote[root.i]:
        return None
    return next((c for c in root.children if c.dep_ == "nsubj"), None)


def named_after_comma(noun: Token) -> Token | None:
    """The name set after a noun by a comma ("the mayor's introducer, actress Ana Ruiz"): the
    last word of the proper-noun run, at most one description word after the comma."""
    doc = noun.doc
    i = noun.i + 1
    if i >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    if i < len(doc) and doc[i].pos_ == "NOUN":
        i += 1
    if i >= len(doc) or doc[i].pos_ != "PROPN":
        return None
    while i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN":
        i += 1
    return doc[i]


def person_noun_after(verb: Token) -> Token | None:
    """ "“How big is that wall?” asked the boy": after an inverted cue, a noun phrase naming a
    person (a role or a kind of people) is the speaker, whatever relation the parser gave it;
    for another noun, the name after it ("the mayor's introducer, actress Ana Ruiz")."""
    doc = verb.doc
    for token in doc[verb.i + 1 : verb.i + 6]:
        if token.pos_ == "NOUN" and token.dep_ not in ("compound", "poss"):
            lemma = token.lemma_.lower()
            if lemma in ROLE_NOUNS or lemma in PEOPLE_NOUNS or lemma in PERSON_NOUNS:
                return token
            return named_after_comma(token)
        if (
            token.pos_ not in ("DET", "ADJ", "NUM", "PROPN", "NOUN", "PART")
            and token.dep_ != "poss"
        ):
            return None
    return None


# Entity types a capitalised word after a cue may have that do not name a speaker.
_NOT_NAMES = frozenset(("DATE", "TIME", "CARDINAL", "ORDINAL", "GPE", "LOC", "FAC", "EVENT"))


def lone_word_after(verb: Token, token: Token) -> bool:
    """ "said Skelly,": a capitalised word alone right after the cue, however it was tagged."""
    doc = verb.doc
    return (
        token.i == verb.i + 1
        and token.is_title
        and not token.is_stop
        and token.ent_type_ not in _NOT_NAMES
        and (token.i + 1 == len(doc) or doc[token.i + 1].is_punct)
    )


def name_after(verb: Token) -> Token | None:
    """The head of the name after an inverted cue ("“...,” said David Brock, ..."): a person
    the recogniser tagged ("said Oversight ranking Democrat Elijah Cummings"), else the first
    proper noun, else a capitalised word alone ("said Skelly,"), however the parser tagged it."""
    doc = verb.doc
    window = doc[verb.i + 1 : verb.i + 7]
    # only titles and descriptions may stand between the cue and the person ("said Oversight
    # ranking Democrat ..."), not a clause ("claiming he had disavowed Duke")
    following = None
    for token in window:
        if token.ent_type_ == "PERSON":
            following = token.i
            break
        if token.pos_ not in ("PROPN", "NOUN", "ADJ", "DET", "NUM") and token.tag_ != "VBG":
            break
    if following is None:
        following = next(
            (
                t.i
                for t in window[:4]
                if t.ent_type_ == "ORG" or t.pos_ == "PROPN" or lone_word_after(verb, t)
            ),
            None,
        )
    if following is None:
        return None
    # the name's head: the last token of this proper-noun run
    while (
        following + 1 < len(doc)
        and doc[following + 1].pos_ == "PROPN"
        and doc[following + 1].ent_iob_ == "I"
    ):
        following += 1
    subject = doc[following]
    # "said Democrat Elijah Cummings": the name the title is part of
    while (
        subject.dep_ == "compound" and subject.head.pos_ == "PROPN" and subject.head.i > subject.i
    ):
        subject = subject.head
    if subject.dep_ == "compound" and subject.head.pos_ == "NOUN":
        subject = subject.head  # "wrote a Trump supporter": the supporter
    return subject


def described(antecedent: Token) -> Token:
    """The one a relative clause is about: "Trump is a liar, bully and xenophobe who has pledged
    to ...": the named person a predicate noun describes, not the noun itself. Not "It was
    Manafort who ..." nor "One such politician was Obama, who ...", where the name is the
    predicate, nor "The barrier has been voters who ...", where no one is named."""
    noun = antecedent
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    if noun.dep_ != "attr" or noun.head.lemma_ != "be" or noun.pos_ != "NOUN":
        return antecedent
    subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return antecedent
    # a name only: through a pronoun the guess would settle that pronoun's gender for the article
    if subject.pos_ == "PROPN" or subject.ent_type_ in ("PERSON", "ORG"):
        return subject
    return antecedent
