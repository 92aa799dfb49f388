"""The project's settings for machine suggestions: whether positions are suggested."""

from __future__ import annotations

import streamlit as st


def position_setting(*, enabled: bool, key: str) -> bool | None:
    """A switch for position suggestions; returns the new value when the user flips it."""
    st.markdown(
        "The machine suggests **reported speech** (direct, mixed and indirect quotes, "
        '"according to") and, unless you turn them off here, **positions**: what an actor '
        'stands for without words of theirs reported ("urged ...", "pledged ...", '
        '"opposes ...", "a poll found ..."). Positions are marked with a double underline '
        "and a *position* badge in the article, and carry the kind `position` in exports."
    )
    chosen = st.toggle("Suggest positions", value=enabled, key=key)
    st.caption(
        "Off removes the position suggestions nobody has reviewed; accepted or edited ones stay. "
        "On brings them back as each article is analysed again (when it is next opened)."
    )
    return chosen if chosen != enabled else None
