"""The one switch that lets machine suggestions count in a network (Explore, Export)."""

from __future__ import annotations

import streamlit as st


def suggestions_toggle(key: str) -> bool:
    """Off by default: a network counts the statements accepted in Annotate only."""
    return st.toggle(
        "Include suggestions",
        key=key,
        help="Off: only statements accepted in Annotate count. On: machine suggestions count too.",
    )
