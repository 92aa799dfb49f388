"""Hostile markup in every field the app shows, on every page, in a real browser.

One store is filled through the core with HTML, script and Markdown payloads in the article text,
title, source, URL and origin, an actor's name and alias, a concept's name and description, the
stance labels, statement notes and the annotator's name; uploads add a hostile file name and the
URL form a ``javascript:`` address. Each page is then visited in headless Chromium and must show
every payload as the characters typed, run nothing (no dialog) and contain no element the
payload could have made: no ``img[src=x]``, no ``on*`` handler calling alert, no ``script``
calling alert, no ``javascript:`` link, no bold or link drawn from the Markdown tricks; in the
page, in any shadow root and in any frame.
"""

from __future__ import annotations

import csv
import io
import urllib.parse
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from quotegraph.analysis.nlp import PIPELINE_VERSION
from quotegraph.annotation import codebook_actors, codebook_concepts, stance_scale
from quotegraph.annotation import statements as annotation
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import Store
from quotegraph.store.models import Article, Entity
from tests.browser.conftest import AppDriver, StreamlitServer, open_app

pytestmark = pytest.mark.browser

TEXT_BOX = '[data-testid="qg-article-text"]'


def hostile(field: str) -> str:
    """Every kind of payload at once, tagged with ``field`` so a failure names its source."""
    return (
        f"<img src=x onerror=alert('{field}')> <script>alert('{field}')</script> "
        f"**{field}-bold** [{field}-link](javascript:alert('{field}')) "
        f"\"><svg onload=alert('{field}')>"
    )


TITLE = hostile("title")
SOURCE = hostile("source")
URL = "javascript:alert('url')"
ORIGIN = hostile("origin") + ".txt"
ACTOR = hostile("actor")
ALIAS = hostile("alias")
SECOND_ACTOR = hostile("merged")
CONCEPT = hostile("concept")
DESCRIPTION = hostile("description")
NOTE = hostile("note")
# A note a spreadsheet would run as a formula: the CSV export must neutralise it.
FORMULA_NOTE = '=HYPERLINK("http://example.invalid","x") ' + hostile("formula")
ANNOTATOR = hostile("annotator")
RIVAL = hostile("rival")
# Stance labels hold at most 100 characters: the shorter payloads.
STANCE_LABELS = {
    1: "agree \"><img src=x onerror=alert('agree')> **agree-bold** & co",
    0: "neutral \"><svg onload=alert('neutral')> [neutral-link](javascript:alert(0))",
    -1: "against <script>alert('against')</script> **against-bold**",
}
QUOTE_ONE = f"{hostile('quote1')} must stop"
QUOTE_TWO = f"{hostile('quote2')} was never on the table"
TEXT = (
    f'The minister said "{QUOTE_ONE}" before the vote.\n\n'
    f"Critics answered that {hostile('text')} was a trick.\n\n"
    f"Later the minister said {QUOTE_TWO}.\n\n"
    f"See {URL} and <iframe src=javascript:alert('iframe')></iframe> for nothing."
)
UPLOAD_NAME = hostile("file") + ".txt"
BROKEN_UPLOAD_NAME = hostile("brokenfile") + ".pdf"

# Everything a payload could have turned into, searched in the page, in every open shadow root
# and every same-origin frame; each hit is described in one line.
_INJECTED_ELEMENTS_JS = r"""
() => {
  const found = [];
  const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data'];
  const visit = (root, where) => {
    for (const el of root.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      const text = (el.textContent || '').trim();
      if (tag === 'img' && el.getAttribute('src') === 'x') found.push(`${where}: img[src=x]`);
      if (tag === 'script' && /alert/.test(text)) found.push(`${where}: script ${text}`);
      if (['strong', 'b', 'em'].includes(tag) && /-bold$/.test(text)) {
        found.push(`${where}: <${tag}>${text}</${tag}> drawn from Markdown`);
      }
      if (tag === 'a' && /-link$/.test(text)) found.push(`${where}: link drawn from Markdown`);
      for (const name of el.getAttributeNames()) {
        const value = el.getAttribute(name) || '';
        if (name.startsWith('on') && /alert/.test(value)) {
          found.push(`${where}: ${tag}[${name}=${value}]`);
        }
        if (urlAttributes.includes(name) && /^\s*javascript:/i.test(value)) {
          found.push(`${where}: ${tag}[${name}=${value}]`);
        }
      }
      if (el.shadowRoot) visit(el.shadowRoot, `${where} > shadow root of ${tag}`);
      if (tag === 'iframe') {
        let inner = null;
        try { inner = el.contentDocument; } catch (error) { inner = null; }
        if (inner) visit(inner, `${where} > iframe`);
      }
    }
  };
  visit(document, 'page');
  return found;
}
"""

