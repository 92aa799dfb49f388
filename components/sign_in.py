"""The sign-in forms and the browser's memory of a signed-in session.

The forms only draw and return what the person typed; the shell (``accounts_gate``) checks it
against the store. The session token lives in a cookie set from the browser (``remember_session``)
so a refresh, which starts a new Streamlit session, reads it back at once from
``st.context.cookies``, before anything is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from components.plain_text import escape_markdown

COOKIE_NAME = "quotegraph_session"
MAX_FIELD_CHARS = 320

_COOKIE_JS = """
export default function (component) {
  const { data } = component;
  if (!data) return;
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  const base = "path=/; SameSite=Strict" + secure;
  if (data.clear) {
    document.cookie = data.name + "=; max-age=0; " + base;
  } else if (data.token) {
    document.cookie = data.name + "=" + data.token + "; max-age=" + data.max_age + "; " + base;
  }
}
"""

_cookie = st.components.v2.component("quotegraph.session_cookie", js=_COOKIE_JS)


@dataclass(frozen=True)
class Credentials:
    """What someone typed to sign in (or to create the first admin)."""

    name: str
    password: str
    email: str | None = None


def remember_session(
    token: str | None, *, clear: bool = False, max_age_s: int, key: str = "session.cookie"
) -> None:
    """Keep ``token`` in this browser's cookie (or remove it when ``clear``)."""
    _cookie(
        key=key,
        data={"name": COOKIE_NAME, "token": token, "clear": clear, "max_age": max_age_s},
        height=0,
    )


def remembered_token() -> str | None:
    """The token this browser sent when the session started, if any."""
    try:
        return st.context.cookies.get(COOKIE_NAME)
    except Exception:  # no browser context (AppTest, a bare script run)
        return None


def sign_in_form(*, key: str = "sign_in", sso_label: str | None = None) -> Credentials | str | None:
    """The sign-in form; returns the credentials typed, "sso" when single sign-on was asked for,
    else None."""
    st.title("Sign in to quotegraph")
    with st.form(f"{key}.form", border=True):
        name = st.text_input("Name or email", key=f"{key}.name", max_chars=MAX_FIELD_CHARS)
        password = st.text_input("Password", type="password", key=f"{key}.password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if sso_label is not None and st.button(sso_label, key=f"{key}.sso", icon=":material/key:"):
        return "sso"
    st.caption("No account yet? An admin of this project creates one for you.")
    if submitted:
        return Credentials(name=name, password=password)
    return None


def first_admin_form(*, key: str = "first_admin") -> Credentials | None:
    """The first start of a project: who is its admin. Returns what was typed once both
    passwords agree."""
    st.title("Welcome to quotegraph")
    st.markdown(
        "This project has no admin yet. **Create the admin account**: the admin adds the "
        "team's accounts (coders, viewers) on the Users page."
    )
    with st.form(f"{key}.form", border=True):
        name = st.text_input("Your name", key=f"{key}.name", max_chars=200)
        email = st.text_input("Email (optional, for single sign-on)", key=f"{key}.email")
        password = st.text_input("Password (at least 8 characters)", type="password")
        again = st.text_input("Same password again", type="password")
        submitted = st.form_submit_button("Create the admin account", type="primary")
    if not submitted:
        return None
    if password != again:
        st.error("The two passwords differ.")
        return None
    return Credentials(name=name, password=password, email=email or None)


def refused(message: str) -> None:
    """A sign-in problem, said in one line."""
    st.error(escape_markdown(message), icon=":material/lock:")
