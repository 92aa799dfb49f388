"""Explore's "Over time" tab in a real browser: the time slider changes the network, and the
coalitions are coloured in it and listed below it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from quotegraph.db import open_store
from quotegraph.dna_import import import_dna
from tests.dna_fixture import write_dna3_fixture

pytestmark = pytest.mark.browser

# The node traces (legend name -> [colour, labels]) of the network chart in the open tab panel.
_NODE_TRACES_JS = """
() => {
  const panel = [...document.querySelectorAll('[role="tabpanel"]')].find(
    (candidate) => candidate.offsetParent !== null);
  const charts = [...panel.querySelectorAll('.js-plotly-plot')];
  const network = charts.find((chart) =>
    chart.data.some((trace) => trace.mode === 'markers+text'));
  const result = {};
  for (const trace of network.data) {
    if (trace.mode === 'markers+text') {
      result[trace.name] = [trace.marker.color, trace.text.filter((t) => t)];
    }
  }
  return result;
}
"""


@pytest.fixture(scope="module")
def dated_server(streamlit_server, tmp_path_factory):
    store = open_store(streamlit_server.db_url)
    import_dna(store, write_dna3_fixture(tmp_path_factory.mktemp("dna") / "p.dna"))
    store.dispose()
    return streamlit_server


def open_over_time(app) -> None:
    app.open("")
    app.page.get_by_role("link", name="Explore").click()
    app.wait_for_idle()
    app.page.get_by_role("tab", name="Over time").click()
    app.wait_for_idle()
    expect(app.page.get_by_text("Time window")).to_be_visible(timeout=30_000)


def node_traces(app) -> dict:
    app.page.wait_for_timeout(500)
    return app.page.evaluate(_NODE_TRACES_JS)


def slide(app, steps: int) -> None:
    """Move the time slider by ``steps`` windows with the keyboard, as a person can."""
    handle = app.page.locator('input[aria-label="Time window"]')
    handle.focus()
    for _ in range(steps):
        handle.press("ArrowRight")
    app.page.wait_for_timeout(300)
    app.wait_for_idle()


def test_the_time_slider_changes_the_network(app, dated_server) -> None:
    open_over_time(app)
    whole = node_traces(app)
    assert sorted(whole["coalition 1"][1]) == ["Ann Reed", "Bo Li", "Green Club"]
    app.screenshot("over-time-all-dates")
    slide(app, 1)  # the first window: Ann Reed for the carbon tax, Bo Li against it
    first = node_traces(app)
    assert first != whole
    assert sorted(first["unaligned"][1]) == ["Ann Reed", "Bo Li"]
    assert first["concept"][1] == ["Carbon tax"]
    expect(app.page.get_by_text("2021-01-01 – 2021-01-30").first).to_be_visible()
    app.screenshot("over-time-first-window")


def test_coalitions_are_coloured_and_listed(app, dated_server) -> None:
    open_over_time(app)
    slide(app, 6)  # the window from 2021-02-05: the second document, on wind power
    traces = node_traces(app)
    colour, actors = traces["coalition 1"]
    assert sorted(actors) == ["Ann Reed", "Green Club"]
    assert colour == "#1f77b4"
    expect(app.page.get_by_text("Coalition 1", exact=True)).to_be_visible()
    expect(app.page.locator("p", has_text="Coalition 1")).to_contain_text("Ann Reed, Green Club")
    swatch = app.page.locator("p", has_text="Coalition 1").locator("span").first
    assert swatch.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(31, 119, 180)"
    app.screenshot("over-time-coalitions")
