"""The agreement figures and the disagreements as tables (plain data in, nothing returned)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from quotegraph.team.agreement import Disagreement, Figure

FIELD_LABELS = {
    "kept": "Kept or rejected",
    "actor": "Actor",
    "concept": "Concept",
    "stance": "Stance",
    "span": "Span",
}


def figures_frame(figures: Sequence[Figure]) -> pd.DataFrame:
    """One row per field and pair of coders, in the order measured."""
    return pd.DataFrame(
        [
            {
                "Field": FIELD_LABELS.get(f.field, f.field),
                "Coders": f.coders,
                "Alpha": f.alpha,
                "Kappa": f.kappa,
                "Agreement": f.percent,
                "Span F1": f.span_f1,
                "Units": f.units,
                "Level": f.level if f.field != "span" else "span-F1",
            }
            for f in figures
        ],
        columns=["Field", "Coders", "Alpha", "Kappa", "Agreement", "Span F1", "Units", "Level"],
    )


def disagreements_frame(
    disagreements: Sequence[Disagreement], coders: Sequence[str], *, link_page: str
) -> pd.DataFrame:
    """One row per unit and field where coders differ, with a link to adjudicate the article."""
    rows = []
    for d in disagreements:
        row = {
            "Article": d.title,
            "Field": FIELD_LABELS.get(d.field, d.field),
            "Statement": d.text,
        }
        row.update({coder: d.values.get(coder, "") for coder in coders})
        row["Adjudicate"] = f"/{link_page}?article={d.article_id}"
        rows.append(row)
    return pd.DataFrame(rows, columns=["Article", "Field", "Statement", *coders, "Adjudicate"])


def figures_table(figures: Sequence[Figure], *, key: str) -> None:
    number = st.column_config.NumberColumn(format="%.3f")
    st.dataframe(
        figures_frame(figures),
        hide_index=True,
        key=key,
        column_config={
            "Alpha": st.column_config.NumberColumn(
                format="%.3f", help="Krippendorff's alpha: 1 perfect, 0 chance, below 0 worse"
            ),
            "Kappa": st.column_config.NumberColumn(
                format="%.3f", help="Cohen's kappa (all coders: the mean of the pairs')"
            ),
            "Agreement": st.column_config.NumberColumn(
                format="percent", help="Share of pairs of values that are the same"
            ),
            "Span F1": number,
        },
    )


def disagreements_table(
    disagreements: Sequence[Disagreement], coders: Sequence[str], *, link_page: str, key: str
) -> None:
    if not disagreements:
        st.success("The coders agree on every unit measured.", icon=":material/check:")
        return
    st.dataframe(
        disagreements_frame(disagreements, coders, link_page=link_page),
        hide_index=True,
        key=key,
        column_config={
            "Adjudicate": st.column_config.LinkColumn(display_text="Adjudicate"),
            "Statement": st.column_config.TextColumn(width="large"),
        },
    )
