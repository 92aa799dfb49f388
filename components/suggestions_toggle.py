"""The switches that let machine suggestions count in a network (Explore, Export): suggested
statements, and the concept and stance the coding model suggests."""

from __future__ import annotations

import streamlit as st


def suggestions_toggle(key: str) -> bool:
    """Off by default: a network counts the statements accepted in Annotate only."""
    return st.toggle(
        "Include suggestions",
        key=key,
        help="Off: only statements accepted in Annotate count. On: machine suggestions count too.",
    )


def machine_coding_toggle(key: str) -> bool:
    """Off by default: only concepts and stances a person set (or accepted) count."""
    return st.toggle(
        "Include machine coding",
        key=key,
        help="On: statements nobody coded yet take the concept and stance the model suggests "
        "for them. Machine-coded statements are drawn apart: dashed edges, hatched bars.",
    )
