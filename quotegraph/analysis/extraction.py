"""Find reported statements in an article and who made them.

One pass over spaCy's parse of the article (never a second parse): quotation marks are paired in the
raw text, reporting cues are read from the dependency tree (a reporting verb with its clausal
complement, "according to X", "X was quoted as saying", a cue noun with a "that" clause), quoted
passages are attached to the cue next to them or continue the last speaker, and every speaker
mention is resolved to an actor of the article (pronouns, role descriptions, name variants).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from quotegraph.analysis.actors import ActorRecord, ActorRegistry, strip_titles, title_gender
from quotegraph.analysis.lexicon import (
    COGNITION_VERBS,
    DISPUTING_VERBS,
    DOCUMENT_NOUNS,
    NOUN_CUES,
    PHRASAL_REPORTING_VERBS,
    PRONOUNS_FEMALE,
    PRONOUNS_MALE,
    QUOTE_ONLY_VERBS,
    REPORTING_VERBS,
    ROLE_NOUNS,
    SAYING_VERBS,
    TITLES,
    WRITTEN_SOURCES,
)
from quotegraph.analysis.nlp import PIPELINE_VERSION, load_pipeline
from quotegraph.analysis.quotes import (
    ALL_MARKS,
    QuotedPassage,
    closing_mark_length,
    find_quoted_passages,
)

__all__ = [
    "ActorCandidate",
    "ArticleAnalysis",
    "Entity",
    "Statement",
    "analyse_doc",
    "analyse_text",
    "analyse_texts",
    "canonical_actor_key",
]

from quotegraph.analysis.actors import canonical_actor_key  # noqa: E402  (re-exported public API)


@dataclass(frozen=True)
class Entity:
    """A named entity: code-point offsets into the text, spaCy label and surface text."""

    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class Statement:
    """A reported statement: the claim span, how it is reported and who made it."""

    start: int
    end: int
    content: str
    kind: str  # "direct" | "mixed" | "indirect"
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_mention: str | None
    speaker: str | None


@dataclass(frozen=True)
class ActorCandidate:
    """An actor of the article with the name variants it appears under."""

    name: str
    type: str  # "person" | "organisation" | "place" | "other"
    aliases: tuple[str, ...]
    affiliation: str | None


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything extracted from one article, stamped with the pipeline version."""

    entities: tuple[Entity, ...]
    statements: tuple[Statement, ...]
    actors: tuple[ActorCandidate, ...]
    pipeline_version: str


_ENTITY_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place"}
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_ADVERBIAL_MARKS = frozenset(
    "as while when because since though although until before after once unless".split()  # noqa: SIM905
)
# Texts an actor sends or holds up: "issued a statement saying ...", "ran ads calling ...",
# "held up a sign saying ...".
_SENT_TEXTS = DOCUMENT_NOUNS | WRITTEN_SOURCES | {"sign", "banner", "placard", "poster"}
# "when asked", "after being pressed": the occasion of a statement, never part of it.
_QUESTIONING_VERBS = frozenset(("ask", "press", "question", "challenge", "prompt", "quiz"))
_NON_BLANK = re.compile(r"\S")
_NON_SPACE_OR_TAB = re.compile(r"[^ \t]")
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")
_DASHES = frozenset(("-", "--", "—", "–"))
# Words that open the writer's aside after a dash rather than more of the claim.
_ASIDE_OPENERS = frozenset(
    (
        "including",
        "though",
        "although",
        "within",
        "unlike",
        "despite",
        "except",
        "which",
        "who",
        "not",
    )
)
_MIN_CLAIM_WORDS = 5  # a quoted passage shorter than this with no cue is a phrase, not a claim
_CONTINUATION_REACH = (
    1200  # characters after the last statement a cue-less quotation may continue it
)


@dataclass
class _Speaker:
    start: int
    end: int
    mention: str
    name: str | None
    record: ActorRecord | None


@dataclass
class _Draft:
    start: int
    end: int
    kind: str
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    speaker: _Speaker | None
    noun_cue: bool = False
    subordinate_cue: bool = False  # the cue verb sits in a relative clause ("what he said")


# Longer texts are parsed in pieces of at most this many characters, cut after a line break,
# then joined into one Doc: spaCy refuses texts over nlp.max_length (1,000,000 characters) and
# its parser needs about 1 GB of memory per 100,000 characters parsed at once.
PARSE_CHUNK_CHARS = 100_000


def parse_text(text: str) -> Doc:
    """Parse ``text`` into one Doc whose text is exactly ``text``, however long it is."""
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
    return analyse_doc(parse_text(text))


def analyse_texts(
    texts: Iterable[str], *, n_process: int = 1, batch_size: int = 32
) -> Iterator[ArticleAnalysis]:
    """Analyse many texts in order, parsing them with ``nlp.pipe``."""
    long_texts: dict[int, str] = {}

    def pipe_input() -> Iterator[str]:
        # Long texts are parsed in pieces by analyse_text; nlp.pipe gets an empty stand-in.
        for number, text in enumerate(texts):
            if len(text) > PARSE_CHUNK_CHARS:
                long_texts[number] = text
                yield ""
            else:
                yield text

    docs = load_pipeline().pipe(pipe_input(), n_process=n_process, batch_size=batch_size)
    for number, doc in enumerate(docs):
        long_text = long_texts.pop(number, None)
        yield analyse_doc(doc) if long_text is None else analyse_text(long_text)


def analyse_doc(doc: Doc) -> ArticleAnalysis:
    """Extract entities, statements and actors from an already parsed article."""
    return _ArticleReader(doc).read()


