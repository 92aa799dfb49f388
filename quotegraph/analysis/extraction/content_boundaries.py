"""Step 3, content boundaries: where a claim starts and ends, and whether it is quoted.

A claim is the clause under its cue, kept inside the cue's sentence, without the edge punctuation,
the "that" introducing it, or what the writer or the source adds about it ("according to X",
"..., noting that ...", a dash opening an aside). Its quotation marks decide its kind: direct,
mixed or indirect.
"""

from __future__ import annotations

from spacy.tokens import Token

from quotegraph.analysis.extraction.article import SUBJECT_DEPS, Article
from quotegraph.analysis.extraction.quotation_marks import passages_in, strip_comma
from quotegraph.analysis.extraction.records import Draft, Speaker
from quotegraph.analysis.lexicon import REPORTING_VERBS
from quotegraph.analysis.quotes import ALL_MARKS, QuotedPassage, closing_mark_length

# "when asked", "after being pressed": the occasion of a statement, never part of it.
QUESTIONING_VERBS = frozenset(("ask", "press", "question", "challenge", "prompt", "quiz"))
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


def trimmed(article: Article, first: int, last: int) -> tuple[int, int] | None:
    """Character range of tokens first..last-1 without edge punctuation and a leading "that"."""
    doc = article.doc
    while first < last and (
        doc[first].is_punct
        or doc[first].is_space
        or (doc[first].dep_ == "mark" and doc[first].lower_ in ("that", "whether"))
        or doc[first].dep_ == "cc"
        or is_complementizer(article, first)
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


def is_complementizer(article: Article, i: int) -> bool:
    """ "that Republicans will win": a "that" the parser took for a pronoun, but followed by
    the clause's own subject, only introduces the claim."""
    doc = article.doc
    return (
        doc[i].lower_ == "that"
        and doc[i].dep_ != "det"
        and i + 1 < len(doc)
        and doc[i + 1].dep_ in SUBJECT_DEPS
    )


def clause_range(article: Article, roots: list[Token]) -> tuple[int, int]:
    """Token range of the clauses under ``roots``, kept in the cue's sentence and cut where the
    writer's or the source's own additions begin."""
    first = min(r.left_edge.i for r in roots)
    last = max(r.right_edge.i for r in roots) + 1
    return bounded_range(article, first, last, roots[0].head.i)


def bounded_range(article: Article, first: int, last: int, cue: int) -> tuple[int, int]:
    """Tokens first..last-1 kept inside the sentence of token ``cue`` and cut where the writer's
    or the source's own additions begin."""
    # A claim stays inside the cue's sentence (quotations are widened later, by their marks).
    sent = article.sentences[article.sentence_of[cue]]
    first, last = max(first, sent.start), min(last, sent.end)
    # The claim ends where the writer's or the source's own additions begin.
    for i in range(first + 1, last):
        if not article.in_quote[i] and adds_to_the_claim(article, i, cue):
            if opens_the_claim(article, first, i):
                continue  # "said that, according to its count, the party won": the claim's own
            if closes_a_dash_pair(article, first, i):
                continue  # "the files — which were leaked — had been altered": the claim resumes
            if relative_aside_inside(article, i, last):
                continue  # "asked Kasich, who is fourth, to lay out ...": the claim resumes
            last = i
            break
    return first, last


def relative_aside_inside(article: Article, i: int, last: int) -> bool:
    """True when token ``i`` opens a relative clause (", who ...", ", which ...") after which
    more of the claim follows before token ``last``: an aside inside the claim, not the writer's
    addition at its end."""
    doc = article.doc
    if doc[i].lower_ not in ("who", "which") or doc[i].head.dep_ != "relcl":
        return False
    aside_end = doc[i].head.right_edge.i + 1
    return any(not (t.is_punct or t.is_space) for t in doc[aside_end:last])


def closes_a_dash_pair(article: Article, first: int, i: int) -> bool:
    """True when token ``i`` is a dash closing an aside that a dash inside the claim opened."""
    return is_spaced_dash(article, i) and any(
        is_spaced_dash(article, j) and not article.in_quote[j] for j in range(first, i)
    )


def opens_the_claim(article: Article, first: int, i: int) -> bool:
    """True when "according to" at token ``i`` has only the "that" introducing the claim (and
    punctuation) before it: the source of a claim's own figures, inside the claim."""
    doc = article.doc
    return doc[i].lower_ == "according" and all(
        t.is_punct or t.is_space or t.dep_ in ("mark", "cc") or is_complementizer(article, t.i)
        for t in doc[first:i]
    )


def adds_to_the_claim(article: Article, i: int, cue: int) -> bool:
    """True when token ``i`` starts something said about the claim rather than the claim:
    "according to X", a reporting participle of the speaker ("..., noting that ...", "before
    claiming ..."), the speaker's next statement ("... but added that ...", a verb in the form
    of the cue at token ``cue``), or the writer's comment in apposition ("..., a charge that
    ...")."""
    doc = article.doc
    tok = doc[i]
    before = i - 1
    while before > 0 and doc[before].text in ("”", '"', "''", "’"):
        before -= 1  # "... “New York values,” stating ...": the comma sits inside the mark
    previous = doc[before].lower_
    if tok.lower_ == "according" and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
        return True
    if tok.text in _DASHES and starts_an_aside(article, i):
        return True
    if tok.lower_ in ("who", "which") and previous == "," and tok.head.dep_ == "relcl":
        return True  # "..., who garnered ...": the writer describing someone named
    if (
        previous == ","
        and tok.dep_ == "prep"
        and i + 1 < len(doc)
        and doc[i + 1].lower_ in ("which", "whom")
        and tok.head.lemma_.lower() in REPORTING_VERBS
        and any(c.dep_ in SUBJECT_DEPS for c in tok.head.children)
    ):
        return True  # "..., to which O'Malley replied: ...": someone else's answer to the claim
    conjunct = doc[i + 1] if tok.dep_ == "cc" and i + 1 < len(doc) else None
    if conjunct is not None and conjunct.dep_ == "conj":
        if (
            conjunct.lemma_.lower() in REPORTING_VERBS
            and not any(c.dep_ in SUBJECT_DEPS for c in conjunct.children)
            and conjunct.tag_ == doc[cue].tag_
        ):
            # "said it was early but added that ...": the speaker's next statement; "says he
            # spoke to Trump and asked him to ..." goes on with the claim, in a form the cue is
            # not in
            return True
        if (
            conjunct.tag_ in ("VBD", "VBZ", "VBP")
            and conjunct.head.tag_ == "VB"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in conjunct.head.children)
        ):
            # "a refusal to use the term and called for ...": a finite verb is not coordinated
            # with an infinitive; the claim ends before it ("could not support him but
            # understood why" goes on)
            return True
    closing = ("”", '"', "''")
    just_quoted = doc[i - 1].text in closing or (
        doc[i - 1].text == "," and i >= 2 and doc[i - 2].text in closing
    )
    if just_quoted and not any(c.dep_ in SUBJECT_DEPS for c in tok.children):
        # "called Cruz the “ultimate hypocrite,” linking to a story ..." / "said CNN “treats me
        # badly” before floating the idea ...": once the quoted words close, a participle is
        # the writer telling what the speaker did next
        if tok.tag_ == "VBG" and previous == ",":
            return True
        if (
            tok.lower_ in ("before", "after", "while")
            and i + 1 < len(doc)
            and doc[i + 1].tag_ == "VBG"
        ):
            return True
    if tok.lower_ in ("before", "after", "while", "when") and i + 1 < len(doc):
        participle = doc[i + 1]
        if participle.tag_ == "VBN" and participle.lemma_.lower() in QUESTIONING_VERBS:
            return True  # "“We’ll see,” when asked whether ...": the occasion, not the claim
        return (
            participle.tag_ == "VBG"
            and participle.lemma_.lower() in REPORTING_VERBS
            and not any(c.dep_ in SUBJECT_DEPS for c in participle.children)
        )
    if (
        tok.tag_ == "VBG"
        and tok.lemma_.lower() in REPORTING_VERBS
        and previous == ","
        and not any(c.dep_ in SUBJECT_DEPS for c in tok.children)
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


def starts_an_aside(article: Article, dash: int) -> bool:
    """True when a single dash opens the writer's aside to the end of the sentence: "...
    46 to 44 percent — within the margin of error", "— a proposal he has raised before",
    "— assuming a two-way race". A pair of dashes encloses words of the claim itself, and
    "— and ...", "— but ..." go on with it."""
    doc = article.doc
    sentence_end = article.sentences[article.sentence_of[dash]].end
    if dash + 1 >= sentence_end or not is_spaced_dash(article, dash):
        return False
    if any(is_spaced_dash(article, j) for j in range(dash + 1, sentence_end)):
        return False
    following = doc[dash + 1]
    if following.tag_ == "VBG" or following.lower_ in _ASIDE_OPENERS:
        return True
    if following.tag_ in ("VBD", "VBZ") and not any(
        c.dep_ in SUBJECT_DEPS for c in following.children
    ):
        return True  # "Trump - who vowed ... - said at a rally": the main clause resumes
    # a noun phrase with a clause or phrase of its own: "— an argument that ..."
    return following.lower_ in ("a", "an", "something") and any(
        c.dep_ in ("relcl", "acl", "prep") for c in following.head.children
    )


def is_spaced_dash(article: Article, i: int) -> bool:
    """A dash between words, not the hyphen of "well-being" or "state-run"."""
    tok = article.doc[i]
    if tok.text not in _DASHES:
        return False
    return tok.text in ("—", "--") or bool(
        i > 0 and article.doc[i - 1].whitespace_ and tok.whitespace_
    )


def classify(article: Article, start: int, end: int) -> tuple[int, int, str]:
    """Decide direct / mixed / indirect for a claim range; a direct one widens to its quote."""
    overlapping = passages_in(article, start, end)
    if not overlapping:
        return start, end, "indirect"
    quoted = sum(min(end, p.end) - max(start, p.start) for p in overlapping)
    visible = sum(1 for ch in article.text[start:end] if not ch.isspace() and ch not in ALL_MARKS)
    if visible and quoted >= 0.8 * visible:
        return (
            overlapping[0].start,
            strip_comma(article.text, overlapping[-1].start, overlapping[-1].end),
            "direct",
        )
    # A claim beginning or ending inside quoted words takes in their marks, so it shows
    # balanced.
    last = overlapping[-1]
    if last.end >= end:
        end = last.end + closing_mark_length(article.text, last)
    if overlapping[0].start >= start:
        start = min(start, overlapping[0].open_mark)
    return start, end, "mixed"


def make_draft(
    article: Article,
    start: int,
    end: int,
    cue: Token | None,
    cue_text: str | None,
    speaker: Speaker | None,
    kind: str | None = None,
) -> Draft:
    """A draft statement over characters ``start``..``end``; without ``kind`` the range is
    classified (and a direct one widened to its quotation)."""
    if kind is None:
        start, end, kind = classify(article, start, end)
    return Draft(
        start,
        end,
        kind,
        cue_text,
        cue.idx if cue is not None else None,
        cue.idx + len(cue.text) if cue is not None else None,
        speaker,
    )


def claim_start(root: Token, verb: Token) -> int:
    """First token of the claim under ``root``: a claim after its cue starts after it."""
    if root.i > verb.i:
        return max(root.left_edge.i, verb.i + 1)
    return root.left_edge.i


def complement_under_prep(verb: Token) -> list[Token]:
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
                has_subject = any(c.dep_ in SUBJECT_DEPS and c.i != that.i for c in clause.children)
                has_object = any(c.dep_ == "dobj" and c.i != that.i for c in clause.children)
                if that.dep_ == "mark" or (has_subject and has_object):
                    return [clause]
    return []


def is_parenthetical(article: Article, verb: Token, clause_start: int, clause_end: int) -> bool:
    """True when the cue clause sits between commas inside its head's clause, with words of
    the claim on both sides ("The solution, she said, was simple")."""
    head = verb.head
    while clause_start < verb.i and article.doc[clause_start].is_punct:
        clause_start += 1  # the parser hangs the commas on the cue itself
    while clause_end > verb.i + 1 and article.doc[clause_end - 1].is_punct:
        clause_end -= 1
    if head.i == verb.i or clause_start < 1 or clause_end >= len(article.doc):
        return False
    if article.doc[clause_start - 1].text != "," or article.doc[clause_end].text != ",":
        return False
    before = (
        any(not t.is_punct for t in article.doc[head.left_edge.i : clause_start] if t.i != head.i)
        or head.i < clause_start
    )
    after = [t for t in article.doc[clause_end : head.right_edge.i + 1] if not t.is_punct]
    # "..., Mr. Trump said, and appeared to ...": what follows a conjunction may be the
    # writer's own addition, so the claim stays the part before the cue.
    return before and bool(after) and after[0].dep_ != "cc"


def quotation_draft(
    article: Article,
    passage: QuotedPassage,
    cue: Token,
    speaker: Speaker | None,
    cue_text: str | None = None,
) -> Draft:
    """A direct statement of a whole quoted passage announced by ``cue``."""
    end = strip_comma(article.text, passage.start, passage.end)
    return make_draft(article, passage.start, end, cue, cue_text or cue.text, speaker, "direct")
