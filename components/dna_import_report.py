"""What the import of a Discourse Network Analyzer (.dna) project brought in and left out."""

from __future__ import annotations

import streamlit as st

from components.plain_text import escape_markdown
from quotegraph.dna_import import DnaImportReport


def dna_import_report_view(name: str, report: DnaImportReport | str) -> None:
    """One message for the file: its counts, or why it could not be read (``report`` is then
    the one-line reason), and below it every value that was not kept or was changed."""
    if isinstance(report, str):
        st.error(f"**{escape_markdown(name)}**: {escape_markdown(report)}", icon=":material/error:")
        return
    st.success(
        f"**{escape_markdown(name)}** (DNA project): {escape_markdown(report.summary())}.",
        icon=":material/hub:",
    )
    if report.problems:
        with st.expander(f"Not kept or changed ({len(report.problems)})"):
            st.markdown("\n".join(f"- {escape_markdown(note)}" for note in report.problems))
