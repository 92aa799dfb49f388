"""Whose coding a page reads: the project's result or one coder's layer."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from quotegraph.team.layers import PROJECT


def layer_picker(layers: Sequence[str], awaiting: int, *, key: str) -> str:
    """A picker of ``layers`` ("project" first), shown only when there is a choice to make or
    double-coded articles await adjudication; says how many those are. Returns the layer."""
    layer = PROJECT
    if len(layers) > 1:
        layer = st.selectbox(
            "Coding",
            list(layers),
            key=key,
            format_func=lambda name: "The project's result" if name == PROJECT else name,
            help="The project's result (single-coded and adjudicated articles), or one "
            "coder's own version of the double-coded articles",
        )
    if awaiting and layer == PROJECT:
        st.caption(
            f"{awaiting} double-coded article{'s' if awaiting != 1 else ''} "
            f"{'are' if awaiting != 1 else 'is'} not adjudicated yet and count"
            f"{'' if awaiting != 1 else 's'} nowhere in the project's result; pick a coder to "
            "see their version."
        )
    return layer
