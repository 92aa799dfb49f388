"""Five annotators on one article at once: three processes driving the core, two browsers.

The processes are ``bench/soak.py``'s simulated annotators (read a statement, decide, write with
the version read). Meanwhile two browser contexts, with their own annotator names, pick a
statement in the Annotate page and accept or reject it, one by key and one by button, both at
the same moment. Afterwards every decision must be in the store exactly once (a statement's
version is 1 + the decisions logged for it, and each logged change starts from the value the
previous one left), each browser decision either stored or refused with a message, the change log
complete, and no page may ever have said "database is locked".
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page
from sqlalchemy import func, select

from bench.soak import prepare_store, simulate_annotator
from quotegraph.analysis.nlp import PIPELINE_VERSION
from quotegraph.store.db import Store
from quotegraph.store.integrity import check_store
from quotegraph.store.models import Article, Change, Statement
from quotegraph.team.accounts import create_first_admin, create_user
from tests.browser.conftest import (
    StreamlitServer,
    open_app,
    screenshot,
    sign_in,
    wait_for_app_idle,
)

pytestmark = pytest.mark.browser

TEXT_BOX = '[data-testid="qg-article-text"]'
STATEMENTS = 40
PROCESSES = 3
PROCESS_SECONDS = 20.0
QUIET_ROUNDS = 2  # rounds after the processes stop, when only the two browsers decide
# The fields the simulated annotators and the browsers change, as prepare_store leaves them.
INITIAL_VALUES = {"status": "suggested", "stance": None, "note": ""}


@dataclass(frozen=True)
class Browsing:
    """One browser context annotating under its own name."""

    name: str
    page: Page
    by_key: bool  # decide with the a / r keys, or else with the Accept / Reject buttons
    own: tuple[int, ...]  # the statements it works through, in turn


@dataclass(frozen=True)
class BrowserDecision:
    annotator: str
    statement_id: int
    status: str
    stored: bool


@pytest.fixture(scope="module")
def server_env() -> dict[str, str]:
    """Accounts on: each browser signs in as its own coder."""
    return {"QUOTEGRAPH_ACCOUNTS": "on"}


def make_accounts(store: Store, browser_names: tuple[str, ...]) -> None:
    """An admin, a coder account per browser (password: the name twice) and per process."""
    create_first_admin(store, "lead", "lead-password")
    for name in browser_names:
        create_user(store, name, role="coder", password=name * 2, by="lead")
    for n in range(PROCESSES):
        create_user(store, f"process-{n}", role="coder", by="lead")


@pytest.fixture(scope="module")
def soak_article(
    browser: Browser, streamlit_server: StreamlitServer, store: Store
) -> tuple[int, list[int]]:
    """One article with STATEMENTS machine suggestions, stored as already analysed.

    The app runs once first, so the server has taken up app.py's navigation before a deep link.
    """
    context = browser.new_context()
    try:
        open_app(context.new_page(), streamlit_server.url)
    finally:
        context.close()
    statement_ids = prepare_store(
        streamlit_server.db_url, articles=1, statements_per_article=STATEMENTS
    )
    with store.session(write=True) as session:
        article_id = session.get(Statement, statement_ids[0]).article_id
        session.get(Article, article_id).analysed_version = PIPELINE_VERSION
    return article_id, statement_ids


def update_groups(store: Store, annotator: str) -> int:
    """How many decisions ``annotator`` has logged."""
    with store.session() as session:
        return session.scalar(
            select(func.count(func.distinct(Change.group_id))).where(
                Change.annotator == annotator, Change.action == "update"
            )
        )


def last_status_change(store: Store, annotator: str) -> tuple[int, str]:
    """The statement and status of ``annotator``'s latest logged status change."""
    with store.session() as session:
        return session.execute(
            select(Change.row_id, Change.new_value)
            .where(Change.annotator == annotator, Change.field == "status")
            .order_by(Change.id.desc())
            .limit(1)
        ).one()


def assert_no_lock_error(page: Page) -> None:
    shown = page.locator("body").inner_text()
    assert "database is locked" not in shown.lower()
    assert page.get_by_test_id("stException").count() == 0


def select_statement(browsing: Browsing, statement_id: int) -> None:
    """Click the statement in the text (the rerun this starts also reads the store afresh)."""
    browsing.page.locator(f'{TEXT_BOX} [data-sid="{statement_id}"]').first.click()


def wait_until_selected(browsing: Browsing, statement_id: int) -> None:
    wait_for_app_idle(browsing.page)
    browsing.page.locator(f'{TEXT_BOX} .qg-sel[data-sid="{statement_id}"]').first.wait_for()


def shown_status(page: Page, statement_id: int) -> str:
    classes = page.locator(f'{TEXT_BOX} .qg-st[data-sid="{statement_id}"]').first.get_attribute(
        "class"
    )
    assert "qg-sel" in (classes or ""), f"statement {statement_id} is not the selected one"
    for status in ("accepted", "rejected", "suggested"):
        if f"qg-st-{status}" in (classes or ""):
            return status
    raise AssertionError(f"statement {statement_id} has no status class: {classes}")


def decide(browsing: Browsing, statement_id: int) -> str:
    """Flip the selected statement's status as this browser sees it; return the status asked
    for. (The opposite of what is shown is always a change, so it is either stored or refused
    as stale, never a silent no-op.)"""
    status = "rejected" if shown_status(browsing.page, statement_id) == "accepted" else "accepted"
    if browsing.by_key:
        browsing.page.keyboard.press("a" if status == "accepted" else "r")
    else:
        label = "Accept (a)" if status == "accepted" else "Reject (r)"
        browsing.page.get_by_role("button", name=label).click()
    return status