# The text a person sees: visible text, plus what is drawn in SVG (plotly charts) and the values
# of form fields, from the page and every open shadow root.
_SHOWN_TEXT_JS = r"""
() => {
  const parts = [document.body.innerText];
  const visit = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.matches('svg text, svg tspan') && el.getClientRects().length) {
        parts.push(el.textContent);
      }
      if (el.matches('input, textarea')) parts.push(el.value);
      if (el.shadowRoot) {
        parts.push(el.shadowRoot.textContent);
        visit(el.shadowRoot);
      }
    }
  };
  visit(document);
  return parts.join('\n');
}
"""


# The centre, in page pixels, of the network's actor node (plotly draws one marker per node).
_ACTOR_NODE_CENTRE_JS = """
() => {
  const chart = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  const traceIndex = chart.data.findIndex((trace) => trace.name === 'actor');
  const trace = chart.querySelectorAll('.scatterlayer .trace')[traceIndex];
  const box = trace.querySelector('.points path').getBoundingClientRect();
  return {x: box.x + box.width / 2, y: box.y + box.height / 2};
}
"""


@dataclass(frozen=True)
class Seeded:
    article_id: int
    first_statement: int
    second_statement: int


def seed_hostile_store(store: Store) -> Seeded:
    """Store the hostile article, codebook and statements through the core."""
    added = add_article(
        store, ArticleDraft(text=TEXT, title=TITLE, source=SOURCE, url=URL, origin=ORIGIN)
    )
    article_id = added.article_id
    with store.session(write=True) as session:
        session.get(Article, article_id).analysed_version = PIPELINE_VERSION
        start = TEXT.index(hostile("text"))
        session.add(
            Entity(
                article_id=article_id,
                start=start,
                end=start + len(hostile("text")),
                label="ORG",
                text=hostile("text"),
            )
        )
    stance_scale.set_stance_scale(store, sorted(STANCE_LABELS.items()), annotator=ANNOTATOR)
    actor = codebook_actors.create_actor(store, ACTOR, annotator=ANNOTATOR, aliases=[ALIAS])
    second = codebook_actors.create_actor(store, SECOND_ACTOR, annotator=ANNOTATOR)
    codebook_actors.merge_actors(store, second.id, actor.id, annotator=ANNOTATOR)
    concept = codebook_concepts.create_concept(
        store, CONCEPT, annotator=ANNOTATOR, description=DESCRIPTION
    )
    speaker = TEXT.index("The minister")
    made = []
    for quote, stance, note in ((QUOTE_ONE, 1, NOTE), (QUOTE_TWO, -1, FORMULA_NOTE)):
        start = TEXT.index(quote)
        made.append(
            annotation.create_statement(
                store,
                article_id,
                start,
                start + len(quote),
                annotator=ANNOTATOR,
                speaker_start=speaker,
                speaker_end=speaker + len("The minister"),
                actor_id=actor.id,
                concept_id=concept.id,
                stance=stance,
                kind="direct",
                note=note,
            ).id
        )
    return Seeded(article_id, made[0], made[1])


@pytest.fixture(scope="module")
def server_env() -> dict[str, str]:
    """Accounts off, and the solo user's name is the hostile one (the typed name is gone)."""
    return {"QUOTEGRAPH_ACCOUNTS": "off", "QUOTEGRAPH_SOLO_NAME": ANNOTATOR}


@pytest.fixture(scope="module")
def seeded(browser: Browser, streamlit_server: StreamlitServer, store: Store) -> Seeded:
    """The hostile article, codebook and statements, stored after the app's first run.

    The first run loads the sample articles, so the hostile article is then the newest one, the
    one every picker shows first.
    """
    context = browser.new_context()
    try:
        open_app(context.new_page(), streamlit_server.url)
    finally:
        context.close()

    return seed_hostile_store(store)


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    """Every alert, confirm or prompt the page opens (each dismissed at once)."""
    opened: list[str] = []
    page.on("dialog", lambda dialog: (opened.append(dialog.message), dialog.dismiss()))
    return opened


