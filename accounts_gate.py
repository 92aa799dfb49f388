"""Who is working in this browser session, decided once per run before any page is drawn.

Accounts on (the default): the signed-in account, found in this order: this session's own
memory, the browser's signed session cookie (so a refresh keeps it), single sign-on (``st.login``,
matched to an account by email). Nobody yet: the sign-in form, or on a store without an admin the
form that creates it. Accounts off: the solo name from ``QUOTEGRAPH_SOLO_NAME``.

The account is read from the store on every run, so a role changed or an account switched off by
an admin takes effect at the next click.
"""

from __future__ import annotations

import streamlit as st

from components.annotator import (
    SIGN_OUT_KEY,
    current_annotator,
    forget_signed_in,
    set_signed_in,
)
from components.sign_in import (
    first_admin_form,
    refused,
    remember_session,
    remembered_token,
    sign_in_form,
)
from quotegraph.config import Settings
from quotegraph.store.db import Store
from quotegraph.team import accounts
from quotegraph.team.permissions import store_is_closed
from quotegraph.team.sign_in_tokens import DEFAULT_LIFETIME_S, account_from_token, issue_token

TOKEN_KEY = "accounts.token"  # the token this session keeps in the browser's cookie
SIGNED_OUT_KEY = "accounts.signed_out"  # this session signed out: ignore the old cookie


def sso_configured() -> bool:
    """True when ``.streamlit/secrets.toml`` has an ``[auth]`` section for ``st.login``."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def _sso_email() -> str | None:
    try:
        if sso_configured() and st.user.is_logged_in:
            return st.user.get("email")
    except Exception:  # auth misconfigured: the local sign-in still works
        return None
    return None


def _solo(store: Store, settings: Settings) -> str:
    name = settings.solo_name
    with store.session() as session:
        open_store = not store_is_closed(session)
    account = accounts.find_account(store, name)
    role = account.role if account is not None and account.active else None
    set_signed_in(name, role, open_store=open_store)
    st.session_state[SIGN_OUT_KEY + ".possible"] = False
    if not open_store and role is None:
        st.warning(
            f"Accounts are off, but this project has an admin: changes as "
            f"{name!r} are refused. Turn accounts on (QUOTEGRAPH_ACCOUNTS=on) to sign in.",
            icon=":material/lock:",
        )
    return name


def _sign_out() -> None:
    forget_signed_in()
    st.session_state.pop(TOKEN_KEY, None)
    st.session_state[SIGNED_OUT_KEY] = True
    remember_session(None, clear=True, max_age_s=0)
    if _sso_email() is not None:
        st.logout()


def _signed_in(store: Store, account: accounts.Account, *, new_session: bool) -> str:
    set_signed_in(account.name, account.role, open_store=False)
    st.session_state[SIGN_OUT_KEY + ".possible"] = True
    if new_session:
        st.session_state[TOKEN_KEY] = issue_token(store, account.name)
        st.session_state.pop(SIGNED_OUT_KEY, None)
    if TOKEN_KEY in st.session_state:
        remember_session(st.session_state[TOKEN_KEY], max_age_s=DEFAULT_LIFETIME_S)
    return account.name


def signed_in_name(store: Store, settings: Settings) -> str | None:
    """Who works in this session; None after drawing the sign-in (the caller stops the run)."""
    if not settings.accounts:
        return _solo(store, settings)
    if st.session_state.pop(SIGN_OUT_KEY, False):
        _sign_out()
    if accounts.needs_first_admin(store):
        return _first_admin(store)
    name = current_annotator()
    account = accounts.find_account(store, name) if name else None
    if account is not None and account.active:
        return _signed_in(store, account, new_session=False)
    if name is None and not st.session_state.get(SIGNED_OUT_KEY):
        account = account_from_token(store, remembered_token())
        if account is not None:
            st.session_state[TOKEN_KEY] = remembered_token()
            return _signed_in(store, account, new_session=False)
        email = _sso_email()
        if email is not None:
            account = accounts.find_account(store, email)
            if account is not None and account.active:
                return _signed_in(store, account, new_session=True)
            refused(f"No active account has the email {email}: ask an admin to add you.")
            st.button("Sign out of single sign-on", on_click=st.logout)
            return None
    forget_signed_in()
    return _sign_in(store)


def _first_admin(store: Store) -> str | None:
    typed = first_admin_form(key="accounts.first_admin")
    if typed is None:
        return None
    try:
        account = accounts.create_first_admin(store, typed.name, typed.password, email=typed.email)
    except ValueError as problem:
        refused(str(problem))
        return None
    _signed_in(store, account, new_session=True)
    st.rerun()


def _sign_in(store: Store) -> str | None:
    sso_label = "Sign in with single sign-on" if sso_configured() else None
    typed = sign_in_form(key="accounts.sign_in", sso_label=sso_label)
    if typed == "sso":
        st.login()
        return None
    if typed is None:
        return None
    try:
        account = accounts.verify_sign_in(store, typed.name, typed.password)
    except accounts.SignInRefused as problem:
        refused(str(problem))
        return None
    _signed_in(store, account, new_session=True)
    st.rerun()
