"""The Library's list of articles, the picker that acts on one, the actions on many, and the
delete confirmation."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd
import streamlit as st

from components.plain_text import escape_markdown
from quotegraph.store.articles import ArticleCoding, ArticleSummary


@dataclass(frozen=True)
class ArticleIntent:
    """What the user asked to do with one article."""

    action: Literal["open", "delete", "details"]
    article: ArticleSummary


@dataclass(frozen=True)
class BulkIntent:
    """What the user asked to do with several articles at once."""

    action: Literal["analyse", "delete"]
    articles: tuple[ArticleSummary, ...]


def article_table(
    articles: Sequence[ArticleSummary],
    *,
    key: str,
    coding: Mapping[int, ArticleCoding] | None = None,
    assigned: Mapping[int, Sequence[str]] | None = None,
) -> list[ArticleSummary]:
    """Show every article as one row: title, source, date, words, suggested, accepted and coded
    statements, whether it is analysed; return the articles whose rows the user selected (the
    checkboxes in front of the rows; the header's box selects every row).

    ``assigned`` (article id -> coders) adds an "Assigned to" column when any article has one.
    The grid draws cells as plain text, so titles and sources need no escaping.
    """
    coding = coding or {}
    rows = pd.DataFrame(
        {
            "Title": [a.title for a in articles],
            "Source": [a.source or "" for a in articles],
            # ISO text sorts by date and leaves a missing date blank (the grid greys in "None").
            "Published": [a.published.isoformat() if a.published else "" for a in articles],
            "Words": [a.word_count for a in articles],
            "Suggested": [a.suggested for a in articles],
            "Accepted": [a.accepted for a in articles],
            "Coded": [coding[a.id].coded if a.id in coding else 0 for a in articles],
            "Analysed": [a.analysed_version is not None for a in articles],
        },
        index=pd.Index([a.id for a in articles], name="ID"),
    )
    if assigned:
        rows.insert(2, "Assigned to", [", ".join(assigned.get(a.id, ())) for a in articles])
    # A row selection means "the n-th row of this list": the key names the list (its ids), so a
    # search, import or deletion starts a fresh selection instead of pointing at another article.
    listed = zlib.crc32(",".join(str(a.id) for a in articles).encode())
    event = st.dataframe(
        rows,
        key=f"{key}.{listed:08x}",
        width="stretch",
        on_select="rerun",
        selection_mode="multi-row",
        column_config={
            # Widths (pixels) that fit the wide layout next to the sidebar on a 1400px screen.
            "Title": st.column_config.TextColumn(width=250),
            "Source": st.column_config.TextColumn(width=150),
            "Assigned to": st.column_config.TextColumn(
                width=120, help="The coders who code the article; two or more: double coded"
            ),
            "Published": st.column_config.TextColumn(width=90),
            "Words": st.column_config.NumberColumn(format="%d", width="small"),
            "Suggested": st.column_config.NumberColumn(
                format="%d",
                width="small",
                help="Statements the machine found that nobody has decided on yet",
            ),
            "Accepted": st.column_config.NumberColumn(format="%d", width="small"),
            "Coded": st.column_config.NumberColumn(
                format="%d",
                width="small",
                help="Accepted statements with an actor, a concept and a stance: the ones "
                "that count in Explore",
            ),
            "Analysed": st.column_config.CheckboxColumn(
                width="small", help="The machine has found entities and statements in it"
            ),
        },
    )
    return [articles[row] for row in event.selection.rows if row < len(articles)]


def bulk_actions(
    listed: Sequence[ArticleSummary],
    selected: Sequence[ArticleSummary],
    *,
    key: str,
    export_csv: Callable[[tuple[int, ...]], str],
) -> BulkIntent | None:
    """Analyse, delete or export several articles: the rows selected in the table, or every
    listed (filtered) article. ``export_csv(ids)`` makes the CSV of their statements when the
    download is clicked. Returns the button pressed, if any."""
    scopes = {"selected": f"{len(selected)} selected", "listed": f"all {len(listed)} listed"}
    with st.container(horizontal=True, vertical_alignment="bottom"):
        scope = st.segmented_control(
            "Act on",
            list(scopes),
            format_func=scopes.__getitem__,
            default="selected",
            key=f"{key}.scope",
            help="Select rows with the boxes in front of them, or narrow the list with the "
            "search and the filters and act on all of it.",
        )
        chosen = tuple(selected if scope != "listed" else listed)
        ids = tuple(article.id for article in chosen)
        nothing = "Select rows in the table first" if not chosen else None
        analyse = st.button(
            "Analyse",
            key=f"{key}.analyse",
            icon=":material/auto_awesome:",
            disabled=not chosen,
            help=nothing
            or "Find entities, statements and speakers in these articles now "
            "(articles already analysed by this version of the pipeline are skipped).",
        )
        delete = st.button(
            "Delete…", key=f"{key}.delete", icon=":material/delete:", disabled=not chosen
        )
        st.download_button(
            "Export CSV",
            data=lambda: export_csv(ids),
            file_name="quotegraph-selected-statements.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/download:",
            key=f"{key}.export",
            disabled=not chosen,
            help=nothing
            or "One row per accepted statement of these articles (all columns, "
            "with the article's source).",
        )
    if analyse:
        return BulkIntent("analyse", chosen)
    if delete:
        return BulkIntent("delete", chosen)
    return None


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
    picker, open_column, details_column, delete_column = st.columns(
        [5, 1.3, 1.2, 1.2], vertical_alignment="bottom"
    )
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
    details = details_column.button(
        "Details",
        key=f"{key}.details",
        icon=":material/edit:",
        help="Correct the title, source, date or URL (logged, undoable)",
        width="stretch",
    )
    deleted = delete_column.button(
        "Delete", key=f"{key}.delete", icon=":material/delete:", width="stretch"
    )
    if opened:
        return ArticleIntent("open", by_id[chosen])
    if details:
        return ArticleIntent("details", by_id[chosen])
    if deleted:
        return ArticleIntent("delete", by_id[chosen])
    return None


# One deletion can be pending at a time in a session; these keys belong to this component.
_PENDING_DELETE = "article_table.delete_pending"
_CONFIRMED_DELETE = "article_table.delete_confirmed"


def request_delete(articles: ArticleSummary | Sequence[ArticleSummary]) -> None:
    """Ask for confirmation before ``articles`` (one or several) are deleted (see
    ``delete_confirmation``)."""
    many = (articles,) if isinstance(articles, ArticleSummary) else tuple(articles)
    st.session_state[_PENDING_DELETE] = many


def delete_confirmation(*, key: str) -> tuple[ArticleSummary, ...] | None:
    """Keep the confirmation dialog open while a deletion is pending; once the user confirms,
    return the articles on the next run (once), for the page to delete."""
    confirmed = st.session_state.pop(_CONFIRMED_DELETE, None)
    pending = st.session_state.get(_PENDING_DELETE)
    if pending is not None:
        _confirm_delete_dialog(pending, key=key)
    return confirmed


def _forget_pending_delete() -> None:
    st.session_state.pop(_PENDING_DELETE, None)


# The pending article lives in session state (not only in this call) so the dialog survives
# the reruns its own buttons cause; closing it with x or Escape forgets it.
@st.dialog("Delete articles", on_dismiss=_forget_pending_delete)
def _confirm_delete_dialog(articles: tuple[ArticleSummary, ...], *, key: str) -> None:
    statements = sum(a.suggested + a.accepted + a.rejected for a in articles)
    if len(articles) == 1:
        also = {0: "", 1: " and its 1 statement"}.get(
            statements, f" and its {statements} statements"
        )
        what = f"**{escape_markdown(articles[0].title)}**{also}"
    else:
        what = f"these **{len(articles)} articles** and their {statements} statements"
        shown = "\n".join(f"- {escape_markdown(a.title)}" for a in articles[:10])
        more = f"\n- and {len(articles) - 10} more" if len(articles) > 10 else ""
        st.markdown(shown + more)
    st.markdown(f"Delete {what}? This cannot be undone.")
    confirm_column, cancel_column = st.columns(2)
    if confirm_column.button("Delete", key=f"{key}.confirm", type="primary", width="stretch"):
        _forget_pending_delete()
        st.session_state[_CONFIRMED_DELETE] = articles
        st.rerun()
    if cancel_column.button("Cancel", key=f"{key}.cancel", width="stretch"):
        _forget_pending_delete()
        st.rerun()


def _label(article: ArticleSummary) -> str:
    published = f", {article.published.isoformat()}" if article.published else ""
    source = f" — {article.source}" if article.source else ""
    return f"{article.title}{source}{published} (#{article.id})"
