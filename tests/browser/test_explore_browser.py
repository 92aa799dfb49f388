"""Explore in a real browser: click an actor in the network and see the statements behind it,
each linking to its place in Annotate."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from test_explore_page import populate_explore_store

from quotegraph.annotation.statements import get_statement, update_statement
from quotegraph.store.db import open_store

pytestmark = pytest.mark.browser

# Finds the centre, in page pixels, of the network point whose customdata is the given list:
# ["node", id] for a node's marker, ["edge", u, v] for the dot on an edge.
_POINT_CENTRE_JS = """
(wanted) => {
  const chart = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  const same = (data) => JSON.stringify(data) === JSON.stringify(wanted);
  const traceIndex = chart.data.findIndex((trace) => (trace.customdata || []).some(same));
  const pointIndex = chart.data[traceIndex].customdata.findIndex(same);
  const trace = chart.querySelectorAll('.scatterlayer .trace')[traceIndex];
  const box = trace.querySelectorAll('.points path')[pointIndex].getBoundingClientRect();
  return {x: box.x + box.width / 2, y: box.y + box.height / 2};
}
"""


# Finds the centre of one stacked bar segment, by its bar label and stance, in the chart inside
# the given tab panel.
_BAR_CENTRE_JS = """
([panelName, bar, stance]) => {
  const panel = [...document.querySelectorAll('[role="tabpanel"]')].find(
    (candidate) => candidate.getAttribute('aria-labelledby') &&
      document.getElementById(candidate.getAttribute('aria-labelledby')).innerText === panelName);
  const chart = panel.querySelector('.js-plotly-plot');
  const traceIndex = chart.data.findIndex(
    (trace) => trace.customdata.some((data) => data[0] === bar && data[1] === stance));
  const pointIndex = chart.data[traceIndex].customdata.findIndex(
    (data) => data[0] === bar && data[1] === stance);
  const trace = chart.querySelectorAll('.barlayer .trace')[traceIndex];
  const box = trace.querySelectorAll('.point')[pointIndex].getBoundingClientRect();
  return {x: box.x + box.width / 2, y: box.y + box.height / 2};
}
"""


def _click_point(page, script: str, argument: object) -> None:
    """Click the chart point ``script`` locates, once the chart has stopped moving (Streamlit
    redraws it at its container's width after the first paint), hovering first as a person
    would: plotly picks the clicked point from its hover state."""
    centre = page.evaluate(script, argument)
    for _ in range(20):
        page.wait_for_timeout(250)
        again = page.evaluate(script, argument)
        if again == centre:
            break
        centre = again
    page.mouse.move(centre["x"], centre["y"])
    page.wait_for_timeout(200)
    page.mouse.click(centre["x"], centre["y"])


def open_explore(app) -> None:
    """Start at the app's root and follow the menu to Explore, as a user does."""
    app.open("")
    app.page.get_by_role("link", name="Explore").click()
    app.wait_for_idle()


@pytest.fixture(scope="module")
def coded_server(streamlit_server):
    store = open_store(streamlit_server.db_url)
    ids = populate_explore_store(store)
    store.dispose()
    return ids


def test_clicking_a_node_lists_its_statements_with_links_to_annotate(app, coded_server) -> None:
    open_explore(app)
    page = app.page
    expect(
        page.get_by_text("5 statements by 2 actors on 2 concepts in 2 articles.")
    ).to_be_visible()
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    expect(chart.locator("text", has_text="Hassan Rouhani")).to_be_visible()
    app.screenshot("explore-network")

    page.locator(".js-plotly-plot .points path").first.wait_for()
    _click_point(page, _POINT_CENTRE_JS, ["node", "actor:Hassan Rouhani"])
    app.wait_for_idle()

    network_panel = page.get_by_role("tabpanel", name="Network")
    expect(network_panel.get_by_text("Statements behind Hassan Rouhani")).to_be_visible()
    expect(network_panel.get_by_text("3 statements", exact=True)).to_be_visible()
    for words in (
        "are a crime against our people",
        "may bring both sides to the table",
        "must be saved",
    ):
        expect(network_panel.get_by_text(words)).to_be_visible()
    expect(network_panel.get_by_text("will stay until Iran changes course")).to_have_count(0)
    links = network_panel.get_by_role("link", name=re.compile("Open in Annotate"))
    expect(links).to_have_count(3)
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(3)]
    article = coded_server["tehran"]
    wanted = {
        f"annotate?article={article}&statement={coded_server[name]}"
        for name in ("against", "for", "saved")
    }
    assert {href.rsplit("/", 1)[-1] for href in hrefs} == wanted
    app.screenshot("explore-node-clicked")

    # the edge between Rouhani and the sanctions: his two statements on them, one on each side
    edge = page.evaluate(
        """() => document.querySelector('.js-plotly-plot').data
            .flatMap((trace) => trace.customdata || [])
            .find((data) => data[0] === 'edge' && data.includes('actor:Hassan Rouhani')
                  && data.includes('concept:sanctions'))"""
    )
    _click_point(page, _POINT_CENTRE_JS, edge)
    app.wait_for_idle()
    expect(
        network_panel.get_by_text("Statements behind Hassan Rouhani — sanctions")
    ).to_be_visible()
    expect(network_panel.get_by_text("2 statements", exact=True)).to_be_visible()
    expect(network_panel.get_by_text("must be saved")).to_have_count(0)
    app.screenshot("explore-edge-clicked")

    links.first.click()
    app.wait_for_idle()
    expect(page).to_have_url(re.compile(rf"/annotate\?article={article}&statement=\d+"))


