"""quotegraph: the browser app. Run with ``make run`` (or ``streamlit run app.py``)."""

from __future__ import annotations

import streamlit as st

from accounts_gate import signed_in_name
from components.annotator import user_may
from components.plain_text import escape_markdown
from quotegraph.team.permissions import MANAGE_USERS
from resources import StoreUnavailable, get_settings, get_store

st.set_page_config(page_title="quotegraph", layout="wide")


def library_address() -> None:
    """The Library is the default page, served at the root; Streamlit serves a default page
    only there (its own url_path answers "page not found"), so /library, which users type and
    bookmark, is this hidden page that goes to the root."""
    st.switch_page(PAGES[0])


# Every page of the app, in menu order: add one line per page (url_path is the page's address).
PAGES = [
    st.Page(
        "app_pages/library.py",
        title="Library",
        icon=":material/library_books:",
        url_path="home",  # never shown: the default page's address is the root
        default=True,
    ),
    st.Page("app_pages/annotate.py", title="Annotate", icon=":material/edit:", url_path="annotate"),
    st.Page("app_pages/explore.py", title="Explore", icon=":material/hub:", url_path="explore"),
    st.Page("app_pages/codebook.py", title="Codebook", icon=":material/book:", url_path="codebook"),
    st.Page("app_pages/export.py", title="Export", icon=":material/download:", url_path="export"),
    st.Page(
        "app_pages/agreement.py", title="Agreement", icon=":material/percent:", url_path="agreement"
    ),
    st.Page(
        "app_pages/adjudicate.py",
        title="Adjudicate",
        icon=":material/gavel:",
        url_path="adjudicate",
    ),
    st.Page(library_address, title="Library", url_path="library", visibility="hidden"),
]
# Shown to those who may manage users (admins), after the other pages.
USERS_PAGE = st.Page("app_pages/users.py", title="Users", icon=":material/group:", url_path="users")

try:
    store = get_store()
    settings = get_settings()
    who = signed_in_name(store, settings)
except StoreUnavailable as problem:
    st.error(
        f"**The store could not be opened.** {escape_markdown(str(problem))}\n\n"
        "Check `QUOTEGRAPH_DB_URL` (any SQLAlchemy URL; unset it for the default SQLite file) "
        "and reload the page.",
        icon=":material/error:",
    )
    st.stop()

# Nobody signed in: the menu hides (the page asked for stays in the address for after sign-in).
# Users only with accounts on: a solo user manages accounts with the `users` command.
manages_users = settings.accounts and who is not None and user_may(MANAGE_USERS)
pages = PAGES + ([USERS_PAGE] if manages_users else [])
navigation = st.navigation(pages, position="sidebar" if who is not None else "hidden")
if who is None:
    st.stop()
navigation.run()
