"""The resources every page shares: the settings, the open store and its background analysis.

Pages import from here (``from resources import get_store``); nothing else in the UI layer opens
the database. The store is opened once per server process and shared by all sessions; the spaCy
pipeline caches itself per process (``quotegraph.analysis.nlp.load_pipeline``).
"""

from __future__ import annotations

import streamlit as st

from quotegraph.analysis.background import BackgroundAnalysis
from quotegraph.annotation.coding_suggestions import BackgroundTrainer
from quotegraph.config import Settings, load_settings
from quotegraph.reading.samples import load_samples_once
from quotegraph.store.db import Store, open_store


class StoreUnavailable(Exception):
    """The store could not be opened or migrated; the message says why in one line."""


def get_settings() -> Settings:
    """The settings from the environment.

    Not cached: reading a few variables is cheap, and tests change them between runs.
    """
    return load_settings()


def get_store() -> Store:
    """The open, migrated store at the configured URL, with the sample articles loaded once.

    Raises StoreUnavailable (one line, password hidden) when the URL is bad, the server cannot be
    reached, or a migration fails; ``app.py`` shows it with ``st.error``.
    """
    try:
        url = get_settings().db_url
    except ValueError as exc:  # a malformed QUOTEGRAPH_* variable
        raise StoreUnavailable(str(exc)) from exc
    return _open_store(url)


# Keyed by URL so a changed $QUOTEGRAPH_DB_URL (tests, a restarted server) opens the right store.
# Exceptions are not cached, so fixing the URL and reloading the page tries again.
@st.cache_resource(show_spinner="Opening the store…")
def _open_store(url: str) -> Store:
    try:
        store = open_store(url)
    except Exception as exc:  # bad URL, unknown driver, unreachable server, failed migration
        raise StoreUnavailable(
            f"Could not open the store at {_hide_password(url)}: {_first_line(exc)}"
        ) from exc
    try:
        load_samples_once(store)
    except Exception as exc:
        store.dispose()
        raise StoreUnavailable(f"Could not load the sample articles: {_first_line(exc)}") from exc
    return store


def get_coding_trainer(store: Store) -> BackgroundTrainer:
    """The store's background trainer of concept and stance suggestions, one per server
    process: pages ``poke`` it and read ``last_model``; it never blocks a page."""
    return _coding_trainer(store, store.url)


@st.cache_resource(show_spinner=False)
def _coding_trainer(_store: Store, url: str) -> BackgroundTrainer:
    return BackgroundTrainer(_store)


def get_background_analysis() -> BackgroundAnalysis:
    """The store's background analysis ("Analyse all", and every import), one per server.

    Its thread outlives the page run that started it, so every session of this server sees the
    same progress and a second click never starts a second run.
    """
    store = get_store()
    return _background_analysis(store, store.url)


@st.cache_resource(show_spinner=False)
def _background_analysis(_store: Store, url: str) -> BackgroundAnalysis:
    return BackgroundAnalysis(_store)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0]}" if text else type(exc).__name__


def _hide_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # unparseable: show only the scheme, which cannot hold a secret
        return url.split(":", 1)[0] + ":…"
