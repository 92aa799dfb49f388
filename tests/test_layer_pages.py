"""The layer pickers of Explore and Export under AppTest: the project's result by default, with
the count of articles awaiting adjudication, or one coder's version when picked."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_team_layers import _double_coded

from quotegraph.annotation.codebook_concepts import create_concept
from quotegraph.annotation.statements import list_statements, update_statement
from quotegraph.store.db import open_store
from quotegraph.team.layers import open_article

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def _coded_by_ann(store_url: str) -> None:
    store = open_store(store_url)
    article_id = _double_coded(store)
    open_article(store, "ann", article_id)
    concept = create_concept(store, "talks", annotator="ann")
    for statement in list_statements(store, article_id, layer="ann"):
        update_statement(
            store,
            statement.id,
            expected_version=1,
            annotator="ann",
            status="accepted",
            concept_id=concept.id,
            stance=1,
        )
    store.dispose()


def _all_ann(store):  # noqa: ANN001, ANN202
    from quotegraph.annotation.statement_table import load_statement_table

    return load_statement_table(store, layer="ann").itertuples()


def _page(page: str, annotator: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    # Accounts are off in tests: the solo user's name is who works.
    monkeypatch.setenv("QUOTEGRAPH_SOLO_NAME", annotator)
    app = AppTest.from_file(APP, default_timeout=60)
    app.switch_page(page)
    return app.run()


def test_explore_reads_the_project_result_or_a_coders_layer(store_url, monkeypatch):
    _coded_by_ann(store_url)
    app = _page("app_pages/explore.py", "lead", monkeypatch)
    assert not app.exception
    picker = app.selectbox(key="explore_layer")
    assert list(picker.options) == ["The project's result", "ann"]
    assert any("1 double-coded article is not adjudicated" in c.value for c in app.caption)
    project = [c.value for c in app.caption if " statements by " in c.value]
    picker.set_value("ann").run()
    assert not app.exception
    ann = [c.value for c in app.caption if " statements by " in c.value]
    assert ann and ann != project and ann[0].startswith("2 ")


def test_a_coder_in_blind_mode_is_offered_only_their_own_layer(store_url, monkeypatch):
    _coded_by_ann(store_url)
    store = open_store(store_url)
    (article_id,) = {s.article_id for s in _all_ann(store)}
    open_article(store, "ben", article_id)
    store.dispose()
    app = _page("app_pages/export.py", "ben", monkeypatch)
    assert not app.exception
    assert list(app.selectbox(key="export.layer").options) == ["The project's result", "ben"]
