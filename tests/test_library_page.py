"""The Library page through Streamlit's AppTest, on a temporary SQLite store."""

from __future__ import annotations

import csv
import datetime as dt
import io
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import resources
from components.plain_text import escape_markdown
from quotegraph.analysis import corpus as corpus_analysis
from quotegraph.annotation.statements import create_statement
from quotegraph.exports.tables import articles_csv
from quotegraph.store.articles import ArticleDraft, add_article, get_article, list_articles
from quotegraph.store.db import Store

APP = str(Path(__file__).resolve().parent.parent / "app.py")
SEED_TITLE = "Iran Shows Mixed Message After Backing Away From Conflict With U.S."
PASTED = (
    "Mayor Plans New Tram Line\n\n"
    '"We will build it by 2030," the mayor said on Monday, promising cheaper fares.'
)


@pytest.fixture
def app(store_url: str) -> AppTest:
    return AppTest.from_file(APP, default_timeout=30).run()


def titles_listed(app: AppTest) -> list[str]:
    return list(app.dataframe[0].value["Title"]) if app.dataframe else []


def by_label(widgets, label: str):  # noqa: ANN001, ANN201
    matches = [widget for widget in widgets if widget.label == label]
    assert len(matches) == 1, f"expected one widget labelled {label!r}"
    return matches[0]


def test_new_store_lists_the_sample_article_with_its_metadata(app: AppTest) -> None:
    assert not app.exception
    rows = app.dataframe[0].value
    assert list(rows["Title"]) == [SEED_TITLE]
    assert list(rows["Source"]) == ["The New York Times (syndication feed)"]
    assert str(rows["Published"].iloc[0]) == "2020-01-09"
    assert rows["Words"].iloc[0] > 1000
    assert list(rows["Suggested"]) == [0] and list(rows["Accepted"]) == [0]


def test_search_filters_by_title_source_or_text(app: AppTest, app_store: Store) -> None:
    add_article(app_store, ArticleDraft(text="Budget talks stall in Rome.", title="Budget news"))
    app.run()
    assert sorted(titles_listed(app)) == sorted([SEED_TITLE, "Budget news"])

    app.text_input(key="library.search").input("rome").run()
    assert titles_listed(app) == ["Budget news"]

    app.text_input(key="library.search").input("syndication").run()
    assert titles_listed(app) == [SEED_TITLE]

    app.text_input(key="library.search").input("no such words anywhere").run()
    assert titles_listed(app) == []
    assert any("No article matches" in info.value for info in app.info)


def test_pasted_text_is_imported_and_listed(app: AppTest, app_store: Store) -> None:
    by_label(app.text_area, "Article text").input(PASTED)
    by_label(app.button, "Add article").click().run()

    assert not app.exception
    assert [s.value for s in app.success] == ["Imported 1 article."]
    assert "Mayor Plans New Tram Line" in titles_listed(app)
    stored = {a.title: a for a in list_articles(app_store)}
    assert stored["Mayor Plans New Tram Line"].word_count == 19
    assert get_article(app_store, stored["Mayor Plans New Tram Line"].id).text == PASTED

    # The same text again is recognised, not stored twice.
    by_label(app.text_area, "Article text").input(PASTED)
    by_label(app.button, "Add article").click().run()
    assert any("Already in the library" in info.value for info in app.info)
    assert len(list_articles(app_store)) == 2


def test_pasted_text_takes_the_given_title(app: AppTest, app_store: Store) -> None:
    by_label(app.text_input, "Title").input("Tram *plans* [link](http://x)")
    by_label(app.text_area, "Article text").input(PASTED)
    by_label(app.button, "Add article").click().run()
    assert "Tram *plans* [link](http://x)" in [a.title for a in list_articles(app_store)]


def test_bad_uploads_show_why_and_the_rest_of_the_batch_imports(
    app: AppTest, app_store: Store
) -> None:
    app.file_uploader[0].set_value(
        [
            ("empty.txt", b"", "text/plain"),
            ("table.csv", b"headline,body\nA,B\n", "text/csv"),
            ("good.txt", b"Harbour Reopens\n\nThe harbour reopened today.", "text/plain"),
        ]
    )
    by_label(app.button, "Import files").click().run()

    assert not app.exception
    errors = [e.value for e in app.error]
    assert len(errors) == 2
    assert errors[0].startswith(f"**{escape_markdown('empty.txt')}**: ")
    assert "empty" in errors[0].split("**: ", 1)[1]
    assert errors[1].startswith(f"**{escape_markdown('table.csv')}**: ")
    assert "text column" in errors[1]
    assert [s.value for s in app.success] == ["Imported 1 article."]
    assert sorted(a.title for a in list_articles(app_store)) == sorted(
        [SEED_TITLE, "Harbour Reopens"]
    )


