"""Step 5, cues: the words that report a statement and what each one reports.

A reporting verb with its clausal complement ("X said that ..."), a verb whose object carries
quoted words ("called it “a disgrace”"), a quotation right before or after its cue ("“...,” said
X"), a cue noun with a "that" clause ("the claim that ..."), and "Name: claim" headlines
("according to X" has a module of its own). Each rule returns a Draft with its speaker, or None.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from quotegraph.analysis.extraction.article import SUBJECT_DEPS, Article
from quotegraph.analysis.extraction.content_boundaries import (
    bounded_range,
    claim_start,
    classify,
    clause_range,
    complement_under_prep,
    is_parenthetical,
    make_draft,
    quotation_draft,
    trimmed,
)
from quotegraph.analysis.extraction.quotation_marks import (
    MIN_CLAIM_WORDS,
    clause_goes_on_after,
    passage_right_after,
    passages_in,
    strip_comma,
)
from quotegraph.analysis.extraction.records import Draft, Speaker
from quotegraph.analysis.extraction.speakers import (
    SpeakerResolver,
    main_subject_before,
    name_after,
    person_noun_after,
)
from quotegraph.analysis.lexicon import (
    COGNITION_VERBS,
    DISPUTING_VERBS,
    NOUN_CUES,
    PHRASAL_REPORTING_VERBS,
    QUOTE_ONLY_VERBS,
    REPORTING_VERBS,
    ROLE_NOUNS,
    SAYING_VERBS,
    WRITTEN_SOURCES,
)
from quotegraph.analysis.quotes import QuotedPassage, closing_mark_length

ADVERBIAL_MARKS = frozenset(
    "as while when because since though although until before after once unless".split()  # noqa: SIM905
)
SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")
# A lower-case word ending the words before a name: a role the parser may have left out of it.
_ROLE_BEFORE_NAME = re.compile(r"([a-z]+)\s*$")
# Prepositions after a cue whose phrase can carry its quoted object ("described it as “...”");
# a phrase before the cue ("on Tuesday called ...") never does.
_OBJECT_PREPOSITIONS = frozenset(("as", "on", "to", "for", "of", "with", "about", "against", "at"))


class CueReader:
    """Reads the statement each cue of the article reports, with its speaker."""

    def __init__(self, article: Article, speakers: SpeakerResolver) -> None:
        self.article = article
        self.doc = article.doc
        self.text = article.text
        self.speakers = speakers

    def verb_statement(self, verb: Token, lemma: str) -> Draft | None:
        inverted = self.inverted_cue(verb)
        if inverted is not None:
            return inverted
        subject = self.speakers.subject_of(verb)
        if subject is not None and self.article.in_quote[subject.i]:
            subject = None  # a subject inside the quotation is the quoted speaker's, not the cue's
        subject = (
            subject
            or self.speakers.subject_after_quote(verb)
            or self.speakers.name_before(verb)
            or main_subject_before(self.article, verb)
        )
        if subject is None:
            return None
        clause_roots = [c for c in verb.children if c.dep_ == "ccomp" or that_clause(c, verb)]
        # A subordinate clause ("as ...", "while ...") parsed as the complement is not the claim.
        clause_roots = [
            c
            for c in clause_roots
            if not any(m.dep_ == "mark" and m.lower_ in ADVERBIAL_MARKS for m in c.children)
        ]
        if any(c.i > verb.i for c in clause_roots):
            clause_roots = [c for c in clause_roots if c.i > verb.i]
        plain = made_plain(verb)
        if plain is not None:
            # "made clear that ...": the parser hangs the claim on "made" or on "clear"
            clause_roots = [
                c
                for c in (*verb.children, *plain.children)
                if c.left_edge.i > plain.i
                and (
                    c.dep_ == "ccomp"
                    or (c.dep_ == "advcl" and any(m.lower_ == "that" for m in c.children))
                )
            ]
        if clause_roots:
            # "said X, but that Y": a clause coordinated with the cue that opens with its own
            # "that" is reported as well
            clause_roots += [
                c
                for c in verb.children
                if c.dep_ == "conj"
                and c.i > max(r.i for r in clause_roots)
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            ]
        if not clause_roots:
            clause_roots = complement_under_prep(verb)
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
        speaker = self.speakers.speaker_for(subject, verb.i)
        particle = phrasal_cue(verb)
        cue_text = verb.text if particle is None else f"{verb.text} {particle.text}"
        if plain is not None:
            cue_text = f"{verb.text} {plain.text}"
        if lemma == "put":
            cue_text = f"{verb.text} it"  # "as she put it"
        if clause_roots:
            # A claim after its cue starts after it, whatever the parser hung on the clause from
            # the left ("... which Sanders said would make ..."); a clause that holds the
            # speaker is not the claim.
            clause_roots = [
                r for r in clause_roots if not (claim_start(r, verb) <= subject.i <= r.right_edge.i)
            ]
        if clause_roots:
            first, last = clause_range(self.article, clause_roots)
            first = max(first, min(claim_start(r, verb) for r in clause_roots))
            rng = trimmed(self.article, first, last)
            if rng is None:
                return None
            colon = verb.i + 1 < len(self.doc) and self.doc[verb.i + 1].text == ":"
            passage = passage_right_after(self.article, verb.idx + len(verb.text) + 1, verb)
            if colon and passage is not None and passage.end < rng[1] - 1:
                # "Clinton said: “...,” but in fact ...": after a colon the claim is the
                # quotation; the words after it are the writer's
                return quotation_draft(self.article, passage, verb, speaker, cue_text)
            start, end, kind = classify(self.article, *rng)
            if (
                lemma in QUOTE_ONLY_VERBS
                and kind == "indirect"
                and not introduced_by_that(clause_roots, verb)
            ):
                # "She drew his ire - he called her “weak”": the clause before the cue is the
                # writer's; what was said is the quoted object. A clause opened by "that" is
                # a claim whatever the verb ("agreed that the plan failed").
                return self.quoted_object_statement(verb, cue_text, speaker)
            if lemma in COGNITION_VERBS and (
                not any(c.dep_ in SUBJECT_DEPS for r in clause_roots for c in r.children)
                # "don't know how ...", "know what she saw": a question, not a belief
                or self.doc[first].tag_ in ("WDT", "WP", "WRB")
                or self.doc[first].lower_ in ("whether", "if")
            ):
                return None
            return make_draft(self.article, start, end, verb, cue_text, speaker, kind)
        # "... took no lives, Mr. Trump said": the claim is the clause the cue interrupts.
        head = verb.head
        cue_clause_start = min(verb.left_edge.i, subject.left_edge.i)
        cue_clause_end = max(verb.right_edge.i, subject.right_edge.i) + 1
        parenthetical = is_parenthetical(self.article, verb, cue_clause_start, cue_clause_end)
        if (
            verb.dep_ in ("parataxis", "ccomp")
            and (head.i < verb.i or parenthetical)
            and head.pos_ in ("VERB", "AUX")
            and head.lemma_.lower() not in REPORTING_VERBS  # that is another cue's clause
        ):
            if parenthetical:
                # "The solution, she said, was simple": the claim runs on both sides of the cue;
                # a statement is one span, so it runs over the cue.
                first, last = clause_range(self.article, [head])
                rng = trimmed(self.article, first, last)
            else:
                rng = trimmed(self.article, head.left_edge.i, cue_clause_start)
            if rng is not None:
                start, end, kind = classify(self.article, *rng)
                if lemma in QUOTE_ONLY_VERBS and kind == "indirect":
                    # "... to shed what the mayor called “a perception problem”": the clause
                    # the cue hangs on is the writer's; the quoted object is what was said.
                    return self.quoted_object_statement(verb, cue_text, speaker)
                return make_draft(self.article, start, end, verb, cue_text, speaker, kind)
        # "As Ann Ruiz put it, the campaign is “on fumes”" / "..., as she noted.": the clause
        # the "as" clause hangs on is the claim.
        if (
            is_as_attribution(verb)
            and head.pos_ in ("VERB", "AUX")
            and not reports_in_its_own_right(head)
        ):
            first, last = clause_range(self.article, [head])
            last = without_closing_punctuation(self.article, first, last)
            if cue_clause_start <= first:
                first = cue_clause_end
            elif cue_clause_end >= last:
                last = cue_clause_start
            rng = trimmed(self.article, first, last) if first < last else None
            if rng is not None:
                start, end, kind = classify(self.article, *rng)
                if lemma in QUOTE_ONLY_VERBS and kind == "indirect":
                    return self.quoted_object_statement(verb, cue_text, speaker)
                return make_draft(self.article, start, end, verb, cue_text, speaker, kind)
        # "X said: “...”" / "“...,” X said" with no clause in the parse: the adjacent quotation.
        passage = self.adjacent_passage(verb, subject)
        if passage is not None:
            return quotation_draft(self.article, passage, verb, speaker, cue_text)
        found = self.quoted_object_statement(verb, cue_text, speaker)
        if found is None and lemma not in QUOTE_ONLY_VERBS | COGNITION_VERBS:
            found = self.closing_attribution(verb, subject, cue_text, speaker)
        return found

    def closing_attribution(
        self, verb: Token, subject: Token, cue_text: str, speaker: Speaker
    ) -> Draft | None:
        """ "The treaty's rejection signals “the end” for the union, said Ann Ruiz, a member.":
        a cue clause after a comma that ends its sentence reports what comes before the comma,
        even where the parser found no clause there (it often reads such a sentence's verb as a
        noun)."""
        cue_start = min(verb.i, subject.left_edge.i)
        number = self.article.sentence_of[verb.i]
        sentence = self.article.sentences[number]
        claim_start = sentence.start
        if cue_start - 1 == sentence.start and number > 0:
            # "..., even with a “good” job, he said.": the parser may end the sentence at the
            # comma before the cue; the claim is the sentence before, in the same paragraph
            previous = self.article.sentences[number - 1]
            if "\n" not in self.text[previous.start_char : sentence.start_char]:
                claim_start = previous.start
        if cue_start - 1 <= claim_start or self.doc[cue_start - 1].text != ",":
            return None
        if self.article.in_quote[cue_start - 1]:
            return None
        # Nothing after the comma but the cue, its speaker and where or when it was said.
        allowed = {verb.i}
        for child in verb.children:
            if child.i > cue_start and (
                child.i == subject.i or child.dep_ in ("prep", "npadvmod", "advmod", "punct")
            ):
                allowed.update(t.i for t in child.subtree)
        allowed.update(t.i for t in subject.subtree)
        if any(t.i not in allowed for t in self.doc[cue_start : sentence.end] if not t.is_space):
            return None
        first = self.doc[claim_start]
        if first.pos_ in ("ADP", "SCONJ") or first.tag_ in ("VBG", "VBN"):
            return None  # "In a speech last July, X said": an adjunct, not a claim
        rng = trimmed(self.article, claim_start, cue_start - 1)
        if rng is None or len(self.text[rng[0] : rng[1]].split()) < 6:
            return None
        start, end, kind = classify(self.article, *rng)
        return make_draft(self.article, start, end, verb, cue_text, speaker, kind)

    def quoted_object_statement(self, verb: Token, cue_text: str, speaker: Speaker) -> Draft | None:
        """ "described the strikes as “a major operation”": an object carrying quoted words."""
        objects = [
            c
            for c in verb.children
            # "whom he called a “con artist”": not the relative pronoun before the cue
            if (c.i > verb.i and c.dep_ in ("dobj", "xcomp", "oprd", "ccomp"))
            or (c.dep_ == "prep" and c.i > verb.i and c.lower_ in _OBJECT_PREPOSITIONS)
        ]
        if objects:
            # "warned of the dangers of “...”": the claim starts at what the preposition governs
            first = min(
                o.i + 1 if o.dep_ == "prep" and o.i == o.left_edge.i else o.left_edge.i
                for o in objects
            )
            last = max(o.right_edge.i for o in objects) + 1
            # "called it “shameful” and called on leaders ...": the speaker's next act is no
            # part of the object, whatever the parser hung it on
            first, last = bounded_range(self.article, first, last, verb.i)
            rng = trimmed(self.article, first, last) if first < last else None
            if rng is not None and not passages_in(self.article, *rng):
                # "called Florida’s standards “strong”": the parser may hang the quoted words
                # elsewhere; words quoted right after the object still complete it.
                following = passage_right_after(self.article, rng[1], verb)
                if following is not None:
                    rng = (rng[0], following.end + closing_mark_length(self.text, following))
            if rng is not None and passages_in(self.article, *rng):
                start, end, kind = classify(self.article, *rng)
                return make_draft(self.article, start, end, verb, cue_text, speaker, kind)
        return None

    def inverted_cue(self, verb: Token) -> Draft | None:
        """ "“...,” said David Brock, a confidant who heads ...": a cue right after a closing mark
        reports the quotation before it, whatever the parser hung on the cue afterwards; its
        speaker is the name that follows."""
        if verb.tag_ == "VBG":
            return None  # "...“top secret,” saying ...": a participle takes the clause's subject
        i = verb.i - 1
        while i >= 0 and self.doc[i].text in (",", "”", '"', "''") and not self.article.in_quote[i]:
            i -= 1
        if i == verb.i - 1 or i < 0 or not self.article.in_quote[i]:
            return None
        passage = next(
            (p for p in self.article.passages if p.start <= self.doc[i].idx < p.end), None
        )
        if passage is None or not passage.closed:
            return None
        if self.text[passage.start : passage.end].rstrip().endswith("."):
            return None  # a closed sentence: the cue after it starts something new
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i), None)
        if subject is None:
            subject = person_noun_after(verb) or name_after(verb)
        if subject is None or self.article.in_quote[subject.i]:
            return None
        speaker = self.speakers.speaker_for(subject, verb.i)
        lead = self.lead_in(passage)
        if lead is not None:
            # "This is a “raw time,” said X": the claim is the whole clause before the cue,
            # the writer's words leading into the quotation included.
            end = strip_comma(self.text, passage.start, passage.end)
            return make_draft(self.article, lead, end, verb, verb.text, speaker)
        return quotation_draft(self.article, passage, verb, speaker)

    def lead_in(self, passage: QuotedPassage) -> int | None:
        """Start of the unquoted words that open the quotation's sentence and lead into it
        ("This is a “...”"), or None when the quotation opens its sentence or follows another
        cue ("She said: “...”")."""
        opening = self.article.token_at(passage.open_mark)
        sentence = self.article.sentences[self.article.sentence_of[opening]]
        words = [
            t
            for t in self.doc[sentence.start : opening]
            if not (t.is_punct or t.is_space or t.dep_ == "cc")
        ]
        if len(words) < 2:
            return None
        if any(
            self.article.in_quote[t.i]
            or t.text == ":"
            or (t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in REPORTING_VERBS)
            or (t.pos_ == "NOUN" and t.lemma_.lower() in NOUN_CUES)
            for t in self.doc[sentence.start : opening]
        ):
            return None
        return words[0].idx

    def adjacent_passage(self, verb: Token, subject: Token) -> QuotedPassage | None:
        clause_start = min(verb.i, subject.left_edge.i)
        clause_end = max(verb.i, subject.i) + 1
        start_char = self.doc[clause_start].idx
        end_char = self.doc[clause_end - 1].idx + len(self.doc[clause_end - 1].text)
        for passage in self.article.passages:
            if passage.end <= start_char:
                # Only the closing mark and a comma or dash between: "“...?” he asked" (the parser
                # often ends a sentence after "?”", so the cue may sit in a sentence of its own).
                # A quotation closed by a full stop ends its sentence, so what follows is new
                # unless it is only the attribution ("“... missing.” Trump said.").
                gap = without_role_word(self.text[passage.end : start_char])
                ends_sentence = self.text[passage.start : passage.end].rstrip().endswith(".")
                if (
                    all(ch in " ,”\"'—–-" for ch in gap)
                    and len(gap) <= 4
                    and (not ends_sentence or is_bare_attribution(verb))
                ):
                    return passage
            elif passage.open_mark >= end_char:
                gap = self.text[end_char : passage.open_mark].strip()
                short = len(self.text[passage.start : passage.end].split()) < MIN_CLAIM_WORDS
                if gap in (",", "") and short and clause_goes_on_after(self.article, passage):
                    # "found “evidence” that ...": quoted words inside a longer claim (mixed).
                    return None
                if gap in (":", ",", "") and passage.open_mark - end_char <= 3:
                    return passage
                if gap.endswith(":") and len(gap) < 40 and not SENTENCE_BREAK.search(gap):
                    return passage  # (a break in between leaves a line of its own: "Jones: ...")
                # "telling the crowd, “...”": only the cue's own short object in between.
                if (
                    gap.endswith(",")
                    and len(gap.split()) <= 4
                    and "”" not in gap
                    and not SENTENCE_BREAK.search(gap)  # not "call her enemies. She said, “"
                ):
                    return passage
                break
        return None

    def noun_statement(self, noun: Token) -> Draft | None:
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
                        subject = self.speakers.subject_of(current)
                    break
                if current.head is current:
                    break
        if subject is None:
            return None
        first, last = clause_range(self.article, clause_roots)
        rng = trimmed(self.article, first, last)
        if rng is None:
            return None
        speaker = self.speakers.speaker_for(subject, noun.i)
        draft = make_draft(self.article, rng[0], rng[1], noun, noun.text, speaker)
        draft.noun_cue = True
        return draft

    def headline_statements(self) -> list[Draft]:
        """ "Name: claim" at the start of a line, the headline form of attribution."""
        found: list[Draft] = []
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
            name, record = self.speakers.resolve(ent.root, ent.root.i)
            speaker = Speaker(ent.start_char, ent.end_char, self.article.written(ent), name, record)
            start, end, kind = classify(self.article, start, end)
            found.append(Draft(start, end, kind, ":", ent.end_char, ent.end_char + 1, speaker))
        return found


def without_closing_punctuation(article: Article, first: int, last: int) -> int:
    """End of tokens first..last-1 without the sentence's closing punctuation and the space
    after it (a quotation keeps its own)."""
    doc = article.doc
    while (
        last > first
        and (doc[last - 1].is_punct or doc[last - 1].is_space)
        and not article.in_quote[last - 1]
    ):
        last -= 1
    return last


def reports_in_its_own_right(verb: Token) -> bool:
    """True for a reporting verb whose subject speaks ("Ruiz argued ..."), not one in the
    passive ("Trump was accused of ...", the claim an "as Reuters reported" clause reports)."""
    return verb.lemma_.lower() in REPORTING_VERBS and not any(
        c.dep_ in ("nsubjpass", "auxpass") for c in verb.children
    )


def is_as_attribution(verb: Token) -> bool:
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


def introduced_by_that(clause_roots: list[Token], verb: Token) -> bool:
    """True when a clause under the cue opens with "that", which makes it a proposition
    ("demanded that he resign") rather than an action the parser hung there; for an active
    "ask", a question opened by "if" or "whether" ("she asked whether ..."; "when asked
    whether ..." is the occasion of someone else's answer)."""
    passive = any(c.dep_ == "auxpass" for c in verb.children) or (
        verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children)
    )
    asked = verb.lemma_.lower() == "ask" and not passive
    marks = ("that", "if", "whether") if asked else ("that",)
    return any(c.dep_ == "mark" and c.lower_ in marks for r in clause_roots for c in r.children)


