"""One article, read in order: the steps of the extraction and the drafts they hand on."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from quotegraph.analysis.extraction.according_to import AccordingToReader
from quotegraph.analysis.extraction.actor_mentions import collect_actors
from quotegraph.analysis.extraction.article import Article, index_article
from quotegraph.analysis.extraction.content_boundaries import QUESTIONING_VERBS, classify
from quotegraph.analysis.extraction.continued_quotations import ContinuedQuotations
from quotegraph.analysis.extraction.cues import (
    CueReader,
    is_as_attribution,
    made_plain,
    phrasal_cue,
    written_subject,
)
from quotegraph.analysis.extraction.positions import (
    BELIEF_OR_FINDING_VERBS,
    PositionReader,
    in_a_question,
    speech_kind_as_position,
)
from quotegraph.analysis.extraction.quotation_marks import labelled_after_dash
from quotegraph.analysis.extraction.records import ActorCandidate, ArticleAnalysis, Draft, Entity
from quotegraph.analysis.extraction.speakers import SpeakerResolver
from quotegraph.analysis.lexicon import NOUN_CUES, REPORTING_VERBS
from quotegraph.analysis.nlp import PIPELINE_VERSION


def analyse_doc(doc: Doc, text: str | None = None) -> ArticleAnalysis:
    """Extract entities, statements and actors from an already parsed article. ``text`` is the
    article as written when the Doc was parsed from a copy with plain spaces (same offsets)."""
    article = index_article(doc, text)
    entities = tuple(
        Entity(e.start_char, e.end_char, e.label_, article.text[e.start_char : e.end_char])
        for e in doc.ents
    )
    mentions = collect_actors(article)
    drafts: list[Draft] = []
    speakers = SpeakerResolver(article, mentions, drafts)
    cues = CueReader(article, speakers)
    positions = PositionReader(article, speakers)
    according_to = AccordingToReader(article, speakers)
    put_to_subject = questions_put_to_subject(doc)
    for token in doc:
        if article.in_quote[token.i] or is_that_said(doc, token) or token.i in put_to_subject:
            continue
        lemma = token.lemma_.lower()
        draft = None
        if token.pos_ in ("VERB", "NOUN") and labelled_after_dash(article, token):
            continue  # "Pollsters agree - Carl Bialik: “...”": the label's quotation
        if token.pos_ in ("VERB", "AUX") and (
            lemma in REPORTING_VERBS
            or phrasal_cue(token) is not None
            or made_plain(token) is not None
            or (lemma == "read" and written_subject(token))
            or (lemma == "put" and is_as_attribution(token))
        ):
            draft = cues.verb_statement(token, lemma)
            if draft is not None and lemma in BELIEF_OR_FINDING_VERBS:
                subject = speakers.subject_of(token)
                draft.kind = speech_kind_as_position(lemma, subject, draft.kind)
        elif token.pos_ == "NOUN" and lemma in NOUN_CUES:
            draft = cues.noun_statement(token)
        if draft is not None and in_a_question(article, token):
            continue  # "Did Ruiz say the plan failed?": the writer asks; no one claims
        if draft is None or _already_found(drafts, draft):
            # "“...,” Ruiz said, calling on Congress to act": a second cue by the same
            # quotation says something of its own, if it has content
            draft = positions.position_statement(token) or draft
        if draft is not None:
            draft.subordinate_cue = token.dep_ in ("relcl", "acl")
            add_draft(article, drafts, draft)
    for token in doc:
        if token.lower_ == "according" and not article.in_quote[token.i]:
            draft = according_to.statement(token)
            if draft is not None:
                add_draft(article, drafts, draft)
    for draft in cues.headline_statements():
        add_draft(article, drafts, draft)
    # A cue noun inside another statement's claim ("despite the government's vow that ...")
    # is part of that claim, not a statement of its own.
    drafts[:] = [
        d
        for d in drafts
        if not d.noun_cue
        or not any(
            o is not d
            and o.start <= d.start
            and d.end <= o.end
            and o.end - o.start > d.end - d.start
            for o in drafts
        )
    ]
    _end_claims_at_contrasts(article, drafts)
    _settle_nested_statements(drafts)
    continued = ContinuedQuotations(article, speakers, drafts)
    continued.join_interrupted_quotations()
    continued.attach_unclaimed_passages()
    statements = tuple(d.to_statement(article.text) for d in sorted(drafts, key=lambda d: d.start))
    actors = tuple(
        ActorCandidate(r.name, r.type, tuple(r.aliases), r.affiliation)
        for r in mentions.registry.records
    )
    return ArticleAnalysis(entities, statements, actors, PIPELINE_VERSION)


def is_that_said(doc: Doc, token: Token) -> bool:
    """ "That said, voters say ...": the writer's "said" that turns to a new point, with no
    speaker (the parser reads "That" as its subject and the rest of the sentence as its claim)."""
    return (
        token.lower_ == "said"
        and 0 < token.i < len(doc) - 1
        and doc[token.i - 1].lower_ in ("that", "this")
        and doc[token.i - 1].is_sent_start
        and doc[token.i + 1].text == ","
    )


def questions_put_to_subject(doc: Doc) -> set[int]:
    """The tokens of what someone else put to a clause's subject: "When asked whether the city
    should vote, he said ...", "Asked whether he would urge ..., Baker demurred", "Ruiz, asked
    about the plan, said ...". A participle of asking with no subject or auxiliary of its own
    is no cue, and its subject claims nothing by the question's words ("He was asked by Ruiz
    whether ..." names its asker and stays a cue)."""
    put: set[int] = set()
    for token in doc:
        if token.lemma_.lower() in QUESTIONING_VERBS and _asked_of_subject(token):
            put.update(t.i for t in token.subtree)
    return put


