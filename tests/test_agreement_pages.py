"""The Agreement and Adjudicate pages through Streamlit's AppTest, on a temporary store."""

from __future__ import annotations

from pathlib import Path

import pytest
from coder_layers import Version, actor_id, write_coder_layers
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from quotegraph.store.db import Store
from quotegraph.store.models import Statement

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TEXT = "The mayor said the tram will open in May. Critics said it would be late."


@pytest.fixture
def double(app_store: Store) -> tuple[int, dict[str, list[int]]]:
    return write_coder_layers(
        app_store,
        TEXT,
        {
            "anna": [Version("the tram will open in May", actor="Mayor", stance=1)],
            "ben": [Version("the tram will open in May", actor="Critics", stance=-1)],
        },
    )


def open_page(page: str, **params: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30)
    for name, value in params.items():
        app.query_params[name] = value
    app.switch_page(f"app_pages/{page}.py")
    app.run()
    assert not app.exception, app.exception
    return app


def button(app: AppTest, label: str):  # noqa: ANN201
    matches = [widget for widget in app.button if widget.label == label]
    assert len(matches) == 1, [widget.label for widget in app.button]
    return matches[0]


def project_rows(app_store: Store, article_id: int) -> list[Statement]:
    with app_store.session() as session:
        return list(
            session.scalars(
                select(Statement).where(
                    Statement.article_id == article_id, Statement.coder.is_(None)
                )
            )
        )


def test_agreement_page_without_double_coding_says_so(app_store: Store) -> None:
    app = open_page("agreement")
    assert any("No double-coded articles" in info.value for info in app.info)


def test_agreement_page_shows_figures_and_disagreements(app_store: Store, double) -> None:  # noqa: ANN001
    app = open_page("agreement")
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Units compared"] == "1"
    assert metrics["Disagreements"] == "2"  # actor and stance
    figures = app.dataframe[0].value
    assert list(figures["Field"]) == ["Kept or rejected", "Actor", "Concept", "Stance", "Span"]
    rows = app.dataframe[1].value
    article_id = double[0]
    assert set(rows["Adjudicate"]) == {f"/adjudicate?article={article_id}"}


def test_edit_a_version_then_accept_it(app_store: Store, double) -> None:  # noqa: ANN001
    article_id, ids = double
    mayor = actor_id(app_store, "Mayor")
    app = open_page("adjudicate", article=str(article_id))
    edit_key = f"adjudicate-{ids['anna'][0]}-{ids['ben'][0]}-edit-{ids['ben'][0]}"
    app.selectbox(key=f"{edit_key}-actor").set_value(mayor)
    app.selectbox(key=f"{edit_key}-stance").set_value(0)
    app.button(key=f"{edit_key}-accept").click().run()
    assert not app.exception, app.exception
    [row] = project_rows(app_store, article_id)
    assert (row.based_on_id, row.actor_id, row.stance, row.status) == (
        ids["ben"][0],
        mayor,
        0,
        "accepted",
    )
    assert [p.proto.text for p in app.get("progress")] == ["1 of 1 units settled"]


def test_a_unit_changed_meanwhile_is_refused_with_a_message(app_store: Store, double) -> None:  # noqa: ANN001
    article_id, ids = double
    app = open_page("adjudicate", article=str(article_id))
    with app_store.session(write=True) as session:
        session.get(Statement, ids["anna"][0]).version += 1  # anna edited hers meanwhile
    button(app, "Pick anna's").click().run()
    assert any("changed since you opened it" in error.value for error in app.error)
    assert project_rows(app_store, article_id) == []
