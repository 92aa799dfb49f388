"""Accounts in a real browser: the first start asks for the admin, then an admin, a coder and a
viewer sign in and each sees what their role may do (a screenshot each); a refresh keeps the
sign-in, signing out asks again, and the core refuses a viewer's write all the same."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from components.sign_in import COOKIE_NAME
from quotegraph.annotation.statements import create_statement
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import Store
from quotegraph.store.models import Article, Assignment, Statement
from quotegraph.team.accounts import create_first_admin, create_user, needs_first_admin
from quotegraph.team.permissions import PermissionDenied

pytestmark = pytest.mark.browser

PASSWORDS = {"ada": "admin-password", "cora": "coder-password", "vic": "viewer-password"}


@pytest.fixture(scope="module")
def server_env() -> dict[str, str]:
    return {"QUOTEGRAPH_ACCOUNTS": "on"}


@pytest.fixture
def team(store: Store) -> int:
    """Ada (admin), Cora (coder) and Vic (viewer); returns a sample article's id."""
    if needs_first_admin(store):
        create_first_admin(store, "ada", PASSWORDS["ada"])
    if len({"cora", "vic"} & {name for name in _names(store)}) < 2:
        create_user(store, "cora", role="coder", password=PASSWORDS["cora"], by="ada")
        create_user(store, "vic", role="viewer", password=PASSWORDS["vic"], by="ada")
    with store.session() as session:
        return session.scalar(select(func.min(Article.id)))


def _names(store: Store) -> list[str]:
    from quotegraph.team.accounts import list_accounts

    return [account.name for account in list_accounts(store)]


def _button(app, name: str):  # noqa: ANN001, ANN202
    return app.page.get_by_role("button", name=name, exact=True)


def _grid_drawn(app) -> None:  # noqa: ANN001
    """Wait until every table on the page has drawn its cells (they paint a moment late)."""
    app.page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stDataFrame\"]')]"
        ".every((grid) => grid.querySelector('canvas'))"
    )
    app.page.wait_for_timeout(500)


def _wait_for_cookie(app, name: str) -> None:  # noqa: ANN001
    for _attempt in range(100):
        if any(cookie["name"] == name for cookie in app.page.context.cookies()):
            return
        app.page.wait_for_timeout(100)
    raise AssertionError(f"the browser never stored the {name} cookie")


def _menu(app, name: str):  # noqa: ANN001, ANN202
    return app.page.locator('[data-testid="stSidebarNav"]').get_by_text(name, exact=True)


def test_the_first_start_asks_for_the_admin(app, store: Store) -> None:
    if not needs_first_admin(store):
        pytest.skip("the store has an admin already (this test runs first in its module)")
    app.open()
    app.page.get_by_text("This project has no admin yet").wait_for()
    assert _menu(app, "Annotate").count() == 0  # nothing else before the admin exists
    app.page.get_by_label("Your name").fill("ada")
    app.page.get_by_label("Password (at least 8 characters)").fill(PASSWORDS["ada"])
    app.page.get_by_label("Same password again").fill(PASSWORDS["ada"])
    _button(app, "Create the admin account").click()
    app.wait_for_idle()
    _menu(app, "Users").wait_for()
    app.screenshot("roles-first-admin-created")
    assert _names(store) == ["ada"]


def test_an_admin_manages_users_and_adds_articles(app, team: int, store: Store) -> None:
    app.open()
    app.sign_in("ada", PASSWORDS["ada"])
    app.page.get_by_text("Add articles").first.wait_for()
    assert app.page.get_by_text("an admin adds articles").count() == 0
    _menu(app, "Users").click()
    app.wait_for_idle()
    app.page.get_by_text("Add an account").wait_for()
    app.page.get_by_label("Name", exact=True).fill("newcomer")
    app.page.get_by_label("Password (leave empty for a single-sign-on-only account)").fill(
        "newcomer-password"
    )
    _button(app, "Add").click()
    app.wait_for_idle()
    app.page.get_by_text("Added newcomer (coder).").wait_for()
    app.wait_for_idle()
    _grid_drawn(app)
    app.screenshot("roles-admin-users")
    assert "newcomer" in _names(store)