def test_delete_asks_first_and_removes_the_article_once_confirmed(
    app: AppTest, app_store: Store
) -> None:
    kept = add_article(app_store, ArticleDraft(text="Budget talks stall in Rome.", title="Budget"))
    app.run()
    seed_id = next(a.id for a in list_articles(app_store) if a.title == SEED_TITLE)
    app.selectbox(key="library.actions.article").select(seed_id).run()

    app.button(key="library.actions.delete").click().run()
    assert len(list_articles(app_store)) == 2, "nothing is deleted before the confirmation"
    app.button(key="library.delete.cancel").click().run()
    assert len(list_articles(app_store)) == 2

    app.button(key="library.actions.delete").click().run()
    app.button(key="library.delete.confirm").click().run()

    assert [a.id for a in list_articles(app_store)] == [kept.article_id]
    assert titles_listed(app) == ["Budget"]
    assert any(SEED_TITLE.split(" ")[0] in s.value for s in app.success)


def test_a_bad_store_url_shows_an_error_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("QUOTEGRAPH_DB_URL", "nosuchdriver://somewhere/db")
    app = AppTest.from_file(APP, default_timeout=30).run()
    assert not app.exception
    assert len(app.error) == 1
    assert "could not be opened" in app.error[0].value
    assert "nosuchdriver" in app.error[0].value
    assert not app.dataframe


ARTICLE_PAGE = b"""<!doctype html>
<html><head><title>Port Deal Signed After Long Talks</title>
<meta name="date" content="2024-05-02"></head>
<body><article><h1>Port Deal Signed After Long Talks</h1>
<p>The harbour authority and the dock workers' union signed a pay deal on Thursday after
three weeks of talks that had closed the port to container traffic.</p>
<p>"This is a fair settlement for everyone who works here," the union leader Maria Costa told
reporters outside the harbour office, adding that members would vote on it next week.</p>
<p>The authority's director said ships would start docking again on Friday morning and that
the backlog of cargo should be cleared within ten days.</p>
<script>document.title = "hacked"</script>
</article></body></html>"""


