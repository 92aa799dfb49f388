"""Explore in a real browser on a large, dense store: the statements under a node page through
all of them, labels stay apart, and a dense actor x actor network reads as a matrix."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from test_explore_browser import _POINT_CENTRE_JS, _click_point, open_explore

from quotegraph.annotation.codebook_actors import create_actor
from quotegraph.annotation.codebook_concepts import create_concept
from quotegraph.annotation.statements import create_statement
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import open_store

pytestmark = pytest.mark.browser

ARTICLES = 40
ACTORS = 24


@pytest.fixture(scope="module")
def busy_server(streamlit_server):
    """40 articles; in each, Rouhani speaks three times on the sanctions (agree, neutral,
    disagree: 120 statements that count once each), and 24 other actors each agree once on
    the sanctions in one article in six, so nearly every pair of actors is tied."""
    store = open_store(streamlit_server.db_url)
    rouhani = create_actor(store, "Hassan Rouhani", annotator="ana").id
    others = [create_actor(store, f"Minister {n:02d}", annotator="ana").id for n in range(ACTORS)]
    sanctions = create_concept(store, "sanctions", annotator="ana").id
    for n in range(ARTICLES):
        text = f"Report {n}. One. Two. Three. Four."
        article = add_article(store, ArticleDraft(text=text, title=f"Report {n}")).article_id
        for stance, word in zip((1, 0, -1), ("One", "Two", "Three"), strict=True):
            start = text.index(word)
            create_statement(
                store, article, start, start + len(word), annotator="ana",
                actor_id=rouhani, concept_id=sanctions, stance=stance,
            )  # fmt: skip
        start = text.index("Four")
        for actor in others[n % 6 :: 6]:
            create_statement(
                store, article, start, start + 4, annotator="ana",
                actor_id=actor, concept_id=sanctions, stance=1,
            )  # fmt: skip
    store.dispose()


def test_a_busy_node_pages_through_all_its_statements(app, busy_server) -> None:
    open_explore(app)
    page = app.page
    page.locator(".js-plotly-plot .points path").first.wait_for()
    app.screenshot("explore-dense-network")
    _click_point(page, _POINT_CENTRE_JS, ["node", "actor:Hassan Rouhani"])
    app.wait_for_idle()
    panel = page.get_by_role("tabpanel", name="Network")
    expect(panel.get_by_text("120 statements, 1–50 shown")).to_be_visible()
    expect(panel.get_by_role("link", name="Open in Annotate")).to_have_count(50)
    panel.get_by_role("button", name="Page 3", exact=True).click()
    app.wait_for_idle()
    expect(panel.get_by_text("120 statements, 101–120 shown")).to_be_visible()
    expect(panel.get_by_role("link", name="Open in Annotate")).to_have_count(20)
    app.screenshot("explore-statements-page-3")


def test_a_dense_actor_network_opens_as_a_readable_matrix(app, busy_server) -> None:
    open_explore(app)
    page = app.page
    app.choose_option(page.get_by_role("combobox", name="Network"), "Actor × actor: congruence")
    app.wait_for_idle()
    expect(
        page.get_by_text("Click a square to list the statements behind the tie.")
    ).to_be_visible()
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    for n in (0, ACTORS - 1):
        expect(chart.locator(".ytick text", has_text=f"Minister {n:02d}")).to_be_visible()
    app.screenshot("explore-dense-matrix")
