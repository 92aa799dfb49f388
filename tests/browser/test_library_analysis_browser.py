"""The Library's "Analyse all" in a real browser: a progress bar while the corpus is analysed in the
background, the page usable meanwhile, the counts updated at the end."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import Store
from quotegraph.store.models import Statement

if TYPE_CHECKING:
    from tests.browser.conftest import AppDriver

pytestmark = pytest.mark.browser

SEED = (Path(__file__).resolve().parents[1] / "fixtures" / "seed_iran_mixed_message.txt").read_text(
    encoding="utf-8"
)
COPIES = 40  # enough work that the run is still going while the page is used


def test_analyse_all_shows_progress_keeps_the_page_usable_and_fills_the_counts(
    app: AppDriver, store: Store
) -> None:
    app.open()  # the first start loads the sample article
    for n in range(COPIES):
        add_article(store, ArticleDraft(text=f"Copy {n}\n\n{SEED}", title=f"Copy {n}"))
    app.open()
    page = app.page
    total = COPIES + 1
    expect(page.get_by_text(f"0 of {total} articles analysed")).to_be_visible()

    page.get_by_role("button", name="Analyse all").click()
    progress = page.get_by_test_id("stProgress")
    expect(progress).to_be_visible(timeout=15_000)
    expect(page.get_by_text(f"of {total} articles in the background")).to_be_visible()
    app.screenshot("library-analysis-running")

    # The page answers while the analysis goes on: a search filters the list.
    search = page.get_by_role("textbox", name="Search articles")
    search.fill("Copy 39")
    search.press("Enter")
    expect(page.get_by_text("1 article", exact=True)).to_be_visible(timeout=15_000)
    assert progress.is_visible(), "the analysis should still be going on"
    search.fill("")
    search.press("Enter")

    expect(page.get_by_text(f"{total} of {total} articles analysed")).to_be_visible(timeout=300_000)
    expect(page.get_by_role("button", name="Analyse all")).to_be_disabled()
    expect(progress).to_have_count(0)
    app.wait_for_idle()
    page.mouse.move(0, 0)  # no button's tooltip in the picture
    app.screenshot("library-analysis-done")
    with store.session() as session:
        statements = session.scalar(select(func.count()).select_from(Statement))
    assert statements >= total  # every copy has its statements, without being opened