def test_a_coder_codes_but_neither_imports_nor_manages_users(app, team: int, store: Store) -> None:
    app.open(f"annotate?article={team}")
    app.sign_in("cora", PASSWORDS["cora"])
    _button(app, "Accept (a)").wait_for(timeout=60_000)  # the first open analyses the text
    app.page.get_by_text("Annotating as cora (coder)").wait_for()
    assert _menu(app, "Users").count() == 0
    _button(app, "Accept (a)").click()
    app.wait_for_idle()
    app.screenshot("roles-coder-annotate")
    with store.session() as session:
        coded = session.scalars(
            select(Statement.annotator).where(
                Statement.article_id == team, Statement.status == "accepted"
            )
        ).all()
    assert coded == ["cora"]  # the signed-in name is what the change records
    # An article assigned to someone else: the core refuses, the page says why.
    other = add_article(
        store,
        ArticleDraft(
            text='"The harbour will reopen next week," the mayor said on Monday.',
            title="Harbour",
        ),
    ).article_id
    with store.session(write=True) as session:
        session.add(Assignment(article_id=other, coder="newcomer", assigned_by="ada"))
    app.open(f"annotate?article={other}")
    _button(app, "Accept (a)").wait_for(timeout=60_000)
    _button(app, "Accept (a)").click()
    app.wait_for_idle()
    app.page.get_by_text(f"article {other} is not assigned to 'cora'").wait_for()
    app.screenshot("roles-coder-refused-on-another-coders-article")
    _menu(app, "Library").click()
    app.wait_for_idle()
    app.page.get_by_text("an admin adds articles").wait_for()
    assert app.page.get_by_text("Paste text").count() == 0
    _menu(app, "Codebook").click()
    app.wait_for_idle()
    app.page.get_by_text("are an admin's: shown greyed").wait_for()
    assert _button(app, "Add concept").is_enabled()
    app.page.get_by_role("tab", name="Stance scale").click()
    assert _button(app, "Use this scale").is_disabled()
    app.screenshot("roles-coder-codebook-stance-scale")


def test_a_viewer_reads_without_write_controls_and_the_core_refuses_anyway(
    app, team: int, store: Store
) -> None:
    app.open(f"annotate?article={team}")
    app.sign_in("vic", PASSWORDS["vic"])
    app.page.get_by_text("Your role reads this article").wait_for(timeout=60_000)
    assert _button(app, "Accept (a)").count() == 0
    assert _menu(app, "Users").count() == 0
    app.screenshot("roles-viewer-annotate")
    _menu(app, "Codebook").click()
    app.wait_for_idle()
    app.page.get_by_text("Your role reads the codebook").wait_for()
    assert _button(app, "Add concept").count() == 0
    _grid_drawn(app)
    app.screenshot("roles-viewer-codebook")
    with store.session() as session:
        before = session.scalar(select(func.count()).select_from(Statement))
    with pytest.raises(PermissionDenied):
        create_statement(store, team, 0, 5, annotator="vic")
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Statement)) == before


def test_a_refresh_keeps_the_sign_in_and_signing_out_asks_again(app, team: int) -> None:
    app.open("codebook")
    app.sign_in("cora", PASSWORDS["cora"])
    app.page.get_by_text("Annotating as cora (coder)").wait_for()
    # The browser writes the cookie a moment after the page is drawn: reload only once it has.
    _wait_for_cookie(app, COOKIE_NAME)
    app.open("codebook")  # a new page load: a new session, signed in from the cookie
    app.page.get_by_text("Annotating as cora (coder)").wait_for()
    assert app.page.get_by_label("Name or email").count() == 0
    app.page.get_by_text("Annotating as cora (coder)").click()
    _button(app, "Sign out").click()
    app.wait_for_idle()
    app.page.get_by_label("Name or email").wait_for()
    app.open("codebook")  # the cookie is gone too
    app.page.get_by_label("Name or email").wait_for()


def test_a_wrong_password_is_refused_with_one_message(app, team: int) -> None:
    app.open()
    app.sign_in("cora", "not-her-password")
    app.page.get_by_text("name or password not recognised").wait_for()
    app.sign_in("nobody", "whatever-password")
    app.page.get_by_text("name or password not recognised").wait_for()
    app.screenshot("roles-refused")
