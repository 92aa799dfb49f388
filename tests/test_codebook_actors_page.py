"""The Codebook page's actors table under AppTest: an unresolved lone surname is marked, with the
people it could be, and merging it into one of them is undone by Unmerge."""

from __future__ import annotations

from pathlib import Path

from statement_helpers import suggestion
from streamlit.testing.v1 import AppTest

from quotegraph.analysis.extraction import ActorCandidate, ArticleAnalysis
from quotegraph.analysis.first_pass import store_analysis
from quotegraph.annotation.codebook_actors import list_actors
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import open_store

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def _said(store, body: str, claim: str, speaker: str) -> None:  # noqa: ANN001
    article_id = add_article(store, ArticleDraft(text=body, title=body[:20])).article_id
    store_analysis(
        store,
        article_id,
        ArticleAnalysis(
            (),
            (suggestion(body, claim, speaker, speaker),),
            (ActorCandidate(speaker, "person", (), None),),
            "v1",
        ),
    )


def open_codebook() -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.switch_page("app_pages/codebook.py")
    return app.run()


def test_an_unresolved_surname_is_marked_and_a_merge_of_it_can_be_undone(store_url: str) -> None:
    store = open_store(store_url)
    _said(store, "Dana Okafor said the port was open.", "the port was open", "Dana Okafor")
    _said(store, "Rita Okafor said the port was shut.", "the port was shut", "Rita Okafor")
    _said(store, "Okafor said the port was full.", "the port was full", "Okafor")
    app = open_codebook()
    assert not app.exception
    table = app.dataframe[-1].value
    identity = dict(zip(table["Actor"], table["Identity"], strict=True))
    assert identity == {
        "Dana Okafor": "",
        "Okafor": "unresolved: Dana Okafor or Rita Okafor",
        "Rita Okafor": "",
    }
    assert any("may name several people" in info.value for info in app.info)

    ids = {actor.name: actor.id for actor in list_actors(store)}
    app.selectbox(key="codebook.merge.source").set_value(ids["Okafor"])
    app.selectbox(key="codebook.merge.target").set_value(ids["Rita Okafor"])
    app.run()
    app.button(key="codebook.merge.button").click().run()
    assert [a.name for a in list_actors(store)] == ["Dana Okafor", "Rita Okafor"]
    app.button(key=f"codebook.unmerge.{ids['Okafor']}").click().run()
    assert not app.exception
    assert [(a.name, a.unresolved) for a in list_actors(store)] == [
        ("Dana Okafor", False),
        ("Okafor", True),
        ("Rita Okafor", False),
    ]
    store.dispose()
