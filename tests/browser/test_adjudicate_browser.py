"""Adjudication in the browser: settle a double-coded article, then read the agreement page."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from quotegraph.store.db import Store
from quotegraph.store.models import Statement
from tests.browser.conftest import AppDriver
from tests.coder_layers import Version, write_coder_layers

pytestmark = pytest.mark.browser

TEXT = (
    "The envoy said the talks were <b>productive</b>. "
    "The mayor said the tram will open in May, critics said it would be late."
)


def test_adjudicate_a_unit_and_see_the_agreement_figures(app: AppDriver, store: Store) -> None:
    article_id, ids = write_coder_layers(
        store,
        TEXT,
        {
            "anna": [
                Version("the talks were <b>productive</b>", actor="Envoy", stance=1),
                Version("the tram will open in May", actor="Mayor", concept="Transport", stance=1),
            ],
            "ben": [
                Version("the talks were <b>productive</b>", actor="Envoy", stance=1),
                Version(
                    "the tram will open in May", actor="Critics", concept="Transport", stance=-1
                ),
            ],
        },
        title="Tram <script>x</script>",
    )
    app.open(f"adjudicate?article={article_id}")
    page = app.page
    page.get_by_text("0 of 2 units settled").wait_for()
    # The title is shown as the text it is, not run as markup.
    assert "Tram <script>x</script>" in page.get_by_role("combobox").first.input_value()
    page.get_by_role("button", name="Accept all agreed (1)").click()
    app.wait_for_idle()
    page.get_by_text("1 of 2 units settled").wait_for()
    app.screenshot("adjudicate-one-open-unit")
    # Only the open unit is shown: one "Pick ben's" button.
    page.get_by_role("button", name="Pick ben's").click()
    app.wait_for_idle()
    page.get_by_text("2 of 2 units settled").wait_for()
    page.get_by_text("Every unit of this article is settled.").wait_for()
    with store.session() as session:
        results = session.execute(
            select(Statement.based_on_id, Statement.actor_id, Statement.status)
            .where(Statement.article_id == article_id, Statement.coder.is_(None))
            .order_by(Statement.start)
        ).all()
    assert [row.based_on_id for row in results] == [ids["anna"][0], ids["ben"][1]]
    assert {row.status for row in results} == {"accepted"}

    app.open("agreement")
    page.get_by_role("heading", name="Figures").wait_for()
    metrics = page.locator('[data-testid="stMetric"]').all_inner_texts()
    assert any("Units compared" in m and "2" in m for m in metrics)
    assert any("Disagreements" in m and "2" in m for m in metrics)  # actor and stance
    assert page.get_by_role("button", name="Download figures (CSV)").count() == 1
    app.screenshot("agreement-figures")