def _asked_of_subject(token: Token) -> bool:
    """True when ``token``, a verb of asking, is a participle with no subject of its own."""
    after = token.right_edge.i + 1
    return (
        token.tag_ in ("VBN", "VBD")  # the tagger reads "When asked" either way
        # "Ruiz, asked about it, said": set off by a comma; "the 43-year-old asked" is a cue
        and (
            token.dep_ == "advcl"
            or (token.dep_ == "acl" and token.i > 0 and token.nbor(-1).text == ",")
        )
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in token.children)
        # "who told Congress when asked about the inquiry: “...”": the answer, quoted, follows
        and not (after < len(token.doc) and token.doc[after].text == ":")
    )


def _already_found(drafts: list[Draft], draft: Draft) -> bool:
    """True when an earlier cue gave the same span."""
    return any(o.start == draft.start and o.end == draft.end for o in drafts)


def add_draft(article: Article, drafts: list[Draft], draft: Draft) -> None:
    """Keep ``draft`` unless it is empty, too short to code, or another cue already gave its span
    (the main clause's cue wins over one in a relative clause)."""
    if draft.end <= draft.start:
        return
    if draft.kind == "indirect" and len(article.text[draft.start : draft.end].split()) < 3:
        return  # "said no", "to note": too short to be a claim an analyst would code
    for number, other in enumerate(drafts):
        if other.start == draft.start and other.end == draft.end:
            if other.subordinate_cue and not draft.subordinate_cue:
                drafts[number] = draft
            return
    drafts.append(draft)


def _end_claims_at_contrasts(article: Article, drafts: list[Draft]) -> None:
    """ "Baker suggested that ..., while Ruiz said that ...": a contrast that brings in another
    speaker's statement ends the first claim; the second statement stands on its own."""
    doc = article.doc
    for inner in drafts:
        if (
            inner.speaker is None
            or inner.cue_start is None
            or inner.speaker.start > inner.cue_start
        ):
            continue
        first = article.token_at(inner.speaker.start)
        if first < 2 or doc[first - 1].lower_ not in ("while", "whereas"):
            continue
        if doc[first - 2].text != ",":
            continue
        comma = doc[first - 2].idx
        for outer in drafts:
            if (
                outer is not inner
                and outer.start < comma < outer.end
                and outer.speaker is not None
                and outer.speaker.record is not inner.speaker.record
            ):
                if outer.kind in ("direct", "mixed", "indirect"):
                    outer.start, outer.end, outer.kind = classify(article, outer.start, comma)
                else:
                    outer.end = comma


def _settle_nested_statements(drafts: list[Draft]) -> None:
    """A statement whose cue sits in another statement's claim is part of that claim ("she said
    that voters want change", "he says he would sit Putin down and tell him “...”"), unless the
    claim is the statement itself, subject first ("X urged Y to act, Reuters reported"): then
    the inner statement is what X said or stands for and the reporter only the channel, so the
    inner statement stays and the report goes."""
    channels = {
        id(other)
        for inner in drafts
        for other in drafts
        if other is not inner
        and inner.cue_start is not None
        and inner.speaker is not None
        and other.kind == "indirect"
        and other.start <= inner.cue_start < other.end
        and inner.speaker.start == other.start
        and other.cue_start is not None
        and other.cue_start >= other.end
    }
    # A statement inside a report that is only its channel stays: "X called on ..., even as
    # he stressed that ..., Reuters reported" keeps both of X's statements.
    nested = {
        id(inner)
        for inner in drafts
        for other in drafts
        if other is not inner
        and id(other) not in channels
        and inner.cue_start is not None
        and other.start <= inner.cue_start < other.end
    }
    drafts[:] = [d for d in drafts if id(d) not in channels and id(d) not in nested]
