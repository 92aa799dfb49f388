"""One graph per time window in a zip (export --window/--step), with coalitions."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx

from quotegraph.cli import main
from quotegraph.db import Store
from quotegraph.dna_import import import_dna
from quotegraph.window_exports import windowed_networks_zip
from tests.dna_fixture import write_dna3_fixture


def test_one_graph_per_window_with_an_index(sqlite_store: Store, tmp_path: Path) -> None:
    import_dna(sqlite_store, write_dna3_fixture(tmp_path / "p.dna"))
    result = windowed_networks_zip(
        sqlite_store,
        "actor-concept",
        length=dt.timedelta(days=60),
        step=dt.timedelta(days=30),
    )
    archive = zipfile.ZipFile(io.BytesIO(result.data))
    index = list(csv.DictReader(io.StringIO(archive.read("windows.csv").decode())))
    # documents on 2021-01-01 (2 coded statements), +40 days (2), +400 days (1); 60-day windows
    # every 30 days up to the first that reaches day 400: days 0, 30, ..., 360
    assert result.windows == len(index) == 13
    assert [int(row["statements"]) for row in index[:3]] == [4, 2, 0]
    assert int(index[-1]["statements"]) == 1
    assert index[0]["file"] == "window-001_2021-01-01_2021-03-01.graphml"
    graph = nx.read_graphml(io.BytesIO(archive.read(index[0]["file"])))
    assert graph.graph["start"] == "2021-01-01" and graph.graph["end"] == "2021-03-01"
    actors = {d["label"]: d["coalition"] for _, d in graph.nodes(data=True) if d["kind"] == "actor"}
    # Ann Reed and the Green Club agree on wind power; Bo Li stands alone against the tax
    assert actors["Ann Reed"] == actors["Green Club"] != 0
    assert actors["Bo Li"] == 0


def test_cli_windows_need_a_zip_and_valid_lengths(store_url: str, tmp_path: Path, capsys) -> None:
    assert main(["ingest", str(write_dna3_fixture(tmp_path / "p.dna"))]) == 0
    out = tmp_path / "w.zip"
    assert main(["export", "--format", "gexf", "--window", "30d", "--step", "1w",
                 "--network", "actor-actor", "--out", str(out)]) == 0  # fmt: skip
    # windows start every 7 days until one reaches day 400: days 0, 7, ..., 371 (54 windows)
    assert len(zipfile.ZipFile(out).namelist()) == 1 + 54
    capsys.readouterr()
    assert main(["export", "--format", "graphml", "--window", "1m", "--out", str(out)]) == 1
    assert "number of days or weeks" in capsys.readouterr().err
    assert main(["export", "--format", "csv", "--window", "30d"]) == 1
    assert main(["export", "--format", "graphml", "--window", "30d"]) == 1
    assert "zip" in capsys.readouterr().err


def test_dynamic_gexf_shows_each_window_until_the_next(store_url: str, tmp_path: Path) -> None:
    assert main(["ingest", str(write_dna3_fixture(tmp_path / "p.dna"))]) == 0
    out = tmp_path / "timeline.gexf"
    assert main(["export", "--format", "gexf", "--window", "60d", "--step", "30d", "--dynamic",
                 "--network", "actor-actor", "--out", str(out)]) == 0  # fmt: skip
    namespace = {"g": "http://www.gexf.net/1.2draft"}
    root = ElementTree.parse(out).getroot()
    graph = root.find("g:graph", namespace)
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    nodes = {node.get("label"): node for node in graph.iter("{http://www.gexf.net/1.2draft}node")}
    spells = [(s.get("start"), s.get("end")) for s in nodes["Bo Li"].iter(
        "{http://www.gexf.net/1.2draft}spell")]  # fmt: skip
    # Bo Li speaks in the windows from day 0 (shown until day 30) and the last one (day 360,
    # shown for its 60 days)
    assert spells == [("2021-01-01", "2021-01-30"), ("2021-12-27", "2022-02-24")]
    coalitions = [a.get("value") for a in nodes["Ann Reed"].iter("{http://www.gexf.net/1.2draft}attvalue")
                  if a.get("for") == "coalition"]  # fmt: skip
    # the windows from day 0 and day 30 both hold the second document: Ann Reed and the Green
    # Club back wind power together
    assert coalitions == ["1", "1"]
    bo_li = [a.get("value") for a in nodes["Bo Li"].iter("{http://www.gexf.net/1.2draft}attvalue")
             if a.get("for") == "coalition"]  # fmt: skip
    assert bo_li == ["0", "0"]  # against everyone on the tax at first; later alone
    assert main(["export", "--format", "graphml", "--window", "30d", "--dynamic",
                 "--out", str(out)]) == 1  # fmt: skip
