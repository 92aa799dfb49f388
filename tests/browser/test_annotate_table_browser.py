"""Annotate in a real browser: the "?" list of keys, the statement table's filters and its bulk
accept (one undo step that says what it undid), and the article details in the header."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from quotegraph.articles import get_article
from quotegraph.db import Store
from tests.browser.conftest import AppDriver
from tests.browser.test_annotate_browser import TEXT_BOX, open_article, press, rows, seed_article

pytestmark = pytest.mark.browser

TEXT = (
    "“Sanctions must end,” Rouhani said.\n\n"
    "“Talks will fail,” the minister warned.\n\n"
    "“The deal is fair,” the envoy said."
)
QUOTES = ("Sanctions must end", "Talks will fail", "The deal is fair")


def text_for(test: str) -> str:
    """The article text of one test: each test stores its own article (the store is shared)."""
    return f"{test}.\n\n{TEXT}"


TABLE = '[data-testid="stDataFrame"]'
ROW_HEIGHT = 35


def click_row(app: AppDriver, index: int) -> None:
    """Tick the selection box in front of the table's row ``index`` (the grid is a canvas)."""
    grid = app.page.locator(TABLE).first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    app.page.mouse.click(box["x"] + 18, box["y"] + ROW_HEIGHT * (index + 1) + ROW_HEIGHT / 2)
    app.wait_for_idle()


def test_question_mark_shows_every_key_and_escape_hides_it(app: AppDriver, store: Store) -> None:
    article_id = seed_article(store, text_for("Keys"), QUOTES, title="Keys")
    open_article(app, article_id)
    overlay = app.page.get_by_test_id("qg-shortcuts")
    expect(overlay).to_be_hidden()
    app.page.locator(TEXT_BOX).click()
    app.page.keyboard.press("?")
    expect(overlay).to_be_visible()
    for text in ("Accept the selected statement", "Stance: agree", "Undo your latest decision"):
        expect(overlay).to_contain_text(text)
    app.screenshot("annotate-shortcuts")
    app.page.keyboard.press("Escape")
    expect(overlay).to_be_hidden()
    app.page.get_by_test_id("qg-keys").click()  # the same list from the legend's button
    expect(overlay).to_be_visible()
    app.page.keyboard.press("?")
    expect(overlay).to_be_hidden()
    assert all(row.status == "suggested" for row in rows(store, article_id)), "no key leaked"


def test_selected_suggestions_are_accepted_at_once_and_undone_at_once(
    app: AppDriver, store: Store
) -> None:
    article_id = seed_article(store, text_for("Bulk"), QUOTES, title="Bulk")
    open_article(app, article_id)
    app.page.get_by_text("All statements: filter, select, decide many at once").click()
    app.wait_for_idle()
    click_row(app, 0)
    click_row(app, 2)
    accept = app.page.get_by_role("button", name="Accept 2 suggestions")
    expect(accept).to_be_enabled()
    app.screenshot("annotate-statement-table")
    accept.click()
    app.wait_for_idle()
    assert [row.status for row in rows(store, article_id)] == ["accepted", "suggested", "accepted"]
    expect(app.page.get_by_text("Accepted 2 statements")).to_be_visible()

    app.page.locator(TEXT_BOX).click()
    press(app, "u")
    assert [row.status for row in rows(store, article_id)] == ["suggested"] * 3
    expect(app.page.get_by_text("Undone: status → accepted on 2 statements.")).to_be_visible()


def test_details_edited_in_the_header_are_undone_by_u(app: AppDriver, store: Store) -> None:
    article_id = seed_article(store, text_for("Details"), QUOTES, title="Pasted text")
    open_article(app, article_id)
    app.page.get_by_role("button", name="Details").click()
    app.page.get_by_label("Title").fill("Envoy calls the deal fair")
    app.page.get_by_label("Source").fill("Reuters")
    app.page.get_by_role("button", name="Save details").click()
    app.wait_for_idle()
    assert get_article(store, article_id).title == "Envoy calls the deal fair"
    expect(app.page.get_by_text("Details saved")).to_be_visible()
    picker = app.page.get_by_role("combobox", name="Article")
    expect(picker).to_have_value("Envoy calls the deal fair")
    app.page.locator(TEXT_BOX).click()
    press(app, "u")
    restored = get_article(store, article_id)
    assert (restored.title, restored.source) == ("Pasted text", None)
    expect(app.page.get_by_text(f"Undone: title, source of article {article_id}.")).to_be_visible()


def test_picking_one_row_shows_that_statement_in_the_text_and_editor(
    app: AppDriver, store: Store
) -> None:
    article_id = seed_article(store, text_for("Pick"), QUOTES, title="Pick")
    open_article(app, article_id)
    third = rows(store, article_id)[2]
    app.page.get_by_text("All statements: filter, select, decide many at once").click()
    app.wait_for_idle()
    click_row(app, 2)
    expect(app.page.get_by_text("Statement 3 of 3")).to_be_visible()
    selected = app.page.locator(f'{TEXT_BOX} .qg-sel[data-sids~="{third.id}"]')
    expect(selected.first).to_be_visible()
    assert app.page.evaluate("location.search").endswith(f"statement={third.id}")
