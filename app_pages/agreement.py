"""Agreement: how far the coders of double-coded articles agree, per field and pair of coders,
and where they disagree."""

from __future__ import annotations

import streamlit as st

from components.agreement_table import (
    disagreements_frame,
    disagreements_table,
    figures_frame,
    figures_table,
)
from quotegraph.exports.formats import to_csv
from quotegraph.team.agreement import SPAN_MEASURE, measure_agreement
from resources import get_store

ADJUDICATE_PAGE = "adjudicate"

st.title("Agreement")
store = get_store()
report = measure_agreement(store)
if not report.units:
    st.info(
        "No double-coded articles yet: agreement is measured once two coders have coded the "
        "same article in their own layers."
    )
    st.stop()
with st.container(horizontal=True):
    st.metric("Double-coded articles", report.articles)
    st.metric("Units compared", report.units)
    st.metric("Coders", len(report.coders))
    st.metric("Disagreements", len(report.disagreements))
st.subheader("Figures")
figures_table(report.figures, key="agreement.figures")
st.caption(
    "Alpha is Krippendorff's (nominal; ordinal for stance on the stance scale), kappa Cohen's, "
    "agreement the share of equal pairs of values. A coder who rejected a statement or has none "
    "where another has one “coded nothing”: a value of its own for actor and concept, missing "
    f"for stance. Spans: {SPAN_MEASURE}."
)
st.download_button(
    "Download figures (CSV)",
    to_csv(figures_frame(report.figures)),
    file_name="agreement.csv",
    mime="text/csv",
    icon=":material/download:",
)
st.subheader("Disagreements")
disagreements_table(
    report.disagreements, report.coders, link_page=ADJUDICATE_PAGE, key="agreement.disagreements"
)
if report.disagreements:
    st.download_button(
        "Download disagreements (CSV)",
        to_csv(disagreements_frame(report.disagreements, report.coders, link_page=ADJUDICATE_PAGE)),
        file_name="disagreements.csv",
        mime="text/csv",
        icon=":material/download:",
    )