class _ArticleReader:
    """Holds the per-article indexes the extraction rules share."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.passages = find_quoted_passages(self.text)
        self.token_starts = [t.idx for t in doc]
        self.sentences: list[Span] = list(doc.sents) if len(doc) else []
        self.sentence_of = [0] * len(doc)
        for number, sent in enumerate(self.sentences):
            for i in range(sent.start, sent.end):
                self.sentence_of[i] = number
        self.in_quote = [False] * len(doc)
        for passage in self.passages:
            first = bisect.bisect_left(self.token_starts, passage.start)
            last = bisect.bisect_left(self.token_starts, passage.end)
            for i in range(first, last):
                self.in_quote[i] = True
        self.registry = ActorRegistry()
        # (token index, actor, is a clause subject), in reading order
        self.person_mentions: list[tuple[int, ActorRecord, bool]] = []
        self.other_mentions: list[tuple[int, ActorRecord, bool]] = []
        self.drafts: list[_Draft] = []

    # --- the pass ---------------------------------------------------------------------------

    def read(self) -> ArticleAnalysis:
        doc = self.doc
        entities = tuple(Entity(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents)
        self._collect_actors()
        for token in doc:
            if self.in_quote[token.i]:
                continue
            lemma = token.lemma_.lower()
            draft = None
            if token.pos_ in ("VERB", "AUX") and (
                lemma in REPORTING_VERBS
                or _phrasal_cue(token) is not None
                or (lemma == "read" and self._written_subject(token))
                or (lemma == "put" and self._is_as_attribution(token))
            ):
                draft = self._verb_statement(token, lemma)
            elif token.pos_ == "NOUN" and lemma in NOUN_CUES:
                draft = self._noun_statement(token)
            if draft is not None:
                draft.subordinate_cue = token.dep_ in ("relcl", "acl")
                self._add(draft)
        for token in doc:
            if token.lower_ == "according" and not self.in_quote[token.i]:
                draft = self._according_to_statement(token)
                if draft is not None:
                    self._add(draft)
        self._headline_statements()
        # A cue noun inside another statement's claim ("despite the government's vow that ...")
        # is part of that claim, not a statement of its own.
        self.drafts = [
            d
            for d in self.drafts
            if not d.noun_cue
            or not any(
                o is not d
                and o.start <= d.start
                and d.end <= o.end
                and o.end - o.start > d.end - d.start
                for o in self.drafts
            )
        ]
        self._join_interrupted_quotations()
        self._attach_unclaimed_passages()
        statements = tuple(self._finish(d) for d in sorted(self.drafts, key=lambda d: d.start))
        actors = tuple(
            ActorCandidate(r.name, r.type, tuple(r.aliases), r.affiliation)
            for r in self.registry.records
        )
        return ArticleAnalysis(entities, statements, actors, PIPELINE_VERSION)

    def _add(self, draft: _Draft) -> None:
        if draft.end <= draft.start:
            return
        if draft.kind == "indirect" and len(self.text[draft.start : draft.end].split()) < 3:
            return  # "said no", "to note": too short to be a claim an analyst would code
        for number, other in enumerate(self.drafts):
            if other.start == draft.start and other.end == draft.end:
                # Two cues for one span: the main clause's cue wins over one in a relative clause.
                if other.subordinate_cue and not draft.subordinate_cue:
                    self.drafts[number] = draft
                return
        self.drafts.append(draft)

    def _finish(self, d: _Draft) -> Statement:
        s = d.speaker
        return Statement(
            start=d.start,
            end=d.end,
            content=self.text[d.start : d.end],
            kind=d.kind,
            cue=d.cue,
            cue_start=d.cue_start,
            cue_end=d.cue_end,
            speaker_start=s.start if s else None,
            speaker_end=s.end if s else None,
            speaker_mention=s.mention if s else None,
            speaker=s.name if s else None,
        )

    # --- actors -----------------------------------------------------------------------------

    def _collect_actors(self) -> None:
        for ent in self.doc.ents:
            actor_type = _ENTITY_TYPES.get(ent.label_)
            if actor_type is None:
                continue
            root = ent.root
            role, affiliation = self._role_and_affiliation(ent)
            record = self.registry.add(
                self._name_text(ent), actor_type, affiliation=affiliation, role=role
            )
            if record is None:
                continue
            gender = title_gender(self._title_prefix(ent))
            if gender and not record.gender:
                record.gender = gender
            target = self.person_mentions if record.type == "person" else self.other_mentions
            target.append((root.i, record, self._is_subject(root)))

    @staticmethod
    def _is_subject(token: Token) -> bool:
        """True for a clause subject or an apposition to one ("the envoy, Ann Lee, said")."""
        if token.dep_ == "appos":
            token = token.head
        return token.dep_ in _SUBJECT_DEPS

    @staticmethod
    def _name_text(ent: Span) -> str:
        text = ent.text
        for ending in ("’s", "'s"):
            if text.endswith(ending):
                text = text[: -len(ending)]
        return text

    def _title_prefix(self, ent: Span) -> str:
        """Title words right before an entity ("Maj. Gen." before "Qassim Suleimani")."""
        i = ent.start - 1
        words: list[str] = []
        while i >= 0 and self.doc[i].lower_ in TITLES:
            words.insert(0, self.doc[i].text)
            i -= 1
        return " ".join(words)

    def _role_and_affiliation(self, ent: Span) -> tuple[str | None, str | None]:
        """The role noun an entity holds and the organisation or place it is tied to, if given."""
        root = ent.root
        role_token: Token | None = None
        for i in range(ent.start - 1, max(ent.start - 4, -1), -1):
            if self.doc[i].lower_ in ROLE_NOUNS:
                role_token = self.doc[i]
                break
            if self.doc[i].lower_ not in TITLES:
                break
        if root.dep_ == "appos" and root.head.lemma_.lower() in ROLE_NOUNS:
            role_token = root.head
        if role_token is None:
            for child in root.children:
                if child.dep_ == "appos" and child.lemma_.lower() in ROLE_NOUNS:
                    role_token = child
                    break
        role = role_token.lemma_.lower() if role_token is not None else None
        affiliation = None
        search_roots = [root] if role_token is None else [role_token, root]
        for head in search_roots:
            affiliation = self._affiliation_under(head, ent)
            if affiliation:
                break
        return role, affiliation

    def _affiliation_under(self, head: Token, ent: Span) -> str | None:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "in", "at", "for"):
                for pobj in child.children:
                    found = self._entity_around(pobj, ("ORG", "GPE", "NORP"))
                    if found is not None and found.start != ent.start:
                        return strip_titles(found.text)
            if child.dep_ == "poss":
                found = self._entity_around(child, ("ORG", "GPE"))
                if found is not None and found.start != ent.start:
                    return strip_titles(found.text)
        return None

    def _entity_around(self, token: Token, labels: tuple[str, ...]) -> Span | None:
        if token.ent_type_ not in labels:
            return None
        # Walk to the entity's first token and on to its last, rather than scan every entity.
        start = token.i
        while start > 0 and self.doc[start].ent_iob_ == "I":
            start -= 1
        end = token.i + 1
        while end < len(self.doc) and self.doc[end].ent_iob_ == "I":
            end += 1
        return self.doc[start:end]

    # --- speakers ---------------------------------------------------------------------------

    def _mention_span(self, head: Token) -> tuple[int, int]:
        """Token range of a speaker's noun phrase, without relative clauses or appositions."""
        start = head.left_edge.i
        while start < head.i and (self.doc[start].is_punct or self.doc[start].is_space):
            start += 1
        end = head.i + 1
        for child in head.rights:
            if child.dep_ in ("prep", "compound", "amod", "nummod", "case") or (
                child.dep_ == "appos" and child.ent_type_ == "PERSON"
            ):
                end = max(end, child.right_edge.i + 1)
            else:
                break
        if _is_title(head.lower_):
            while (
                end < len(self.doc)
                and end - head.i <= 4
                and (self.doc[end].pos_ == "PROPN" or self.doc[end].text == ".")
            ):
                end += 1
            while end - 1 > head.i and self.doc[end - 1].text == ".":
                end -= 1  # the sentence's full stop, not part of the name
        return start, end

    def _speaker_for(self, head: Token, cue_index: int) -> _Speaker:
        start, end = self._mention_span(head)
        span = self.doc[start:end]
        name, record = self._resolve(head, cue_index)
        return _Speaker(span.start_char, span.end_char, span.text, name, record)

    def _resolve(
        self, head: Token, cue_index: int, depth: int = 0
    ) -> tuple[str | None, ActorRecord | None]:
        """Name the actor a speaker mention refers to."""
        lower = head.lower_
        if head.pos_ == "PRON" or lower in PRONOUNS_MALE or lower in PRONOUNS_FEMALE:
            if lower in ("who", "that", "which") and head.head.dep_ == "relcl" and depth < 2:
                return self._resolve(head.head.head, cue_index, depth + 1)
            if lower in PRONOUNS_MALE or lower in PRONOUNS_FEMALE:
                gender = "male" if lower in PRONOUNS_MALE else "female"
                record = self._antecedent(head.i, gender)
                if record is not None:
                    if not record.gender:
                        record.gender = gender
                    return record.name, record
            return None, None
        if _is_title(head.lower_):
            # "said Army Capt. Christian Pardo": the parser may head the phrase on the title.
            for token in self.doc[head.i + 1 : min(head.i + 4, len(self.doc))]:
                if token.ent_type_ == "PERSON":
                    named = self._named(token.head if token.head.ent_type_ == "PERSON" else token)
                    if named is not None:
                        return named.name, named
        named = self._named(head)
        if named is not None:
            return named.name, named
        for child in head.children:
            if child.dep_ == "appos":
                named = self._named(child)
                if named is not None:
                    return named.name, named
        if head.dep_ == "appos":
            named = self._named(head.head)
            if named is not None:
                return named.name, named
        lemma = head.lemma_.lower()
        if lemma in WRITTEN_SOURCES:
            author = self._author_of(head)
            if author is not None:
                return author.name, author
        definite = any(c.dep_ in ("det", "poss") and c.lower_ != "a" for c in head.lefts)
        if lemma in DOCUMENT_NOUNS and definite:
            for draft in reversed(self.drafts):
                if draft.start < head.idx and draft.speaker and draft.speaker.name:
                    return draft.speaker.name, draft.speaker.record
        if lemma in ROLE_NOUNS and any(c.lower_ in ("the", "this") for c in head.lefts):
            holder = self._role_holder(lemma, head.i)
            if holder is not None:
                return holder.name, holder
        start, end = self._mention_span(head)
        words = self.doc[start:end].text.split()
        if words and words[0].lower() in ("the", "a", "an", "one", "some", "another", "other"):
            words = words[1:]
        return (" ".join(words) or None), None

    def _author_of(self, document: Token) -> ActorRecord | None:
        """Who put out a text that "says" something: "Ann Ruiz's letter", "a statement released
        by the White House". An analyst codes the author as the actor, not the paper."""
        for child in document.children:
            # "Ann Ruiz's letter", "a Washington Post editorial"
            if child.dep_ == "poss" or (
                child.dep_ == "compound" and child.ent_type_ in ("ORG", "PERSON")
            ):
                named = self._named(child)
                if named is not None:
                    return named
            if child.dep_ == "acl" and child.tag_ == "VBN":
                for agent in child.children:
                    if agent.dep_ == "agent":
                        for pobj in agent.children:
                            if pobj.dep_ == "pobj" and (named := self._named(pobj)) is not None:
                                return named
        return None

    def _named(self, token: Token) -> ActorRecord | None:
        """The actor named by a proper-noun phrase headed by ``token``."""
        if token.pos_ != "PROPN" and not token.ent_type_:
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
        words = self.doc[first : token.i + 1].text
        record = self.registry.find(words)
        if record is None:
            actor_type = _ENTITY_TYPES.get(token.ent_type_, "other")
            if token.ent_type_ == "" and title_gender(words):
                actor_type = "person"
            record = self.registry.add(words, actor_type)
        return record

    def _antecedent(self, index: int, gender: str) -> ActorRecord | None:
        """The person a pronoun at token ``index`` refers to.

        The most recent person mentioned as a clause subject (or as an earlier statement's
        speaker) whose known gender does not clash; failing that, the most recent person at all.
        """
        candidates = [(i, r, subj) for i, r, subj in self.person_mentions if i < index]
        for draft in self.drafts:
            record = draft.speaker.record if draft.speaker else None
            if record is not None and record.type == "person" and draft.cue_start is not None:
                token_index = bisect.bisect_right(self.token_starts, draft.cue_start) - 1
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

    def _role_holder(self, role: str, index: int) -> ActorRecord | None:
        for token_index, record, _ in reversed(self.person_mentions + self.other_mentions):
            if token_index < index and role in record.roles:
                return record
        holders = [r for r in self.registry.records if role in r.roles]
        return holders[0] if len(holders) == 1 else None

    def _subject_of(self, verb: Token) -> Token | None:
        """The speaker's head token for a cue verb, following coordination and participles up."""
        current = verb
        climbed = False
        for _ in range(4):
            if (current.tag_ == "VBG" and current.dep_ == "advcl") or (
                current.dep_ == "conj"
                and current.lemma_.lower() in REPORTING_VERBS
                and not any(c.dep_ in _SUBJECT_DEPS for c in current.children)
            ):
                # "X said Y would act, saying ..." / "X said it was early but added ...": the
                # parser hangs the cue on the nearest verb, inside X's claim; the one saying it
                # is X.
                reporting = self._reporting_verb_over(current.head)
                if reporting is not None:
                    current = reporting
            sentence_root = self.sentences[self.sentence_of[current.i]].root
            if (
                current.dep_ == "acl"
                and current.tag_ in ("VBD", "VBN")
                and sentence_root.pos_ in ("NOUN", "PROPN")
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
                return min(subjects, key=lambda c: abs(c.i - current.i))
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
                current.dep_ in ("conj", "xcomp", "advcl", "pcomp", "prep")
                and current.head.i != current.i
            ):
                current = current.head
                climbed = True
            elif (
                current.dep_ == "acl"
                and current.head.lemma_.lower() in _SENT_TEXTS
                and current.head.head.i != current.head.i
            ):
                # "Trump issued a statement saying ...": the document's sender is the speaker.
                current = current.head.head
            elif (
                current.dep_ == "acl"
                and current.tag_ == "VBG"
                and current.head.dep_ == "pobj"
                and not self._can_speak(current.head)
                and current.head.head.head.i != current.head.head.i
            ):
                # "..., at one point calling the mayor a “liar”": the parser hangs the
                # participle on a noun that cannot speak; it belongs to the clause's verb.
                current = current.head.head.head
                climbed = True
            else:
                return None
        return None

    @staticmethod
    def _reporting_verb_over(token: Token) -> Token | None:
        """The reporting verb whose complement clause ``token`` belongs to, if any."""
        for _ in range(3):
            if token.dep_ == "ccomp" and token.head.lemma_.lower() in REPORTING_VERBS:
                return token.head
            if token.dep_ not in ("xcomp", "conj", "ccomp") or token.head.i == token.i:
                return None
            token = token.head
        return None

    # --- content spans ----------------------------------------------------------------------

    def _trimmed(self, first: int, last: int) -> tuple[int, int] | None:
        """Character range of tokens first..last-1 without edge punctuation and a leading "that"."""
        doc = self.doc
        while first < last and (
            doc[first].is_punct
            or doc[first].is_space
            or (doc[first].dep_ == "mark" and doc[first].lower_ in ("that", "whether"))
            or doc[first].dep_ == "cc"
            or self._is_complementizer(first)
        ):
            first += 1
        while last > first and (
            doc[last - 1].is_punct or doc[last - 1].is_space or doc[last - 1].dep_ == "cc"
        ):
            if doc[last - 1].text in ".?!" and last - first > 1:
                break
            last -= 1
        if last <= first:
            return None
        return doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)

    def _is_complementizer(self, i: int) -> bool:
        """ "that Republicans will win": a "that" the parser took for a pronoun, but followed by
        the clause's own subject, only introduces the claim."""
        doc = self.doc
        return (
            doc[i].lower_ == "that"
            and doc[i].dep_ != "det"
            and i + 1 < len(doc)
            and doc[i + 1].dep_ in _SUBJECT_DEPS
        )

    def _clause_range(self, roots: list[Token]) -> tuple[int, int]:
        first = min(r.left_edge.i for r in roots)
        last = max(r.right_edge.i for r in roots) + 1
        # A claim stays inside the cue's sentence (quotations are widened later, by their marks).
        sent = self.sentences[self.sentence_of[roots[0].head.i]]
        first, last = max(first, sent.start), min(last, sent.end)
        # The claim ends where the writer's or the source's own additions begin.
        for i in range(first + 1, last):
            if not self.in_quote[i] and self._adds_to_the_claim(i):
                last = i
                break
        return first, last

    def _adds_to_the_claim(self, i: int) -> bool:
        """True when token ``i`` starts something said about the claim rather than the claim:
        "according to X", a reporting participle of the speaker ("..., noting that ...", "before
        claiming ..."), or the writer's comment in apposition ("..., a charge that ...")."""
        doc = self.doc
        tok = doc[i]
        before = i - 1
        while before > 0 and doc[before].text in ("”", '"', "''", "’"):
            before -= 1  # "... “New York values,” stating ...": the comma sits inside the mark
        previous = doc[before].lower_
        if tok.lower_ == "according" and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
            return True
        if tok.text in _DASHES and self._starts_an_aside(i):
            return True
        if tok.lower_ in ("who", "which") and previous == "," and tok.head.dep_ == "relcl":
            return True  # "..., who garnered ...": the writer describing someone named
        if (
            tok.dep_ == "cc"
            and i + 1 < len(doc)
            and doc[i + 1].dep_ == "conj"
            and doc[i + 1].lemma_.lower() in REPORTING_VERBS
            and not any(c.dep_ in _SUBJECT_DEPS for c in doc[i + 1].children)
        ):
            return True  # "... but added that ...": the speaker's next statement
        if tok.lower_ in ("before", "after", "while", "when") and i + 1 < len(doc):
            participle = doc[i + 1]
            if participle.tag_ == "VBN" and participle.lemma_.lower() in _QUESTIONING_VERBS:
                return True  # "“We’ll see,” when asked whether ...": the occasion, not the claim
            return (
                participle.tag_ == "VBG"
                and participle.lemma_.lower() in REPORTING_VERBS
                and not any(c.dep_ in _SUBJECT_DEPS for c in participle.children)
            )
        if (
            tok.tag_ == "VBG"
            and tok.lemma_.lower() in REPORTING_VERBS
            and previous == ","
            and not any(c.dep_ in _SUBJECT_DEPS for c in tok.children)
        ):
            return True
        # The comment has a clause or phrase of its own ("a swipe at ..."); a bare noun after a
        # comma is more likely one item of a list inside the claim ("a “loser,” a “liar”").
        comment = tok.head
        return (
            tok.lower_ in ("a", "an")
            and previous == ","
            and comment.dep_ in ("appos", "npadvmod")
            and comment.head.i < i
            and any(c.dep_ in ("relcl", "acl", "prep") for c in comment.children)
        )

    def _starts_an_aside(self, dash: int) -> bool:
        """True when a single dash opens the writer's aside to the end of the sentence: "...
        46 to 44 percent — within the margin of error", "— a proposal he has raised before",
        "— assuming a two-way race". A pair of dashes encloses words of the claim itself, and
        "— and ...", "— but ..." go on with it."""
        doc = self.doc
        sentence_end = self.sentences[self.sentence_of[dash]].end
        if dash + 1 >= sentence_end or not self._is_spaced_dash(dash):
            return False
        if any(self._is_spaced_dash(j) for j in range(dash + 1, sentence_end)):
            return False
        following = doc[dash + 1]
        if following.tag_ == "VBG" or following.lower_ in _ASIDE_OPENERS:
            return True
        if following.tag_ in ("VBD", "VBZ") and not any(
            c.dep_ in _SUBJECT_DEPS for c in following.children
        ):
            return True  # "Trump - who vowed ... - said at a rally": the main clause resumes
        # a noun phrase with a clause or phrase of its own: "— an argument that ..."
        return following.lower_ in ("a", "an", "something") and any(
            c.dep_ in ("relcl", "acl", "prep") for c in following.head.children
        )

    def _is_spaced_dash(self, i: int) -> bool:
        """A dash between words, not the hyphen of "well-being" or "state-run"."""
        tok = self.doc[i]
        if tok.text not in _DASHES:
            return False
        return tok.text in ("—", "--") or bool(
            i > 0 and self.doc[i - 1].whitespace_ and tok.whitespace_
        )

    def _passages_in(self, start: int, end: int) -> list[QuotedPassage]:
        return [p for p in self.passages if p.start < end and p.end > start]

    def _classify(self, start: int, end: int) -> tuple[int, int, str]:
        """Decide direct / mixed / indirect for a claim range; a direct one widens to its quote."""
        overlapping = self._passages_in(start, end)
        if not overlapping:
            return start, end, "indirect"
        quoted = sum(min(end, p.end) - max(start, p.start) for p in overlapping)
        visible = sum(1 for ch in self.text[start:end] if not ch.isspace() and ch not in ALL_MARKS)
        if visible and quoted >= 0.8 * visible:
            return (
                overlapping[0].start,
                _strip_comma(self.text, overlapping[-1].start, overlapping[-1].end),
                "direct",
            )
        # A claim beginning or ending inside quoted words takes in their marks, so it shows
        # balanced.
        last = overlapping[-1]
        if last.end >= end:
            end = last.end + closing_mark_length(self.text, last)
        if overlapping[0].start >= start:
            start = min(start, overlapping[0].open_mark)
        return start, end, "mixed"

    def _draft(
        self,
        start: int,
        end: int,
        cue: Token | None,
        cue_text: str | None,
        speaker: _Speaker | None,
        kind: str | None = None,
    ) -> _Draft:
        if kind is None:
            start, end, kind = self._classify(start, end)
        return _Draft(
            start,
            end,
            kind,
            cue_text,
            cue.idx if cue is not None else None,
            cue.idx + len(cue.text) if cue is not None else None,
            speaker,
        )

    # --- cue rules --------------------------------------------------------------------------

    def _verb_statement(self, verb: Token, lemma: str) -> _Draft | None:
        inverted = self._inverted_cue(verb)
        if inverted is not None:
            return inverted
        subject = self._subject_of(verb)
        if subject is not None and self.in_quote[subject.i]:
            subject = None  # a subject inside the quotation is the quoted speaker's, not the cue's
        subject = subject or self._subject_after_quote(verb) or self._name_before(verb)
        if subject is None:
            return None
        clause_roots = [c for c in verb.children if c.dep_ == "ccomp"]
        # A subordinate clause ("as ...", "while ...") parsed as the complement is not the claim.
        clause_roots = [
            c
            for c in clause_roots
            if not any(m.dep_ == "mark" and m.lower_ in _ADVERBIAL_MARKS for m in c.children)
        ]
        if any(c.i > verb.i for c in clause_roots):
            clause_roots = [c for c in clause_roots if c.i > verb.i]
        if not clause_roots:
            clause_roots = self._complement_under_prep(verb)
        if not clause_roots:
            for child in verb.children:
                if child.dep_ in ("prep", "xcomp", "advcl") and child.lower_ in ("as", "saying"):
                    clause_roots += [
                        c
                        for c in child.children
                        if c.dep_ in ("ccomp", "pcomp") and c.pos_ in ("VERB", "AUX")
                    ]
                    clause_roots += [
                        g for c in child.children for g in c.children if g.dep_ == "ccomp"
                    ]
        speaker = self._speaker_for(subject, verb.i)
        particle = _phrasal_cue(verb)
        cue_text = verb.text if particle is None else f"{verb.text} {particle.text}"
        if lemma == "put":
            cue_text = f"{verb.text} it"  # "as she put it"
        if clause_roots:
            # A claim after its cue starts after it, whatever the parser hung on the clause from
            # the left ("... which Sanders said would make ..."); a clause that holds the
            # speaker is not the claim.
            clause_roots = [
                r
                for r in clause_roots
                if not (self._claim_start(r, verb) <= subject.i <= r.right_edge.i)
            ]
        if clause_roots:
            first, last = self._clause_range(clause_roots)
            first = max(first, min(self._claim_start(r, verb) for r in clause_roots))
            rng = self._trimmed(first, last)
            if rng is None:
                return None
            start, end, kind = self._classify(*rng)
            if lemma in QUOTE_ONLY_VERBS and kind == "indirect":
                # "She drew his ire - he called her “weak”": the clause before the cue is the
                # writer's; what was said is the quoted object.
                return self._quoted_object_statement(verb, cue_text, speaker)
            if lemma in COGNITION_VERBS and not any(
                c.dep_ in _SUBJECT_DEPS for r in clause_roots for c in r.children
            ):
                return None
            return self._draft(start, end, verb, cue_text, speaker, kind)
        # "... took no lives, Mr. Trump said": the claim is the clause the cue interrupts.
        head = verb.head
        cue_clause_start = min(verb.left_edge.i, subject.left_edge.i)
        cue_clause_end = max(verb.right_edge.i, subject.right_edge.i) + 1
        parenthetical = self._is_parenthetical(verb, cue_clause_start, cue_clause_end)
        if (
            verb.dep_ in ("parataxis", "ccomp")
            and (head.i < verb.i or parenthetical)
            and head.pos_ in ("VERB", "AUX")
            and head.lemma_.lower() not in REPORTING_VERBS  # that is another cue's clause
        ):
            if parenthetical:
                # "The solution, she said, was simple": the claim runs on both sides of the cue;
                # a statement is one span, so it runs over the cue.
                first, last = self._clause_range([head])
                rng = self._trimmed(first, last)
            else:
                rng = self._trimmed(head.left_edge.i, cue_clause_start)
            if rng is not None:
                start, end, kind = self._classify(*rng)
                if lemma in QUOTE_ONLY_VERBS and kind == "indirect":
                    return None
                return self._draft(start, end, verb, cue_text, speaker, kind)
        # "As Ann Ruiz put it, the campaign is “on fumes”" / "..., as she noted.": the clause
        # the "as" clause hangs on is the claim.
        if (
            self._is_as_attribution(verb)
            and head.pos_ in ("VERB", "AUX")
            and head.lemma_.lower() not in REPORTING_VERBS
        ):
            first, last = self._clause_range([head])
            while last > first and self.doc[last - 1].is_punct and not self.in_quote[last - 1]:
                last -= 1
            if cue_clause_start <= first:
                first = cue_clause_end
            elif cue_clause_end >= last:
                last = cue_clause_start
            rng = self._trimmed(first, last) if first < last else None
            if rng is not None:
                start, end, kind = self._classify(*rng)
                if lemma in QUOTE_ONLY_VERBS and kind == "indirect":
                    return None
                return self._draft(start, end, verb, cue_text, speaker, kind)
        # "X said: “...”" / "“...,” X said" with no clause in the parse: the adjacent quotation.
        passage = self._adjacent_passage(verb, subject)
        if passage is not None:
            return self._quotation_draft(passage, verb, speaker, cue_text)
        return self._quoted_object_statement(verb, cue_text, speaker)

    def _quoted_object_statement(
        self, verb: Token, cue_text: str, speaker: _Speaker
    ) -> _Draft | None:
        """ "described the strikes as “a major operation”": an object carrying quoted words."""
        objects = [
            c
            for c in verb.children
            # "whom he called a “con artist”": not the relative pronoun before the cue
            if (c.i > verb.i and c.dep_ in ("dobj", "xcomp", "oprd", "ccomp"))
            or (c.dep_ == "prep" and c.lower_ in ("as", "on", "to", "for", "of", "with"))
        ]
        if objects:
            # "warned of the dangers of “...”": the claim starts at what the preposition governs
            first = min(
                o.i + 1 if o.dep_ == "prep" and o.i == o.left_edge.i else o.left_edge.i
                for o in objects
            )
            last = max(o.right_edge.i for o in objects) + 1
            rng = self._trimmed(first, last)
            if rng is not None and not self._passages_in(*rng):
                # "called Florida’s standards “strong”": the parser may hang the quoted words
                # elsewhere; words quoted right after the object still complete it.
                following = self._passage_right_after(rng[1], verb)
                if following is not None:
                    rng = (rng[0], following.end + closing_mark_length(self.text, following))
            if rng is not None and self._passages_in(*rng):
                start, end, kind = self._classify(*rng)
                return self._draft(start, end, verb, cue_text, speaker, kind)
        return None

    def _passage_right_after(self, end_char: int, verb: Token) -> QuotedPassage | None:
        """The quotation that opens right after ``end_char``, in the cue's sentence."""
        sentence = self.sentences[self.sentence_of[verb.i]]
        for passage in self.passages:
            if passage.open_mark >= end_char:
                if (
                    self.text[end_char : passage.open_mark].strip()
                    or passage.end > sentence.end_char
                ):
                    return None
                return passage
        return None

    @staticmethod
    def _is_as_attribution(verb: Token) -> bool:
        """ "As she said, ...", "as he put it": a cue in an "as" clause with nothing said of
        its own ("as she said goodbye" has an object; "as they told reporters" keeps its
        listener)."""
        if verb.dep_ != "advcl" or not any(
            c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
        ):
            return False
        lemma = verb.lemma_.lower()
        for child in verb.children:
            if child.dep_ in ("ccomp", "xcomp", "acomp", "oprd"):
                return False  # "as Kerry continues to pursue diplomacy": an action, not a cue
            if child.dep_ == "dobj":
                if lemma == "put" and child.lower_ == "it":
                    continue
                if lemma not in ("tell", "remind", "inform"):
                    return False
        return lemma != "put" or any(c.dep_ == "dobj" for c in verb.children)

    @staticmethod
    def _claim_start(root: Token, verb: Token) -> int:
        if root.i > verb.i:
            return max(root.left_edge.i, verb.i + 1)
        return root.left_edge.i

    @staticmethod
    def _complement_under_prep(verb: Token) -> list[Token]:
        """ "predicted at the debate that Republicans will win": the parser hangs the that-clause
        on the noun before it as a relative clause. A relative "that" is the clause's subject or
        object; one that only marks the clause, or stands beside an object of its own, makes it
        the cue's complement."""
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.i < verb.i:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                for clause in pobj.children:
                    if clause.dep_ not in ("relcl", "acl", "ccomp") or clause.i < pobj.i:
                        continue
                    that = next((c for c in clause.children if c.lower_ == "that"), None)
                    if that is None or that.i != clause.left_edge.i:
                        continue
                    has_subject = any(
                        c.dep_ in _SUBJECT_DEPS and c.i != that.i for c in clause.children
                    )
                    has_object = any(c.dep_ == "dobj" and c.i != that.i for c in clause.children)
                    if that.dep_ == "mark" or (has_subject and has_object):
                        return [clause]
        return []

    def _is_parenthetical(self, verb: Token, clause_start: int, clause_end: int) -> bool:
        """True when the cue clause sits between commas inside its head's clause, with words of
        the claim on both sides ("The solution, she said, was simple")."""
        head = verb.head
        while clause_start < verb.i and self.doc[clause_start].is_punct:
            clause_start += 1  # the parser hangs the commas on the cue itself
        while clause_end > verb.i + 1 and self.doc[clause_end - 1].is_punct:
            clause_end -= 1
        if head.i == verb.i or clause_start < 1 or clause_end >= len(self.doc):
            return False
        if self.doc[clause_start - 1].text != "," or self.doc[clause_end].text != ",":
            return False
        before = (
            any(not t.is_punct for t in self.doc[head.left_edge.i : clause_start] if t.i != head.i)
            or head.i < clause_start
        )
        after = [t for t in self.doc[clause_end : head.right_edge.i + 1] if not t.is_punct]
        # "..., Mr. Trump said, and appeared to ...": what follows a conjunction may be the
        # writer's own addition, so the claim stays the part before the cue.
        return before and bool(after) and after[0].dep_ != "cc"

    def _subject_after_quote(self, verb: Token) -> Token | None:
        """In "“...,” Ramos, 58, told AFP" the parser may miss the subject between the closing
        mark and the verb: take the noun phrase head found there."""
        candidate: Token | None = None
        i = verb.i - 1
        while i >= 0 and verb.i - i <= 8:
            token = self.doc[i]
            if token.text in ("”", '"', "''") or (self.in_quote[i] and token.is_punct):
                return candidate
            if self.in_quote[i] or token.pos_ in ("VERB", "AUX"):
                return None
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

    @staticmethod
    def _written_subject(verb: Token) -> bool:
        """ "the editorial read", "it reads": "read" reports what a text an actor put out says."""
        return any(
            c.dep_ == "nsubj" and (c.lemma_.lower() in WRITTEN_SOURCES or c.lower_ == "it")
            for c in verb.children
        )

    def _inverted_cue(self, verb: Token) -> _Draft | None:
        """ "“...,” said David Brock, a confidant who heads ...": a cue right after a closing mark
        reports the quotation before it, whatever the parser hung on the cue afterwards; its
        speaker is the name that follows."""
        i = verb.i - 1
        while i >= 0 and self.doc[i].text in (",", "”", '"', "''") and not self.in_quote[i]:
            i -= 1
        if i == verb.i - 1 or i < 0 or not self.in_quote[i]:
            return None
        passage = next((p for p in self.passages if p.start <= self.doc[i].idx < p.end), None)
        if passage is None or not passage.closed:
            return None
        if self.text[passage.start : passage.end].rstrip().endswith("."):
            return None  # a closed sentence: the cue after it starts something new
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i), None)
        if subject is None:
            following = verb.i + 1
            while following < len(self.doc) and following - verb.i <= 4:
                token = self.doc[following]
                if token.ent_type_ in ("PERSON", "ORG") or token.pos_ == "PROPN":
                    # the name's head: the last token of this proper-noun run
                    while (
                        following + 1 < len(self.doc)
                        and self.doc[following + 1].pos_ == "PROPN"
                        and self.doc[following + 1].ent_iob_ == "I"
                    ):
                        following += 1
                    subject = self.doc[following]
                    break
                following += 1
        if subject is None or self.in_quote[subject.i]:
            return None
        return self._quotation_draft(passage, verb, self._speaker_for(subject, verb.i))

    def _name_before(self, verb: Token) -> Token | None:
        """The speaker the parser hung elsewhere: "In a statement to the Observer, her adviser,
        Jake Sullivan, said: ..." leaves "said" without a subject; take the name right before it
        (only commas between)."""
        i = verb.i - 1
        while i >= 0 and self.doc[i].text == "," and not self.in_quote[i]:
            i -= 1
        if i < 0 or self.in_quote[i] or self.sentence_of[i] != self.sentence_of[verb.i]:
            return None
        token = self.doc[i]
        if token.ent_type_ in ("PERSON", "ORG") and token.dep_ in ("appos", "conj", "pobj"):
            return token
        return None

    def _adjacent_passage(self, verb: Token, subject: Token) -> QuotedPassage | None:
        clause_start = min(verb.i, subject.left_edge.i)
        clause_end = max(verb.i, subject.i) + 1
        start_char = self.doc[clause_start].idx
        end_char = self.doc[clause_end - 1].idx + len(self.doc[clause_end - 1].text)
        for passage in self.passages:
            if passage.end <= start_char:
                # Only the closing mark and a comma or dash between: "“...?” he asked" (the parser
                # often ends a sentence after "?”", so the cue may sit in a sentence of its own).
                # A quotation closed by a full stop ends its sentence, so what follows is new
                # unless it is only the attribution ("“... missing.” Trump said.").
                gap = self.text[passage.end : start_char]
                ends_sentence = self.text[passage.start : passage.end].rstrip().endswith(".")
                if (
                    all(ch in " ,”\"'—–-" for ch in gap)
                    and len(gap) <= 4
                    and (not ends_sentence or self._is_bare_attribution(verb))
                ):
                    return passage
            elif passage.open_mark >= end_char:
                gap = self.text[end_char : passage.open_mark].strip()
                short = len(self.text[passage.start : passage.end].split()) < _MIN_CLAIM_WORDS
                if gap in (",", "") and short and self._clause_goes_on_after(passage):
                    # "found “evidence” that ...": quoted words inside a longer claim (mixed).
                    return None
                if gap in (":", ",", "") and passage.open_mark - end_char <= 3:
                    return passage
                if gap.endswith(":") and len(gap) < 40 and not _SENTENCE_BREAK.search(gap):
                    return passage  # (a break in between leaves a line of its own: "Jones: ...")
                # "telling the crowd, “...”": only the cue's own short object in between.
                if gap.endswith(",") and len(gap.split()) <= 4 and "”" not in gap:
                    return passage
                break
        return None

    def _clause_goes_on_after(self, passage: QuotedPassage) -> bool:
        """True when the sentence carries on with words after the quotation's closing mark."""
        if not passage.closed:
            return False
        after = passage.end + closing_mark_length(self.text, passage)
        token = bisect.bisect_left(self.token_starts, after)
        if token >= len(self.doc):
            return False
        sentence_end = self.sentences[self.sentence_of[token]].end_char
        if self.sentence_of[token] != self.sentence_of[max(token - 1, 0)]:
            return False  # the quotation closed its sentence
        return any(ch.isalnum() for ch in self.text[after:sentence_end])

    @staticmethod
    def _is_bare_attribution(verb: Token) -> bool:
        """A plain saying verb with nothing of its own to report ("Trump said on Tuesday.")."""
        lemma = verb.lemma_.lower()
        if lemma not in SAYING_VERBS:
            return False
        objects = ("ccomp", "xcomp") if lemma == "tell" else ("ccomp", "xcomp", "dobj")
        return not any(child.dep_ in objects for child in verb.children)

    def _noun_statement(self, noun: Token) -> _Draft | None:
        clause_roots = [
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp")
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ]
        if not clause_roots:
            return None
        subject: Token | None = None
        for child in noun.children:
            if child.dep_ == "poss":
                subject = child
        if subject is None:
            current = noun
            for _ in range(4):
                current = current.head
                if current.pos_ in ("VERB", "AUX"):
                    if current.lemma_.lower() not in DISPUTING_VERBS:
                        subject = self._subject_of(current)
                    break
                if current.head is current:
                    break
        if subject is None:
            return None
        first, last = self._clause_range(clause_roots)
        rng = self._trimmed(first, last)
        if rng is None:
            return None
        speaker = self._speaker_for(subject, noun.i)
        draft = self._draft(rng[0], rng[1], noun, noun.text, speaker)
        draft.noun_cue = True
        return draft

    def _according_to_statement(self, according: Token) -> _Draft | None:
        to = next((c for c in according.children if c.lower_ == "to"), None)
        source = (
            next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        )
        if source is None:
            return None
        head = according.head
        if head.pos_ not in ("VERB", "AUX"):
            return None
        # "X warned of action, according to Y" / "X released a statement, according to Y": Y is the
        # channel for X's own statement, which the cue rules handle.
        if any(a.lemma_.lower() in REPORTING_VERBS for a in according.ancestors) or any(
            c.lemma_.lower() in REPORTING_VERBS or c.lemma_.lower() in NOUN_CUES
            for c in head.children
            if c.dep_ in ("dobj", "advcl", "xcomp", "ccomp", "conj")
        ):
            return None
        phrase_first, phrase_last = according.left_edge.i, according.right_edge.i + 1
        first, last = head.left_edge.i, head.right_edge.i + 1
        if phrase_first <= first:
            first = phrase_last
        elif phrase_last >= last - 1:
            last = phrase_first
        else:
            before, after = phrase_first - first, last - phrase_last
            first, last = (first, phrase_first) if before >= after else (phrase_last, last)
        rng = self._trimmed(first, last)
        if rng is None:
            return None
        speaker = self._speaker_for(source, according.i)
        return self._draft(rng[0], rng[1], according, "according to", speaker)

    def _headline_statements(self) -> None:
        """ "Name: claim" at the start of a line, the headline form of attribution."""
        for ent in self.doc.ents:
            if ent.label_ not in ("PERSON", "ORG"):
                continue
            line_start = self.text.rfind("\n", 0, ent.start_char) + 1
            if self.text[line_start : ent.start_char].strip():
                continue
            if not self.text.startswith(":", ent.end_char):
                continue
            line_end = self.text.find("\n", ent.end_char)
            if line_end == -1:
                line_end = len(self.text)
            start = ent.end_char + 1
            while start < line_end and self.text[start].isspace():
                start += 1
            end = line_end
            while end > start and self.text[end - 1].isspace():
                end -= 1
            if len(self.text[start:end].split()) < 3:
                continue
            name, record = self._resolve(ent.root, ent.root.i)
            speaker = _Speaker(ent.start_char, ent.end_char, ent.text, name, record)
            start, end, kind = self._classify(start, end)
            self._add(_Draft(start, end, kind, ":", ent.end_char, ent.end_char + 1, speaker))

    # --- quotations without a cue of their own ---------------------------------------------

    def _join_interrupted_quotations(self) -> None:
        """ "“We are ready,” she said, “and nobody will stop us.”": one sentence quoted around
        its cue is one statement. Its span runs from the first quoted word to the last, over the
        cue, since a statement is one span. A cue followed by a full stop ends the sentence, and
        the next quotation stays a statement of its own."""
        by_start = {d.start: d for d in self.drafts if d.kind == "direct"}
        for first, second in zip(self.passages, self.passages[1:], strict=False):
            # The cue's draft holds either quotation, as the parser attached it.
            draft = by_start.get(first.start) or by_start.get(second.start)
            if draft is None or draft.cue_start is None:
                continue
            if not first.end <= draft.cue_start < second.open_mark:
                continue
            if self.text[first.start : first.end].rstrip()[-1:] in (".", "!", "?"):
                continue
            between = self.text[
                first.end + closing_mark_length(self.text, first) : second.open_mark
            ]
            if not between.rstrip().endswith(",") or "\n" in between or len(between) > 100:
                continue
            if any(mark in between for mark in ".!?;:"):
                continue
            cue_count = sum(
                1
                for token in self.doc[
                    bisect.bisect_left(self.token_starts, first.end) : bisect.bisect_left(
                        self.token_starts, second.open_mark
                    )
                ]
                if token.lemma_.lower() in REPORTING_VERBS
            )
            if cue_count > 1:
                continue  # "“A,” he said, adding, “B.”": B is a statement of its own
            others = [
                d
                for d in self.drafts
                if d is not draft and d.start < second.end and d.end > first.start
            ]
            if others:
                continue
            draft.start = first.start
            draft.end = _strip_comma(self.text, second.start, second.end)
            by_start[first.start] = draft

    def _attach_unclaimed_passages(self) -> None:
        for passage in self.passages:
            if any(d.start < passage.end and d.end > passage.start for d in self.drafts):
                continue
            first = bisect.bisect_left(self.token_starts, passage.start)
            if first >= len(self.doc):
                continue
            words = len(self.text[passage.start : passage.end].split())
            if words < _MIN_CLAIM_WORDS and not self._is_quoted_sentence(passage, first):
                continue
            sentence = self.sentence_of[first]
            previous = [d for d in self.drafts if d.start < passage.start and d.speaker is not None]
            same_sentence = [
                d
                for d in self.drafts
                if d.speaker is not None
                and d.cue_start is not None
                and self.sentence_of[bisect.bisect_right(self.token_starts, d.cue_start) - 1]
                == sentence
            ]
            introduced = self._introduced_by_colon(passage)
            if introduced is not None:
                if introduced.speaker is not None:
                    self.drafts.append(introduced)
                continue  # "The banner read: “...”": announced, but by no one who speaks
            source: _Draft | None = None
            if same_sentence:
                source = same_sentence[0]
            elif previous and self._opens_sentence(passage, first):
                last = max(previous, key=lambda d: d.end)
                if passage.start - last.end <= _CONTINUATION_REACH:
                    source = self._nearer_mention(last, sentence) or last
            if source is None:
                continue
            self.drafts.append(
                _Draft(
                    passage.start,
                    _strip_comma(self.text, passage.start, passage.end),
                    "direct",
                    source.cue,
                    source.cue_start,
                    source.cue_end,
                    source.speaker,
                )
            )

    def _nearer_mention(self, source: _Draft, sentence: int) -> _Draft | None:
        """ "“...,” Trump said. He then turned to the crowd.\n\n“Who will pay?”": when the
        sentence before a continued quotation has the same speaker as its subject, that nearer
        mention introduces the quotation."""
        if sentence == 0 or source.speaker is None or source.speaker.record is None:
            return None
        root = self.sentences[sentence - 1].root
        if self.in_quote[root.i] or root.pos_ not in ("VERB", "AUX"):
            return None
        if source.cue_start is not None and root.idx <= source.cue_start:
            return None  # the source's own sentence
        subject = self._subject_of(root)
        if subject is None or self.in_quote[subject.i] or not self._can_speak(subject):
            return None
        speaker = self._speaker_for(subject, root.i)
        if speaker.record is not source.speaker.record:
            return None
        return _Draft(
            source.start,
            source.end,
            "direct",
            root.text,
            root.idx,
            root.idx + len(root.text),
            speaker,
        )

    def _introduced_by_colon(self, passage: QuotedPassage) -> _Draft | None:
        """ "She had a message for them: “...”": a quotation announced by a colon belongs to the
        subject of the clause before the colon, whatever its verb. The draft has no speaker when
        that subject cannot speak (only names, personal pronouns and roles can); None when no
        clause with a subject announces the quotation."""
        before = self.text[: passage.open_mark].rstrip()
        if not before.endswith(":"):
            return None
        colon = bisect.bisect_right(self.token_starts, len(before) - 1) - 1
        if colon <= 0 or self.doc[colon].text != ":":
            return None
        # The clause before the colon: climb from its last word while the heads stay before the
        # colon (the parser may root the whole sentence inside the quotation).
        root = self.doc[colon - 1]
        while root.head.i != root.i and root.head.i < colon:
            root = root.head
        if self.in_quote[root.i]:
            return None
        if root.pos_ not in ("VERB", "AUX"):
            label = self._speaker_label(root, colon)
            if label is None:
                return None
            return self._quotation_draft(passage, self.doc[colon], self._speaker_for(label, colon))
        subject = self._subject_of(root)
        if subject is None or self.in_quote[subject.i]:
            return None
        speaker = self._speaker_for(subject, root.i) if self._can_speak(subject) else None
        return self._quotation_draft(passage, root, speaker)

    def _quotation_draft(
        self,
        passage: QuotedPassage,
        cue: Token,
        speaker: _Speaker | None,
        cue_text: str | None = None,
    ) -> _Draft:
        """A direct statement of a whole quoted passage announced by ``cue``."""
        end = _strip_comma(self.text, passage.start, passage.end)
        return self._draft(passage.start, end, cue, cue_text or cue.text, speaker, "direct")

    def _speaker_label(self, root: Token, colon: int) -> Token | None:
        """ "Jones: “...”" at the start of a line, as in transcripts and round-ups: a name and
        nothing else before the colon labels who speaks."""
        start = root.left_edge.i
        line_start = self.text.rfind("\n", 0, self.doc[colon].idx) + 1
        if self.doc[start].idx != line_start or colon - start > 6:
            return None
        if root.pos_ != "PROPN":
            return None
        # a name the recogniser tagged, or one the article has already introduced ("Jones",
        # after "Jeffrey M. Jones of Gallup"); not a heading such as "Update:"
        if root.ent_type_ in ("PERSON", "ORG") or self.registry.find(self.doc[start:colon].text):
            return root
        return None

    @staticmethod
    def _can_speak(token: Token) -> bool:
        lower = token.lower_
        if lower in PRONOUNS_MALE or lower in PRONOUNS_FEMALE or lower in ("i", "we", "they"):
            return True
        if token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return True
        return token.lemma_.lower() in ROLE_NOUNS

    def _is_quoted_sentence(self, passage: QuotedPassage, first_token: int) -> bool:
        """True when a quoted passage is a whole sentence of its own (“We’re hopeful.”), so a
        claim however short, not a phrase picked out of one."""
        if not self.text[passage.start : passage.end].rstrip().endswith((".", "!", "?")):
            return False
        # What follows, found by searching rather than slicing off the rest of a long text.
        after = passage.end + closing_mark_length(self.text, passage)
        next_word = _NON_BLANK.search(self.text, after)
        next_on_line = _NON_SPACE_OR_TAB.search(self.text, after)
        ends_sentence = (
            next_word is None
            or next_on_line.group() in ("\n", "“", '"')
            or (self.text[after : after + 1] == " " and next_word.group().isupper())
        )
        if not ends_sentence or not self._opens_sentence(passage, first_token):
            return False
        # a predicate of its own: "We’re hopeful." is a claim, "Big time." an interjection
        last = bisect.bisect_left(self.token_starts, passage.end)
        return any(t.pos_ in ("VERB", "AUX") for t in self.doc[first_token:last])

    def _opens_sentence(self, passage: QuotedPassage, first_token: int) -> bool:
        if passage.paragraph_start:
            return True
        sent = self.sentences[self.sentence_of[first_token]]
        return sent.start_char >= passage.open_mark - 1 or self.text[: passage.open_mark].rstrip()[
            -1:
        ] in (".", "!", "?", ":")


def _phrasal_cue(verb: Token) -> Token | None:
    """The particle of a phrasal reporting verb ("pointed out"), if ``verb`` is one."""
    particles = PHRASAL_REPORTING_VERBS.get(verb.lemma_.lower())
    if particles is None:
        return None
    # the parser tags "back" in "shot back" as an adverb as often as a particle
    return next(
        (
            c
            for c in verb.children
            if c.lower_ in particles
            and (c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == verb.i + 1))
        ),
        None,
    )


def _is_title(word: str) -> bool:
    return word in TITLES or word + "." in TITLES


def _strip_comma(text: str, start: int, end: int) -> int:
    """End of a quotation without the trailing comma and spaces inside its closing mark."""
    while end > start and (text[end - 1] in ", " or text[end - 1].isspace()):
        end -= 1
    return end