def injected_elements(page: Page) -> list[str]:
    """What the payloads made of the page, in every frame (cross-origin ones included)."""
    found: list[str] = []
    for frame in page.frames:
        found += [f"{frame.url}: {hit}" for hit in frame.evaluate(_INJECTED_ELEMENTS_JS)]
    return found


def assert_safe(page: Page, dialogs: list[str]) -> None:
    page.wait_for_timeout(300)  # an onerror or onload handler fires right after insertion
    assert injected_elements(page) == []
    assert dialogs == []


def assert_shown(page: Page, *texts: str) -> None:
    """Each of ``texts`` is shown, character for character (waiting for widgets that fill in
    their value a moment after the run ends)."""
    try:
        page.wait_for_function(
            f"(texts) => {{ const shown = ({_SHOWN_TEXT_JS})(); "
            "return texts.every((text) => shown.includes(text)); }",
            arg=list(texts),
            timeout=5_000,
        )
    except PlaywrightTimeoutError:
        shown = page.evaluate(_SHOWN_TEXT_JS)
        missing = [text for text in texts if text not in shown]
        raise AssertionError(f"not shown as typed: {missing}") from None


def hover_actor_node(page: Page) -> dict[str, float]:
    """Put the mouse on the actor node once the chart has stopped moving (Streamlit redraws it
    at its container's width after the first paint)."""
    centre = page.evaluate(_ACTOR_NODE_CENTRE_JS)
    for _ in range(20):
        page.wait_for_timeout(200)
        again = page.evaluate(_ACTOR_NODE_CENTRE_JS)
        if again == centre:
            break
        centre = again
    page.mouse.move(centre["x"] - 3, centre["y"] - 3)
    page.mouse.move(centre["x"], centre["y"], steps=3)
    return centre


def as_query(value: str) -> str:
    return urllib.parse.quote(value, safe="")


# --- the pages --------------------------------------------------------------------------------


def test_library_shows_hostile_titles_file_names_and_urls_as_text(
    app: AppDriver, seeded: Seeded, dialogs: list[str]
) -> None:
    page = app.page
    app.open()
    # The picker names the newest article: title, source and its id.
    assert_shown(page, f"{TITLE} — {SOURCE}", f"(#{seeded.article_id})")
    assert_safe(page, dialogs)

    # A file whose text is already stored (a duplicate, named in the report) and a broken PDF
    # (a failure, named with its reason): both names are hostile.
    page.get_by_role("tab", name="Upload files").click()
    # The article uploader of the Add articles tabs (the Team panel has a statement uploader).
    page.get_by_test_id("stTabs").get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        [
            {"name": UPLOAD_NAME, "mimeType": "text/plain", "buffer": TEXT.encode()},
            {"name": BROKEN_UPLOAD_NAME, "mimeType": "application/pdf", "buffer": b"not a pdf"},
        ]
    )
    chips = page.get_by_test_id("stFileChipName")
    expect(chips).to_have_count(2)
    # The chips shorten long names in the middle and give the whole name as their title.
    assert [chip.get_attribute("title") for chip in chips.all()] == [
        UPLOAD_NAME,
        BROKEN_UPLOAD_NAME,
    ]
    page.get_by_role("button", name="Import files").click()
    app.wait_for_idle()
    duplicate = page.get_by_test_id("stAlertContentInfo").inner_text()
    # The browser sends a file name's " as %22 (the HTML rules for multipart form data).
    received_name = UPLOAD_NAME.replace('"', "%22")
    assert f"Already in the library, not added again: {received_name}" in duplicate
    failure = page.get_by_test_id("stAlertContentError").inner_text()
    assert BROKEN_UPLOAD_NAME.replace('"', "%22") + ": could not be read" in failure
    assert_safe(page, dialogs)
    app.screenshot("hostile-library-upload")

    # The delete confirmation names the article in Markdown.
    page.get_by_role("button", name="Delete", exact=True).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text(f"Delete {TITLE} and its 2 statements?")
    assert_safe(page, dialogs)
    app.screenshot("hostile-library-delete-dialog")
    dialog.get_by_role("button", name="Cancel").click()
    app.wait_for_idle()
    expect(page.get_by_role("dialog")).to_have_count(0)

    page.get_by_role("tab", name="From a URL").click()
    page.get_by_label("Address of the article").fill(URL)
    page.get_by_role("button", name="Fetch article").click()
    app.wait_for_idle()
    refused = page.get_by_test_id("stAlertContentError").inner_text()
    assert URL in refused
    assert_safe(page, dialogs)
    app.screenshot("hostile-library-url")


