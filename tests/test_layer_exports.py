"""Networks and exports read the project's result, or one coder's layer when asked."""

from __future__ import annotations

import io

import pandas as pd
from statement_helpers import suggestion
from test_team_layers import _double_coded

from quotegraph.analysis.extraction import ArticleAnalysis
from quotegraph.analysis.first_pass import store_analysis
from quotegraph.annotation.statement_table import load_statement_table
from quotegraph.annotation.statements import list_statements, update_statement
from quotegraph.cli import main
from quotegraph.exports.formats import to_jsonl
from quotegraph.exports.network_exports import records_for_export
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import open_store
from quotegraph.store.models import Statement
from quotegraph.team.layers import open_article


def _accept_all(store, article_id: int, who: str, layer: str) -> None:
    for statement in list_statements(store, article_id, layer=layer):
        update_statement(
            store,
            statement.id,
            expected_version=statement.version,
            annotator=who,
            status="accepted",
        )


def test_double_coded_articles_count_in_the_project_layer_only_once_adjudicated(store):
    double = _double_coded(store)
    single = add_article(store, ArticleDraft(text="Zarif said the door stayed open.", title="s"))
    text = "Zarif said the door stayed open."
    store_analysis(
        store,
        single.article_id,
        ArticleAnalysis(
            entities=(),
            statements=(suggestion(text, "the door stayed open", "Zarif", None),),
            actors=(),
            pipeline_version="test-1",
        ),
    )
    _accept_all(store, single.article_id, "lead", "project")
    open_article(store, "ann", double)
    _accept_all(store, double, "ann", "ann")

    project = load_statement_table(store)
    assert set(project["article_id"]) == {single.article_id}
    assert set(project["coder"].dropna()) == set()
    ann = load_statement_table(store, layer="ann")
    assert set(ann["article_id"]) == {double} and set(ann["coder"]) == {"ann"}
    assert len(ann) == 3
    # The adjudicated result (a project row based on a coder's) brings the article in.
    with store.session(write=True) as session:
        session.add(
            Statement(
                article_id=double,
                start=0,
                end=7,
                status="accepted",
                based_on_id=int(ann["statement_id"].iloc[0]),
                field_origins={},
            )
        )
    assert set(load_statement_table(store)["article_id"]) == {single.article_id, double}
    assert {r.article_id for r in records_for_export(store, layer="ann")} <= {double}
    lines = to_jsonl(store, layer="ann").splitlines()
    assert any('"coder": "ann"' in line for line in lines)


def test_export_command_takes_a_layer(store_url, capsysbinary):
    store = open_store(store_url)
    article_id = _double_coded(store)
    open_article(store, "ben", article_id)
    _accept_all(store, article_id, "ben", "ben")
    store.dispose()
    assert main(["export", "--db", store_url, "--format", "csv", "--layer", "ben"]) == 0
    frame = pd.read_csv(io.BytesIO(capsysbinary.readouterr().out))
    assert set(frame["coder"]) == {"ben"} and len(frame) == 3
    assert frame["article_sha256"].str.len().eq(64).all()
    assert main(["export", "--db", store_url, "--format", "csv"]) == 0
    assert len(pd.read_csv(io.BytesIO(capsysbinary.readouterr().out))) == 0
    assert main(["export", "--db", store_url, "--format", "csv", "--layer", " "]) == 1
