"""The coalitions of an actor network, listed with their colours, and the concepts that divide
them."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from components.network_chart import coalition_colour


def coalition_rows(
    members: Mapping[int, Sequence[str]], labels: Mapping[str, str]
) -> list[tuple[int, str, list[str]]]:
    """(number, colour, actor labels) per coalition, the unaligned actors (0) last."""
    return [
        (number, coalition_colour(number), [labels.get(node, node) for node in nodes])
        for number, nodes in sorted(members.items(), key=lambda item: item[0] or 10**9)
    ]


def coalition_markdown(number: int, colour: str, actors: Sequence[str], limit: int = 40) -> str:
    """One line: a colour swatch, the coalition's name and size, and its actors (escaped)."""
    name = f"Coalition {number}" if number else "Unaligned"
    shown = ", ".join(html.escape(actor) for actor in actors[:limit])
    more = f" and {len(actors) - limit} more" if len(actors) > limit else ""
    swatch = (
        f'<span style="display:inline-block;width:0.9em;height:0.9em;border-radius:50%;'
        f'background:{colour};margin-right:0.4em"></span>'
    )
    return f"{swatch}<b>{name}</b> ({len(actors)}): {shown}{more}"


def coalition_list(
    members: Mapping[int, Sequence[str]],
    labels: Mapping[str, str],
    divisive: pd.DataFrame,
    *,
    polarisation: float,
    key: str,
) -> None:
    """The coalitions with their colours and actors, the polarisation score, and the concepts
    that hold the coalitions apart (most divisive first)."""
    rows = coalition_rows(members, labels)
    aligned = sum(1 for number, _, actors in rows if number and len(actors) > 1)
    named = "coalition" if aligned == 1 else "coalitions"
    st.markdown(f"**{aligned} {named}**, polarisation **{polarisation:.3f}**")
    with st.container(key=f"{key}_coalitions"):
        for number, colour, actors in rows:
            st.markdown(coalition_markdown(number, colour, actors), unsafe_allow_html=True)
    if divisive.empty:
        st.caption("No concept has statements by actors of two coalitions.")
        return
    st.markdown("**What holds them apart** (separation 1: a concept unites each coalition and "
                "divides it from the others)")  # fmt: skip
    st.dataframe(
        divisive.rename(
            columns={
                "concept": "Concept",
                "separation": "Separation",
                "conflicts_across": "Conflicts across",
                "congruence_within": "Agreement within",
                "statements": "Statements",
                "stances": "Stances by coalition",
            }
        ),
        hide_index=True,
        width="stretch",
        key=f"{key}_divisive",
        column_config={"Separation": st.column_config.NumberColumn(format="%.2f")},
    )
