"""Explore's "Over time" tab (AppTest): the time slider, coalitions, polarisation, stances."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from quotegraph.db import open_store
from quotegraph.dna_import import import_dna
from tests.dna_fixture import write_dna3_fixture

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def open_over_time(store_url: str, tmp_path: Path) -> AppTest:
    store = open_store(store_url)
    import_dna(store, write_dna3_fixture(tmp_path / "p.dna"))
    store.dispose()
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.switch_page("pages/explore.py")
    app.run()
    app.session_state["explore_tab"] = "Over time"
    return app.run()


def network_traces(app: AppTest) -> dict[str, list[str]]:
    """Legend name -> node labels of the time tab's network chart."""
    chart = next(
        c for c in app.get("plotly_chart") if c.proto.id and "explore_time_chart" in c.proto.id
    )
    figure = json.loads(chart.proto.spec)
    return {
        trace["name"]: [t for t in trace.get("text", []) if t]
        for trace in figure["data"]
        if trace.get("mode") == "markers+text"
    }


def test_the_time_slider_changes_the_network(store_url: str, tmp_path: Path) -> None:
    app = open_over_time(store_url, tmp_path)
    assert not app.exception
    slider = next(s for s in app.select_slider if s.key == "explore_time_window")
    whole = network_traces(app)
    assert "Bo Li" in [label for labels in whole.values() for label in labels]
    # the window of the third document (day 400) holds Bo Li's praise only
    assert slider.options[0] == "all dates" and len(slider.options) == 1 + 54
    slider.set_value(slider.options[-1]).run()
    late = network_traces(app)
    labels = {label for names in late.values() for label in names}
    assert labels == {"Bo Li", "Carbon tax"}
    assert late != whole


def test_coalitions_are_coloured_and_listed(store_url: str, tmp_path: Path) -> None:
    app = open_over_time(store_url, tmp_path)
    # over all dates Ann Reed and Bo Li both back the tax, Ann Reed and the Green Club wind
    assert sorted(network_traces(app)["coalition 1"]) == ["Ann Reed", "Bo Li", "Green Club"]
    slider = next(s for s in app.select_slider if s.key == "explore_time_window")
    # the window of the second document (day 40): Ann Reed and the Green Club back wind power
    slider.set_value(next(o for o in slider.options if o.startswith("2021-02-05"))).run()
    traces = network_traces(app)
    assert sorted(traces["coalition 1"]) == ["Ann Reed", "Green Club"]
    listed = [m.value for m in app.markdown if "Coalition 1" in m.value]
    assert len(listed) == 1 and "Ann Reed, Green Club" in listed[0]
    assert "#1f77b4" in listed[0]
    # the first window: Ann Reed for the tax, Bo Li against it: no coalition, only conflict
    slider.set_value(slider.options[1]).run()
    assert set(network_traces(app)) == {"unaligned", "concept"}
    assert any("0 coalitions" in m.value for m in app.markdown)
