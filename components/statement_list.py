"""The statements behind a click, each with a link that opens it in Annotate.

Takes the frame of :func:`quotegraph.annotation.statement_table.load_statement_table` (of its
columns it reads those in ``CARD_COLUMNS``) and renders each row as a quote card: a badge for its
kind (speech or position), the words, who said them, the stance on which concept, the article,
and a link to the statement's place in it.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from components.plain_text import escape_markdown

ANNOTATE_PAGE = "app_pages/annotate.py"
MAX_CONTENT_CHARS = 600
CARD_COLUMNS = (
    "statement_id",
    "article_id",
    "article_title",
    "article_date",
    "actor",
    "concept",
    "stance",
    "stance_label",
    "content",
    "status",
    "kind",
)
# The badge before a card: a position is what an actor stands for, speech their reported words.
KIND_BADGES = {"position": ":violet-badge[Position]"}
SPEECH_BADGE = ":blue-badge[Speech]"


def annotate_query(article_id: int, statement_id: int) -> dict[str, str]:
    """The query parameters that open Annotate at one statement."""
    return {"article": str(int(article_id)), "statement": str(int(statement_id))}


def stance_name(row: Mapping[str, object]) -> str:
    """The stance's label on the scale, its value when the scale has no label for it."""
    label, stance = row.get("stance_label"), row.get("stance")
    if isinstance(label, str) and label:
        return label
    if stance is None or pd.isna(stance):
        return "no stance"
    return f"stance {int(stance):+d}"  # type: ignore[call-overload]


def _date_text(day: object) -> str:
    if isinstance(day, dt.date):
        return day.strftime("%d %b %Y")
    return "no date"


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CONTENT_CHARS else text[: MAX_CONTENT_CHARS - 1] + "…"


def statement_rows(statements: pd.DataFrame, statement_ids: Sequence[int]) -> pd.DataFrame:
    """The rows of ``statements`` with these ids, oldest article first (undated last)."""
    rows = statements[statements["statement_id"].isin(list(statement_ids))]
    return rows.sort_values(["article_date", "statement_id"], na_position="last", kind="stable")


def statement_card(row: Mapping[str, object], *, key: str) -> None:
    """One statement: its words, speaker, stance and concept, article, and the Annotate link."""
    with st.container(border=True, key=key):
        content = escape_markdown(_clip(str(row["content"] or "")))
        kind = row.get("kind")
        if kind == "position":
            # a position's words are the writer's, not the actor's: no quotation marks
            st.markdown(f"{KIND_BADGES['position']} {content}")
        else:
            st.markdown(f"{SPEECH_BADGE} “{content}”")
        actor = escape_markdown(str(row["actor"] or "unknown actor"))
        concept = escape_markdown(str(row["concept"] or "no concept"))
        stance = escape_markdown(stance_name(row))
        suggested = " · *suggestion, not yet accepted*" if row.get("status") == "suggested" else ""
        st.caption(
            f"**{actor}** · {stance} on **{concept}** · "
            f"{escape_markdown(str(row['article_title'] or 'untitled'))}, "
            f"{_date_text(row['article_date'])}{suggested}"
        )
        st.page_link(
            ANNOTATE_PAGE,
            label="Open in Annotate",
            icon=":material/edit_note:",
            query_params=annotate_query(int(row["article_id"]), int(row["statement_id"])),
        )


def page_bounds(count: int, page: int, page_size: int) -> tuple[int, int]:
    """The rows ``[first, last)`` shown on ``page`` (1-based, clamped to the pages there are)."""
    pages = max(1, -(-count // page_size))
    page = min(max(page, 1), pages)
    first = (page - 1) * page_size
    return first, min(first + page_size, count)


def paged_cards(rows: pd.DataFrame, *, key: str, page_size: int) -> tuple[int, int]:
    """Statement cards for ``rows`` (as :func:`statement_rows` orders them), ``page_size`` to a
    page with page buttons above when there are more; returns the shown rows ``[first, last)``.
    The page buttons belong to this list of statements: another list starts on page 1."""
    count = len(rows)
    pages = max(1, -(-count // page_size))
    listed = zlib.crc32(",".join(map(str, rows["statement_id"].tolist())).encode())
    page_key = f"{key}-page-{listed:08x}"
    if pages > 1:
        st.pagination(pages, key=page_key)
    first, last = page_bounds(count, int(st.session_state.get(page_key, 1) or 1), page_size)
    for position, row in enumerate(rows.iloc[first:last].to_dict("records"), start=first):
        statement_card(row, key=f"{key}-{position}-{row['statement_id']}")
    return first, last


def statement_list(
    statements: pd.DataFrame,
    statement_ids: Sequence[int],
    *,
    title: str,
    key: str,
    page_size: int = 50,
) -> None:
    """List the rows of ``statements`` whose ``statement_id`` is in ``statement_ids``.

    ``title`` says what was clicked (plain text). The statements come in article date then id
    order, ``page_size`` to a page, with page buttons when there are more.
    """
    rows = statement_rows(statements, statement_ids)
    count = len(rows)
    heading = st.empty()
    if count == 0:
        heading.markdown(f"#### {escape_markdown(title)}\n0 statements")
        st.info("No statements behind this selection under the current filters.")
        return
    first, last = paged_cards(rows, key=key, page_size=page_size)
    shown = f", {first + 1}–{last} shown" if count > page_size else ""
    heading.markdown(
        f"#### {escape_markdown(title)}\n{count} statement{'s' if count != 1 else ''}{shown}"
    )
