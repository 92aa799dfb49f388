"""Library: every article in the store; search and filter, open for annotation, correct an
article's details, analyse, delete or export many at once, add more."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from components.add_articles import AddRequest, add_articles_panel, import_report_view
from components.analysis_panel import analysis_panel
from components.annotator import current_annotator, user_may
from components.article_details_form import details_form
from components.article_filters import article_filters
from components.article_table import (
    article_actions,
    article_table,
    bulk_actions,
    delete_confirmation,
    request_delete,
)
from components.dna_import_report import dna_import_report_view
from components.plain_text import escape_markdown
from components.team_coding import assign_form, statement_import_form, team_settings_form
from quotegraph.analysis.background import BackgroundAnalysis, corpus_state
from quotegraph.annotation import statements as annotation
from quotegraph.annotation.history import undo
from quotegraph.config import Settings
from quotegraph.exports.tables import articles_csv
from quotegraph.reading import (
    READABLE_EXTENSIONS,
    READABLE_LIST,
    describe_limits,
    read_pasted,
    read_upload,
    read_url,
)
from quotegraph.reading.dna_file import DnaFormatError
from quotegraph.reading.dna_import import DnaImportReport, import_dna_upload
from quotegraph.reading.ingest import ImportReport, import_items
from quotegraph.reading.statement_import import StatementImportError, import_statements
from quotegraph.store.articles import (
    article_coding,
    article_details,
    delete_articles,
    filter_articles,
    list_articles,
    update_article_details,
)
from quotegraph.store.db import Store
from quotegraph.store.project_settings import team_settings, write_team_settings
from quotegraph.team.assignments import assign_articles, assignees
from quotegraph.team.permissions import ASSIGN, IMPORT, PermissionDenied
from resources import get_background_analysis, get_settings, get_store

ANNOTATE_PAGE = "app_pages/annotate.py"
DELETE_KEY = "library.delete"
PICKER_KEY = "library.actions"
REPORT_KEY = "library.last_import"
ANALYSIS_KEY = "library.analysis"
# How often the analysis panel looks at the background run while it goes on, in seconds.
ANALYSIS_POLL_SECONDS = 1.0
DNA_REPORT_KEY = "library.last_dna_import"
DNA_EXTENSION = ".dna"
EDITING_KEY = "library.editing"  # the article whose details dialog is open
LAST_EDIT_KEY = "library.last_edit"  # (article id, title, annotator) of the latest details edit
FLASH_KEY = "library.flash"  # (kind, markdown) shown once
# An article whose label changed: the picker is set to it again, so its box shows the new label.
REPICK_KEY = "library.repick"


def run_import(
    store: Store, settings: Settings, request: AddRequest, annotator: str | None
) -> ImportReport:
    """Read and store what the user submitted, one file at a time under a progress bar."""
    report = ImportReport()
    st.session_state[DNA_REPORT_KEY] = []
    if request.pasted_text is not None:
        report = import_items(
            store,
            [read_pasted(request.pasted_text, request.pasted_title, settings=settings)],
            annotator=annotator,
        )
    elif request.url:
        with st.spinner(f"Fetching {escape_markdown(request.url)}…"):
            report = import_items(store, [read_url(request.url, settings)], annotator=annotator)
    elif request.files:
        bar = st.progress(0.0, text="Importing…")
        for done, upload in enumerate(request.files):
            share = done / len(request.files)
            # --- DNA projects (.dna): their own import, with their own report ---
            if upload.name.lower().endswith(DNA_EXTENSION):
                bar.progress(share, text=f"DNA project {escape_markdown(upload.name)}")
                st.session_state[DNA_REPORT_KEY].append(
                    (upload.name, import_dna_upload_or_reason(store, upload, annotator))
                )
                continue

            def show(count: int, origin: str, share: float = share) -> None:
                bar.progress(share, text=f"{count} read: {escape_markdown(origin)}")

            part = import_items(
                store,
                read_upload(upload.name, upload.data, settings),
                progress=show,
                annotator=annotator,
            )
            report.imported.extend(part.imported)
            report.duplicates.extend(part.duplicates)
            report.failed.extend(part.failed)
        bar.empty()
    return report


def import_dna_upload_or_reason(
    store: Store, upload: Any, annotator: str | None
) -> DnaImportReport | str:
    """Import an uploaded DNA project; a file that is not one gives the reason instead."""
    try:
        return import_dna_upload(store, upload.name, upload.data, annotator=annotator)
    except (DnaFormatError, PermissionDenied) as exc:
        return str(exc)


def request_had_articles() -> bool:
    """Whether the last import brought anything besides DNA projects."""
    report = st.session_state[REPORT_KEY]
    return bool(report.imported or report.duplicates)


def analyse_selection(store: Store, article_ids: tuple[int, ...]) -> str:
    """Analyse the articles under a progress bar; say what was done."""
    from quotegraph.analysis.corpus import analyse_articles  # imports spaCy: only when asked

    bar = st.progress(0.0, text=f"Analysing {len(article_ids)} articles…")

    def show(done: int, total: int) -> None:
        bar.progress(done / total, text=f"Analysed {done} of {total}")

    outcomes = analyse_articles(store, article_ids, progress=show)
    bar.empty()
    fresh = [o for o in outcomes if o.analysed]
    found = sum(o.statements_added for o in fresh)
    current = len(outcomes) - len(fresh)
    return (
        f"Analysed {len(fresh)} article{'s' if len(fresh) != 1 else ''}: {found} statements "
        f"suggested." + (f" {current} were already analysed." if current else "")
    )


def close_details() -> None:
    st.session_state.pop(EDITING_KEY, None)


@st.dialog("Article details", width="medium", on_dismiss=close_details)
def details_dialog(store: Store, article_id: int, annotator: str | None) -> None:
    details = article_details(store, article_id)
    if details is None:
        st.warning("This article was deleted meanwhile.")
        return
    edit = details_form(details, key="library.details", annotator=annotator)
    if edit is None:
        return
    try:
        update_article_details(
            store, article_id, annotator=edit.annotator, seen=details, **edit.changes
        )
    except (ValueError, annotation.EditConflict) as problem:
        st.error(f"**Not saved:** {escape_markdown(str(problem))}")
        return
    st.session_state.pop(EDITING_KEY, None)
    st.session_state[LAST_EDIT_KEY] = (article_id, edit.annotator)
    st.session_state[REPICK_KEY] = article_id
    st.rerun()


def undo_last_edit(store: Store) -> None:
    article_id, annotator = st.session_state.pop(LAST_EDIT_KEY)
    try:
        result = undo(store, annotator=annotator, article_id=article_id)
    except (annotation.EditConflict, PermissionDenied) as conflict:
        st.session_state[FLASH_KEY] = (
            "warning",
            f"**Not undone:** {escape_markdown(str(conflict))}",
        )
        return
    said = escape_markdown(result.summary) if result else "nothing left to undo"
    st.session_state[FLASH_KEY] = ("info", f"Undone: {said}.")


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


def team_area(store: Store, annotator: str | None, selected: list) -> None:
    """Assign the ``selected`` articles (admin), the team settings (admin), and import coded
    statements."""
    who = annotator or "library"
    admin = user_may(ASSIGN)  # a courtesy: the core refuses anyone else's assignment
    with st.expander("Team coding", icon=":material/groups:"):
        if admin:
            current = team_settings(store)
            request = assign_form(len(selected), current.overlap_share, key="library.assign")
            if request is not None:
                try:
                    outcome = assign_articles(
                        store,
                        [article.id for article in selected],
                        request.coders,
                        who=who,
                        overlap=request.overlap,
                        seed=request.seed,
                    )
                except ValueError as problem:
                    st.error(f"**Not assigned:** {escape_markdown(str(problem))}")
                else:
                    st.session_state[FLASH_KEY] = (
                        "success",
                        f"Assigned {len(outcome.plan)} articles, {outcome.double_coded} of "
                        "them double coded.",
                    )
                    st.rerun()
            st.divider()
            changed = team_settings_form(current, key="library.team_settings")
            if changed is not None:
                try:
                    write_team_settings(store, changed, who=who)
                except ValueError as problem:
                    st.error(f"**Not saved:** {escape_markdown(str(problem))}")
                else:
                    st.success("Team settings saved.")
            st.divider()
        upload = statement_import_form(key="library.statement_import")
        if upload is not None:
            try:
                report = import_statements(
                    store, upload.data, upload.name, coder=upload.coder, who=who
                )
            except StatementImportError as refused:
                lines = "\n".join(f"- {escape_markdown(r)}" for r in refused.reasons[:20])
                more = len(refused.reasons) - 20
                st.error(
                    f"**Nothing imported** from {escape_markdown(upload.name)}:\n{lines}"
                    + (f"\n- and {more} more" if more > 0 else "")
                )
            except (ValueError, PermissionDenied) as problem:
                st.error(f"**Nothing imported:** {escape_markdown(str(problem))}")
            else:
                st.success(escape_markdown(report.summary()))


store = get_store()
settings = get_settings()
background = get_background_analysis()
st.title("Library")
# The list is drawn above the "Add articles" panel but filled after it, so an import shows up in
# the list in the same run.
list_area = st.container()

annotator = current_annotator()
may_import = user_may(IMPORT)
st.subheader("Add articles")
if not may_import:
    st.caption("Your role reads and exports: an admin adds articles.")
request = (
    None
    if not may_import
    else add_articles_panel(
        key="library.add",
        file_types=sorted([extension.lstrip(".") for extension in READABLE_EXTENSIONS] + ["dna"]),
        hint=f"Several at once: {READABLE_LIST}; a .csv or .jsonl needs a text column; a .dna "
        "Discourse Network Analyzer project brings its documents and coded statements. "
        + describe_limits(settings),
    )
)
if request is not None:
    try:
        st.session_state[REPORT_KEY] = run_import(store, settings, request, annotator)
    except PermissionDenied as refused:
        st.error(f"**Not imported:** {escape_markdown(str(refused))}")
        st.stop()
    new_articles = st.session_state[REPORT_KEY].imported
    if new_articles:
        background.request()  # new articles are analysed without anyone opening them
    if len(new_articles) == 1:
        st.session_state[f"{PICKER_KEY}.article"] = new_articles[0]
# Team coding below the Add articles panel, filled from the list's selection.
team_slot = st.container()
if REPORT_KEY in st.session_state:
    dna_reports = st.session_state.get(DNA_REPORT_KEY, [])
    for name, dna_report in dna_reports:
        dna_import_report_view(name, dna_report)
    if not dna_reports or st.session_state[REPORT_KEY].failed or request_had_articles():
        import_report_view(st.session_state[REPORT_KEY])

with list_area:
    analysis_status(store, background)
    deleted = delete_confirmation(key=DELETE_KEY)
    if deleted:
        try:
            gone = delete_articles(store, [a.id for a in deleted], annotator=annotator)
        except PermissionDenied as refused:
            st.error(f"**Not deleted:** {escape_markdown(str(refused))}")
            st.stop()
        names = escape_markdown(deleted[0].title) if len(deleted) == 1 else f"{gone} articles"
        if gone:
            st.success(f"Deleted {names}.", icon=":material/delete:")
        else:  # someone else deleted them first
            st.info(f"{names} {'was' if len(deleted) == 1 else 'were'} already deleted.")
    if FLASH_KEY in st.session_state:
        kind, message = st.session_state.pop(FLASH_KEY)
        getattr(st, kind)(message)
    if LAST_EDIT_KEY in st.session_state:
        edited = article_details(store, st.session_state[LAST_EDIT_KEY][0])
        with st.container(horizontal=True, vertical_alignment="center"):
            st.success(
                f"Saved the details of **{escape_markdown(edited.title if edited else '?')}**.",
                icon=":material/check:",
            )
            st.button(
                "Undo",
                key="library.undo_edit",
                icon=":material/undo:",
                on_click=undo_last_edit,
                args=(store,),
            )

    search = st.text_input(
        "Search articles", key="library.search", placeholder="Words in the title, source or text"
    )
    everything = list_articles(store, search)
    coding = article_coding(store)
    assigned = assignees(store)
    if assigned and st.toggle("My articles", key="library.mine", disabled=annotator is None):
        everything = [a for a in everything if annotator in assigned.get(a.id, ())]
    with st.expander("Filters", icon=":material/filter_list:"):
        chosen = article_filters(everything, coding, key="library.filters")
    articles = filter_articles(everything, chosen, coding)
    if not articles:
        narrowed = search.strip() or len(everything) > len(articles)
        st.info("No article matches this search." if narrowed else "No articles yet.")
    else:
        shown = len(articles)
        of = f" of {len(everything)}" if shown < len(everything) else ""
        st.caption(f"{shown}{of} article{'s' if len(everything) != 1 else ''}")
        selected = article_table(articles, key="library.table", coding=coding, assigned=assigned)
        bulk = bulk_actions(
            articles,
            selected,
            key="library.bulk",
            export_csv=lambda ids: articles_csv(store, ids),
        )
        if bulk is not None and bulk.action == "analyse":
            done = analyse_selection(store, tuple(a.id for a in bulk.articles))
            st.session_state[FLASH_KEY] = ("success", done)
            st.rerun()
        elif bulk is not None and bulk.action == "delete":
            request_delete(bulk.articles)
            st.rerun()
        if REPICK_KEY in st.session_state:
            st.session_state[f"{PICKER_KEY}.article"] = st.session_state.pop(REPICK_KEY)
        can_open = (Path(__file__).resolve().parent.parent / ANNOTATE_PAGE).exists()
        intent = article_actions(
            articles,
            key=PICKER_KEY,
            can_open=can_open,
            selected=selected[0] if len(selected) == 1 else None,
        )
        if intent is not None and intent.action == "open":
            st.session_state["article_id"] = intent.article.id
            st.switch_page(ANNOTATE_PAGE, query_params={"article": str(intent.article.id)})
        elif intent is not None and intent.action == "delete":
            request_delete(intent.article)
            st.rerun()  # the next run opens the confirmation dialog
        elif intent is not None and intent.action == "details":
            st.session_state[EDITING_KEY] = intent.article.id
    # The selected rows, or every listed article when none is selected.
    with team_slot:
        team_area(store, annotator, (selected or articles) if articles else [])
    if EDITING_KEY in st.session_state:
        details_dialog(store, st.session_state[EDITING_KEY], annotator)
