"""Positions in a real browser: drawn apart from speech in Annotate, switched off in Codebook."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from quotegraph.analysis.nlp import PIPELINE_VERSION
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import Store
from quotegraph.store.models import Article, Statement
from quotegraph.store.project_settings import position_suggestions_enabled
from tests.browser.conftest import AppDriver

pytestmark = pytest.mark.browser

TEXT_BOX = '[data-testid="qg-article-text"]'
TEXT = (
    "“We will reopen the <b>bridge</b> in May,” Ann Ruiz said.\n\n"
    "Tom Hale urged the council to delay the vote on the <i>stadium</i>."
)
QUOTE = "We will reopen the <b>bridge</b> in May"
POSITION = "the council to delay the vote on the <i>stadium</i>"


def seed(store: Store, ending: str) -> tuple[int, int, int]:
    """An analysed article (``TEXT`` and ``ending``, so each test stores its own) with one
    quotation and one position, both machine suggestions."""
    text = TEXT + ending
    article_id = add_article(store, ArticleDraft(text=text, title="Positions")).article_id
    ids = []
    with store.session(write=True) as session:
        session.get(Article, article_id).analysed_version = PIPELINE_VERSION
        for content, kind in ((QUOTE, "direct"), (POSITION, "position")):
            start = text.index(content)
            row = Statement(
                article_id=article_id,
                start=start,
                end=start + len(content),
                kind=kind,
                status="suggested",
                field_origins={"span": "machine", "kind": "machine", "status": "machine"},
            )
            session.add(row)
            session.flush()
            ids.append(row.id)
    return article_id, ids[0], ids[1]


def test_a_position_is_drawn_apart_from_speech(app: AppDriver, store: Store) -> None:
    article_id, quote_id, position_id = seed(store, "\n\nThe end.")
    app.open(f"annotate?article={article_id}&annotator=ana")
    app.page.locator(f"{TEXT_BOX} .qg-seg").first.wait_for()
    app.wait_for_idle()

    position = app.page.locator(f'{TEXT_BOX} [data-sid="{position_id}"]')
    quote = app.page.locator(f'{TEXT_BOX} [data-sid="{quote_id}"]')
    assert "qg-kind-position" in position.first.get_attribute("class")
    assert "qg-st-first" in position.first.get_attribute("class")  # the badge sits there
    assert "qg-kind-position" not in quote.first.get_attribute("class")
    # the badge is drawn by CSS, not text: the article's characters are unchanged
    badge = position.first.evaluate("n => getComputedStyle(n, '::before').content")
    assert badge == '"position"'
    assert "".join(position.all_text_contents()) == POSITION
    # markup in the text is shown as characters, never parsed
    assert app.page.locator(f"{TEXT_BOX} i").count() == 0
    underline = position.first.evaluate("n => getComputedStyle(n).borderBottomStyle")
    assert underline == "dashed"  # a suggestion, like speech, plus the badge and a shadow line
    assert "position" in position.first.get_attribute("title")
    app.screenshot("annotate-position")


def test_position_suggestions_are_switched_off_on_the_codebook_page(
    app: AppDriver, store: Store
) -> None:
    article_id, _quote_id, _position_id = seed(store, "\n\nThe last word.")
    app.open("codebook")
    app.page.get_by_role("tab", name="Suggestions").click()
    switch = app.page.get_by_role("switch", name="Suggest positions")
    switch.wait_for()
    assert switch.is_checked()
    switch.click(force=True)
    app.wait_for_idle()
    app.page.get_by_text("Position suggestions off").wait_for()
    app.screenshot("codebook-positions-off")
    assert not position_suggestions_enabled(store)
    with store.session() as session:
        left = session.scalars(
            select(Statement.kind).where(Statement.article_id == article_id)
        ).all()
    assert list(left) == ["direct"]
