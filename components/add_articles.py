"""The Library's "Add articles" panel (paste, upload, URL) and the report of an import."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.plain_text import escape_markdown
from quotegraph.reading.ingest import ImportReport

# Beyond this many problems the rest are listed in a table instead of one message each.
MAX_PROBLEM_MESSAGES = 20


@dataclass(frozen=True)
class UploadedArticleFile:
    name: str
    data: bytes


@dataclass(frozen=True)
class AddRequest:
    """What the user submitted: one of pasted text, uploaded files or a URL."""

    pasted_text: str | None = None
    pasted_title: str | None = None
    files: tuple[UploadedArticleFile, ...] = ()
    url: str | None = None


def add_articles_panel(*, key: str, file_types: Sequence[str], hint: str) -> AddRequest | None:
    """Three ways to add articles, one tab each; returns the submitted request, if any.

    ``file_types`` are the accepted extensions without dots; ``hint`` says what the upload
    tab accepts, in words.
    """
    paste_tab, upload_tab, url_tab = st.tabs(
        [
            ":material/content_paste: Paste text",
            ":material/upload: Upload files",
            ":material/link: From a URL",
        ]
    )
    # Every tab is drawn on every run (returning early would drop the other tabs' widgets).
    request: AddRequest | None = None
    with paste_tab, st.form(f"{key}.paste", clear_on_submit=True, border=False):
        title = st.text_input("Title", placeholder="Optional: the first line of the text is used")
        text = st.text_area("Article text", height=220, placeholder="Paste the article here")
        if st.form_submit_button("Add article", type="primary", icon=":material/add:"):
            request = AddRequest(pasted_text=text, pasted_title=title.strip() or None)
    with upload_tab, st.form(f"{key}.upload", clear_on_submit=True, border=False):
        uploads = st.file_uploader("Files", type=list(file_types), accept_multiple_files=True)
        st.caption(hint)
        if st.form_submit_button("Import files", type="primary", icon=":material/upload:"):
            files = tuple(UploadedArticleFile(f.name, f.getvalue()) for f in uploads or [])
            request = AddRequest(files=files)
    with url_tab, st.form(f"{key}.url", clear_on_submit=True, border=False):
        url = st.text_input("Address of the article", placeholder="https://…")
        if st.form_submit_button("Fetch article", type="primary", icon=":material/link:"):
            request = AddRequest(url=url.strip())
    return request


def import_report_view(report: ImportReport) -> None:
    """Say what an import did: how many were added, which were duplicates, what failed and why."""
    if report.imported:
        count = len(report.imported)
        st.success(f"Imported {count} article{'s' if count != 1 else ''}.", icon=":material/check:")
    if report.duplicates:
        names = ", ".join(escape_markdown(origin) for origin, _ in report.duplicates[:20])
        more = len(report.duplicates) - 20
        st.info(
            f"Already in the library, not added again: {names}"
            + (f" and {more} more" if more > 0 else ""),
            icon=":material/content_copy:",
        )
    for problem in report.failed[:MAX_PROBLEM_MESSAGES]:
        st.error(
            f"**{escape_markdown(problem.origin)}**: {escape_markdown(problem.reason)}",
            icon=":material/error:",
        )
    if len(report.failed) > MAX_PROBLEM_MESSAGES:
        st.caption(f"All {len(report.failed)} problems:")
        st.dataframe(
            pd.DataFrame(
                {
                    "From": [p.origin for p in report.failed],
                    "Why": [p.reason for p in report.failed],
                }
            ),
            hide_index=True,
            width="stretch",
        )
    if not (report.imported or report.duplicates or report.failed):
        st.warning("Nothing to import: no text, file or address was given.", icon=":material/info:")
