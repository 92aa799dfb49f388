"""The Library in a real browser: filters narrow the list, rows are selected for a bulk delete,
and an article's details are corrected in a dialog and the correction undone."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from quotegraph.store.articles import ArticleDraft, add_article, get_article, list_articles
from quotegraph.store.db import Store
from tests.browser.conftest import AppDriver
from tests.browser.test_annotate_table_browser import click_row
from tests.browser.test_library_browser import listed_titles

pytestmark = pytest.mark.browser


def test_filters_narrow_the_list_and_selected_rows_are_deleted(
    app: AppDriver, store: Store
) -> None:
    for n in range(3):
        add_article(
            store,
            ArticleDraft(
                text=f"Wire story number {n} about the port.",
                title=f"Wire story {n}",
                source="Wire",
                published=dt.date(2026, 1, n + 1),
            ),
        )
    app.open()
    page = app.page
    page.get_by_text("Filters").click()
    app.wait_for_idle()  # a run that opening the panel starts would close the dropdown
    app.choose_option(page.get_by_label("Source"), "Wire")  # the multiselect's box
    page.keyboard.press("Escape")
    app.wait_for_idle()
    assert sorted(listed_titles(page)) == ["Wire story 0", "Wire story 1", "Wire story 2"]
    app.screenshot("library-filtered")

    click_row(app, 0)
    click_row(app, 1)
    page.get_by_role("button", name="Delete…").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("these 2 articles")
    dialog.get_by_role("button", name="Delete").click()
    app.wait_for_idle()
    # Waited for, not assumed: on a loaded machine the run may end after the first idle check.
    expect(page.get_by_test_id("stAlertContentSuccess").first).to_contain_text("Deleted")
    left = {a.title for a in list_articles(store)}
    assert len(left & {"Wire story 0", "Wire story 1", "Wire story 2"}) == 1


def test_details_are_corrected_in_a_dialog_and_undone(app: AppDriver, store: Store) -> None:
    article_id = add_article(
        store, ArticleDraft(text="Mayor opens the new tram line.", title="Pasted text")
    ).article_id
    app.open("")
    page = app.page
    app.choose_option(page.get_by_role("combobox", name="Article"), f"Pasted text (#{article_id})")
    app.wait_for_idle()
    page.get_by_role("button", name="Details").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Title").fill("Tram line opens")
    dialog.get_by_label("Source").fill("City Gazette")
    dialog.get_by_text("No publication date").click()
    app.screenshot("library-details-dialog")
    dialog.get_by_role("button", name="Save details").click()
    app.wait_for_idle()
    edited = get_article(store, article_id)
    assert (edited.title, edited.source) == ("Tram line opens", "City Gazette")
    assert edited.published == dt.date.today()
    expect(page.get_by_text("Saved the details of Tram line opens.")).to_be_visible()
    picker = page.get_by_role("combobox", name="Article")
    expect(picker).to_have_value(
        f"Tram line opens — City Gazette, {dt.date.today()} (#{article_id})"
    )
    app.screenshot("library-details-saved")

    page.get_by_role("button", name="Undo").click()
    app.wait_for_idle()
    restored = get_article(store, article_id)
    assert (restored.title, restored.source, restored.published) == ("Pasted text", None, None)
    expect(page.get_by_text(f"of article {article_id}")).to_be_visible()
