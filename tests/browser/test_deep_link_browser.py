"""A link to a page, opened as the very first request a freshly started server gets.

Streamlit runs an app that sits beside a folder named ``pages/`` in its old folder mode until
some session has called ``st.navigation`` (the page files live in ``app_pages/`` for that
reason); these tests make sure the app shell draws the first request (wide layout, the app's own
menu) and that the link opens what it names. No test here opens ``/`` first: each one starts
from a new server process.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from quotegraph.analysis.nlp import PIPELINE_VERSION
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import open_store
from quotegraph.store.models import Article, Statement
from tests.browser.conftest import AppDriver

pytestmark = pytest.mark.browser

NAV_LABELS = ["Library", "Annotate", "Explore", "Codebook", "Export", "Agreement", "Adjudicate"]
TEXT = "The envoy said the talks were productive.\n\nThe mayor said the tram will open in May."
QUOTES = ("the talks were productive", "the tram will open in May")


def seed_article(db_url: str) -> tuple[int, list[int]]:
    """An analysed article with two machine suggestions, stored before the server's first run."""
    store = open_store(db_url)
    try:
        article_id = add_article(store, ArticleDraft(text=TEXT, title="Deep link")).article_id
        with store.session(write=True) as session:
            session.get(Article, article_id).analysed_version = PIPELINE_VERSION
            statements = [
                Statement(
                    article_id=article_id,
                    start=TEXT.index(quote),
                    end=TEXT.index(quote) + len(quote),
                    kind="indirect",
                    status="suggested",
                    field_origins={"span": "machine", "status": "machine"},
                )
                for quote in QUOTES
            ]
            session.add_all(statements)
            session.flush()
            return article_id, [statement.id for statement in statements]
    finally:
        store.dispose()


def nav_labels(page: Page) -> list[str]:
    links = page.locator('[data-testid="stSidebarNav"] [data-testid="stSidebarNavLink"]')
    return [text.strip().splitlines()[-1] for text in links.all_inner_texts()]


def main_width(page: Page) -> float:
    return page.locator('[data-testid="stMainBlockContainer"]').bounding_box()["width"]


def test_first_request_to_a_statement_link_opens_it_in_the_app_shell(app: AppDriver) -> None:
    article_id, (_first, second) = seed_article(app.server.db_url)
    app.open(f"annotate?article={article_id}&statement={second}&annotator=ana")
    selected = app.page.locator(f'[data-testid="qg-article-text"] .qg-sel[data-sids~="{second}"]')
    selected.first.wait_for()
    app.screenshot("deep-link-first-request")
    assert nav_labels(app.page) == NAV_LABELS  # the app's menu, not the page file names
    assert main_width(app.page) > 1000  # app.py's wide layout (the folder mode is 736 px)
    assert "".join(selected.all_inner_texts()) == "the tram will open in May"
    assert app.page.get_by_text("Statement 2 of 2").count() == 1
    assert app.page.evaluate("location.pathname + location.search") == (
        f"/annotate?article={article_id}&statement={second}&annotator=ana"
    )


def test_first_request_to_another_page_uses_the_app_shell_too(app: AppDriver) -> None:
    app.server.restart()  # a new process: nothing has called st.navigation yet
    app.open("codebook")
    app.page.get_by_role("heading", name="Codebook").wait_for()
    assert nav_labels(app.page) == NAV_LABELS
    assert main_width(app.page) > 1000


def test_the_library_address_opens_the_library_without_a_not_found_dialog(
    app: AppDriver,
) -> None:
    app.server.restart()
    app.open("library")
    app.page.get_by_role("heading", name="Library").wait_for()
    app.wait_for_idle()
    assert app.page.get_by_text("Page not found").count() == 0
    assert app.page.locator('[role="dialog"]').count() == 0
    assert app.page.evaluate("location.pathname") == "/"
    assert nav_labels(app.page) == NAV_LABELS  # the hidden address is not in the menu
    app.screenshot("library-address")