@pytest.fixture
def article_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A local web server with one article page; private addresses are allowed for the test."""
    monkeypatch.setenv("QUOTEGRAPH_ALLOW_PRIVATE_URLS", "1")

    class OneArticle(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(ARTICLE_PAGE)))
            self.end_headers()
            self.wfile.write(ARTICLE_PAGE)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), OneArticle)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_an_article_is_fetched_from_a_url(
    app: AppTest, app_store: Store, article_server: str
) -> None:
    by_label(app.text_input, "Address of the article").input(f"{article_server}/port-deal")
    by_label(app.button, "Fetch article").click().run()

    assert not app.exception
    assert [s.value for s in app.success] == ["Imported 1 article."]
    (fetched,) = [a for a in list_articles(app_store) if a.title != SEED_TITLE]
    assert fetched.title == "Port Deal Signed After Long Talks"
    assert fetched.url == f"{article_server}/port-deal"
    text = get_article(app_store, fetched.id).text
    assert "fair settlement" in text and "hacked" not in text


def test_an_unreachable_url_shows_why(
    app: AppTest, app_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUOTEGRAPH_ALLOW_PRIVATE_URLS", "1")
    with socket.socket() as probe:  # a port nothing listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{closed_port}/gone"
    by_label(app.text_input, "Address of the article").input(url)
    by_label(app.button, "Fetch article").click().run()

    assert not app.exception
    (error,) = [e.value for e in app.error]
    assert escape_markdown(f"127.0.0.1:{closed_port}") in error
    assert [a.title for a in list_articles(app_store)] == [SEED_TITLE]


def test_a_store_file_that_is_not_a_database_shows_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "notes.db"
    broken.write_bytes(b"these are my notes, not an SQLite database\n" * 200)
    monkeypatch.setenv("QUOTEGRAPH_DB_URL", f"sqlite:///{broken}")
    app = AppTest.from_file(APP, default_timeout=30).run()
    assert not app.exception
    assert len(app.error) == 1
    assert "not a database" in app.error[0].value
    assert broken.read_bytes().startswith(b"these are my notes"), "the file is left as it was"


def test_annotate_opens_the_chosen_article_with_its_id_in_the_address(
    app: AppTest, app_store: Store
) -> None:
    other = add_article(app_store, ArticleDraft(text="Budget talks stall in Rome.", title="Budget"))
    app.run()
    app.selectbox(key="library.actions.article").select(other.article_id).run()
    app.button(key="library.actions.open").click().run()

    assert not app.exception
    assert app.session_state["article_id"] == other.article_id
    assert app.query_params["article"] == str(other.article_id)
    assert not app.dataframe, "the Library is no longer the page shown"


def _wait_until_analysed(app_store: Store, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(get_article(app_store, a.id).analysed_version for a in list_articles(app_store)):
            return
        time.sleep(0.2)
    raise AssertionError("the background analysis did not finish")


def test_analyse_all_runs_in_the_background_and_the_panel_follows_it(
    app: AppTest, app_store: Store
) -> None:
    assert "0 of 1 article analysed" in app.markdown[0].value
    start = app.button(key="library.analysis.start")
    assert not start.disabled
    start.click().run()
    assert not app.exception
    # The page run ended while the analysis goes on in its own thread.
    stop = [button for button in app.button if button.key == "library.analysis.stop"]
    assert stop or "1 of 1 article analysed" in app.markdown[0].value
    _wait_until_analysed(app_store)
    app.run()
    panel = app.markdown[0].value
    assert "1 of 1 article analysed" in panel and "waiting" not in panel
    assert app.button(key="library.analysis.start").disabled
    suggested = app.dataframe[0].value["Suggested"].iloc[0]
    assert suggested > 0  # the seed article's statements, without opening it


def test_an_import_is_analysed_without_opening_it(app: AppTest, app_store: Store) -> None:
    by_label(app.text_area, "Article text").input(PASTED)
    by_label(app.button, "Add article").click().run()
    assert not app.exception
    _wait_until_analysed(app_store)
    stored = {a.title: a for a in list_articles(app_store)}
    assert get_article(app_store, stored["Mayor Plans New Tram Line"].id).analysed_version


def test_articles_the_analysis_cannot_read_are_listed_with_why(
    app: AppTest, app_store: Store, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def breaking(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the parser gave <b>up</b>")

    # The background analysis runs in this process: every article fails.
    monkeypatch.setattr(corpus_analysis, "analyse_texts", breaking)
    monkeypatch.setattr(corpus_analysis, "analyse_text", breaking)
    app.button(key="library.analysis.start").click().run()
    background = resources._background_analysis(None, store_url)
    assert background.wait(60)
    app.run()
    assert not app.exception
    assert "1 article could not be analysed" in app.warning[0].value
    failures = app.dataframe[0].value
    assert list(failures["Title"]) == [SEED_TITLE]
    assert list(failures["Why"]) == ["the analysis failed: RuntimeError: the parser gave <b>up</b>"]
    assert "0 of 1 article analysed" in app.markdown[0].value  # it is tried again next time


def _three_sources(app_store: Store) -> dict[str, int]:
    """Two more articles beside the sample: one from AP dated 2026, one pasted without either."""
    ap = add_article(
        app_store,
        ArticleDraft(
            text="Budget talks stall in Rome.",
            title="Budget",
            source="AP",
            published=dt.date(2026, 2, 1),
        ),
    )
    pasted = add_article(
        app_store, ArticleDraft(text="Harbour reopens after storm.", title="Harbour")
    )
    return {"ap": ap.article_id, "pasted": pasted.article_id}


def test_filters_narrow_the_list_by_source_date_and_analysis(
    app: AppTest, app_store: Store
) -> None:
    _three_sources(app_store)
    app.run()
    assert sorted(titles_listed(app)) == sorted([SEED_TITLE, "Budget", "Harbour"])

    app.multiselect(key="library.filters.sources").set_value(["AP", ""]).run()
    assert sorted(titles_listed(app)) == ["Budget", "Harbour"]
    assert any("2 of 3 articles" in caption.value for caption in app.caption)

    app.multiselect(key="library.filters.sources").set_value([]).run()
    by_label(app.date_input, "Published between").set_value(
        (dt.date(2025, 1, 1), dt.date(2026, 2, 1))
    ).run()
    assert titles_listed(app) == ["Budget"]

    by_label(app.date_input, "Published between").set_value(
        (dt.date(2020, 1, 9), dt.date(2026, 2, 1))
    ).run()  # the full range: undated articles stay in
    app.selectbox(key="library.filters.analysed").select("no").run()
    assert sorted(titles_listed(app)) == sorted([SEED_TITLE, "Budget", "Harbour"])
    app.selectbox(key="library.filters.analysed").select("yes").run()
    assert titles_listed(app) == []


def test_bulk_delete_of_the_listed_articles_asks_first(app: AppTest, app_store: Store) -> None:
    _three_sources(app_store)
    app.run()
    assert app.button(key="library.bulk.delete").disabled, "no row selected yet"
    app.multiselect(key="library.filters.sources").set_value(["AP", ""]).run()
    app.segmented_control(key="library.bulk.scope").set_value("listed").run()
    app.button(key="library.bulk.delete").click().run()
    assert len(list_articles(app_store)) == 3, "nothing is deleted before the confirmation"
    assert any("2 articles" in markdown.value for markdown in app.markdown)
    app.button(key="library.delete.confirm").click().run()
    assert [a.title for a in list_articles(app_store)] == [SEED_TITLE]
    assert any("Deleted 2 articles" in s.value for s in app.success)


def test_bulk_export_writes_the_listed_articles_statements_with_their_source(
    app: AppTest, app_store: Store
) -> None:
    ids = _three_sources(app_store)
    statement = create_statement(app_store, ids["ap"], 0, 12, annotator="ana")
    other = create_statement(app_store, ids["pasted"], 0, 7, annotator="ana")
    app.run()
    app.multiselect(key="library.filters.sources").set_value(["AP"]).run()
    app.segmented_control(key="library.bulk.scope").set_value("listed").run()
    rows = list(csv.DictReader(io.StringIO(articles_csv(app_store, (ids["ap"],)))))
    assert [(row["statement_id"], row["article_source"]) for row in rows] == [
        (str(statement.id), "AP")
    ]
    assert str(other.id) not in {row["statement_id"] for row in rows}
    assert not app.download_button(key="library.bulk.export").disabled


def test_details_are_edited_in_a_dialog_and_the_edit_undone(app: AppTest, app_store: Store) -> None:
    ids = _three_sources(app_store)
    app.session_state["annotator"] = "ana"
    app.run()
    app.selectbox(key="library.actions.article").select(ids["pasted"]).run()
    app.button(key="library.actions.details").click().run()
    app.text_input(key="library.details.title").input("Harbour reopens")
    app.text_input(key="library.details.source").input("Local Gazette")
    app.checkbox(key="library.details.no_date").uncheck()
    app.date_input(key="library.details.published").set_value(dt.date(2026, 3, 5))
    app.button(key="FormSubmitter:library.details.form-Save details").click().run()

    assert not app.exception
    edited = get_article(app_store, ids["pasted"])
    assert (edited.title, edited.source, edited.published) == (
        "Harbour reopens",
        "Local Gazette",
        dt.date(2026, 3, 5),
    )
    assert "Harbour reopens" in titles_listed(app)
    picker = app.selectbox(key="library.actions.article")
    assert any(option.startswith("Harbour reopens — Local Gazette") for option in picker.options)
    assert any("Saved the details" in s.value for s in app.success)

    app.button(key="library.undo_edit").click().run()
    restored = get_article(app_store, ids["pasted"])
    assert (restored.title, restored.source, restored.published) == ("Harbour", None, None)
    assert any("Undone:" in info.value and "title" in info.value for info in app.info)


def test_bulk_analyse_runs_the_machine_over_the_listed_articles(
    app: AppTest, app_store: Store
) -> None:
    ids = _three_sources(app_store)
    app.run()
    app.selectbox(key="library.filters.analysed").select("no").run()
    app.multiselect(key="library.filters.sources").set_value(["AP", ""]).run()
    app.segmented_control(key="library.bulk.scope").set_value("listed").run()
    app.button(key="library.bulk.analyse").click()
    app.run(timeout=120)
    assert not app.exception
    assert any("Analysed 2 articles" in s.value for s in app.success), [
        s.value for s in app.success
    ]
    for article_id in ids.values():
        assert get_article(app_store, article_id).analysed_version is not None
    assert titles_listed(app) == []  # none left unanalysed among these sources
