"""The actor table export: one row per actor, aliases " | "-separated, formula cells neutralised."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from statement_helpers import suggestion

from quotegraph.analysis.extraction import ActorCandidate, ArticleAnalysis
from quotegraph.analysis.first_pass import store_analysis
from quotegraph.annotation.codebook_actors import create_actor, list_actors
from quotegraph.exports.formats import to_csv
from quotegraph.exports.tables import actor_table
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import Store, open_store


def _said(store: Store, body: str, claim: str, candidate: ActorCandidate) -> None:
    article_id = add_article(store, ArticleDraft(text=body, title=body[:20])).article_id
    statement = suggestion(body, claim, candidate.name, candidate.name)
    store_analysis(store, article_id, ArticleAnalysis((), (statement,), (candidate,), "v1"))


def test_the_actor_export_has_a_row_per_actor_with_aliases_and_counts(store: Store) -> None:
    _said(
        store,
        "Dana Okafor said yes to it.",
        "yes to it",
        ActorCandidate("Dana Okafor", "person", ("Dana J. Okafor",), None),
    )
    create_actor(
        store, "=HYPERLINK(1)", annotator="ann", actor_type="organisation", aliases=["+x", "y"]
    )
    rows = list(csv.DictReader(io.StringIO(to_csv(actor_table(store)))))
    assert [
        (r["name"], r["type"], r["aliases"], r["statements"], r["unresolved"]) for r in rows
    ] == [
        ("'=HYPERLINK(1)", "organisation", "'+x | y", "0", "False"),
        ("Dana Okafor", "person", "Dana J. Okafor", "1", "False"),
    ]
    assert rows[1]["actor_id"] == str(
        next(a.id for a in list_actors(store) if a.name == "Dana Okafor")
    )


def test_export_command_writes_the_actor_table(tmp_path: Path) -> None:
    from quotegraph.cli import main

    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = open_store(url)
    create_actor(store, "Amina Bello", annotator="ann", aliases=["Bello"])
    out = tmp_path / "actors.csv"
    assert main(["export", "--format", "actors", "--out", str(out), "--db", url]) == 0
    assert out.read_text(encoding="utf-8") == to_csv(actor_table(store))
    assert (
        out.read_text(encoding="utf-8")
        .splitlines()[1]
        .endswith("Amina Bello,person,Bello,0,,False,")
    )
    store.dispose()
