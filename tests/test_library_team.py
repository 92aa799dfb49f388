"""The Library's team coding through AppTest: assigning, the Assigned to column, "My articles",
the team settings and the statement import."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from quotegraph.annotation.statement_table import load_statement_table
from quotegraph.annotation.statements import create_statement
from quotegraph.exports.formats import to_csv
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import Store
from quotegraph.store.project_settings import team_settings
from quotegraph.team.assignments import assignees

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def app(store_url: str) -> AppTest:
    return AppTest.from_file(APP, default_timeout=30)


def _articles(app_store: Store) -> list[int]:
    return [
        add_article(
            app_store, ArticleDraft(text=f"Report {n}: the mayor said trams.", title=f"r{n}")
        ).article_id
        for n in range(4)
    ]


def test_assigning_the_listed_articles_shows_who_codes_them_and_my_articles(app, app_store):
    ids = _articles(app_store)
    app.session_state["annotator"] = "ana"
    app.run()
    assert "Assigned to" not in app.dataframe[0].value.columns
    app.text_input(key="library.assign.coders").input("ana, ben")
    app.slider(key="library.assign.overlap").set_value(0.5)
    (submit,) = [b for b in app.button if b.key.startswith("FormSubmitter:library.assign.")]
    assert submit.label == f"Assign {len(app.dataframe[0].value)} articles"  # all listed
    submit.click().run()
    assert not app.exception
    assert any("double coded" in s.value for s in app.success)
    found = assignees(app_store)
    assert set(ids) <= set(found)
    assert sum(len(names) == 2 for names in found.values()) == round(0.5 * len(found))
    column = app.dataframe[0].value["Assigned to"]
    assert set(column) <= {"ana", "ben", "ana, ben"} and "ana, ben" in set(column)
    app.toggle(key="library.mine").set_value(True).run()
    mine = {a for a, names in found.items() if "ana" in names}
    assert len(app.dataframe[0].value) == len(mine)


def test_team_settings_are_saved_from_the_page(app, app_store):
    app.run()
    app.toggle(key="library.team_settings.double").set_value(True)
    app.slider(key="library.team_settings.overlap").set_value(0.3)
    app.radio(key="library.team_settings.visible").set_value("Coders may see each other's work")
    app.button(key="FormSubmitter:library.team_settings.form-Save settings").click().run()
    assert not app.exception
    saved = team_settings(app_store)
    assert (saved.double_coding, saved.blind) == (True, False)
    assert saved.overlap_share == pytest.approx(0.3)


def test_statement_import_goes_into_the_named_coders_layer_or_says_why_not(app, app_store):
    article_id = _articles(app_store)[0]
    create_statement(app_store, article_id, 10, 19, annotator="ann")
    exported = to_csv(load_statement_table(app_store)).encode()
    app.run()
    uploader = app.get("file_uploader")[1]
    assert uploader.key == "library.statement_import.file"
    uploader.set_value([("s.csv", exported, "text/csv")])
    app.text_input(key="library.statement_import.coder").input("ben")
    app.button(key="FormSubmitter:library.statement_import.form-Import statements").click().run()
    assert not app.exception
    assert any("imported 1 statements" in s.value and "ben 1" in s.value for s in app.success)
    assert len(load_statement_table(app_store, layer="ben")) == 1

    broken = exported.replace(b",10,19,", b",11,19,")
    app.get("file_uploader")[1].set_value([("s.csv", broken, "text/csv")])
    app.button(key="FormSubmitter:library.statement_import.form-Import statements").click().run()
    assert any("Nothing imported" in e.value and "line 2" in e.value for e in app.error)
    assert len(load_statement_table(app_store, layer="ben")) == 1
