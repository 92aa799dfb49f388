"""The form that corrects an article's details: title, source, publication date and URL.

It takes the details as stored and returns only what the user changed; the page saves them
through :func:`quotegraph.articles.update_article_details` (logged and undoable).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import streamlit as st

from components.annotator import MAX_NAME_CHARS, clean_annotator_name
from quotegraph.articles import ArticleDetails

EARLIEST_DATE = dt.date(1800, 1, 1)


@dataclass(frozen=True)
class DetailsEdit:
    """The fields the user changed (``published`` None clears the date) and who changed them."""

    changes: dict[str, Any]
    annotator: str


def changed_details(details: ArticleDetails, typed: dict[str, Any]) -> dict[str, Any]:
    """The entries of ``typed`` that differ from ``details`` (blank text counts as missing)."""

    def normal(value: Any) -> Any:
        return (" ".join(value.split()) or None) if isinstance(value, str) else value

    return {
        field: value
        for field, value in typed.items()
        if normal(value) != normal(getattr(details, field))
    }


def details_form(details: ArticleDetails, *, key: str, annotator: str | None) -> DetailsEdit | None:
    """A form with the article's title, source, date and URL; on Save, what changed.

    Without a known ``annotator`` the form asks for a name too: every change is logged with
    who made it. Returns None until the user saves a change.
    """
    with st.form(f"{key}.form", border=False):
        title = st.text_input("Title", details.title, max_chars=1000, key=f"{key}.title")
        source = st.text_input("Source", details.source or "", max_chars=1000, key=f"{key}.source")
        no_date = st.checkbox(
            "No publication date",
            value=details.published is None,
            key=f"{key}.no_date",
            help="Untick to set the date; articles without one stay out of the date charts.",
        )
        published = st.date_input(
            "Published",
            details.published or dt.date.today(),
            min_value=EARLIEST_DATE,
            max_value=dt.date.today() + dt.timedelta(days=366),
            format="YYYY-MM-DD",
            key=f"{key}.published",
        )
        url = st.text_input("URL", details.url or "", max_chars=4000, key=f"{key}.url")
        name = annotator
        if annotator is None:
            name = st.text_input(
                "Your name",
                key=f"{key}.annotator",
                max_chars=MAX_NAME_CHARS,
                help="Recorded with the change, so it can be undone and audited.",
            )
        saved = st.form_submit_button("Save details", type="primary")
    if not saved:
        return None
    who = clean_annotator_name(name)
    if who is None:
        st.error("Type your name first: it is recorded with the change.")
        return None
    typed = {
        "title": title,
        "source": source,
        "published": None if no_date else published,
        "url": url,
    }
    changes = changed_details(details, typed)
    if not changes:
        st.info("Nothing changed.")
        return None
    return DetailsEdit(changes, who)