def test_annotate_shows_hostile_text_names_and_notes_as_text(
    app: AppDriver, store: Store, seeded: Seeded, dialogs: list[str]
) -> None:
    page = app.page
    app.open(
        f"annotate?article={seeded.article_id}&statement={seeded.first_statement}"
        f"&annotator={as_query(ANNOTATOR)}"
    )
    page.locator(f'{TEXT_BOX} .qg-sel[data-sid="{seeded.first_statement}"]').first.wait_for()

    view_text = page.locator(TEXT_BOX).inner_text()
    for paragraph in TEXT.split("\n\n"):
        assert paragraph in view_text
    assert page.locator(f"{TEXT_BOX} .qg-ent").inner_text() == hostile("text")
    hover = page.locator(f'{TEXT_BOX} [data-sid="{seeded.first_statement}"]').first
    tooltip = hover.get_attribute("title") or ""
    for line in (f"Speaker: {ACTOR}", f"Concept: {CONCEPT}", f"Note: {NOTE}"):
        assert line in tooltip
    assert f"Stance: {STANCE_LABELS[1]}" in tooltip
    assert_shown(
        page,
        f"Annotating as {ANNOTATOR}",
        TITLE,  # the article picker
        QUOTE_ONE,  # the editor's quote
        f"{ACTOR} ({ALIAS}, {SECOND_ACTOR})",  # the actor picker: name, alias, merged name
        CONCEPT,
        *STANCE_LABELS.values(),  # the stance control's options
        NOTE,  # the note box
    )
    assert_safe(page, dialogs)
    app.screenshot("hostile-annotate")

    # Someone else changes the statement first: the refusal names them, the actor and concept.
    current = annotation.get_statement(store, seeded.first_statement)
    annotation.update_statement(
        store,
        seeded.first_statement,
        expected_version=current.version,
        annotator=RIVAL,
        kind="mixed",
    )
    page.keyboard.press("r")
    app.wait_for_idle()
    warning = page.get_by_test_id("stAlertContentWarning").inner_text()
    assert "Not saved" in warning
    for shown in (f"actor {ACTOR}", f"concept {CONCEPT}", f"last changed by {RIVAL}"):
        assert shown in warning
    assert annotation.get_statement(store, seeded.first_statement).status == "accepted"
    assert_safe(page, dialogs)
    app.screenshot("hostile-annotate-conflict")


def test_codebook_shows_hostile_concepts_actors_and_aliases_as_text(
    app: AppDriver, seeded: Seeded, dialogs: list[str]
) -> None:
    page = app.page
    app.open(f"codebook?annotator={as_query(ANNOTATOR)}")
    expect(page.get_by_role("heading", name="Codebook")).to_be_visible()
    # The concept picker, its edit form (values) and the delete button's label.
    assert_shown(page, CONCEPT, DESCRIPTION, f"Delete {CONCEPT}")
    assert_safe(page, dialogs)
    app.screenshot("hostile-codebook-concepts")

    page.get_by_role("tab", name="Actors").click()
    app.wait_for_idle()
    assert_shown(
        page,
        f"{ACTOR} ({ALIAS}, {SECOND_ACTOR})",  # the actor picker, with both aliases
        ALIAS,  # the alias picker
        f"{SECOND_ACTOR} → {ACTOR}",  # the merge, with its Unmerge button
    )
    assert_safe(page, dialogs)
    app.screenshot("hostile-codebook-actors")

    page.get_by_role("tab", name="Stance scale").click()
    app.wait_for_idle()
    assert_safe(page, dialogs)


