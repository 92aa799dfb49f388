"""The Library's filters: source, publication dates, analysed or not, coded or not, and coder.

Takes the listed articles and their coding, offers only values that occur, and returns the
:class:`quotegraph.articles.ArticleFilter` the user set (the page applies it with
:func:`quotegraph.articles.filter_articles`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from quotegraph.articles import ArticleCoding, ArticleFilter, ArticleSummary

NO_SOURCE = ""
_YES_NO = {"any": None, "yes": True, "no": False}


def article_filters(
    articles: Sequence[ArticleSummary],
    coding: Mapping[int, ArticleCoding],
    *,
    key: str,
) -> ArticleFilter:
    """A row of filters over ``articles``; unset filters do not restrict."""
    sources = sorted({a.source or NO_SOURCE for a in articles}, key=lambda s: (s == "", s))
    coders = sorted({name for done in coding.values() for name in done.annotators})
    dates = [a.published for a in articles if a.published is not None]
    source_column, date_column, analysed_column, coded_column, coder_column = st.columns(
        [2, 2, 1, 1, 2]
    )
    chosen_sources = source_column.multiselect(
        "Source",
        sources,
        format_func=lambda source: source or "(no source)",
        placeholder="Any source",
        key=f"{key}.sources",
    )
    date_range: tuple = ()
    if dates:
        first, last = min(dates), max(dates)
        date_range = tuple(
            date_column.date_input(
                "Published between",
                (first, last),
                min_value=first,
                max_value=last,
                format="YYYY-MM-DD",
                # A new earliest or latest date (an import, an edit) makes a new widget over
                # the whole new range, instead of keeping a range that leaves articles out.
                key=f"{key}.dates.{first}.{last}",
                help="A narrowed range leaves out articles without a date.",
            )
        )
    else:
        date_column.caption("No article has a date yet: set one with **Details**.")
    analysed = analysed_column.selectbox(
        "Analysed", list(_YES_NO), key=f"{key}.analysed", help="Has the machine read it?"
    )
    coded = coded_column.selectbox(
        "Coded",
        list(_YES_NO),
        key=f"{key}.coded",
        help="Does it hold an accepted statement with an actor, a concept and a stance?",
    )
    chosen_coders = coder_column.multiselect(
        "Coder",
        coders,
        placeholder="Anyone" if coders else "Nobody has coded yet",
        disabled=not coders,
        key=f"{key}.coders",
        help="Articles in which any of these people made a decision.",
    )
    # Only a narrowed range filters: the full range keeps undated articles in.
    narrowed = len(date_range) == 2 and date_range != (min(dates), max(dates))
    return ArticleFilter(
        sources=chosen_sources or None,
        date_from=date_range[0] if narrowed else None,
        date_to=date_range[1] if narrowed else None,
        analysed=_YES_NO[analysed],
        coded=_YES_NO[coded],
        annotators=chosen_coders or None,
    )
