"""Adjudicate: the coders' versions of a double-coded article side by side, settled unit by unit
into the project's result."""

from __future__ import annotations

import streamlit as st

from components.agreement_units import (
    EDIT,
    REJECT,
    AdjudicationIntent,
    options_with_none,
    progress_line,
    take_intent,
    unit_versions,
)
from components.annotator import annotator_badge, annotator_gate
from components.plain_text import escape_markdown
from quotegraph.annotation.codebook_actors import list_actors
from quotegraph.annotation.codebook_concepts import list_concepts
from quotegraph.annotation.history import undo
from quotegraph.annotation.stance_scale import list_stance_levels
from quotegraph.annotation.statements import EditConflict
from quotegraph.store.db import Store
from quotegraph.team.adjudication import (
    ArticleToAdjudicate,
    accept_agreed,
    adjudication_units,
    articles_to_adjudicate,
    pick_version,
)
from quotegraph.team.permissions import PermissionDenied
from resources import get_store

FLASH = "adjudicate.flash"
INTENT = "adjudicate.intent"


def article_label(entry: ArticleToAdjudicate) -> str:
    state = (
        "settled"
        if entry.settled == entry.units
        else f"{entry.open_disagreements} to decide, {entry.agreed_open} agreed"
    )
    return f"{entry.title} ({', '.join(entry.coders)}: {state})"


def chosen_article(articles: list[ArticleToAdjudicate]) -> ArticleToAdjudicate:
    """The article in ``?article=`` if it is double-coded, else the one with most to decide."""
    by_id = {entry.article_id: entry for entry in articles}
    raw = st.query_params.get("article")
    wanted = int(raw) if isinstance(raw, str) and raw.isdigit() else None
    if raw is not None and wanted not in by_id:
        st.warning(f"Article {escape_markdown(raw)} is not double-coded: nothing to adjudicate.")
    default = wanted if wanted in by_id else articles[0].article_id
    chosen = st.selectbox(
        "Article",
        list(by_id),
        index=list(by_id).index(default),
        format_func=lambda article_id: article_label(by_id[article_id]),
    )
    st.query_params["article"] = str(chosen)
    return by_id[chosen]


def apply(store: Store, article_id: int, intent: AdjudicationIntent, adjudicator: str) -> None:
    changes = dict(intent.changes)
    if intent.action == REJECT:
        changes = {"status": "rejected"}
    elif intent.action == EDIT:
        changes["status"] = "accepted"
    pick_version(
        store,
        article_id,
        intent.statement_id,
        seen=intent.seen,
        adjudicator=adjudicator,
        changes=changes,
    )


def run(action, *args, **kwargs) -> None:  # noqa: ANN001
    """Do one adjudication and draw the page again; a refusal is shown at the top of the next
    run as a message, never a traceback."""
    try:
        action(*args, **kwargs)
    except (EditConflict, PermissionDenied, ValueError) as problem:
        st.session_state[FLASH] = f"Not saved: {problem}"
    st.rerun()


st.title("Adjudicate")
store = get_store()
adjudicator = annotator_gate()
if adjudicator is None:
    st.stop()
if st.session_state.get(FLASH):
    st.error(escape_markdown(st.session_state.pop(FLASH)), icon=":material/error:")
articles = articles_to_adjudicate(store, include_settled=True)
if not articles:
    st.info(
        "No double-coded articles yet: adjudication starts once two coders have coded the same "
        "article in their own layers."
    )
    st.stop()
intent = take_intent(INTENT)
if intent is not None:
    run(apply, store, intent.article_id, intent, adjudicator)
with st.container(horizontal=True, vertical_alignment="bottom"):
    entry = chosen_article(articles)
    annotator_badge(adjudicator, key="adjudicate.annotator")
article_id = entry.article_id
progress_line(entry.settled, entry.units)
with st.container(horizontal=True):
    if st.button(
        f"Accept all agreed ({entry.agreed_open})",
        disabled=entry.agreed_open == 0,
        icon=":material/done_all:",
    ):
        run(accept_agreed, store, article_id, adjudicator=adjudicator)
    if st.button("Undo", icon=":material/undo:"):
        run(undo, store, annotator=adjudicator, article_id=article_id)
    show_settled = st.toggle("Show settled units", key="adjudicate.show_settled")

actors = options_with_none([(a.id, a.name) for a in list_actors(store)])
concepts = options_with_none([(c.id, c.name) for c in list_concepts(store)])
stances = options_with_none(
    [(s.value, f"{s.label} ({s.value})") for s in list_stance_levels(store)]
)
shown = 0
for unit in adjudication_units(store, article_id):
    if unit.result is not None and not show_settled:
        continue
    shown += 1
    unit_versions(
        unit,
        actors=actors,
        concepts=concepts,
        stances=stances,
        intent_key=INTENT,
        key=f"adjudicate-{unit.key}",
    )
if shown == 0:
    st.success("Every unit of this article is settled.", icon=":material/check:")
