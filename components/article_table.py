"""The Library's list of articles, the picker that acts on one, and the delete confirmation."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd
import streamlit as st

from components.plain_text import escape_markdown
from quotegraph.articles import ArticleSummary


@dataclass(frozen=True)
class ArticleIntent:
    """What the user asked to do with one article."""

    action: Literal["open", "delete"]
    article: ArticleSummary


def article_table(articles: Sequence[ArticleSummary], *, key: str) -> ArticleSummary | None:
    """Show every article as one row: title, source, date, words, suggested and accepted
    statements; return the article whose row the user selected, if any.

    The grid draws cells as plain text, so titles and sources need no escaping.
    """
    rows = pd.DataFrame(
        {
            "Title": [a.title for a in articles],
            "Source": [a.source or "" for a in articles],
            # ISO text sorts by date and leaves a missing date blank (the grid greys in "None").
            "Published": [a.published.isoformat() if a.published else "" for a in articles],
            "Words": [a.word_count for a in articles],
            "Suggested": [a.suggested for a in articles],
            "Accepted": [a.accepted for a in articles],
        },
        index=pd.Index([a.id for a in articles], name="ID"),
    )
    # A row selection means "the n-th row of this list": the key names the list (its ids), so a
    # search, import or deletion starts a fresh selection instead of pointing at another article.
    listed = zlib.crc32(",".join(str(a.id) for a in articles).encode())
    event = st.dataframe(
        rows,
        key=f"{key}.{listed:08x}",
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            # Widths (pixels) that fit the wide layout next to the sidebar on a 1400px screen.
            "Title": st.column_config.TextColumn(width=330),
            "Source": st.column_config.TextColumn(width="medium"),
            "Published": st.column_config.TextColumn(width=90),
            "Words": st.column_config.NumberColumn(format="%d", width="small"),
            "Suggested": st.column_config.NumberColumn(
                format="%d",
                width="small",
                help="Statements the machine found that nobody has decided on yet",
            ),
            "Accepted": st.column_config.NumberColumn(format="%d", width="small"),
        },
    )
    selected_rows = event.selection.rows
    return articles[selected_rows[0]] if selected_rows else None


def article_actions(
    articles: Sequence[ArticleSummary],
    *,
    key: str,
    can_open: bool,
    selected: ArticleSummary | None = None,
) -> ArticleIntent | None:
    """A picker for one article with Annotate and Delete buttons; returns the button pressed.

    A newly ``selected`` article (a row picked in ``article_table``) becomes the picker's
    choice; a selection already applied does not override a later change in the picker.
    """
    by_id = {a.id: a for a in articles}
    applied_key = f"{key}.applied_selection"
    selected_id = selected.id if selected is not None else None
    if selected_id != st.session_state.get(applied_key):
        st.session_state[applied_key] = selected_id
        if selected_id in by_id:
            st.session_state[f"{key}.article"] = selected_id
    picker, open_column, delete_column = st.columns([6, 1, 1], vertical_alignment="bottom")
    chosen = picker.selectbox(
        "Article",
        options=list(by_id),
        format_func=lambda article_id: _label(by_id[article_id]),
        key=f"{key}.article",
    )
    if chosen is None:
        return None
    opened = open_column.button(
        "Annotate",
        key=f"{key}.open",
        type="primary",
        icon=":material/edit_note:",
        disabled=not can_open,
        help="Annotate this article" if can_open else "The Annotate page is not installed",
        width="stretch",
    )
    deleted = delete_column.button(
        "Delete", key=f"{key}.delete", icon=":material/delete:", width="stretch"
    )
    if opened:
        return ArticleIntent("open", by_id[chosen])
    if deleted:
        return ArticleIntent("delete", by_id[chosen])
    return None


# One deletion can be pending at a time in a session; these keys belong to this component.
_PENDING_DELETE = "article_table.delete_pending"
_CONFIRMED_DELETE = "article_table.delete_confirmed"


def request_delete(article: ArticleSummary) -> None:
    """Ask for confirmation before ``article`` is deleted (see ``delete_confirmation``)."""
    st.session_state[_PENDING_DELETE] = article


def delete_confirmation(*, key: str) -> ArticleSummary | None:
    """Keep the confirmation dialog open while a deletion is pending; once the user confirms,
    return the article on the next run (once), for the page to delete."""
    confirmed = st.session_state.pop(_CONFIRMED_DELETE, None)
    pending = st.session_state.get(_PENDING_DELETE)
    if pending is not None:
        _confirm_delete_dialog(pending, key=key)
    return confirmed


def _forget_pending_delete() -> None:
    st.session_state.pop(_PENDING_DELETE, None)


# The pending article lives in session state (not only in this call) so the dialog survives
# the reruns its own buttons cause; closing it with x or Escape forgets it.
@st.dialog("Delete article", on_dismiss=_forget_pending_delete)
def _confirm_delete_dialog(article: ArticleSummary, *, key: str) -> None:
    statements = article.suggested + article.accepted + article.rejected
    also = {0: "", 1: " and its 1 statement"}.get(statements, f" and its {statements} statements")
    st.markdown(f"Delete **{escape_markdown(article.title)}**{also}? This cannot be undone.")
    confirm_column, cancel_column = st.columns(2)
    if confirm_column.button("Delete", key=f"{key}.confirm", type="primary", width="stretch"):
        _forget_pending_delete()
        st.session_state[_CONFIRMED_DELETE] = article
        st.rerun()
    if cancel_column.button("Cancel", key=f"{key}.cancel", width="stretch"):
        _forget_pending_delete()
        st.rerun()


def _label(article: ArticleSummary) -> str:
    published = f", {article.published.isoformat()}" if article.published else ""
    source = f" — {article.source}" if article.source else ""
    return f"{article.title}{source}{published} (#{article.id})"
