"""The one switch that lets machine suggestions count in a network (Explore, Export)."""

from __future__ import annotations

import streamlit as st

from quotegraph.statement_table import SuggestionCounts


def suggestions_toggle(key: str, counts: SuggestionCounts | None = None) -> bool:
    """Off by default: a network counts the statements accepted in Annotate only.

    With ``counts`` the switch is honest about what it adds: a suggestion counts only once it
    has an actor, a concept and a stance, so when none has them the switch is off and disabled,
    and the reason is shown under it.
    """
    if counts is not None and counts.total and not counts.complete:
        st.toggle("Include suggestions", key=key, disabled=True)
        st.caption(
            f"None of the {counts.total} suggestions has a concept and a stance yet, so none "
            "could count: the machine suggests who spoke, not what about. Code them in "
            "Annotate (or accept them there once coded)."
        )
        return False
    if counts is not None and not counts.total:
        st.toggle("Include suggestions", key=key, disabled=True)
        st.caption("There are no machine suggestions left to include.")
        return False
    help_text = (
        "Off: only statements accepted in Annotate count. On: machine suggestions count too."
    )
    if counts is not None and counts.incomplete:
        help_text += (
            f" Only {counts.complete} of the {counts.total} suggestions have an actor, a concept "
            f"and a stance; the other {counts.incomplete} cannot count."
        )
    on = st.toggle("Include suggestions", key=key, help=help_text)
    if on and counts is not None and counts.incomplete:
        st.caption(
            f"Adds the {counts.complete} coded suggestions; {counts.incomplete} lack a concept "
            "or a stance and stay out."
        )
    return on
