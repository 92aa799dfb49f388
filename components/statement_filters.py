"""The filters over coded statements that Explore and Export share: articles, publication
dates, concepts, actor types, suggestions, duplicates and grouping by affiliation.

Takes the statement table (``article_id``, ``article_title``, ``article_date``, ``concept`` and
``actor_type`` columns) to offer only values that occur, and returns the choice as the keyword
arguments of :func:`quotegraph.networks.filter_statements`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from components.suggestions_toggle import suggestions_toggle
from quotegraph.statement_table import SuggestionCounts


@dataclass(frozen=True)
class StatementFilters:
    """What the user chose. ``network_filters`` are ``networks.filter_statements`` keywords;
    ``duplicates_note`` is a slot under the duplicates box, for the page to say how many
    statements counting once per article hides."""

    network_filters: dict[str, Any]
    grouped: bool
    duplicates_note: Any

    @property
    def include_suggested(self) -> bool:
        return bool(self.network_filters["include_suggested"])


def statement_filters(
    statements: pd.DataFrame,
    *,
    key: str,
    suggestions: SuggestionCounts | None,
    titles: pd.Series | None = None,
) -> StatementFilters:
    """The filter widgets, keyed ``{key}_articles``, ``{key}_dates``, ``{key}_concepts``,
    ``{key}_types``, ``{key}_suggested``, ``{key}_once`` and ``{key}_grouped``.

    ``titles`` (article id -> title) lists the articles to choose from; by default those in
    ``statements``.
    """
    if titles is None:
        titles = statements.drop_duplicates("article_id").set_index("article_id")["article_title"]
    chosen_articles = st.multiselect(
        "Articles",
        titles.index.tolist(),
        format_func=lambda i: titles[i],
        placeholder="All articles",
        key=f"{key}_articles",
    )
    dates = statements["article_date"].dropna()
    first, last = (dates.min(), dates.max()) if not dates.empty else (None, None)
    date_range = (
        st.date_input("Published between", (first, last), first, last, key=f"{key}_dates")
        if first is not None
        else ()
    )
    chosen_concepts = st.multiselect(
        "Concepts", sorted(statements["concept"].dropna().unique()), key=f"{key}_concepts"
    )
    chosen_types = st.multiselect(
        "Actor types", sorted(statements["actor_type"].dropna().unique()), key=f"{key}_types"
    )
    include_suggested = suggestions_toggle(f"{key}_suggested", suggestions)
    once_per_article = st.checkbox(
        "Count duplicates once per article",
        value=True,
        key=f"{key}_once",
        help="The same actor, concept and stance in one article counts once.",
    )
    duplicates_note = st.empty()
    grouped = st.toggle(
        "Group people by affiliation",
        key=f"{key}_grouped",
        help="Count each person's statements under their organisation or country.",
    )
    # only a narrowed range filters by date: the full range keeps undated articles in
    narrowed = len(date_range) == 2 and (date_range[0], date_range[1]) != (first, last)
    return StatementFilters(
        network_filters=dict(
            articles=tuple(chosen_articles) or None,
            date_from=date_range[0] if narrowed else None,
            date_to=date_range[1] if narrowed else None,
            concepts=tuple(chosen_concepts) or None,
            actor_types=tuple(chosen_types) or None,
            include_suggested=include_suggested,
            once_per_article=once_per_article,
        ),
        grouped=grouped,
        duplicates_note=duplicates_note,
    )


def duplicates_caption(slot: Any, *, every: int, kept: int) -> None:
    """Say under the duplicates box how many of ``every`` statements counting once hides."""
    hidden = every - kept
    slot.caption(
        f"This hides {hidden} repeated statement{'s' if hidden != 1 else ''} of {every}."
        if hidden
        else "No statement is repeated within an article here."
    )
