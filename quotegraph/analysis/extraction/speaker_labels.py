"""Transcript and round-up labels: "Jones: “...”", "Ana Ruiz (D-Calif.): “...”", and a name
between a heading's dash and the colon ("POLLS NOT WRONG - Mark Blumenthal: “...”")."""

from __future__ import annotations

from spacy.tokens import Token

from quotegraph.analysis.actors import ActorRegistry
from quotegraph.analysis.extraction.article import Article


def label_after_dash(article: Article, registry: ActorRegistry, colon: int) -> Token | None:
    """ "POLLS NOT WRONG, JUST EARLY - Mark Blumenthal: “...”": in a round-up, a name
    between a heading's dash and the colon labels who speaks."""
    colon_char = article.doc[colon].idx
    line_start = article.text.rfind("\n", 0, colon_char) + 1
    dash = max(article.text.rfind(f" {d} ", line_start, colon_char) for d in "-–—")
    if dash < 0:
        return None
    first = article.token_at(dash + 3)
    if colon - first > 6 or first >= colon:
        return None
    root = article.doc[colon - 1]
    while first <= root.head.i < colon and root.head.i != root.i:
        root = root.head
    return speaker_label(article, registry, root, colon, article.doc[first].idx)


def speaker_label(
    article: Article,
    registry: ActorRegistry,
    root: Token,
    colon: int,
    label_start: int | None = None,
) -> Token | None:
    """ "Jones: “...”" at the start of a line (or at ``label_start``, after a heading's
    dash), as in transcripts and round-ups: a name and nothing else before the colon labels
    who speaks."""
    start = root.left_edge.i
    if label_start is None:
        label_start = article.text.rfind("\n", 0, article.doc[colon].idx) + 1
    else:
        start = max(start, article.token_at(label_start))
    end = colon  # "Ana Ruiz (D-Calif.): “...”": the party and state are not the name
    if article.doc[colon - 1].text == ")":
        end = next((i for i in range(colon - 2, start, -1) if article.doc[i].text == "("), colon)
    if article.doc[start].idx != label_start or end - start > 6:
        return None
    if root.pos_ != "PROPN":
        return None
    # a name the recogniser tagged, or one the article has already introduced ("Jones",
    # after "Jeffrey M. Jones of Gallup"); not a heading such as "Update:"
    if root.ent_type_ in ("PERSON", "ORG") or registry.find(
        article.written(article.doc[start:end])
    ):
        return root
    return None
