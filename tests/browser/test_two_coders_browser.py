"""Two coders code one double-coded article at the same time, each in a browser of their own
(separate cookies, separate sessions): each works in their own layer and, in blind mode, never
sees the other's decision. The lead then adjudicates, which writes one project result, and the
agreement page shows the figures for the pair."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser
from playwright.sync_api import Error as PlaywrightError
from sqlalchemy import select

from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import Store
from quotegraph.store.models import Statement
from quotegraph.store.project_settings import TeamSettings, write_team_settings
from quotegraph.team.accounts import create_first_admin, create_user, needs_first_admin
from quotegraph.team.assignments import assign_articles
from tests.browser.conftest import APP_TIMEOUT_MS, AppDriver, StreamlitServer

pytestmark = pytest.mark.browser

PASSWORDS = {"lead": "lead-password", "anna": "anna-password", "ben": "ben-password"}
TEXT = (
    '"The harbour will reopen next week," the mayor said on Monday. '
    "The union said the strike would go on until the pay offer improved."
)


@pytest.fixture(scope="module")
def server_env() -> dict[str, str]:
    return {"QUOTEGRAPH_ACCOUNTS": "on"}


@pytest.fixture
def article_id(store: Store) -> int:
    """A store with a lead (admin) and two coders, double coding on in blind mode, and one new
    article assigned to both coders."""
    if needs_first_admin(store):
        create_first_admin(store, "lead", PASSWORDS["lead"])
        for coder in ("anna", "ben"):
            create_user(store, coder, role="coder", password=PASSWORDS[coder], by="lead")
    write_team_settings(store, TeamSettings(True, 1.0, True), who="lead")
    added = add_article(store, ArticleDraft(text=TEXT, title="Harbour and strike"))
    assign_articles(store, [added.article_id], ["anna", "ben"], who="lead", overlap=1.0)
    return added.article_id


def _driver(browser: Browser, server: StreamlitServer) -> AppDriver:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(APP_TIMEOUT_MS)
    return AppDriver(context.new_page(), server)


def _layer(store: Store, article_id: int, coder: str | None) -> list[tuple[int, int, str]]:
    with store.session() as session:
        rows = session.execute(
            select(Statement.start, Statement.end, Statement.status)
            .where(Statement.article_id == article_id)
            .where(Statement.coder.is_(None) if coder is None else Statement.coder == coder)
            .order_by(Statement.start)
        ).all()
    return [tuple(row) for row in rows]


def _button(app: AppDriver, name: str):  # noqa: ANN202
    return app.page.get_by_role("button", name=name, exact=True)


def test_two_coders_in_two_browsers_are_kept_apart_then_adjudicated(
    browser: Browser, streamlit_server: StreamlitServer, store: Store, article_id: int
) -> None:
    anna, ben = _driver(browser, streamlit_server), _driver(browser, streamlit_server)
    try:
        for name, app in (("anna", anna), ("ben", ben)):
            app.open(f"annotate?article={article_id}")
            app.sign_in(name, PASSWORDS[name])
            _button(app, "Accept (a)").wait_for(timeout=60_000)  # first open analyses the text
            app.page.get_by_text(f"Annotating as {name} (coder)").wait_for()
        machine = _layer(store, article_id, None)
        assert machine and {status for *_span, status in machine} == {"suggested"}
        # Each coder starts from their own copy of the machine's suggestions.
        assert _layer(store, article_id, "anna") == _layer(store, article_id, "ben") == machine

        _button(anna, "Accept (a)").click()  # anna accepts the first statement...
        anna.wait_for_idle()
        _button(ben, "Reject (r)").click()  # ...ben, at the same time, rejects it
        ben.wait_for_idle()
        first = machine[0][:2]
        assert (*first, "accepted") in _layer(store, article_id, "anna")
        assert (*first, "rejected") in _layer(store, article_id, "ben")
        assert _layer(store, article_id, None) == machine  # the project's result is untouched

        # Blind mode: reloading, ben still sees his own decision, not anna's.
        ben.open(f"annotate?article={article_id}")
        _button(ben, "Accept (a)").wait_for()
        ben.page.get_by_role("button", name="Previous (k/p)", exact=True).click()
        ben.wait_for_idle()
        assert _button(ben, "Reject (r)").is_disabled()  # his rejection is what he sees
        assert ben.page.get_by_text("anna", exact=False).count() == 0
        ben.screenshot("two-coders-ben-blind")
    finally:
        anna.page.context.close()
        ben.page.context.close()

    lead = _driver(browser, streamlit_server)
    try:
        lead.open(f"adjudicate?article={article_id}")
        lead.sign_in("lead", PASSWORDS["lead"])
        page = lead.page
        page.get_by_text("units settled").first.wait_for()
        agreed = page.get_by_role("button", name="Accept all agreed", exact=False)
        lead.screenshot("two-coders-adjudicate-open")
        if agreed.count() and agreed.is_enabled():
            agreed.click()
            lead.wait_for_idle()
        # The open units: the first statement, where anna and ben disagree.
        # A pick reruns the page; a button seen before that rerun may be gone when clicked.
        for _attempt in range(10):
            lead.wait_for_idle()
            if page.get_by_text("Every unit of this article is settled.").count():
                break
            try:
                _button(lead, "Pick anna's").first.click(timeout=5_000)
            except PlaywrightError:
                continue
        lead.screenshot("two-coders-adjudicated")
        with store.session() as session:
            result = session.execute(
                select(Statement.start, Statement.status, Statement.based_on_id)
                .where(Statement.article_id == article_id, Statement.coder.is_(None))
                .where(Statement.based_on_id.is_not(None))
                .order_by(Statement.start)
            ).all()
        # One project statement per unit, each copied from a coder's statement; the disputed
        # first one is anna's accepted version.
        assert result and result[0].start == first[0] and result[0].status == "accepted"
        with store.session() as session:
            sources = {
                session.get(Statement, row.based_on_id).coder for row in result if row.based_on_id
            }
        assert sources <= {"anna", "ben"} and "anna" in sources

        lead.open("agreement")
        page.get_by_role("heading", name="Figures").wait_for()
        metrics = page.locator('[data-testid="stMetric"]').all_inner_texts()
        assert any("Units compared" in m for m in metrics)
        lead.screenshot("two-coders-agreement")

        # Explore reads the project's result, or either coder's own version for the lead.
        lead.open("explore")
        picker = page.get_by_role("combobox", name="Coding")
        picker.click()
        options = page.get_by_role("option").all_inner_texts()
        assert options[0] == "The project's result" and {"anna", "ben"} <= set(options)
        page.get_by_role("option", name="ben", exact=True).click()
        lead.wait_for_idle()
        assert picker.input_value() == "ben"
        lead.screenshot("two-coders-explore-ben")
    finally:
        lead.page.context.close()
