"""Importing the project's own statement export: layers, refusals, and the round trip."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pandas as pd
import pytest
from export_samples import populate
from sqlalchemy import func, select
from test_team_layers import _double_coded

from quotegraph.annotation.statement_table import load_statement_table
from quotegraph.annotation.statements import list_statements, update_statement
from quotegraph.cli import main
from quotegraph.exports.formats import to_csv, to_jsonl
from quotegraph.reading.statement_import import StatementImportError, import_statements
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import Store, open_store
from quotegraph.store.models import Article, Statement
from quotegraph.team.layers import open_article


@pytest.fixture
def empty_sqlite(tmp_path) -> Iterator[Store]:
    store = open_store(f"sqlite:///{tmp_path / 'target.db'}")
    yield store
    store.dispose()


def _copy_articles(source: Store, target: Store) -> None:
    with source.session() as session:
        articles = session.scalars(select(Article).order_by(Article.id)).all()
        drafts = [
            ArticleDraft(
                text=a.text,
                title=a.title,
                source=a.source,
                url=a.url,
                published=a.published,
                origin=a.origin,
            )
            for a in articles
        ]
    for draft in drafts:
        add_article(target, draft)


def _rows(csv_text: str) -> pd.DataFrame:
    frame = pd.read_csv(io.StringIO(csv_text), keep_default_na=False, dtype=str)
    frame = frame.drop(columns=["statement_id", "article_id"])
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


def _count(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(Statement))


def _coded_store(store: Store) -> None:
    """The export samples, and a double-coded article coded by ann."""
    populate(store)
    article_id = _double_coded(store)
    open_article(store, "ann", article_id)
    first = list_statements(store, article_id, layer="ann")[0]
    update_statement(
        store,
        first.id,
        expected_version=1,
        annotator="ann",
        status="accepted",
        note="=not a formula",
    )


@pytest.mark.parametrize("layer", ["project", "ann"])
def test_csv_round_trip_gives_the_same_rows(store, empty_sqlite, layer):
    _coded_store(store)
    exported = to_csv(load_statement_table(store, include_rejected=True, layer=layer))
    _copy_articles(store, empty_sqlite)
    report = import_statements(empty_sqlite, exported.encode(), "statements.csv")
    assert report.statements == len(_rows(exported)) > 0
    again = to_csv(load_statement_table(empty_sqlite, include_rejected=True, layer=layer))
    pd.testing.assert_frame_equal(_rows(again), _rows(exported))
    # Importing the same file again adds nothing.
    assert import_statements(empty_sqlite, exported.encode(), "statements.csv").statements == 0


def test_jsonl_round_trip_gives_the_same_statements(store, empty_sqlite):
    _coded_store(store)
    exported = to_jsonl(store, include_rejected=True, layer="ann")
    _copy_articles(store, empty_sqlite)
    import_statements(empty_sqlite, exported.encode(), "statements.jsonl")
    again = to_jsonl(empty_sqlite, include_rejected=True, layer="ann")

    def statements(text: str) -> list:
        lines = [json.loads(line) for line in text.splitlines()]
        return [
            ({k: v for k, v in s.items() if k != "statement_id"}, line["sha256"])
            for line in lines
            for s in line["statements"]
        ] + [
            {k: v for k, v in r.items() if k != "statement_id"}
            for line in lines
            for r in line["relations"]
        ]

    assert statements(again) == statements(exported) and statements(exported)


def test_a_coder_option_puts_every_row_into_that_coders_layer(store, empty_sqlite):
    populate(store)
    exported = to_csv(load_statement_table(store))
    _copy_articles(store, empty_sqlite)
    report = import_statements(empty_sqlite, exported.encode(), "s.csv", coder="bea")
    assert report.layers == {"bea": report.statements}
    assert len(load_statement_table(empty_sqlite, layer="bea")) == report.statements
    assert len(load_statement_table(empty_sqlite)) == 0


def test_rows_without_their_article_or_with_other_offsets_refuse_the_file(store, empty_sqlite):
    populate(store)
    frame = pd.read_csv(
        io.StringIO(to_csv(load_statement_table(store))), dtype=str, keep_default_na=False
    )
    _copy_articles(store, empty_sqlite)
    frame.loc[1, "start"] = str(int(frame.loc[1, "start"]) + 1)
    frame.loc[2, "article_sha256"] = "0" * 64
    frame.loc[2, "article_title"] = "no such title"
    with pytest.raises(StatementImportError) as refused:
        import_statements(empty_sqlite, frame.to_csv(index=False).encode(), "s.csv")
    assert refused.value.reasons[0].startswith("line 3: offsets")
    assert refused.value.reasons[1].startswith("line 4: its article is not in the store")
    assert _count(empty_sqlite) == 0
    with pytest.raises(StatementImportError, match="not a statement export"):
        import_statements(empty_sqlite, b"a,b\n1,2\n", "s.csv")
    with pytest.raises(StatementImportError, match="line 1: not JSON"):
        import_statements(empty_sqlite, b"{oops\n", "s.jsonl")


def test_ingest_statements_command(store_url, tmp_path, capsys):
    store = open_store(store_url)
    populate(store)
    exported = to_csv(load_statement_table(store))
    store.dispose()
    empty = tmp_path / "empty.db"
    target = open_store(f"sqlite:///{empty}")
    _copy_articles(open_store(store_url), target)
    target.dispose()
    path = tmp_path / "statements.csv"
    path.write_text(exported, encoding="utf-8")
    url = f"sqlite:///{empty}"
    assert main(["ingest", "--db", url, "--statements", str(path), "--coder", "cy"]) == 0
    assert "imported" in capsys.readouterr().out
    path.write_text(exported.replace(",accepted,", ",approved,", 1), encoding="utf-8")
    assert main(["ingest", "--db", url, "--statements", str(path)]) == 1
    assert "unknown status 'approved'" in capsys.readouterr().err
    assert main(["ingest", "--db", url, "--coder", "cy"]) == 1