def test_explore_shows_hostile_actor_concept_and_stance_names_as_text(
    app: AppDriver, seeded: Seeded, dialogs: list[str]
) -> None:
    page = app.page
    app.open("explore")
    network = page.get_by_role("tabpanel", name="Network")
    network.locator(".js-plotly-plot .scatterlayer").first.wait_for()
    # Node labels are cut to 28 characters; hovering a node shows its whole name.
    assert_shown(page, ACTOR[:27], CONCEPT[:27])
    centre = hover_actor_node(page)
    expect(page.locator(".hoverlayer .hovertext")).to_contain_text(ACTOR)
    assert_safe(page, dialogs)
    # Clicking it lists the statements behind it under the actor's name.
    page.mouse.click(centre["x"], centre["y"])
    app.wait_for_idle()
    expect(network.get_by_role("link", name="Open in Annotate")).to_have_count(2)
    assert_shown(page, f"Statements behind {ACTOR}")
    assert_safe(page, dialogs)
    app.screenshot("hostile-explore-network")

    page.get_by_role("tab", name="Stance counts").click()
    app.wait_for_idle()
    stance_panel = page.get_by_role("tabpanel", name="Stance counts")
    stance_panel.locator(".js-plotly-plot .barlayer").first.wait_for()
    # Bar labels are cut to 40 characters; the legend names the stances in full.
    assert_shown(page, ACTOR[:39], STANCE_LABELS[1], STANCE_LABELS[-1])
    assert_safe(page, dialogs)

    page.get_by_role("tab", name="Mixed messages").click()
    app.wait_for_idle()
    mixed = page.get_by_role("tabpanel", name="Mixed messages")
    expect(mixed).to_contain_text("Open in Annotate")
    # The case picker and both statement cards: words, speaker, stance, concept, title.
    assert_shown(
        page,
        f"{ACTOR} on {CONCEPT}: 1 for, 1 against",
        f"“{QUOTE_ONE}”",
        f"“{QUOTE_TWO}”",
        f"{ACTOR} · {STANCE_LABELS[1]} on {CONCEPT} · {TITLE}",
        f"{ACTOR} · {STANCE_LABELS[-1]} on {CONCEPT} · {TITLE}",
    )
    assert_safe(page, dialogs)
    app.screenshot("hostile-explore-mixed")


def test_export_shows_hostile_titles_as_text_and_neutralises_formulas(
    app: AppDriver, seeded: Seeded, dialogs: list[str]
) -> None:
    page = app.page
    app.open("export")
    app.choose_option(page.get_by_role("combobox", name="Articles"), TITLE)
    # Close the list (it stays open for more picks) so the next click reaches the button.
    page.locator("h1").first.click()
    expect(page.get_by_role("listbox")).to_have_count(0)
    app.wait_for_idle()
    assert_shown(page, TITLE)
    assert_safe(page, dialogs)
    app.screenshot("hostile-export")

    with page.expect_download() as download:
        page.get_by_role("button", name="CSV: one row per statement").click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text("utf-8-sig"))))
    notes = {int(row["statement_id"]): row["note"] for row in rows}
    assert notes == {seeded.first_statement: NOTE, seeded.second_statement: "'" + FORMULA_NOTE}
    assert_safe(page, dialogs)


def test_a_hostile_solo_name_is_kept_as_text(
    app: AppDriver, seeded: Seeded, dialogs: list[str]
) -> None:
    page = app.page
    app.open("codebook")
    assert_shown(page, f"Annotating as {ANNOTATOR}")
    assert_safe(page, dialogs)


def test_the_checks_catch_a_payload_that_got_through(page: Page, dialogs: list[str]) -> None:
    """The probes above, on a page where payloads did get in (in the page, a shadow root and a
    frame): each one is found, so a clean result on the app means something."""
    page.set_content(
        "<div id=host></div>"
        "<p><img src=x onerror=alert('page')><strong>title-bold</strong>"
        "<a href=\"javascript:alert('link')\">title-link</a></p>"
        "<iframe srcdoc=\"<svg onload=alert('frame')></svg>\"></iframe>"
        "<script>document.getElementById('host').attachShadow({mode: 'open'}).innerHTML ="
        " \"<img src=x onerror=alert('shadow')>\";</script>"
    )
    page.wait_for_timeout(500)
    found = " | ".join(injected_elements(page))
    for hit in (
        "page: img[src=x]",
        "page: <strong>title-bold</strong> drawn from Markdown",
        "page: link drawn from Markdown",
        "page: a[href=javascript:alert('link')]",
        "shadow root of div: img[src=x]",
        "page > iframe: svg[onload=alert('frame')]",
    ):
        assert hit in found
    assert sorted(dialogs) == ["frame", "page", "shadow"]
    with pytest.raises(AssertionError, match="not shown as typed"):
        assert_shown(page, "<img src=x onerror=alert('page')>")
