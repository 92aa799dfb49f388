"""Step 7, quotations without a cue of their own: one sentence quoted around its cue, a
quotation announced by a colon, and a quotation that continues the last speaker."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Token

from quotegraph.analysis.extraction.article import Article
from quotegraph.analysis.extraction.content_boundaries import make_draft, quotation_draft
from quotegraph.analysis.extraction.positions import POSITION
from quotegraph.analysis.extraction.quotation_marks import (
    MIN_CLAIM_WORDS,
    is_quoted_sentence,
    opens_sentence,
    strip_comma,
)
from quotegraph.analysis.extraction.records import Draft
from quotegraph.analysis.extraction.speaker_labels import label_after_dash, speaker_label
from quotegraph.analysis.extraction.speakers import SpeakerResolver, can_speak
from quotegraph.analysis.lexicon import REPORTING_VERBS
from quotegraph.analysis.position_lexicon import SPEECH_ACT_VERBS
from quotegraph.analysis.quotes import QuotedPassage, closing_mark_length

# characters after the last statement a cue-less quotation may continue it
CONTINUATION_REACH = 1200
_BREAKS = frozenset((".", "!", "?", ";", ":"))
_BLANK = re.compile(r"\s*")


class ContinuedQuotations:
    """Attaches the article's quotations that no cue claimed to the statements found so far
    (``drafts``, which it extends in place)."""

    def __init__(self, article: Article, speakers: SpeakerResolver, drafts: list[Draft]) -> None:
        self.article = article
        self.doc = article.doc
        self.text = article.text
        self.speakers = speakers
        self.drafts = drafts

    def join_interrupted_quotations(self) -> None:
        """ "“We are ready,” she said, “and nobody will stop us.”": one sentence quoted around
        its cue is one statement. So is a quoted sentence left open by a comma, its cue, and the
        quotation that goes on after it in the same paragraph (“We are ready,” she said. “Nobody
        will stop us. Not now.”): news writing breaks one quotation to name its speaker. Its span
        runs from the first quoted word to the last, over the cue, since a statement is one
        span. A quotation in a new paragraph stays a statement of its own."""
        by_start = {d.start: d for d in self.drafts if d.kind == "direct"}
        for first, second in zip(self.article.passages, self.article.passages[1:], strict=False):
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
            if "\n" in between or len(between) > 100:
                continue
            if not between.rstrip().endswith(",") and not self.finishes_after_full_stop(
                first, second, between
            ):
                continue
            clause = self.doc[
                bisect.bisect_left(self.article.token_starts, first.end) : bisect.bisect_left(
                    self.article.token_starts, second.open_mark
                )
            ]
            # No sentence break inside the cue's clause ("Sen." and "D-Conn." are words, not
            # breaks); only its last mark may end it.
            if any(token.text in _BREAKS for token in clause[:-1]):
                continue
            cue_count = sum(1 for token in clause if token.lemma_.lower() in REPORTING_VERBS)
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
            draft.end = strip_comma(self.text, second.start, second.end)
            by_start[first.start] = draft

    def finishes_after_full_stop(
        self, first: QuotedPassage, second: QuotedPassage, between: str
    ) -> bool:
        """True for “A,” he said. “B.”: the first quotation is left open by a comma, the cue's
        clause ends with a full stop, and the second quotation is a claim."""
        if not between.rstrip().endswith(".") or not self.text[
            first.start : first.end
        ].rstrip().endswith(","):
            return False
        # a claim, as a quotation with no cue must be to continue its speaker ("Big time." is not)
        first_token = bisect.bisect_left(self.article.token_starts, second.start)
        return len(
            self.text[second.start : second.end].split()
        ) >= MIN_CLAIM_WORDS or is_quoted_sentence(self.article, second, first_token)

    def attach_unclaimed_passages(self) -> None:
        for passage in self.article.passages:
            if any(d.start < passage.end and d.end > passage.start for d in self.drafts):
                continue
            first = bisect.bisect_left(self.article.token_starts, passage.start)
            if first >= len(self.doc):
                continue
            words = len(self.text[passage.start : passage.end].split())
            if words < MIN_CLAIM_WORDS and not is_quoted_sentence(self.article, passage, first):
                continue
            sentence = self.article.sentence_of[first]
            speech = [
                d for d in self.drafts if d.speaker is not None and shown_speaking(self.article, d)
            ]
            previous = [d for d in speech if d.start < passage.start]
            same_sentence = [
                d
                for d in speech
                if d.cue_start is not None
                and self.article.sentence_of[
                    bisect.bisect_right(self.article.token_starts, d.cue_start) - 1
                ]
                == sentence
            ]
            signed = self.signed_below(passage)
            if signed is not None:
                if signed.speaker is not None:
                    self.drafts.append(signed)
                continue
            introduced = self.introduced_by_colon(passage)
            if introduced is not None:
                if introduced.speaker is not None:
                    self.drafts.append(introduced)
                continue  # "The banner read: “...”": announced, but by no one who speaks
            source: Draft | None = None
            if same_sentence:
                source = same_sentence[0]
            elif opens_sentence(self.article, passage, first):
                source = self.announced_by_sentence_before(passage, sentence)
                if source is None and previous:
                    last = self.last_words_of(previous)
                    if passage.start - last.end <= CONTINUATION_REACH:
                        source = self.nearer_mention(last, sentence) or last
            if source is None:
                continue
            self.drafts.append(
                Draft(
                    passage.start,
                    strip_comma(self.text, passage.start, passage.end),
                    "direct",
                    source.cue,
                    source.cue_start,
                    source.cue_end,
                    source.speaker,
                )
            )

    def last_words_of(self, previous: list[Draft]) -> Draft:
        """The statement a quotation opening a sentence goes on from: the last one before it,
        unless that is a position inside the clause of a quotation's cue in the same sentence
        ("“...?” said Mulholland, who has accused X of Y. “...”" and "“...?” said Murphy, using
        a term Rubio used to describe Trump. “...”" go on from the quotation, not the
        accusation or the description)."""
        last = max(previous, key=lambda d: d.end)
        if last.kind != POSITION or last.speaker is None or last.cue_start is None:
            return last
        sentence = self.article.sentence_at(last.cue_start)
        position_cue = self.doc[self.article.token_at(last.cue_start)]
        for draft in previous:
            if (
                draft.kind != POSITION
                and draft.speaker is not None
                and draft.cue_start is not None
                and self.article.sentence_at(draft.cue_start) == sentence
                and (
                    (
                        last.speaker.record is not None
                        and draft.speaker.record is last.speaker.record
                    )
                    or embedded_in(position_cue, self.doc[self.article.token_at(draft.cue_start)])
                )
            ):
                return draft
        return last

    def nearer_mention(self, source: Draft, sentence: int) -> Draft | None:
        """ "“...,” Trump said. He then turned to the crowd.\n\n“Who will pay?”": when the
        sentence before a continued quotation has the same speaker as its subject, that nearer
        mention introduces the quotation."""
        if sentence == 0 or source.speaker is None or source.speaker.record is None:
            return None
        root = self.article.sentences[sentence - 1].root
        if self.article.in_quote[root.i] or root.pos_ not in ("VERB", "AUX"):
            return None
        if source.cue_start is not None and root.idx <= source.cue_start:
            return None  # the source's own sentence
        subject = self.speakers.subject_of(root)
        if subject is None or self.article.in_quote[subject.i] or not can_speak(subject):
            return None
        speaker = self.speakers.speaker_for(subject, root.i)
        if speaker.record is not source.speaker.record:
            return None
        return Draft(
            source.start,
            source.end,
            "direct",
            root.text,
            root.idx,
            root.idx + len(root.text),
            speaker,
        )

    def announced_by_sentence_before(self, passage: QuotedPassage, sentence: int) -> Draft | None:
        """ "Bystrom agreed. “Republicans are running out of time.”": a sentence that only
        reports someone speaking, right before a quotation in the same paragraph, announces
        the quotation, whoever spoke last."""
        if sentence == 0 or passage.paragraph_start:
            return None
        before = self.article.sentences[sentence - 1]
        last_word = next((t for t in reversed(before) if not t.is_space), None)
        if last_word is None:
            return None
        # nothing but a space between the sentence's last word and the quotation
        if self.text[last_word.idx + len(last_word.text) : passage.open_mark] not in ("", " "):
            return None
        root = before.root
        if (
            self.article.in_quote[root.i]
            or root.pos_ != "VERB"
            or root.lemma_.lower() not in REPORTING_VERBS
        ):
            return None
        # "“A,” she said." closes a quotation of its own; the last-speaker rule covers it
        if any(self.article.in_quote[token.i] for token in before):
            return None
        subject = self.speakers.subject_of(root)
        if subject is None or self.article.in_quote[subject.i]:
            return None
        if not can_speak(subject) and subject.pos_ != "PROPN":
            return None
        speaker = self.speakers.speaker_for(subject, root.i)
        return make_draft(
            self.article, passage.start, passage.end, root, root.text, speaker, "direct"
        )

    def signed_below(self, passage: QuotedPassage) -> Draft | None:
        """ "“I will look into it.”\n\n- Hillary Clinton.": a quotation that is a paragraph of
        its own, signed on the next line after a dash, as fact checks and epigraphs credit a
        quotation, belongs to the name that signs it."""
        line_end = self.text.find("\n", passage.end)
        if not passage.paragraph_start or line_end < 0:
            return None
        if self.text[passage.end + closing_mark_length(self.text, passage) : line_end].strip(" ."):
            return None
        signature = _BLANK.match(self.text, line_end).end()
        if self.text[signature : signature + 1] not in ("-", "–", "—"):
            return None
        dash = self.doc[self.article.token_at(signature)]
        first = dash.i + 1
        if first >= len(self.doc) or "\n" in self.text[signature : self.doc[first].idx]:
            return None
        name = self.doc[first]
        while name.i + 1 < len(self.doc) and self.doc[name.i + 1].pos_ == "PROPN":
            name = self.doc[name.i + 1]
        # a name, capitalised, and nothing but a description after it: not a dashed list item
        if name.pos_ != "PROPN" or not self.doc[first].text[:1].isupper():
            return None
        after_name = name.idx + len(name.text)
        if self.text[after_name : after_name + 1] not in (",", ".", "", "\n"):
            return None
        # "-Marks, Philadelphia.": the parser reads a name glued to its dash as another word,
        # so the quotation is known to be signed but by no name it can trust
        speaker = self.speakers.speaker_for(name, name.i) if len(dash.text) == 1 else None
        return quotation_draft(self.article, passage, dash, speaker)

    def introduced_by_colon(self, passage: QuotedPassage) -> Draft | None:
        """ "She had a message for them: “...”": a quotation announced by a colon belongs to the
        subject of the clause before the colon, whatever its verb. The draft has no speaker when
        that subject cannot speak (only names, personal pronouns and roles can); None when no
        clause with a subject announces the quotation."""
        before = self.text[: passage.open_mark].rstrip()
        if not before.endswith(":"):
            return None
        colon = bisect.bisect_right(self.article.token_starts, len(before) - 1) - 1
        if colon <= 0 or self.doc[colon].text != ":":
            return None
        label = label_after_dash(self.article, self.speakers.registry, colon)
        if label is not None:
            speaker = self.speakers.speaker_for(label, colon)
            return quotation_draft(self.article, passage, self.doc[colon], speaker)
        # The clause before the colon: climb from its last word while the heads stay before the
        # colon (the parser may root the whole sentence inside the quotation).
        root = self.doc[colon - 1]
        while root.head.i != root.i and root.head.i < colon and not speaks_itself(root):
            root = root.head
        if self.article.in_quote[root.i]:
            return None
        if root.pos_ not in ("VERB", "AUX"):
            label = speaker_label(self.article, self.speakers.registry, root, colon)
            if label is None:
                return None
            return quotation_draft(
                self.article, passage, self.doc[colon], self.speakers.speaker_for(label, colon)
            )
        subject = self.speakers.subject_of(root)
        if subject is None or self.article.in_quote[subject.i]:
            return None
        if can_speak(subject):
            speaker = self.speakers.speaker_for(subject, root.i)
        elif self.doc[colon - 1].ent_type_ == "PERSON":
            # "The surge doesn't surprise pollster Daron Shaw: “...”": the person named right
            # before the colon is the one who speaks next.
            speaker = self.speakers.speaker_for(self.doc[colon - 1], colon)
        else:
            speaker = None
        return quotation_draft(self.article, passage, root, speaker)


def shown_speaking(article: Article, draft: Draft) -> bool:
    """True when the statement shows its speaker speaking, so quoted words after it may go on
    with it: speech, or a speech act ("Ruiz praised the plan. “It is bold.”"); not a stance or
    a plan someone holds ("the German leader's plan to ...")."""
    if draft.kind != POSITION:
        return True
    if draft.cue_start is None:
        return False
    cue = article.doc[article.token_at(draft.cue_start)]
    return cue.pos_ == "VERB" and cue.lemma_.lower() in SPEECH_ACT_VERBS


def embedded_in(token: Token, cue: Token) -> bool:
    """True when ``token`` hangs below ``cue`` in a modifying clause ("said Murphy, using a term
    Rubio used to describe ..."), not in a clause coordinated with it ("Murphy said ..., and
    Rubio urged ...")."""
    while token.head.i != token.i:
        if token.dep_ == "conj":
            return False
        token = token.head
        if token.i == cue.i:
            return True
    return False


def speaks_itself(verb: Token) -> bool:
    """True for a verb of speech or thought with a subject of its own ("Baker imagined the mayor
    was thinking: “...”"): the clause nearest the colon announces the quotation, not the
    clause it hangs on."""
    return (
        verb.pos_ == "VERB"
        and verb.lemma_.lower() in REPORTING_VERBS
        and any(c.dep_ == "nsubj" for c in verb.children)
    )