def test_clicking_a_stance_bar_lists_its_statements(app, coded_server) -> None:
    open_explore(app)
    page = app.page
    page.get_by_role("tab", name="Stance counts").click()
    panel = page.get_by_role("tabpanel", name="Stance counts")
    panel.locator(".js-plotly-plot .barlayer .point").first.wait_for()
    expect(panel.get_by_text("Click a bar to list its statements under the chart.")).to_be_visible()
    app.screenshot("explore-stance-counts")
    _click_point(page, _BAR_CENTRE_JS, ["Stance counts", "Hassan Rouhani", -1])
    app.wait_for_idle()
    page.get_by_role("tab", name="Stance counts").click()
    expect(panel.get_by_text("disagree: Hassan Rouhani")).to_be_visible()
    expect(panel.get_by_text("1 statement", exact=True)).to_be_visible()
    expect(panel.get_by_text("are a crime against our people")).to_be_visible()
    expect(panel.get_by_text("must be saved")).to_have_count(0)

    page.get_by_role("tab", name="Mixed messages").click()
    mixed = page.get_by_role("tabpanel", name="Mixed messages")
    expect(mixed.get_by_text("are a crime against our people")).to_be_visible()
    expect(mixed.get_by_text("may bring both sides to the table")).to_be_visible()
    app.screenshot("explore-mixed-messages")


def _set_status(db_url: str, statement_id: int, status: str) -> None:
    store = open_store(db_url)
    version = get_statement(store, statement_id).version
    update_statement(
        store, statement_id, expected_version=version, annotator="tester", status=status
    )
    store.dispose()


def test_changes_made_elsewhere_show_on_reload_and_on_coming_back(
    app, coded_server, streamlit_server
) -> None:
    open_explore(app)
    page = app.page
    expect(
        page.get_by_text("5 statements by 2 actors on 2 concepts in 2 articles.")
    ).to_be_visible()
    # Merkel's suggestion accepted elsewhere (another tab, another analyst)
    _set_status(streamlit_server.db_url, coded_server["keeping"], "accepted")
    try:
        page.get_by_role("button", name="Reload data").click()
        app.wait_for_idle()
        expect(
            page.get_by_text("6 statements by 3 actors on 2 concepts in 2 articles.")
        ).to_be_visible()

        _set_status(streamlit_server.db_url, coded_server["keeping"], "suggested")
        page.get_by_role("link", name="Library").click()
        app.wait_for_idle()
        page.get_by_role("link", name="Explore").click()
        app.wait_for_idle()
        expect(
            page.get_by_text("5 statements by 2 actors on 2 concepts in 2 articles.")
        ).to_be_visible()
    finally:  # leave the module's store as the other tests expect it
        _set_status(streamlit_server.db_url, coded_server["keeping"], "suggested")


def test_every_network_type_is_shown_in_full_in_its_box(app, coded_server) -> None:
    open_explore(app)
    page = app.page
    box = page.get_by_role("combobox", name="Network")
    for label in (
        "Actor × actor: congruence",
        "Actor × actor: subtract",
        "Actor × statement",
        "Actor × concept",
    ):
        app.choose_option(box, label)
        app.wait_for_idle()
        expect(box).to_have_value(label)
        # the text fits its box: nothing cut off at the right edge
        assert box.evaluate("(input) => input.scrollWidth <= input.clientWidth"), label
    app.choose_option(box, "Actor × actor: congruence")
    app.wait_for_idle()
    app.screenshot("explore-network-type-in-full")