def without_role_word(gap: str) -> str:
    """The words between a quotation and its cue's subject, less a role word ending them:
    "“...,” screenwriter Cole Haddon wrote", where the parser may leave the role out of the
    subject, though it names who speaks."""
    if len(gap) >= 40:
        return gap  # too long for "," and a role; and the pattern is slow on long text
    return _ROLE_BEFORE_NAME.sub(
        lambda m: "" if m.group(1).lower() in ROLE_NOUNS else m.group(0), gap
    )


def that_clause(child: Token, verb: Token) -> bool:
    """ "saying in his statement only that he was ...": a clause opened by "that" after a
    reporting verb is what it reports, though the parser took it for an adverbial clause ("so
    that", "now that" and "given that" open real ones)."""
    if child.dep_ != "advcl" or child.i < verb.i:
        return False
    mark = next((m for m in child.children if m.dep_ == "mark" and m.lower_ == "that"), None)
    if mark is None:
        return False
    return mark.i == 0 or mark.doc[mark.i - 1].lower_ not in ("so", "now", "given", "such")


def written_subject(verb: Token) -> bool:
    """ "the editorial read", "it reads": "read" reports what a text an actor put out says."""
    return any(
        c.dep_ == "nsubj" and (c.lemma_.lower() in WRITTEN_SOURCES or c.lower_ == "it")
        for c in verb.children
    )


def is_bare_attribution(verb: Token) -> bool:
    """A plain saying verb with nothing of its own to report ("Trump said on Tuesday.")."""
    lemma = verb.lemma_.lower()
    if lemma not in SAYING_VERBS:
        return False
    objects = ("ccomp", "xcomp") if lemma == "tell" else ("ccomp", "xcomp", "dobj")
    return not any(child.dep_ in objects for child in verb.children)


def made_plain(verb: Token) -> Token | None:
    """The adjective that makes "make" report a claim ("made clear that ...", "made it plain
    that ...", "makes this clear: “...”"), or None."""
    if verb.lemma_.lower() != "make":
        return None
    doc = verb.doc
    i = verb.i + 1
    if i < len(doc) and doc[i].lower_ in ("it", "this", "that"):
        i += 1
    if i < len(doc) and doc[i].lower_ in ("clear", "plain", "known"):
        return doc[i]
    return None


def phrasal_cue(verb: Token) -> Token | None:
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
