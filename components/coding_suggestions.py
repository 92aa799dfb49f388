"""Suggested concept and stance in Annotate: the selected statement's suggestion with one key to
accept it, the order to code in, and accepting many suggestions above a confidence at once.

Plain data in (the suggestions as ``quotegraph.annotation.coding_suggestions`` returns them, the
model's
state), the analyst's intent out through ``on_intent``; nothing here opens the store.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import streamlit as st

from components.article_view import COMMAND_KEYS
from components.plain_text import escape_markdown

if TYPE_CHECKING:
    from quotegraph.annotation.coding_suggestions import CodingSuggestionView

ACCEPT_KEY = COMMAND_KEYS["accept_suggestion"][0]
READING_ORDER = "Reading order"
MOST_USEFUL = "Most useful next"
ORDERS = (READING_ORDER, MOST_USEFUL)


@dataclass(frozen=True)
class SuggestionIntent:
    """ "accept" the suggestions of ``statement_ids`` (``in_bulk``: without looking at each)."""

    action: str
    statement_ids: tuple[int, ...] = ()
    in_bulk: bool = False


def percent(confidence: float) -> str:
    return f"{round(confidence * 100)}%"


def model_caption(model: Any | None, *, training: bool, error: str | None) -> str:
    """One line on the suggestion model: which version, learned from what, retraining or not."""
    if error:
        return f"Suggestions: the last training failed ({error})."
    if model is None:
        state = "learning from the codebook…" if training else "no model yet (add concepts)"
        return f"Suggestions: {state}"
    line = (
        f"Suggestions from model {model.version}, learned from {model.examples} coded "
        f"statement{'s' * (model.examples != 1)} and the codebook"
    )
    reads = getattr(model, "reads", "")
    if reads:
        line += f" (reads {reads})"
    return line + (" · retraining…" if training else "")


def suggestion_box(
    *,
    key: str,
    statement_id: int | None,
    suggestion: CodingSuggestionView | None,
    provenance: str | None,
    on_intent: Callable[[SuggestionIntent], None],
) -> None:
    """The selected statement's suggested concept and stance with their confidence, and the
    button (key ``g``) that accepts them; ``provenance`` says who set what it holds now."""
    if statement_id is None:
        return
    with st.container(border=True, key=f"{key}.box"):
        if suggestion is None:
            st.caption(provenance or "No suggestion for this statement.")
            return
        parts = [
            f"concept **{escape_markdown(suggestion.concept_name or '-')}** "
            f"({percent(suggestion.concept_confidence)})"
        ]
        if suggestion.stance_label is not None:
            parts.append(
                f"stance **{escape_markdown(suggestion.stance_label)}** "
                f"({percent(suggestion.stance_confidence)})"
            )
        st.markdown(
            f"Suggested: {' · '.join(parts)}",
            help=f"By model {suggestion.model_version}; the percentages are its confidence.",
        )
        if provenance:
            st.caption(provenance)
        st.button(
            f"Accept suggestion ({ACCEPT_KEY})",
            key=f"{key}.accept",
            icon=":material/done_all:",
            width="stretch",
            on_click=on_intent,
            args=(SuggestionIntent("accept", (statement_id,)),),
        )


def provenance_line(statement: Any, stance_labels: Mapping[int, str]) -> str | None:
    """Who set the statement's concept and stance: "concept set by the model m3 (accepted in
    bulk)", "by a person"; None when neither is set."""
    origins = statement.field_origins or {}
    parts = []
    for field, value, shown in (
        ("concept", statement.concept_id, statement.concept_name),
        ("stance", statement.stance, stance_labels.get(statement.stance)),
    ):
        if value is None:
            continue
        who = "the model (accepted in bulk)" if origins.get(field) == "machine" else "a person"
        parts.append(f"{field} {escape_markdown(str(shown))} set by {who}")
    return "Now: " + "; ".join(parts) if parts else None


def order_picker(*, key: str) -> str:
    """Reading order or most useful next (least confident suggestion first, concepts in turn)."""
    return (
        st.segmented_control(
            "Order",
            ORDERS,
            default=READING_ORDER,
            key=key,
            help="Most useful next: the statements the model is least sure of first, taking the "
            "suggested concepts in turn; coded statements come last.",
        )
        or READING_ORDER
    )


def bulk_accept_form(
    *,
    key: str,
    statements: Sequence[Any],
    suggestions: Mapping[int, CodingSuggestionView],
    concepts: Sequence[tuple[int, str]],
    count: Callable[[int | None, float], list[int]],
    on_intent: Callable[[SuggestionIntent], None],
) -> None:
    """Accept every waiting suggestion of one concept (or all) at or above a confidence.

    ``count(concept_id, threshold)`` gives the statement ids that would be accepted. The
    accepted fields are marked machine-set; Undo (u) takes the whole batch back.
    """
    waiting = {suggestion.concept_id for suggestion in suggestions.values()}
    names = dict(concepts)
    options: list[int | None] = [None, *[cid for cid, _ in concepts if cid in waiting]]
    with st.popover(
        f"Accept in bulk ({len(suggestions)} waiting)",
        icon=":material/playlist_add_check:",
        width="stretch",
        disabled=not suggestions,
    ):
        concept_id = st.selectbox(
            "Concept",
            options,
            format_func=lambda cid: "(all concepts)" if cid is None else names.get(cid, "?"),
            key=f"{key}.concept",
        )
        threshold = st.slider(
            "Confidence at least",
            min_value=0.5,
            max_value=1.0,
            value=0.9,
            step=0.01,
            key=f"{key}.threshold",
        )
        chosen = count(concept_id, threshold)
        st.caption(
            f"{len(chosen)} statement{'s' * (len(chosen) != 1)} of this article. Their concept "
            "and stance are marked as set by the model; Undo (u) takes the whole batch back."
        )
        st.button(
            f"Accept {len(chosen)}",
            key=f"{key}.go",
            type="primary",
            disabled=not chosen,
            on_click=on_intent,
            args=(SuggestionIntent("accept", tuple(chosen), in_bulk=True),),
        )
