"""The Library's analysis panel: how much of the corpus is analysed, the background run's
progress, its failures, and the buttons to start or stop it."""

from __future__ import annotations

from typing import Literal

import pandas as pd
import streamlit as st

from components.plain_text import escape_markdown
from quotegraph.analysis.background import AnalysisProgress, CorpusState

AnalysisIntent = Literal["start", "stop"]


def analysis_panel(
    state: CorpusState, progress: AnalysisProgress, *, key: str
) -> AnalysisIntent | None:
    """Show where the first pass over the corpus stands; return "start" or "stop" when clicked.

    While a run goes on: a progress bar and a Stop button. Otherwise: how many articles the
    current pipeline has analysed and an "Analyse all" button when any is pending. The last
    run's failures are listed one per article, with why.
    """
    intent: AnalysisIntent | None = None
    status, action = st.columns([4, 1], vertical_alignment="center")
    with status:
        if progress.running:
            share = progress.done / progress.total if progress.total else 0.0
            text = (
                f"Analysing {progress.done} of {progress.total} articles in the background…"
                if progress.total
                else "Starting the analysis…"
            )
            st.progress(share, text=text)
        else:
            plural = "s" if state.total != 1 else ""
            st.markdown(
                f"**{state.analysed} of {state.total} article{plural} analysed**"
                + (f" · {state.pending} waiting" if state.pending else "")
            )
    with action:
        if progress.running:
            if st.button("Stop", key=f"{key}.stop", icon=":material/stop:", width="stretch"):
                intent = "stop"
        elif st.button(
            "Analyse all",
            key=f"{key}.start",
            icon=":material/play_arrow:",
            disabled=state.pending == 0,
            help="Find entities, statements and speakers in every article not analysed yet. "
            "Decisions already made are kept.",
            width="stretch",
        ):
            intent = "start"
    if progress.error:
        st.error(
            f"The analysis stopped: {escape_markdown(progress.error)}", icon=":material/error:"
        )
    if not progress.running and progress.stopped:
        st.info(
            f"Stopped after {progress.done} of {progress.total} articles; "
            "“Analyse all” goes on with the rest.",
            icon=":material/pause:",
        )
    if progress.failures:
        count = len(progress.failures)
        st.warning(
            f"{count} article{'s' if count != 1 else ''} could not be analysed; "
            "“Analyse all” tries again.",
            icon=":material/warning:",
        )
        st.dataframe(
            pd.DataFrame(
                {
                    "Article": [failure.article_id for failure in progress.failures],
                    "Title": [failure.title for failure in progress.failures],
                    "Why": [failure.reason for failure in progress.failures],
                }
            ),
            hide_index=True,
            width="stretch",
            key=f"{key}.failures",
        )
    return intent
