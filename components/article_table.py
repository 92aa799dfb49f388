"""The Library's list of articles, the picker that acts on one, and the delete confirmation."""

from __future__ import annotations

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


def article_table(articles: Sequence[ArticleSummary], *, key: str) -> None:
    """Show every article as one row: title, source, date, words, statement counts.

    The grid draws cells as plain text, so titles and sources need no escaping.
    """
    rows = pd.DataFrame(
        {
            "Title": [a.title for a in articles],
            "Source": [a.source or "" for a in articles],
            "Published": [a.published for a in articles],
            "Words": [a.word_count for a in articles],
            "Suggested": [a.suggested for a in articles],
            "Accepted": [a.accepted for a in articles],
            "Rejected": [a.rejected for a in articles],
        },
        index=pd.Index([a.id for a in articles], name="ID"),
    )
    st.dataframe(
        rows,
        key=key,
        width="stretch",
        column_config={
            "Title": st.column_config.TextColumn(width="large"),
            "Published": st.column_config.DateColumn(format="YYYY-MM-DD"),
            "Words": st.column_config.NumberColumn(format="%d"),
            "Suggested": st.column_config.NumberColumn(
                format="%d", help="Statements the machine found that nobody has decided on yet"
            ),
            "Accepted": st.column_config.NumberColumn(format="%d"),
            "Rejected": st.column_config.NumberColumn(format="%d"),
        },
    )


def article_actions(
    articles: Sequence[ArticleSummary], *, key: str, can_open: bool
) -> ArticleIntent | None:
    """A picker for one article with Open and Delete buttons; returns the button pressed."""
    by_id = {a.id: a for a in articles}
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
        "Open",
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


@st.dialog("Delete article")
def confirm_delete(article: ArticleSummary, *, key: str) -> None:
    """Ask before deleting; a confirmed deletion is handed back by ``take_confirmed_delete``."""
    statements = article.suggested + article.accepted + article.rejected
    st.markdown(
        f"Delete **{escape_markdown(article.title)}** and its {statements} statement(s)? "
        "This cannot be undone."
    )
    confirm_column, cancel_column = st.columns(2)
    if confirm_column.button("Delete", key=f"{key}.confirm", type="primary", width="stretch"):
        st.session_state[f"{key}.confirmed"] = article
        st.rerun()
    if cancel_column.button("Cancel", key=f"{key}.cancel", width="stretch"):
        st.rerun()


def take_confirmed_delete(*, key: str) -> ArticleSummary | None:
    """The article whose deletion was just confirmed in ``confirm_delete``, once."""
    return st.session_state.pop(f"{key}.confirmed", None)


def _label(article: ArticleSummary) -> str:
    published = f", {article.published.isoformat()}" if article.published else ""
    source = f" — {article.source}" if article.source else ""
    return f"{article.title}{source}{published} (#{article.id})"
