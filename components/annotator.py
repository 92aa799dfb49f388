"""Who is annotating: asked once per browser, then recorded on every change.

The name lives in three places so that nothing asks twice: ``st.session_state`` (this tab's
session), the ``annotator`` query parameter (a refresh or a shared link keeps it) and the
browser's localStorage (a new tab or a page without the parameter finds it again).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from components.plain_text import escape_markdown

SESSION_KEY = "annotator"
QUERY_PARAM = "annotator"
MAX_NAME_CHARS = 200

_REMEMBER_JS = """
const STORAGE_KEY = "quotegraph.annotator";
export default function (component) {
  const { data, setStateValue } = component;
  try {
    if (data && data.name) {
      window.localStorage.setItem(STORAGE_KEY, data.name);
    } else if (data && data.forget) {
      window.localStorage.removeItem(STORAGE_KEY);
    } else {
      const stored = window.localStorage.getItem(STORAGE_KEY);
      if (stored) setStateValue("name", stored);
    }
  } catch (_error) {
    // No storage (private mode): the query parameter still keeps the name for this tab.
  }
}
"""

_remember = st.components.v2.component("quotegraph.annotator", js=_REMEMBER_JS)


def clean_annotator_name(raw: Any) -> str | None:
    """A usable name (trimmed, one line, at most 200 characters) or None."""
    if not isinstance(raw, str):
        return None
    name = " ".join(raw.split())[:MAX_NAME_CHARS]
    return name or None


def current_annotator(*, key: str = "annotator.remember") -> str | None:
    """The annotator's name if known, restoring it from the URL or the browser when needed."""
    name = clean_annotator_name(st.session_state.get(SESSION_KEY))
    if name is None:
        name = clean_annotator_name(st.query_params.get(QUERY_PARAM))
    forget = st.session_state.pop("annotator.forget", False)
    result = _remember(
        key=key,
        data={"name": name, "forget": forget},
        on_name_change=lambda: None,
        height=0,
    )
    if name is None and not forget:
        name = clean_annotator_name(getattr(result, "name", None))
    if name is not None:
        st.session_state[SESSION_KEY] = name
        if st.query_params.get(QUERY_PARAM) != name:
            st.query_params[QUERY_PARAM] = name
    return name


def set_annotator(name: str) -> None:
    """Record ``name`` as this browser's annotator (the URL and storage follow on the next run)."""
    cleaned = clean_annotator_name(name)
    if cleaned is not None:
        st.session_state[SESSION_KEY] = cleaned


def forget_annotator() -> None:
    """Clear the name everywhere, so the next run asks again."""
    st.session_state.pop(SESSION_KEY, None)
    st.session_state["annotator.forget"] = True
    if QUERY_PARAM in st.query_params:
        del st.query_params[QUERY_PARAM]


def annotator_gate(*, key: str = "annotator") -> str | None:
    """The annotator's name; when unknown, a small form asking for it (and None until given)."""
    name = current_annotator(key=f"{key}.remember")
    if name is not None:
        return name
    with st.form(f"{key}.ask", border=True):
        st.markdown("**Who is annotating?** Your name is recorded with every change you make.")
        typed = st.text_input("Your name", key=f"{key}.typed", max_chars=MAX_NAME_CHARS)
        submitted = st.form_submit_button("Start annotating", type="primary")
    if submitted:
        cleaned = clean_annotator_name(typed)
        if cleaned is None:
            st.error("Type a name first: it is recorded with every change.")
            return None
        set_annotator(cleaned)
        st.rerun()
    return None


def annotator_badge(name: str, *, key: str = "annotator") -> None:
    """'Annotating as NAME' with a way to switch to another name."""
    with st.popover(f"Annotating as {escape_markdown(name)}", icon=":material/person:"):
        new_name = st.text_input("Switch to", key=f"{key}.switch", max_chars=MAX_NAME_CHARS)
        if st.button("Switch", key=f"{key}.switch_button"):
            cleaned = clean_annotator_name(new_name)
            if cleaned is None:
                st.error("Type a name first.")
            else:
                set_annotator(cleaned)
                st.rerun()
