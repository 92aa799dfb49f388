"""Library: every article in the store; search, open for annotation, delete, add more."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from components.add_articles import AddRequest, add_articles_panel, import_report_view
from components.analysis_panel import analysis_panel
from components.article_table import (
    article_actions,
    article_table,
    delete_confirmation,
    request_delete,
)
from components.dna_import_report import dna_import_report_view
from components.plain_text import escape_markdown
from quotegraph.articles import delete_article, list_articles
from quotegraph.background_analysis import BackgroundAnalysis, corpus_state
from quotegraph.config import Settings
from quotegraph.db import Store
from quotegraph.dna_file import DnaFormatError
from quotegraph.dna_import import DnaImportReport, import_dna_upload
from quotegraph.ingest import ImportReport, import_items
from quotegraph.reading import (
    READABLE_EXTENSIONS,
    READABLE_LIST,
    describe_limits,
    read_pasted,
    read_upload,
    read_url,
)
from resources import get_background_analysis, get_settings, get_store

ANNOTATE_PAGE = "pages/annotate.py"
DELETE_KEY = "library.delete"
PICKER_KEY = "library.actions"
REPORT_KEY = "library.last_import"
ANALYSIS_KEY = "library.analysis"
# How often the analysis panel looks at the background run while it goes on, in seconds.
ANALYSIS_POLL_SECONDS = 1.0
DNA_REPORT_KEY = "library.last_dna_import"
DNA_EXTENSION = ".dna"


def run_import(store: Store, settings: Settings, request: AddRequest) -> ImportReport:
    """Read and store what the user submitted, one file at a time under a progress bar."""
    report = ImportReport()
    st.session_state[DNA_REPORT_KEY] = []
    if request.pasted_text is not None:
        report = import_items(
            store, [read_pasted(request.pasted_text, request.pasted_title, settings=settings)]
        )
    elif request.url:
        with st.spinner(f"Fetching {escape_markdown(request.url)}…"):
            report = import_items(store, [read_url(request.url, settings)])
    elif request.files:
        bar = st.progress(0.0, text="Importing…")
        for done, upload in enumerate(request.files):
            share = done / len(request.files)
            # --- DNA projects (.dna): their own import, with their own report ---
            if upload.name.lower().endswith(DNA_EXTENSION):
                bar.progress(share, text=f"DNA project {escape_markdown(upload.name)}")
                st.session_state[DNA_REPORT_KEY].append(
                    (upload.name, import_dna_upload_or_reason(store, upload.name, upload.data))
                )
                continue

            def show(count: int, origin: str, share: float = share) -> None:
                bar.progress(share, text=f"{count} read: {escape_markdown(origin)}")

            part = import_items(
                store, read_upload(upload.name, upload.data, settings), progress=show
            )
            report.imported.extend(part.imported)
            report.duplicates.extend(part.duplicates)
            report.failed.extend(part.failed)
        bar.empty()
    return report


def analysis_status(store: Store, background: BackgroundAnalysis) -> None:
    """The analysis panel, redrawn on its own every second while a background run goes on.

    Only the panel reruns while polling, so the rest of the app stays usable; when the run ends,
    the whole page reruns once so the list shows the new statement counts.
    """
    running = background.progress().running

    @st.fragment(run_every=ANALYSIS_POLL_SECONDS if running else None)
    def panel() -> None:
        progress = background.progress()
        intent = analysis_panel(corpus_state(store), progress, key=ANALYSIS_KEY)
        if intent == "start":
            background.request()
            st.rerun()  # the whole page, so the panel is drawn again with polling on
        elif intent == "stop":
            background.stop()
        elif running and not progress.running:
            st.rerun()

    panel()


def import_dna_upload_or_reason(store: Store, name: str, data: bytes) -> DnaImportReport | str:
    """Import an uploaded DNA project; a file that is not one gives the reason instead."""
    try:
        return import_dna_upload(store, name, data)
    except DnaFormatError as exc:
        return str(exc)


def request_had_articles() -> bool:
    """Whether the last import brought anything besides DNA projects."""
    report = st.session_state[REPORT_KEY]
    return bool(report.imported or report.duplicates)


store = get_store()
settings = get_settings()
background = get_background_analysis()
st.title("Library")
# The list is drawn above the "Add articles" panel but filled after it, so an import shows up in
# the list in the same run.
list_area = st.container()

st.subheader("Add articles")
request = add_articles_panel(
    key="library.add",
    file_types=sorted([extension.lstrip(".") for extension in READABLE_EXTENSIONS] + ["dna"]),
    hint=f"Several at once: {READABLE_LIST}; a .csv or .jsonl needs a text column; a .dna "
    "Discourse Network Analyzer project brings its documents and coded statements. "
    + describe_limits(settings),
)
if request is not None:
    st.session_state[REPORT_KEY] = run_import(store, settings, request)
    new_articles = st.session_state[REPORT_KEY].imported
    if new_articles:
        background.request()  # new articles are analysed without anyone opening them
    if len(new_articles) == 1:
        st.session_state[f"{PICKER_KEY}.article"] = new_articles[0]
if REPORT_KEY in st.session_state:
    dna_reports = st.session_state.get(DNA_REPORT_KEY, [])
    for name, dna_report in dna_reports:
        dna_import_report_view(name, dna_report)
    if not dna_reports or st.session_state[REPORT_KEY].failed or request_had_articles():
        import_report_view(st.session_state[REPORT_KEY])

with list_area:
    analysis_status(store, background)
    deleted = delete_confirmation(key=DELETE_KEY)
    if deleted is not None and delete_article(store, deleted.id):
        st.success(f"Deleted {escape_markdown(deleted.title)}.", icon=":material/delete:")
    elif deleted is not None:  # someone else deleted it first
        st.info(f"{escape_markdown(deleted.title)} was already deleted.", icon=":material/info:")

    search = st.text_input(
        "Search articles", key="library.search", placeholder="Words in the title, source or text"
    )
    articles = list_articles(store, search)
    if not articles:
        st.info("No article matches this search." if search.strip() else "No articles yet.")
    else:
        st.caption(f"{len(articles)} article{'s' if len(articles) != 1 else ''}")
        selected = article_table(articles, key="library.table")
        can_open = (Path(__file__).resolve().parent.parent / ANNOTATE_PAGE).exists()
        intent = article_actions(articles, key=PICKER_KEY, can_open=can_open, selected=selected)
        if intent is not None and intent.action == "open":
            st.session_state["article_id"] = intent.article.id
            st.switch_page(ANNOTATE_PAGE, query_params={"article": str(intent.article.id)})
        elif intent is not None and intent.action == "delete":
            request_delete(intent.article)
            st.rerun()  # the next run opens the confirmation dialog
