"""The Export page under AppTest: each download gives the file the core makes for the chosen
filters, and a backup restores only into an empty store."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from export_samples import populate
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from quotegraph.exports.backup import backup_bytes
from quotegraph.exports.formats import to_csv
from quotegraph.exports.tables import actor_table
from quotegraph.store.db import open_store

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], object]]:
    """What each download button would send, by file name, from the page's last run.

    The page passes callables (files made on click); this records them as Streamlit registers
    them, so a test can call one exactly as a click would.
    """
    registered: dict[str, Callable[[], object]] = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):  # noqa: ANN001, ANN202
        registered[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return registered


@pytest.fixture
def coded_ids(store_url: str) -> Iterator[dict[str, int]]:
    store = open_store(store_url)
    ids = populate(store)
    store.dispose()
    yield ids


def open_export() -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.switch_page("app_pages/export.py")
    return app.run()


def read_csv(data: object) -> pd.DataFrame:
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else str(data).lstrip("\ufeff")
    return pd.read_csv(io.StringIO(text), keep_default_na=False, dtype=str)


def test_page_offers_every_format(coded_ids: dict[str, int], downloads: dict) -> None:
    app = open_export()
    assert not app.exception
    assert app.title[0].value == "Export"
    labels = [button.label for button in app.get("download_button")]
    assert labels == [
        "CSV: one row per statement",
        "JSONL: articles with spans and speakers",
        "CSV: the actor table",
        "GraphML",
        "GEXF",
        "DNA project (.dna)",
        "GraphML per window (zip)",
        "Download a backup",
    ]
    assert set(downloads) == {
        "quotegraph-statements.csv",
        "quotegraph-articles.jsonl",
        "quotegraph-actors.csv",
        "quotegraph-actor-concept.graphml",
        "quotegraph-actor-concept.gexf",
        "quotegraph.dna",
        "quotegraph-actor-concept-windows.zip",
        "quotegraph-backup.zip",
    }


def test_actor_table_download_is_the_core_actor_table(
    store_url: str, coded_ids: dict[str, int], downloads: dict
) -> None:
    open_export()
    store = open_store(store_url)
    expected = to_csv(actor_table(store), excel=True)
    store.dispose()
    assert downloads["quotegraph-actors.csv"]() == expected
    table = read_csv(expected)
    assert list(table.columns[:5]) == ["actor_id", "name", "type", "aliases", "statements"]
    assert len(table) >= 1


def test_csv_download_follows_the_filters(coded_ids: dict[str, int], downloads: dict) -> None:
    app = open_export()
    csv = downloads["quotegraph-statements.csv"]()
    assert str(csv).startswith("\ufeff")  # "For Excel" is on by default
    table = read_csv(csv)
    assert set(table["status"]) == {"accepted"}  # reviewed statements only by default
    assert any("repeated" in caption.value for caption in app.caption)  # what dedup hides
    accepted = len(table)
    assert "article_source" in table.columns

    app.radio(key="export.scope").set_value("With suggestions").run()
    table = read_csv(downloads["quotegraph-statements.csv"]())
    assert set(table["status"]) == {"accepted", "suggested"}
    assert len(table) == 5 > accepted

    app.multiselect(key="export_concepts").set_value(["revenge"]).run()
    table = read_csv(downloads["quotegraph-statements.csv"]())
    assert set(table["concept"]) == {"revenge"} and 0 < len(table) < 5
    app.multiselect(key="export_concepts").set_value([]).run()

    app.radio(key="export.scope").set_value("All, with rejected").run()
    table = read_csv(downloads["quotegraph-statements.csv"]())
    assert len(table) == 6
    assert "'=SUM(A1) was typed" in set(table["content"])

    app.radio(key="export.scope").set_value("Accepted only").run()
    app.multiselect(key="export_articles").set_value([coded_ids["article_two"]]).run()
    app.checkbox(key="export.excel").uncheck().run()
    csv = downloads["quotegraph-statements.csv"]()
    assert not str(csv).startswith("\ufeff")
    table = read_csv(csv)
    assert set(table["article_id"]) == {str(coded_ids["article_two"])}
    assert set(table["status"]) == {"accepted"}

    lines = str(downloads["quotegraph-articles.jsonl"]()).splitlines()
    assert [json.loads(line)["article_id"] for line in lines] == [coded_ids["article_two"]]


def test_network_download_follows_the_chosen_network(
    coded_ids: dict[str, int], downloads: dict
) -> None:
    app = open_export()
    graph = nx.read_graphml(io.BytesIO(downloads["quotegraph-actor-concept.graphml"]()))
    # Accepted statements only by default (whatever the CSV's scope): Trump's only counted
    # statement is a suggestion.
    assert app.radio(key="export.scope").value == "Accepted only"
    assert "actor:Donald Trump" not in graph
    assert graph.edges["actor:Hassan Rouhani", "concept:revenge"]["weight"] == 2.0

    app.toggle(key="export_suggested").set_value(True).run()
    graph = nx.read_graphml(io.BytesIO(downloads["quotegraph-actor-concept.graphml"]()))
    assert "actor:Donald Trump" in graph

    app.selectbox(key="export.network").set_value("Actor × actor").run()
    app.selectbox(key="export.aggregation.actor-actor").set_value("conflict").run()
    graph = nx.read_gexf(io.BytesIO(downloads["quotegraph-actor-actor.gexf"]()))
    edge = graph.edges["actor:Hassan Rouhani", "actor:+Ministry"]
    assert edge["weight"] == 1.0 and edge["stance"] == "conflict"


def test_network_download_follows_normalisation_and_grouping(
    coded_ids: dict[str, int], downloads: dict
) -> None:
    app = open_export()
    app.selectbox(key="export.network").set_value("Actor × actor").run()
    plain = nx.read_graphml(io.BytesIO(downloads["quotegraph-actor-actor.graphml"]()))
    assert plain.edges["actor:Hassan Rouhani", "actor:+Ministry"]["weight"] == 1.0

    app.selectbox(key="export.normalization.actor-actor").set_value("cosine").run()
    cosine = nx.read_graphml(io.BytesIO(downloads["quotegraph-actor-actor.graphml"]()))
    # one congruent pair over Rouhani's two statements and the ministry's one: 1 / (2 * 1)
    assert cosine.edges["actor:Hassan Rouhani", "actor:+Ministry"]["weight"] == 0.5

    app.toggle(key="export_grouped").set_value(True).run()
    grouped = nx.read_gexf(io.BytesIO(downloads["quotegraph-actor-actor.gexf"]()))
    # Rouhani and the ministry both speak for Iran: one node, no tie left between them (and
    # Trump's only counted statement is a suggestion)
    assert set(grouped.nodes) == {"actor:Iran"}

    app.selectbox(key="export.network").set_value("Actor × concept").run()
    app.selectbox(key="export.aggregation.actor-concept").set_value("combine").run()
    assert app.selectbox(key="export.normalization.actor-concept").disabled
    combined = nx.read_graphml(io.BytesIO(downloads["quotegraph-actor-concept.graphml"]()))
    assert not app.exception
    assert combined.edges["actor:Iran", "concept:revenge"]["weight"] == 3  # both sides


def test_backup_download_is_the_whole_store(
    store_url: str, coded_ids: dict[str, int], downloads: dict
) -> None:
    open_export()
    store = open_store(store_url)
    assert downloads["quotegraph-backup.zip"]() == backup_bytes(store)
    store.dispose()


def test_restore_into_a_store_with_work_is_refused_plainly(
    store_url: str, coded_ids: dict[str, int]
) -> None:
    app = open_export()
    store = open_store(store_url)
    data = backup_bytes(store)
    store.dispose()
    app.file_uploader(key="export.restore_upload").upload("mine.zip", data, "application/zip")
    app.run()
    assert not app.exception
    assert any(
        "This store is not empty** (it holds 2 articles, 6 statements, 2 concepts, 1 changes)"
        in warning.value
        for warning in app.warning
    )
    assert not [button for button in app.button if button.key == "export.restore"]


def test_restore_into_an_empty_store_after_confirmation(tmp_path: Path, store_url: str) -> None:
    source = open_store(f"sqlite:///{tmp_path / 'source.db'}")
    populate(source)
    data = backup_bytes(source)
    source.dispose()

    app = open_export()  # a new store: it gets the sample articles, which a restore replaces
    app.file_uploader(key="export.restore_upload").upload("backup.zip", data, "application/zip")
    app.run()
    assert any(
        "2 articles, 6 statements, 4 actors, 2 concepts and 1 logged changes" in m.value
        for m in app.markdown
    )
    restore = app.button(key="export.restore")
    assert restore.disabled  # not before the analyst confirms
    app.checkbox(key="export.restore_confirm").check().run()
    app.button(key="export.restore").click().run()
    assert not app.exception
    assert any("Restored" in success.value for success in app.success)

    store = open_store(store_url)
    assert backup_bytes(store) == data
    store.dispose()


def test_a_broken_backup_gets_a_message_not_a_traceback(store_url: str) -> None:
    app = open_export()
    app.file_uploader(key="export.restore_upload").upload(
        "broken.zip", b"PK\x03\x04 not really", "application/zip"
    )
    app.run()
    assert not app.exception
    assert any("This file cannot be restored" in error.value for error in app.error)
    assert any("not a zip archive" in error.value for error in app.error)


def test_dna_and_window_downloads(
    coded_ids: dict[str, int], downloads: dict, tmp_path: Path
) -> None:
    from quotegraph.reading.dna_file import read_dna

    open_export()
    target = tmp_path / "export.dna"
    target.write_bytes(downloads["quotegraph.dna"]())
    project = read_dna(target)
    assert len(project.documents) == 2  # every article, as in the store
    assert "revenge" in {s.values.get("concept") for s in project.statements}
    archive = zipfile.ZipFile(io.BytesIO(downloads["quotegraph-actor-concept-windows.zip"]()))
    assert "windows.csv" in archive.namelist()
