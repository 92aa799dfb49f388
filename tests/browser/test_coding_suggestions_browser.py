"""Concept and stance suggestions in a real browser: code a few statements in Annotate, watch
the model's suggestions arrive on the others without a reload, accept one with one key and a
batch in bulk, then see the machine-coded statements counted apart in Explore's stance chart.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from quotegraph.annotation import codebook_actors, codebook_concepts
from quotegraph.annotation.coding_suggestions import latest_model
from quotegraph.store.db import Store
from quotegraph.store.models import Statement
from tests.browser.conftest import AppDriver
from tests.browser.test_annotate_browser import TEXT_BOX, open_article, press, seed_article

pytestmark = pytest.mark.browser

CLAIMS = (
    ("Wind turbines give villages cheap clean power", "wind", "agree"),
    ("School meals help hungry pupils learn", "meals", "agree"),
    ("Wind farms are noisy and ruin the hills", "wind", "disagree"),
    ("Free school lunches waste money on rich families", "meals", "disagree"),
    ("New wind turbines create clean jobs", None, None),
    ("Hot school meals help pupils concentrate", None, None),
    ("Offshore wind farms give cheap power", None, None),
    ("School lunches for every pupil waste money", None, None),
)
CONCEPTS = {"wind": "Wind power", "meals": "Free school meals"}


def _seed(store: Store) -> tuple[int, list[int]]:
    text = " ".join(f"Ana said {claim.lower()}." for claim, _, _ in CLAIMS)
    quotes = tuple(claim.lower() for claim, _, _ in CLAIMS)
    article_id = seed_article(store, text, quotes, title="Energy and schools")
    # One actor each: duplicates (one actor, concept and stance in an article) count once.
    actors = [
        codebook_actors.create_actor(store, f"Speaker {n}", annotator="setup") for n in range(8)
    ]
    for name in CONCEPTS.values():
        codebook_concepts.create_concept(store, name, annotator="setup")
    with store.session(write=True) as session:
        rows = session.scalars(
            select(Statement).where(Statement.article_id == article_id).order_by(Statement.start)
        ).all()
        for row, actor in zip(rows, actors, strict=True):
            row.actor_id = actor.id
            row.field_origins = {**row.field_origins, "actor": "machine"}
        return article_id, [row.id for row in rows]


def _row(store: Store, statement_id: int) -> Statement:
    with store.session() as session:
        return session.get(Statement, statement_id)


def _stored(store: Store, statement_id: int, check: Callable[[Statement], bool]) -> Statement:
    """The statement once ``check`` holds for it (the write lands a moment after the key)."""
    deadline = time.monotonic() + 10
    while True:
        row = _row(store, statement_id)
        if check(row) or time.monotonic() > deadline:
            return row
        time.sleep(0.1)


def _model_trained_on(store: Store, coded: int) -> str:
    """The version of the first model the server trained on ``coded`` statements (waited for:
    it trains in its own thread while the page goes on)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        model = latest_model(store)
        if model is not None and model.examples == coded:
            return model.version
        time.sleep(0.2)
    raise AssertionError(f"no model trained on {coded} coded statements within 30 s")


def _choose_concept(app: AppDriver, name: str) -> None:
    box = app.page.get_by_role("combobox", name="Concept").last
    app.choose_option(box, name)
    app.wait_for_idle()
    expect(box).to_have_value(name)


def test_suggestions_arrive_without_reload_and_are_accepted_by_key(
    app: AppDriver, store: Store
) -> None:
    article_id, ids = _seed(store)
    open_article(app, article_id)
    page = app.page
    stance_radio = {"agree": "agree (1)", "disagree": "disagree (3)"}
    for statement_id, (_claim, concept, stance) in zip(ids[:4], CLAIMS[:4], strict=True):
        page.locator(f'{TEXT_BOX} [data-sid="{statement_id}"]').first.click()
        app.wait_for_idle()
        _choose_concept(app, CONCEPTS[concept])
        page.get_by_text(stance_radio[stance], exact=True).click()
        app.wait_for_idle()
        coded = _stored(store, statement_id, lambda row: row.stance is not None)
        assert coded.concept_id is not None and coded.stance == (1 if stance == "agree" else -1)
        assert coded.field_origins["concept"] == "person"

    # The model retrains in the background while the page goes on; the next step (a click on
    # another statement, no reload) shows what the model trained on the four suggests.
    version = _model_trained_on(store, 4)
    target = ids[4]  # "new wind turbines create clean jobs"
    page.locator(f'{TEXT_BOX} [data-sid="{target}"]').first.click()
    app.wait_for_idle()
    box = page.locator(".st-key-annotate-suggestion-box")
    expect(box).to_contain_text("Suggested: concept Wind power")
    expect(box).to_contain_text("stance agree")
    caption = page.get_by_text(f"Suggestions from model {version}, learned from 4")
    expect(caption).to_be_visible()
    expect(caption).to_contain_text("(reads words and meaning)")
    app.screenshot("coding-suggestion-shown")
    press(app, "g")
    accepted = _stored(store, target, lambda row: row.concept_id is not None)
    wind = next(c.id for c in codebook_concepts.list_concepts(store) if c.name == "Wind power")
    assert (accepted.concept_id, accepted.stance) == (wind, 1)
    assert accepted.field_origins["concept"] == "person"
    assert re.fullmatch(r"m\d+", accepted.coding_model_version)

    # The rest in bulk, at any confidence: marked machine-coded.
    page.get_by_role("button", name=re.compile(r"Accept in bulk")).click()
    slider = page.get_by_role("slider", name="Confidence at least")
    slider.focus()
    slider.press("Home")
    app.wait_for_idle()
    page.get_by_role("button", name=re.compile(r"^Accept \d+$")).click()
    app.wait_for_idle()
    bulk = [_stored(store, sid, lambda row: row.concept_id is not None) for sid in ids[5:]]
    assert all(row.field_origins.get("concept") == "machine" for row in bulk)
    assert all(row.concept_id is not None and row.stance is not None for row in bulk)
    app.screenshot("coding-suggestions-bulk-accepted")

    app.open("explore")
    sidebar = page.get_by_test_id("stSidebarUserContent")
    sidebar.get_by_text("Include suggestions", exact=True).click()  # the statements, unreviewed
    app.wait_for_idle()
    page.get_by_role("tab", name="Stance counts").click()
    app.wait_for_idle()
    page.get_by_role("radiogroup", name="Count by").get_by_text("Concept", exact=True).click()
    app.wait_for_idle()
    expect(
        page.get_by_text(re.compile(r"3 of 8 statements counted are machine-coded \(hatched\)"))
    ).to_be_visible()
    expect(page.locator(".legendtext", has_text="(machine-coded)").first).to_be_visible()
    app.screenshot("coding-suggestions-stance-chart")
