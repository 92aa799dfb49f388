"""Step 5, cues (continued): "according to X" and the statement it attributes to X.

"According to X, “...”" takes the quotation; "X did Y, according to Z" the clause the phrase hangs
on, unless that clause reports X's own statement (then Z is only its channel); "(..., according to
X)" what the brackets say.
"""

from __future__ import annotations

from spacy.tokens import Token

from quotegraph.analysis.extraction.article import Article
from quotegraph.analysis.extraction.content_boundaries import make_draft, quotation_draft, trimmed
from quotegraph.analysis.extraction.records import Draft
from quotegraph.analysis.extraction.speakers import SpeakerResolver
from quotegraph.analysis.lexicon import NOUN_CUES, REPORTING_VERBS
from quotegraph.analysis.quotes import QuotedPassage


class AccordingToReader:
    """Reads what each "according to X" of the article attributes to X."""

    def __init__(self, article: Article, speakers: SpeakerResolver) -> None:
        self.article = article
        self.doc = article.doc
        self.text = article.text
        self.speakers = speakers

    def statement(self, according: Token) -> Draft | None:
        """The statement "according to X" at ``according`` attributes to X, or None."""
        to = next((c for c in according.children if c.lower_ == "to"), None)
        source = (
            next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        )
        if source is None:
            return None
        head = according.head
        passage = self._passage_opening_after(according.right_edge)
        if self.article.in_quote[head.i] and passage is not None and passage.start <= head.idx:
            # "According to X, “...”": the parser hangs the phrase on the quotation's verb.
            speaker = self.speakers.speaker_for(source, according.i)
            return quotation_draft(self.article, passage, according, speaker, "according to")
        bracketed = self._bracketed_claim(according)
        if bracketed is not None:
            # "Iowa (93 percent of voters were white, according to exit polls)": the source
            # of what the brackets say
            speaker = self.speakers.speaker_for(source, according.i)
            return make_draft(self.article, *bracketed, according, "according to", speaker)
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
        rng = trimmed(self.article, first, last)
        if rng is None:
            return None
        speaker = self.speakers.speaker_for(source, according.i)
        return make_draft(self.article, rng[0], rng[1], according, "according to", speaker)

    def _bracketed_claim(self, according: Token) -> tuple[int, int] | None:
        """Character range of the words before "according to" inside the same brackets, when
        the phrase ends them: "(..., according to exit polls)"."""
        phrase_end = according.right_edge.i + 1
        if phrase_end >= len(self.doc) or self.doc[phrase_end].text != ")":
            return None
        sentence = self.article.sentences[self.article.sentence_of[according.i]]
        opening = next(
            (i for i in range(according.i - 1, sentence.start - 1, -1) if self.doc[i].text in "()"),
            None,
        )
        if opening is None or self.doc[opening].text != "(":
            return None
        rng = trimmed(self.article, opening + 1, according.i)
        if rng is None or len(self.text[rng[0] : rng[1]].split()) < 3:
            return None
        return rng

    def _passage_opening_after(self, token: Token) -> QuotedPassage | None:
        """The quotation that opens right after ``token``, past a comma or a colon at most."""
        end = token.idx + len(token.text)
        for passage in self.article.passages:
            if passage.open_mark >= end:
                gap = self.text[end : passage.open_mark].strip()
                return passage if gap in ("", ",", ":") else None
        return None