def one_round(store: Store, browsers: list[Browsing], turn: int) -> list[BrowserDecision]:
    """Both browsers select their next statement, then both decide on it at the same moment;
    each decision is then found stored (logged once, with the status asked for) or refused
    with the conflict message on that page."""
    targets = [browsing.own[turn % len(browsing.own)] for browsing in browsers]
    for browsing, statement_id in zip(browsers, targets, strict=True):
        select_statement(browsing, statement_id)
    for browsing, statement_id in zip(browsers, targets, strict=True):
        wait_until_selected(browsing, statement_id)
    before = [update_groups(store, browsing.name) for browsing in browsers]
    asked = [
        decide(browsing, statement_id)
        for browsing, statement_id in zip(browsers, targets, strict=True)
    ]
    decisions = []
    for browsing, statement_id, status, count in zip(browsers, targets, asked, before, strict=True):
        wait_for_app_idle(browsing.page)
        assert_no_lock_error(browsing.page)
        logged = update_groups(store, browsing.name) - count
        warnings = browsing.page.get_by_test_id("stAlertContentWarning").all_inner_texts()
        refused = any("Not saved" in warning for warning in warnings)
        assert logged in (0, 1), f"{browsing.name}: one decision logged {logged} times"
        if logged:
            assert not refused, f"{browsing.name}: stored and refused at once: {warnings}"
            assert last_status_change(store, browsing.name) == (statement_id, status)
        else:
            assert refused, f"{browsing.name}: decision neither stored nor refused: {warnings}"
        decisions.append(BrowserDecision(browsing.name, statement_id, status, bool(logged)))
    return decisions


def test_five_annotators_at_once_lose_no_decision(
    browser: Browser,
    streamlit_server: StreamlitServer,
    store: Store,
    soak_article: tuple[int, list[int]],
) -> None:
    article_id, statement_ids = soak_article
    half = len(statement_ids) // 2
    browsers = []
    make_accounts(store, ("ana-browser", "bob-browser"))
    for name, by_key, own in (
        ("ana-browser", True, tuple(statement_ids[:half])),
        ("bob-browser", False, tuple(statement_ids[half:])),
    ):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        open_app(page, streamlit_server.url, f"annotate?article={article_id}")
        sign_in(page, name, name * 2)
        page.locator(f"{TEXT_BOX} .qg-seg").first.wait_for()
        browsers.append(Browsing(name, page, by_key, own))

    pool = multiprocessing.get_context("spawn").Pool(PROCESSES)
    try:
        jobs = [
            (streamlit_server.db_url, f"process-{n}", statement_ids, PROCESS_SECONDS, None, n)
            for n in range(PROCESSES)
        ]
        running = pool.map_async(simulate_annotator, jobs)
        decisions: list[BrowserDecision] = []
        turn = 0
        while not running.ready():
            decisions += one_round(store, browsers, turn)
            turn += 1
        outcomes = running.get(timeout=60)
        for _ in range(QUIET_ROUNDS):
            decisions += one_round(store, browsers, turn)
            turn += 1
        for browsing in browsers:
            screenshot(browsing.page, f"many-annotators-{browsing.name}")
            assert_no_lock_error(browsing.page)
    finally:
        pool.terminate()
        pool.join()
        for browsing in browsers:
            browsing.page.context.close()

    # Each process's decisions are all logged, each under a version nobody else wrote.
    for n, (made, _conflicts, _seconds) in enumerate(outcomes):
        assert made, f"process-{n} made no decision"
        assert update_groups(store, f"process-{n}") == len(made)
    written = Counter(
        (decision.statement_id, decision.version_written)
        for made, _conflicts, _seconds in outcomes
        for decision in made
    )
    assert max(written.values()) == 1
    # Each browser's stored decisions are all logged, and each browser got some through.
    for browsing in browsers:
        stored = [d for d in decisions if d.annotator == browsing.name and d.stored]
        assert stored, f"{browsing.name} never got a decision stored"
        assert update_groups(store, browsing.name) == len(stored)

    with store.session() as session:
        versions = dict(
            session.execute(
                select(Statement.id, Statement.version).where(Statement.article_id == article_id)
            ).all()
        )
        changes = session.execute(
            select(Change.row_id, Change.group_id, Change.field, Change.old_value, Change.new_value)
            .where(Change.table_name == "statements", Change.row_id.in_(statement_ids))
            .order_by(Change.id)
        ).all()
    # Stored exactly once: one version step per logged decision, nothing else.
    groups = {statement_id: set() for statement_id in statement_ids}
    for row_id, group_id, _field, _old, _new in changes:
        groups[row_id].add(group_id)
    assert versions == {
        statement_id: 1 + len(groups[statement_id]) for statement_id in statement_ids
    }
    # None overwritten silently: every logged change starts from the value the one before left.
    current = {statement_id: dict(INITIAL_VALUES) for statement_id in statement_ids}
    for row_id, _group_id, field, old_value, new_value in changes:
        if field in INITIAL_VALUES:
            assert old_value == current[row_id][field], (row_id, field, old_value)
            current[row_id][field] = new_value
    assert check_store(store) == []
