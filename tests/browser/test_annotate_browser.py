"""Annotate in a real browser: dragging, keys, undo/redo, emoji offsets, injection, two editors.

Each test stores its own article (already analysed, with machine suggestions) in the running
app's store, opens it in headless Chromium and checks both the page and the stored rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from quotegraph.analysis.nlp import PIPELINE_VERSION
from quotegraph.annotation import codebook_actors, stance_scale
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import Store
from quotegraph.store.models import Article, Entity, Statement
from tests.browser.conftest import (
    AppDriver,
    StreamlitServer,
    open_app,
    screenshot,
    wait_for_app_idle,
)

pytestmark = pytest.mark.browser

VIEW = ".qg-view"
TEXT_BOX = '[data-testid="qg-article-text"]'


def seed_article(store: Store, text: str, quotes: tuple[str, ...], title: str = "Test") -> int:
    """Store ``text`` as analysed, with one machine suggestion per quote."""
    added = add_article(store, ArticleDraft(text=text, title=title))
    with store.session(write=True) as session:
        session.get(Article, added.article_id).analysed_version = PIPELINE_VERSION
        for quote in quotes:
            start = text.index(quote)
            session.add(
                Statement(
                    article_id=added.article_id,
                    start=start,
                    end=start + len(quote),
                    kind="direct",
                    status="suggested",
                    field_origins={"span": "machine", "status": "machine"},
                )
            )
    return added.article_id


def rows(store: Store, article_id: int) -> list[Statement]:
    with store.session() as session:
        query = select(Statement).where(Statement.article_id == article_id)
        return list(session.scalars(query.order_by(Statement.start, Statement.id)))


def open_article(app: AppDriver, article_id: int, annotator: str = "ana", **params: int) -> None:
    extra = "".join(f"&{name}={value}" for name, value in params.items())
    app.open(f"annotate?article={article_id}&annotator={annotator}{extra}")
    app.page.locator(f"{TEXT_BOX} .qg-seg").first.wait_for()
    # The text shows before the page has settled (a linked statement is selected by a later
    # run); a drag made while that run redraws the paragraph loses its selection.
    app.wait_for_idle()


def press(app: AppDriver, key: str) -> None:
    app.page.keyboard.press(key)
    app.wait_for_idle()


def expect_statement_class(page: Page, statement_id: int, name: str) -> None:
    """Wait for the statement's first span to carry class ``name``.

    The view gets the server's payload by message after the run has ended, so a state that only
    the server draws (an undo, a refused edit) can land a moment after the app is idle.
    """
    span = page.locator(f'{TEXT_BOX} [data-sid="{statement_id}"]').first
    expect(span).to_have_class(re.compile(rf"(^|\s){re.escape(name)}(\s|$)"))


def drag_over(
    page: Page, first_word: str, last_word: str, while_held: Callable[[], None] | None = None
) -> str:
    """Drag the mouse from inside ``first_word`` to inside ``last_word``; return the selection.

    The points are a little inside each word, so the selection only reaches whole words once
    the app snaps it to token edges. ``while_held`` runs halfway, with the button down.
    """
    boxes = page.evaluate(
        """([first, last]) => {
            const box = document.querySelector('[data-testid="qg-article-text"]');
            const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
            const rectOf = (word, fromEnd) => {
                walker.currentNode = box;
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const at = node.textContent.indexOf(word);
                    if (at < 0) continue;
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + word.length);
                    const r = range.getBoundingClientRect();
                    return { x: fromEnd ? r.right - 2 : r.left + 2, y: r.top + r.height / 2 };
                }
                return null;
            };
            return [rectOf(first, false), rectOf(last, true)];
        }""",
        [first_word, last_word],
    )
    start, end = boxes
    assert start and end, f"{first_word!r} or {last_word!r} is not in the text"
    page.mouse.move(start["x"], start["y"])
    page.mouse.down()
    if while_held is not None:
        page.mouse.move((start["x"] + end["x"]) / 2, (start["y"] + end["y"]) / 2, steps=4)
        while_held()
    page.mouse.move(end["x"], end["y"], steps=8)
    page.mouse.up()
    page.locator('[data-testid="qg-selection-bar"]').wait_for(state="visible")
    return page.evaluate("window.getSelection().toString()")


def test_dragging_makes_a_statement_that_is_still_there_after_reload(
    app: AppDriver, store: Store
) -> None:
    text = "The envoy said the talks were productive.\n\nNobody else commented on the plan."
    article_id = seed_article(store, text, ("the talks were productive",))
    open_article(app, article_id)
    selected = drag_over(app.page, "obody", "commen")  # starts and ends mid-word
    assert selected.startswith("obody")
    app.screenshot("annotate-drag-selection")
    app.page.get_by_role("button", name="New statement (s)").click()
    app.wait_for_idle()
    made = [row for row in rows(store, article_id) if row.status == "accepted"]
    assert len(made) == 1
    assert text[made[0].start : made[0].end] == "Nobody else commented"
    assert (made[0].annotator, made[0].field_origins["span"]) == ("ana", "person")

    app.page.reload()
    app.page.locator(f'{TEXT_BOX} [data-sid="{made[0].id}"]').first.wait_for()
    expect_statement_class(app.page, made[0].id, "qg-st-accepted")  # drawn,
    expect_statement_class(app.page, made[0].id, "qg-sel")  # and still selected
    marked = app.page.locator(f'{TEXT_BOX} .qg-st[data-sid="{made[0].id}"]').all_inner_texts()
    assert "".join(marked) == "Nobody else commented"


def test_accept_by_key_then_undo_and_redo(app: AppDriver, store: Store) -> None:
    text = "Rouhani said the sanctions must end. Zarif said talks could resume soon."
    article_id = seed_article(store, text, ("the sanctions must end", "talks could resume soon"))
    first, second = rows(store, article_id)
    open_article(app, article_id)
    app.page.locator(f'{TEXT_BOX} [data-sid="{first.id}"]').first.click()
    app.wait_for_idle()
    expect_statement_class(app.page, first.id, "qg-sel")

    press(app, "a")
    assert rows(store, article_id)[0].status == "accepted"
    expect_statement_class(app.page, first.id, "qg-st-accepted")
    expect_statement_class(app.page, second.id, "qg-sel")  # moved on to the next one
    app.screenshot("annotate-accepted-by-key")

    press(app, "u")
    assert rows(store, article_id)[0].status == "suggested"
    expect_statement_class(app.page, first.id, "qg-st-suggested")
    expect_statement_class(app.page, first.id, "qg-sel")  # back on the undone one

    press(app, "y")
    assert rows(store, article_id)[0].status == "accepted"
    expect_statement_class(app.page, first.id, "qg-st-accepted")

    press(app, "2")  # stance: neutral on the default scale, the selected statement
    assert rows(store, article_id)[0].stance == 0
    expect_statement_class(app.page, first.id, "qg-stance-zero")


def test_emoji_offsets_round_trip(app: AppDriver, store: Store) -> None:
    text = (
        "😀 Fans 🇮🇷 cheered. 𝔐𝔞𝔶𝔬𝔯 Ng 🚀 said “we launch 🛰 satellites tomorrow” at 𠀋 noon.\n\n"
        "Later 👩‍👩‍👧 families said the 🎉 party was great."
    )
    article_id = seed_article(store, text, ())
    open_article(app, article_id)
    selected = drag_over(app.page, "we", "satellites")
    assert selected == "we launch 🛰 satellites"
    press(app, "s")
    made = rows(store, article_id)
    assert len(made) == 1
    assert text[made[0].start : made[0].end] == "we launch 🛰 satellites"

    # The speaker mention, after three astral characters and a family emoji sequence.
    drag_over(app.page, "𝔐𝔞𝔶𝔬𝔯", "Ng")
    press(app, "m")
    row = rows(store, article_id)[0]
    assert text[row.speaker_start : row.speaker_end] == "𝔐𝔞𝔶𝔬𝔯 Ng"
    assert row.speaker_mention == "𝔐𝔞𝔶𝔬𝔯 Ng"
    drawn = app.page.locator(f"{TEXT_BOX} .qg-spk").all_inner_texts()
    assert "".join(drawn) == "𝔐𝔞𝔶𝔬𝔯 Ng"

    drag_over(app.page, "families", "party")
    press(app, "s")
    last = rows(store, article_id)[-1]
    assert text[last.start : last.end] == "families said the 🎉 party"
    app.screenshot("annotate-emoji")


def test_script_injection_article_shows_the_characters_and_runs_nothing(
    app: AppDriver, store: Store
) -> None:
    text = (
        'The hacker wrote "<script>alert(1)</script>" and then '
        "<img src=x onerror=alert(2)> in a comment.\n\n"
        "<b>Bold</b> claims & <iframe src=javascript:alert(3)></iframe> were removed."
    )
    article_id = seed_article(
        store,
        text,
        ("<script>alert(1)</script>",),
        title="<img src=x onerror=alert(4)> title",
    )
    dialogs: list[str] = []
    app.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_article(app, article_id)
    statement = rows(store, article_id)[0]
    # The note and the actor name travel into the hover text too.
    with store.session(write=True) as session:
        row = session.get(Statement, statement.id)
        row.note = "<img src=x onerror=alert(5)>"
        row.version += 1
    app.page.locator(f'{TEXT_BOX} [data-sid="{statement.id}"]').first.click()
    app.wait_for_idle()
    app.page.wait_for_timeout(500)

    view = app.page.locator(VIEW)
    assert view.locator("img, script, iframe, b").count() == 0
    shown = app.page.locator(TEXT_BOX).inner_text()
    assert "<script>alert(1)</script>" in shown
    assert "<img src=x onerror=alert(2)>" in shown
    assert "<b>Bold</b> claims & <iframe src=javascript:alert(3)></iframe>" in shown
    assert app.page.locator("img[src=x]").count() == 0
    hover = app.page.locator(f'{TEXT_BOX} [data-sid="{statement.id}"]').first.get_attribute("title")
    assert "Note: <img src=x onerror=alert(5)>" in hover
    assert dialogs == []
    app.screenshot("annotate-injection")


def test_two_browsers_editing_one_statement_do_not_overwrite_each_other(
    browser: Browser, streamlit_server: StreamlitServer, store: Store
) -> None:
    text = "The mayor said the tram will open in May. Critics disagreed."
    article_id = seed_article(store, text, ("the tram will open in May",))
    (statement,) = rows(store, article_id)
    pages = []
    for name in ("ana", "bob"):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        open_app(
            page,
            streamlit_server.url,
            f"annotate?article={article_id}&annotator={name}&statement={statement.id}",
        )
        page.locator(f"{TEXT_BOX} .qg-seg").first.wait_for()
        pages.append(page)
    ana, bob = pages
    try:
        ana.keyboard.press("a")
        wait_for_app_idle(ana)
        assert rows(store, article_id)[0].status == "accepted"

        bob.keyboard.press("r")  # Bob still sees the statement as it was before Ana's accept
        wait_for_app_idle(bob)
        row = rows(store, article_id)[0]
        assert (row.status, row.annotator) == ("accepted", "ana")
        warning = bob.locator('[data-testid="stAlertContentWarning"]').inner_text()
        assert "Not saved" in warning and "status accepted" in warning and "by ana" in warning
        # Bob's view now shows Ana's decision.
        expect_statement_class(bob, statement.id, "qg-st-accepted")
        screenshot(bob, "annotate-conflict")
    finally:
        for page in pages:
            page.context.close()


def test_entity_types_are_tinted_and_can_be_hidden(app: AppDriver, store: Store) -> None:
    text = "Hassan Rouhani met Emmanuel Macron in Paris."
    article_id = seed_article(store, text, ())
    with store.session(write=True) as session:
        for name, label in (("Hassan Rouhani", "PERSON"), ("Emmanuel Macron", "PERSON")):
            start = text.index(name)
            session.add(
                Entity(
                    article_id=article_id,
                    start=start,
                    end=start + len(name),
                    label=label,
                    text=name,
                )
            )
        session.add(Entity(article_id=article_id, start=38, end=43, label="GPE", text="Paris"))
    open_article(app, article_id)
    people = app.page.locator(f'{TEXT_BOX} .qg-ent[data-label="PERSON"]')
    assert people.all_inner_texts() == ["Hassan Rouhani", "Emmanuel Macron"]
    chip = app.page.locator('.qg-chip[data-label="PERSON"]')
    assert chip.inner_text() == "PERSON 2"
    chip.click()
    assert "qg-ent-off" in people.first.get_attribute("class")
    place = app.page.locator(f'{TEXT_BOX} .qg-ent[data-label="GPE"]')
    assert "qg-ent-off" not in place.get_attribute("class")
    app.page.reload()  # the choice is kept by the browser
    app.page.locator(f"{TEXT_BOX} .qg-seg").first.wait_for()
    assert "qg-ent-off" in people.first.get_attribute("class")
    app.page.locator('.qg-chip[data-label="PERSON"]').click()
    assert "qg-ent-off" not in people.first.get_attribute("class")


def test_a_redraw_during_a_drag_waits_for_the_mouse_to_be_released(
    app: AppDriver, store: Store
) -> None:
    text = "Ana said the bridge is safe and the road is open to every car tonight."
    article_id = seed_article(store, text, ("the bridge is safe",))
    (statement,) = rows(store, article_id)
    open_article(app, article_id, statement=statement.id)

    def accept_by_key() -> None:
        # The server's answer redraws the paragraph the drag is in.
        press(app, "a")

    selected = drag_over(app.page, "road", "tonight", while_held=accept_by_key)
    assert selected == "road is open to every car tonight"  # shown again over the new spans
    bar = app.page.locator('[data-testid="qg-selection-bar"]')
    expect(bar).to_contain_text("road is open to every car tonight")
    assert rows(store, article_id)[0].status == "accepted"
    # Drawn once the button is up: the accepted statement's new look.
    expect_statement_class(app.page, statement.id, "qg-st-accepted")
    app.page.get_by_role("button", name="New statement (s)").click()
    app.wait_for_idle()
    made = [row for row in rows(store, article_id) if row.id != statement.id]
    assert [text[row.start : row.end] for row in made] == ["road is open to every car tonight"]


def test_marking_a_known_alias_as_speaker_also_sets_the_actor(app: AppDriver, store: Store) -> None:
    text = "Yesterday Zarif said the embassy would reopen soon."
    article_id = seed_article(store, text, ("the embassy would reopen soon",))
    actor = codebook_actors.create_actor(
        store, "Mohammad Javad Zarif", annotator="ana", aliases=["Zarif", "the foreign minister"]
    )
    (statement,) = rows(store, article_id)
    open_article(app, article_id, statement=statement.id)
    drag_over(app.page, "Zarif", "Zarif")
    app.page.get_by_role("button", name="Set as speaker (m)").click()
    app.wait_for_idle()
    row = rows(store, article_id)[0]
    assert text[row.speaker_start : row.speaker_end] == "Zarif"
    assert row.actor_id == actor.id
    assert row.field_origins["speaker"] == "person" and row.field_origins["actor"] == "person"
    hover = app.page.locator(f'{TEXT_BOX} .qg-st[data-sid="{statement.id}"]').first
    assert hover.get_attribute("title").startswith("Speaker: Mohammad Javad Zarif\nMention: Zarif")
    app.screenshot("annotate-speaker-resolved")


def test_the_open_articles_counts_follow_each_decision_and_the_picker_is_current(
    app: AppDriver, store: Store
) -> None:
    text = "Ana said the bridge is safe. Bo said the budget is short. Cy said rates will rise."
    quotes = ("the bridge is safe", "the budget is short", "rates will rise")
    article_id = seed_article(store, text, quotes, title="Counted")
    other_id = seed_article(store, "Di said the port is shut.", ("the port is shut",), "Other")
    open_article(app, article_id)
    picker = app.page.get_by_role("combobox", name="Article")
    expect(picker).to_have_value("Counted")  # its counts are the live ones under it

    def counts(label: str) -> None:
        expect(app.page.get_by_text(f"3 statements: {label} ·")).to_have_count(1)

    counts("3 to review, 0 accepted, 0 rejected")
    press(app, "a")  # decided inside the annotation fragment, by key
    counts("2 to review, 1 accepted, 0 rejected")
    press(app, "r")
    counts("1 to review, 1 accepted, 1 rejected")
    press(app, "u")
    counts("2 to review, 1 accepted, 0 rejected")
    app.page.get_by_role("button", name="Reject (r)").click()  # and by the editor's button
    app.wait_for_idle()
    counts("1 to review, 1 accepted, 1 rejected")
    statuses = sorted(row.status for row in rows(store, article_id))
    assert statuses == ["accepted", "rejected", "suggested"]
    app.screenshot("annotate-open-article-counts")

    picker.click()
    options = app.page.get_by_role("option").all_inner_texts()
    assert "Counted" in options and "Other · 1 to review, 0 accepted, 0 rejected" in options
    app.page.get_by_role("option", name="Other · 1 to review").click()
    app.wait_for_idle()
    assert f"article={other_id}" in app.page.url
    expect(picker).to_have_value("Other")
    picker.click()
    assert "Counted · 1 to review, 1 accepted, 1 rejected" in (
        app.page.get_by_role("option").all_inner_texts()
    )


LONG_SCALE = [
    (2, "strongly agree with the government's position"),
    (1, "somewhat agree with the government's position"),
    (0, "neither agrees nor disagrees, or the position is unclear"),
    (-1, "somewhat disagree with the government's position"),
    (-2, "strongly disagree with the government's position"),
]


def editor_column_box(page: Page) -> dict[str, float]:
    column = page.locator('[data-testid="stColumn"]').filter(
        has=page.get_by_role("button", name="Accept (a)")
    )
    return column.last.bounding_box()


@pytest.mark.parametrize("width", [1400, 1024])
def test_long_stance_labels_key_hints_and_badge_stay_whole_inside_their_column(
    app: AppDriver, store: Store, width: int
) -> None:
    text = f"The minister said the sanctions will be lifted within {width} days."
    article_id = seed_article(
        store, text, ("the sanctions will be lifted",), title=f"Scale {width}"
    )
    default_scale = [(level.value, level.label) for level in stance_scale.list_stance_levels(store)]
    stance_scale.set_stance_scale(store, LONG_SCALE, annotator="ana")
    try:
        app.page.set_viewport_size({"width": width, "height": 1000})
        open_article(app, article_id)
        column = editor_column_box(app.page)
        right_edge = column["x"] + column["width"] + 1
        for number, (_value, label) in enumerate(LONG_SCALE, start=1):
            option = app.page.get_by_text(f"{label} ({number})", exact=True)
            box = option.bounding_box()
            assert box is not None and box["x"] >= column["x"] - 1, label
            assert box["x"] + box["width"] <= right_edge, f"{label!r} runs out of the column"
            assert option.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), f"{label!r} is cut"
        badge = app.page.get_by_text("Annotating as ana", exact=True)
        assert badge.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), "the badge is cut"
        for name in ("Accept (a)", "Reject (r)", "Previous (k/p)", "Next (j/n)", "Undo (u)"):
            words = app.page.get_by_role("button", name=name).get_by_text(name, exact=True)
            assert words.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), f"{name!r} is cut"
            box = words.bounding_box()
            assert box["x"] + box["width"] <= right_edge, f"{name!r} runs out of the column"
        app.screenshot(f"annotate-long-stance-labels-{width}")

        app.page.get_by_text(f"{LONG_SCALE[4][1]} (5)", exact=True).click()
        app.wait_for_idle()
        assert rows(store, article_id)[0].stance == -2
        app.page.get_by_text("no stance (0)", exact=True).click()
        app.wait_for_idle()
        assert rows(store, article_id)[0].stance is None
    finally:
        stance_scale.set_stance_scale(store, default_scale, annotator="ana")


def test_articles_with_the_same_title_stay_apart_in_the_picker(
    app: AppDriver, store: Store
) -> None:
    first = seed_article(store, "Ed said the port reopens.", ("the port reopens",), "Same title")
    second = seed_article(store, "Flo said the port is shut.", ("the port is shut",), "Same title")
    open_article(app, second)
    picker = app.page.get_by_role("combobox", name="Article")
    expect(picker).to_have_value(f"Same title (#{second})")
    app.page.get_by_text("agree (1)", exact=True).click()  # any rerun of the editor
    app.wait_for_idle()
    assert rows(store, second)[0].stance == 1
    app.page.reload()  # a whole-page run draws the picker again
    app.page.locator(f"{TEXT_BOX} .qg-seg").first.wait_for()
    press(app, "a")
    assert f"article={second}&" in app.page.url
    expect(picker).to_have_value(f"Same title (#{second})")
    assert rows(store, second)[0].status == "accepted"
    picker.click()
    options = app.page.get_by_role("option").all_inner_texts()
    assert f"Same title (#{first}) · 1 to review, 0 accepted, 0 rejected" in options


def test_a_decision_does_not_send_the_article_text_again(app: AppDriver, store: Store) -> None:
    text = (
        "Zebrafinch Holdings said the harbour opens in June.\n\n"
        "Its rival said the harbour needs another year."
    )
    article_id = seed_article(store, text, ("the harbour opens in June", "another year"))
    first, second = rows(store, article_id)
    frames: list[bytes] = []

    def keep(frame: str | bytes) -> None:
        frames.append(frame.encode() if isinstance(frame, str) else frame)

    app.page.on("websocket", lambda socket: socket.on("framereceived", keep))
    open_article(app, article_id, statement=first.id)
    assert any(b"Zebrafinch Holdings" in frame for frame in frames)  # the page load sends it

    frames.clear()
    press(app, "a")
    assert frames and not any(b"Zebrafinch" in frame for frame in frames)
    expect_statement_class(app.page, first.id, "qg-st-accepted")
    expect_statement_class(app.page, second.id, "qg-sel")

    # Away and back: a new view is mounted, and the whole-page run gives it the text again.
    app.page.get_by_role("link", name="Library").click()
    app.wait_for_idle()
    app.page.get_by_role("link", name="Annotate").click()
    app.wait_for_idle()
    app.page.get_by_text("Zebrafinch Holdings").wait_for()

    # A view that lost its copy all the same asks for it, and the next run sends it.
    rev = int(app.page.get_attribute(VIEW, "data-rev"))
    app.page.evaluate(
        "() => { document.querySelector('.qg-view').parentElement"
        ".__quotegraphView.document = null; }"
    )
    frames.clear()
    press(app, "k")
    # The run "k" started draws nothing (no text); the one the view asked for draws again.
    app.page.wait_for_function(
        "rev => Number(document.querySelector('.qg-view').getAttribute('data-rev')) === rev + 2",
        arg=rev,
    )
    assert any(b"Zebrafinch Holdings" in frame for frame in frames)
    expect_statement_class(app.page, first.id, "qg-sel")
    assert "Zebrafinch Holdings said" in app.page.locator(TEXT_BOX).inner_text()


def test_keys_still_work_with_a_radio_focused_but_not_in_the_note(
    app: AppDriver, store: Store
) -> None:
    text = "Gil said the dam will hold. Hu said the levee will break."
    article_id = seed_article(store, text, ("the dam will hold", "the levee will break"))
    first, second = rows(store, article_id)
    open_article(app, article_id, statement=first.id)
    # Tabbing through the editor leaves focus on a radio input: a key there is still a command.
    app.page.get_by_role("radio", name="disagree (3)").focus()
    press(app, "a")
    assert [row.status for row in rows(store, article_id)] == ["accepted", "suggested"]
    expect_statement_class(app.page, second.id, "qg-sel")
    note = app.page.get_by_role("textbox", name="Note")
    note.fill("check the date")
    app.page.keyboard.press("a")  # typed into the note, not a command
    assert note.input_value() == "check the datea"
    assert rows(store, article_id)[1].status == "suggested"


def test_leaving_with_a_note_not_yet_applied_asks_first(app: AppDriver, store: Store) -> None:
    text = "Ida said the vote is rigged."
    article_id = seed_article(store, text, ("the vote is rigged",))
    open_article(app, article_id)
    dialogs: list[str] = []
    app.page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    note = app.page.get_by_role("textbox", name="Note")
    note.click()
    app.page.keyboard.type("source: a blog")
    app.page.close(run_before_unload=True)  # a refresh or a closed tab asks the same
    app.page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"] and not app.page.is_closed()
    assert rows(store, article_id)[0].note == ""

    app.page.keyboard.press("Control+Enter")  # apply it: leaving is quiet then
    app.wait_for_idle()
    assert rows(store, article_id)[0].note == "source: a blog"
    closing = app.page.context.new_page()  # a second page keeps the context to wait with
    app.page.close(run_before_unload=True)
    closing.wait_for_timeout(500)
    assert dialogs == ["beforeunload"] and app.page.is_closed()
