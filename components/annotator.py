"""Who is working: the signed-in account (or the solo user when accounts are off), as this
session knows it.

``accounts_gate`` (the shell) decides who that is once per run and keeps it in
``st.session_state``; the pages read it through ``annotator_gate`` and ask ``user_may`` whether
to draw a write control. Hiding a control is a courtesy: the core refuses the write anyway.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from components.plain_text import escape_markdown
from quotegraph.team.permissions import ROLE_ACTIONS

SESSION_KEY = "annotator"
ROLE_KEY = "annotator.role"
# True while the store has no admin: everyone may do everything (see team.permissions).
OPEN_KEY = "annotator.open_store"
SIGN_OUT_KEY = "annotator.sign_out"
MAX_NAME_CHARS = 200


def clean_annotator_name(raw: Any) -> str | None:
    """A usable name (trimmed, one line, at most 200 characters) or None."""
    if not isinstance(raw, str):
        return None
    name = " ".join(raw.split())[:MAX_NAME_CHARS]
    return name or None


def current_annotator() -> str | None:
    """The signed-in name, or None when no one is signed in."""
    name = st.session_state.get(SESSION_KEY)
    return name if isinstance(name, str) and name else None


def set_signed_in(name: str, role: str | None, *, open_store: bool) -> None:
    """Record who works in this session (the shell calls this on every run)."""
    st.session_state[SESSION_KEY] = name
    st.session_state[ROLE_KEY] = role
    st.session_state[OPEN_KEY] = open_store


def forget_signed_in() -> None:
    for key in (SESSION_KEY, ROLE_KEY, OPEN_KEY):
        st.session_state.pop(key, None)


def user_role() -> str | None:
    """The signed-in account's role (None: no account, e.g. accounts off on an open store)."""
    return st.session_state.get(ROLE_KEY)


def user_may(action: str) -> bool:
    """Whether the signed-in person's role allows ``action`` (a ``team.permissions`` action).

    Article assignments are left to the core, which says so when a coder opens another's article.
    """
    if st.session_state.get(OPEN_KEY, True) and current_annotator() is not None:
        return True
    return action in ROLE_ACTIONS.get(user_role() or "", frozenset())


def annotator_gate() -> str | None:
    """The signed-in name; when there is none (a page run outside the app), says so and
    returns None."""
    name = current_annotator()
    if name is None:
        st.warning("Sign in first: open the app's start page.", icon=":material/lock:")
    return name


def annotator_badge(name: str, *, key: str = "annotator") -> None:
    """'Annotating as NAME (role)', with sign-out when accounts are on."""
    role = user_role()
    label = f"Annotating as {escape_markdown(name)}" + (f" ({role})" if role else "")
    with st.popover(label, icon=":material/person:"):
        st.markdown(f"Signed in as **{escape_markdown(name)}**; every change records this name.")
        if st.session_state.get(SIGN_OUT_KEY + ".possible"):
            if st.button("Sign out", key=f"{key}.sign_out", icon=":material/logout:"):
                st.session_state[SIGN_OUT_KEY] = True
                st.rerun()
        else:
            st.caption("Accounts are off (QUOTEGRAPH_ACCOUNTS=off): one solo user.")
