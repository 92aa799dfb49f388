"""The Library page in a real browser: the seed article, pasting, and surviving a restart."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

if TYPE_CHECKING:
    from tests.browser.conftest import AppDriver

pytestmark = pytest.mark.browser

SEED_TITLE = "Iran Shows Mixed Message After Backing Away From Conflict With U.S."
PASTED_TITLE = "Harbour Strike Ends After Pay Deal"
PASTED_TEXT = (
    f"{PASTED_TITLE}\n\n"
    '"The strike is over," the union leader Maria Costa said on Tuesday. '
    "The port authority said ships would dock again from Wednesday."
)


def listed_titles(page: Page) -> list[str]:
    """The titles offered by the Library's article picker (one option per listed article).

    Each option reads "<title> — <source>, <date> (#<id>)"; source and date are optional.
    """
    page.get_by_role("combobox", name="Article").click()
    options = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    return [re.sub(r"( — .*?)?(, \d{4}-\d\d-\d\d)? \(#\d+\)$", "", o) for o in options]


def test_first_start_lists_the_seed_article(app: AppDriver) -> None:
    app.open()
    expect(app.page.get_by_role("heading", name="Library")).to_be_visible()
    expect(app.page.get_by_test_id("stDataFrame")).to_be_visible()
    assert SEED_TITLE in listed_titles(app.page)
    app.screenshot("library-first-start")


def test_a_pasted_article_is_listed_and_survives_a_restart(app: AppDriver) -> None:
    app.open()
    page = app.page
    page.get_by_role("tab", name="Paste text").click()
    page.get_by_label("Article text").fill(PASTED_TEXT)
    page.get_by_role("button", name="Add article").click()
    app.wait_for_idle()

    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Imported 1 article.")
    assert PASTED_TITLE in listed_titles(page)
    app.screenshot("library-after-paste")

    app.server.restart()
    app.open()
    titles = listed_titles(page)
    assert PASTED_TITLE in titles and SEED_TITLE in titles

    page.get_by_role("textbox", name="Search articles").fill("union leader")
    page.get_by_role("textbox", name="Search articles").press("Enter")
    app.wait_for_idle()
    assert listed_titles(page) == [PASTED_TITLE]
    app.screenshot("library-search-after-restart")


def test_delete_asks_in_a_dialog_and_escape_keeps_the_article(app: AppDriver) -> None:
    app.open()
    page = app.page
    page.get_by_role("tab", name="Paste text").click()
    page.get_by_label("Article text").fill("Short Lived Note\n\nThis article is about to go.")
    page.get_by_role("button", name="Add article").click()
    app.wait_for_idle()
    # The picker now selects it (waited for: a background analysis run may redraw it late).
    expect(page.get_by_role("combobox", name="Article")).to_have_value(
        re.compile(r"^Short Lived Note")
    )
    assert "Short Lived Note" in listed_titles(page)

    page.get_by_role("button", name="Delete", exact=True).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Delete Short Lived Note")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    app.wait_for_idle()  # the dismissal reaches the server before the next interaction
    page.get_by_role("textbox", name="Search articles").fill("about to go")
    page.get_by_role("textbox", name="Search articles").press("Enter")
    app.wait_for_idle()
    expect(dialog).to_be_hidden()  # dismissed means forgotten: no reopening on the next run
    assert listed_titles(page) == ["Short Lived Note"]

    page.get_by_role("button", name="Delete", exact=True).click()
    app.screenshot("library-delete-dialog")
    dialog.get_by_role("button", name="Delete").click()
    app.wait_for_idle()
    expect(dialog).to_be_hidden()
    expect(page.get_by_test_id("stAlertContentSuccess").first).to_contain_text(
        "Deleted Short Lived Note"
    )
    expect(page.get_by_text("No article matches this search.")).to_be_visible()


def test_open_switches_to_annotate_with_the_article_in_the_address(app: AppDriver) -> None:
    app.open()
    page = app.page
    if page.get_by_test_id("stSidebarNav").get_by_text("Annotate").count() == 0:
        pytest.skip("the Annotate page is not in the navigation yet")
    page.get_by_role("textbox", name="Search articles").fill("syndication")
    page.get_by_role("textbox", name="Search articles").press("Enter")
    app.wait_for_idle()
    page.get_by_role("button", name="Annotate").click()
    # The address names the article (and, once one is selected, the statement).
    page.wait_for_url(re.compile(r"/annotate\?article=\d+(&statement=\d+)?$"))
    app.wait_for_idle()
    # A refresh keeps the article, because it is in the address.
    page.reload()
    app.wait_for_idle()
    assert re.search(r"/annotate\?article=\d+(&statement=\d+)?$", page.url)


def test_clicking_a_row_picks_that_article(app: AppDriver) -> None:
    app.open()
    page = app.page
    page.get_by_role("tab", name="Paste text").click()
    page.get_by_label("Article text").fill("Row Pick Check\n\nA second article, listed first.")
    page.get_by_role("button", name="Add article").click()
    app.wait_for_idle()
    picker = page.get_by_role("combobox", name="Article")
    expect(picker).to_have_value(re.compile(r"^Row Pick Check"))

    rows = len(listed_titles(page))
    assert listed_titles(page)[-1] == SEED_TITLE  # newest first: the sample is the last row
    grid = page.get_by_test_id("stDataFrame").get_by_test_id("data-grid-canvas")
    box = grid.bounding_box()
    assert box is not None
    row_height = box["height"] / (rows + 1)  # the header row is as tall as the others
    # The row-selection checkbox sits in the grid's leftmost column.
    # The grid's scroller lies over its canvas, so click the page at the canvas's coordinates.
    page.mouse.click(box["x"] + 16, box["y"] + row_height * rows + row_height / 2)
    app.wait_for_idle()
    expect(picker).to_have_value(re.compile(r"^" + re.escape(SEED_TITLE)))
    app.screenshot("library-row-picked")


def test_a_hostile_title_is_shown_as_plain_text(app: AppDriver) -> None:
    hostile = (
        '<img src=x onerror="window.pwned=1"> **bold** [link](http://evil.example) :red[x] '
        "www.evil.example mail@evil.example"
    )
    app.open()
    page = app.page
    page.get_by_role("tab", name="Paste text").click()
    page.get_by_label("Title").fill(hostile)
    page.get_by_label("Article text").fill("Body of the hostile article.")
    page.get_by_role("button", name="Add article").click()
    app.wait_for_idle()
    expect(page.get_by_role("combobox", name="Article")).to_have_value(re.compile("^<img src=x"))

    page.get_by_role("button", name="Delete", exact=True).click()
    dialog = page.get_by_role("dialog")
    message = dialog.get_by_test_id("stMarkdownContainer").filter(has_text="cannot be undone")
    shown = message.inner_text().replace("\u2060", "")  # the invisible word joiners
    assert shown == f"Delete {hostile}? This cannot be undone."
    # Only the title's own bold (ours) is markup: no image, no link, no bold inside it.
    assert message.locator("img, a, strong strong, span").count() == 0
    dialog.get_by_role("button", name="Delete").click()
    app.wait_for_idle()
    alert = page.get_by_test_id("stAlertContentSuccess").filter(has_text="Deleted")
    deleted = alert.get_by_test_id("stMarkdownContainer")
    assert deleted.inner_text().replace("\u2060", "").strip() == f"Deleted {hostile}."
    assert page.evaluate("() => window.pwned") is None


def test_uploading_several_files_imports_the_good_and_names_the_bad(app: AppDriver) -> None:
    app.open()
    page = app.page
    page.get_by_role("tab", name="Upload files").click()
    page.get_by_test_id("stTabs").locator('input[type="file"]').set_input_files(
        [
            {"name": "empty.txt", "mimeType": "text/plain", "buffer": b""},
            {
                "name": "ferry.txt",
                "mimeType": "text/plain",
                "buffer": b"Ferry Service Resumes\n\nThe ferry sailed again today.",
            },
            {"name": "scores.csv", "mimeType": "text/csv", "buffer": b"team,score\nA,1\n"},
        ]
    )
    # Each file shows as a chip once the browser has handed it to the uploader.
    expect(page.get_by_test_id("stFileChip")).to_have_count(3)
    page.get_by_role("button", name="Import files").click()
    app.wait_for_idle()

    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Imported 1 article.")
    errors = page.get_by_test_id("stAlertContentError")
    expect(errors).to_have_count(2)
    expect(errors.nth(0)).to_contain_text("empty.txt: empty")
    expect(errors.nth(1)).to_contain_text("scores.csv: no text column")
    assert "Ferry Service Resumes" in listed_titles(page)
    app.screenshot("library-upload-problems")
