"""The Explore page under AppTest: a store coded through the core, the page rendered from it,
and the filters, network options and empty state changing what it shows."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from statement_helpers import span
from streamlit.testing.v1 import AppTest

from components.statement_list import SPEECH_BADGE
from quotegraph.annotation import statement_table
from quotegraph.annotation.codebook_actors import create_actor, set_affiliation
from quotegraph.annotation.codebook_concepts import create_concept
from quotegraph.annotation.statements import create_statement, get_statement, update_statement
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import Store, open_store

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ANALYST = "tester"

ARTICLE_TEHRAN = (
    'Hassan Rouhani said the sanctions "are a crime against our people". '
    'Later he said the sanctions "may bring both sides to the table". '
    'Rouhani added that the nuclear deal "must be saved".'
)
ARTICLE_WASHINGTON = (
    'Donald Trump said the sanctions "will stay until Iran changes course". '
    'Trump called the nuclear deal "the worst deal ever". '
    'Angela Merkel said the nuclear deal "is worth keeping".'
)


def populate_explore_store(store: Store) -> dict[str, int]:
    """Two dated articles, four actors (two under an affiliation), two concepts; five accepted
    statements with Rouhani on both sides of the sanctions, and Merkel's one as a suggestion.

    Returns the ids by name: articles, actors, concepts and statements.
    """
    ids: dict[str, int] = {}
    ids["tehran"] = add_article(
        store,
        ArticleDraft(ARTICLE_TEHRAN, "Rouhani on sanctions", published=dt.date(2025, 3, 1)),
    ).article_id
    ids["washington"] = add_article(
        store,
        ArticleDraft(ARTICLE_WASHINGTON, "Trump on the deal", published=dt.date(2025, 3, 10)),
    ).article_id
    ids["Iran"] = create_actor(store, "Iran", annotator=ANALYST, actor_type="group").id
    for name in ("Hassan Rouhani", "Donald Trump", "Angela Merkel"):
        ids[name] = create_actor(store, name, annotator=ANALYST).id
    set_affiliation(store, ids["Hassan Rouhani"], ids["Iran"], annotator=ANALYST)
    for name in ("sanctions", "nuclear deal"):
        ids[name] = create_concept(store, name, annotator=ANALYST).id

    coded = [
        ("against", "tehran", ARTICLE_TEHRAN, "are a crime against our people", "Hassan Rouhani",
         "sanctions", -1),
        ("for", "tehran", ARTICLE_TEHRAN, "may bring both sides to the table", "Hassan Rouhani",
         "sanctions", 1),
        ("saved", "tehran", ARTICLE_TEHRAN, "must be saved", "Hassan Rouhani", "nuclear deal", 1),
        ("stay", "washington", ARTICLE_WASHINGTON, "will stay until Iran changes course",
         "Donald Trump", "sanctions", 1),
        ("worst", "washington", ARTICLE_WASHINGTON, "the worst deal ever", "Donald Trump",
         "nuclear deal", -1),
        ("keeping", "washington", ARTICLE_WASHINGTON, "is worth keeping", "Angela Merkel",
         "nuclear deal", 1),
    ]  # fmt: skip
    for name, article, text, words, actor, concept, stance in coded:
        start, end = span(text, words)
        view = create_statement(
            store,
            ids[article],
            start,
            end,
            annotator=ANALYST,
            actor_id=ids[actor],
            concept_id=ids[concept],
            stance=stance,
            kind="direct",
        )
        ids[name] = view.id
        if name == "keeping":
            update_statement(
                store, view.id, expected_version=view.version, annotator=ANALYST,
                status="suggested",
            )  # fmt: skip
    return ids


@pytest.fixture
def coded_store(store_url: str) -> Iterator[dict[str, int]]:
    store = open_store(store_url)
    ids = populate_explore_store(store)
    store.dispose()
    yield ids


def open_explore() -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.switch_page("app_pages/explore.py")
    return app.run()


def _summary(app: AppTest) -> str:
    return next(c.value for c in app.caption if " statements by " in c.value)


def _charts(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def _labels(figure: dict) -> set[str]:
    """Node labels drawn on a network figure."""
    return {
        text
        for trace in figure["data"]
        if trace.get("mode") == "markers+text"
        and (trace.get("customdata") or [[None]])[0][0] == "node"  # edge dots show weights
        for text in trace.get("text", [])
        if text
    }


def _open_tab(app: AppTest, name: str) -> AppTest:
    """Switch to one of the page's tabs, as a click on it does: only the open tab runs."""
    app.session_state["explore_tab"] = name
    return app.run()


def _mixed_cases(app: AppTest) -> list[str]:
    cases = [box for box in app.selectbox if box.key == "explore_mixed-case"]
    return list(cases[0].options) if cases else []


def test_renders_the_network_of_accepted_statements(coded_store: dict[str, int]) -> None:
    app = open_explore()
    assert not app.exception
    assert app.title[0].value == "Explore"
    assert _summary(app) == "5 statements by 2 actors on 2 concepts in 2 articles."
    network = _charts(app)[0]
    assert _labels(network) == {"Hassan Rouhani", "Donald Trump", "sanctions", "nuclear deal"}
    # the suggestion (Merkel) does not count by default
    assert "Angela Merkel" not in json.dumps(network)
    # Rouhani took both sides of the sanctions: an edge drawn in the "both sides" colour
    mixed = [t for t in network["data"] if t.get("name") == "both sides"]
    assert len(mixed) == 1
    # the closed tabs did not run: no stance chart, no mixed messages yet
    assert len(_charts(app)) == 1 and _mixed_cases(app) == []
    # the mixed message is listed with its two sides
    _open_tab(app, "Mixed messages")
    assert not app.exception
    assert not app.get("plotly_chart")  # the network tab, closed now, did not run
    assert _mixed_cases(app) == ["Hassan Rouhani on sanctions: 1 for, 1 against"]
    assert any("are a crime against our people" in m.value for m in app.markdown)
    assert any("may bring both sides to the table" in m.value for m in app.markdown)


def test_filters_change_what_is_counted(coded_store: dict[str, int]) -> None:
    app = open_explore()
    app.toggle(key="explore_suggested").set_value(True).run()
    assert _summary(app) == "6 statements by 3 actors on 2 concepts in 2 articles."
    assert "Angela Merkel" in _labels(_charts(app)[0])

    app.multiselect(key="explore_concepts").set_value(["nuclear deal"]).run()
    assert _summary(app) == "3 statements by 3 actors on 1 concepts in 2 articles."
    _open_tab(app, "Mixed messages")
    assert _mixed_cases(app) == []  # no one took both sides of the nuclear deal
    assert any("No mixed messages" in info.value for info in app.info)

    app.multiselect(key="explore_concepts").set_value([]).run()
    app.multiselect(key="explore_articles").set_value([coded_store["tehran"]]).run()
    assert _summary(app) == "3 statements by 1 actors on 2 concepts in 1 articles."

    app.multiselect(key="explore_articles").set_value([]).run()
    app.date_input(key="explore_dates").set_value((dt.date(2025, 3, 5), dt.date(2025, 3, 10)))
    app.run()
    assert _summary(app) == "3 statements by 2 actors on 2 concepts in 1 articles."


def test_grouping_by_affiliation_puts_people_under_their_country(
    coded_store: dict[str, int],
) -> None:
    app = open_explore()
    app.toggle(key="explore_grouped").set_value(True).run()
    labels = _labels(_charts(app)[0])
    assert "Iran" in labels and "Hassan Rouhani" not in labels
    _open_tab(app, "Mixed messages")
    assert _mixed_cases(app) == ["Iran on sanctions: 1 for, 1 against"]
    assert any("Speakers: Hassan Rouhani" in c.value for c in app.caption)


def test_network_type_and_options_change_the_graph(coded_store: dict[str, int]) -> None:
    app = open_explore()
    app.selectbox(key="explore_network").set_value("Actor × actor: conflict").run()
    figure = _charts(app)[0]
    assert _labels(figure) == {"Hassan Rouhani", "Donald Trump"}
    edges = [t for t in figure["data"] if (t.get("customdata") or [[None]])[0][0] == "edge"]
    assert [t["name"] for t in edges] == ["conflict (edge)"]
    assert "Rouhani" in edges[0]["hovertext"][0] and "Trump" in edges[0]["hovertext"][0]
    assert f"weight {edges[0]['text'][0]}<br>" in edges[0]["hovertext"][0]  # beside its dot

    app.segmented_control(key="explore_draw_as").set_value("Matrix").run()
    matrix = _charts(app)[0]
    assert matrix["layout"]["xaxis"]["ticktext"] in (
        ["Hassan Rouhani", "Donald Trump"],
        ["Donald Trump", "Hassan Rouhani"],
    )
    assert len(matrix["data"][0]["x"]) == 2  # one tie, a square on each side of the diagonal

    app.selectbox(key="explore_network").set_value("Actor × statement").run()
    figure = _charts(app)[0]
    statement_nodes = next(t for t in figure["data"] if t.get("name") == "statement")
    assert len(statement_nodes["x"]) == 5

    app.selectbox(key="explore_network").set_value("Actor × concept").run()
    app.selectbox(key="explore_aggregation").set_value("combine").run()
    assert app.selectbox(key="explore_two_mode_norm").disabled
    assert not app.exception


def test_two_linked_actors_are_drawn_in_the_middle_of_the_chart(
    coded_store: dict[str, int],
) -> None:
    app = open_explore()
    app.selectbox(key="explore_network").set_value("Actor × actor: congruence").run()
    figure = _charts(app)[0]
    bottom, top = figure["layout"]["yaxis"]["range"]
    nodes = [t for t in figure["data"] if (t.get("customdata") or [[None]])[0][0] == "node"]
    heights = [(y - bottom) / (top - bottom) for trace in nodes for y in trace["y"]]
    assert len(heights) == 2  # Rouhani and Trump, side by side
    # not at the foot of an empty chart: room below for the markers, above for the labels
    assert all(0.3 < height < 0.6 for height in heights), heights


def test_stance_counts_by_date_and_by_actor(coded_store: dict[str, int]) -> None:
    app = _open_tab(open_explore(), "Stance counts")
    by_actor = _charts(app)[0]
    assert by_actor["layout"]["barmode"] == "stack"
    assert list(by_actor["layout"]["yaxis"]["categoryarray"]) == ["Donald Trump", "Hassan Rouhani"]
    app.radio(key="explore_count_by").set_value("Date").run()
    by_date = _charts(app)[0]
    dates = {x for trace in by_date["data"] for x in trace["x"]}
    assert dates == {"2025-03-01", "2025-03-10"}


def test_empty_store_tells_the_user_what_to_do(store_url: str) -> None:
    store = open_store(store_url)
    ids = populate_explore_store(store)
    for name in ("against", "for", "saved", "stay", "worst"):
        version = get_statement(store, ids[name]).version
        view = update_statement(
            store, ids[name], expected_version=version, annotator=ANALYST, status="suggested"
        )
        assert view.status == "suggested"
    store.dispose()
    app = open_explore()
    assert not app.exception
    assert any("No accepted statements yet" in info.value for info in app.info)
    assert not app.get("plotly_chart")
    app.toggle(key="explore_suggested").set_value(True).run()
    assert _summary(app) == "6 statements by 3 actors on 2 concepts in 2 articles."


def test_a_store_without_statements_shows_the_empty_state(store_url: str) -> None:
    app = open_explore()
    assert not app.exception
    assert any("No accepted statements yet" in info.value for info in app.info)


def test_statements_without_concept_or_stance_are_explained_not_hidden(store_url: str) -> None:
    store = open_store(store_url)
    article = add_article(store, ArticleDraft(ARTICLE_TEHRAN, "Rouhani on sanctions")).article_id
    rouhani = create_actor(store, "Hassan Rouhani", annotator=ANALYST).id
    start, end = span(ARTICLE_TEHRAN, "must be saved")
    create_statement(store, article, start, end, annotator=ANALYST, actor_id=rouhani)
    store.dispose()
    app = open_explore()
    assert not app.exception
    assert any("No statement is coded yet** (1 found)" in info.value for info in app.info)
    assert not app.get("plotly_chart")


def test_the_stance_filter_keeps_one_side_of_the_actor_concept_network(
    coded_store: dict[str, int],
) -> None:
    app = open_explore()
    app.selectbox(key="explore_stance_filter").set_value("disagree").run()
    figure = _charts(app)[0]
    assert _labels(figure) == {"Hassan Rouhani", "Donald Trump", "sanctions", "nuclear deal"}
    edges = [t for t in figure["data"] if (t.get("customdata") or [[None]])[0][0] == "edge"]
    assert [t["name"] for t in edges] == ["disagrees (edge)"]
    assert len(edges[0]["customdata"]) == 2  # Rouhani on sanctions, Trump on the deal


def test_a_stance_no_statement_takes_draws_nothing_and_says_so(
    coded_store: dict[str, int],
) -> None:
    app = open_explore()
    app.selectbox(key="explore_stance_filter").set_value("neutral").run()
    assert not app.exception
    assert any("no statement takes the chosen stance" in c.value for c in app.caption)
    assert _labels(_charts(app)[0]) == set()


def _accept(store_url: str, statement_id: int) -> None:
    """Accept a suggestion through the core, as a click in Annotate (in another tab) does."""
    store = open_store(store_url)
    version = get_statement(store, statement_id).version
    update_statement(
        store, statement_id, expected_version=version, annotator=ANALYST, status="accepted"
    )
    store.dispose()


@pytest.fixture
def store_reads(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """One entry per time the page reads the statement table from the store."""
    reads: list[bool] = []
    read = statement_table.load_statement_table

    def counted(*args: object, **options: object) -> object:
        reads.append(True)
        return read(*args, **options)

    monkeypatch.setattr(statement_table, "load_statement_table", counted)
    return reads


def test_a_decision_made_in_annotate_shows_on_coming_back_and_in_new_sessions(
    coded_store: dict[str, int], store_url: str, store_reads: list[bool]
) -> None:
    app = open_explore()
    assert _summary(app) == "5 statements by 2 actors on 2 concepts in 2 articles."
    assert len(store_reads) == 1
    # another session with the data unchanged is served from the shared cache
    assert _summary(open_explore()) == "5 statements by 2 actors on 2 concepts in 2 articles."
    assert len(store_reads) == 1

    _accept(store_url, coded_store["keeping"])  # Merkel's statement, accepted in Annotate
    app.run()  # a click on this page: the data stay as they were for this visit
    assert _summary(app) == "5 statements by 2 actors on 2 concepts in 2 articles."
    app.switch_page("app_pages/annotate.py").run()
    app.switch_page("app_pages/explore.py").run()
    assert not app.exception
    assert _summary(app) == "6 statements by 3 actors on 2 concepts in 2 articles."
    assert "Angela Merkel" in _labels(_charts(app)[0])
    assert len(store_reads) == 2
    # a new session sees the change too, without reading the store again
    assert _summary(open_explore()) == "6 statements by 3 actors on 2 concepts in 2 articles."
    assert len(store_reads) == 2


def test_reload_reads_a_change_made_elsewhere(
    coded_store: dict[str, int], store_url: str, store_reads: list[bool]
) -> None:
    app = open_explore()
    app.button(key="explore_reload").click().run()
    assert len(store_reads) == 1  # nothing changed: nothing read again
    _accept(store_url, coded_store["keeping"])
    app.button(key="explore_reload").click().run()
    assert _summary(app) == "6 statements by 3 actors on 2 concepts in 2 articles."
    assert len(store_reads) == 2


def test_settings_and_choices_survive_switching_tabs(coded_store: dict[str, int]) -> None:
    app = open_explore()
    app.selectbox(key="explore_network").set_value("Actor × actor: conflict").run()
    app.slider(key="explore_max_nodes").set_value(20).run()
    _open_tab(app, "Stance counts")
    app.radio(key="explore_count_by").set_value("Concept").run()
    _open_tab(app, "Mixed messages")
    _open_tab(app, "Network")
    assert app.selectbox(key="explore_network").value == "Actor × actor: conflict"
    assert app.slider(key="explore_max_nodes").value == 20
    assert _labels(_charts(app)[0]) == {"Hassan Rouhani", "Donald Trump"}
    _open_tab(app, "Stance counts")
    assert app.radio(key="explore_count_by").value == "Concept"
    concepts = _charts(app)[0]["layout"]["yaxis"]["categoryarray"]
    assert sorted(concepts) == ["nuclear deal", "sanctions"]


def test_include_suggestions_is_disabled_with_the_reason_when_none_could_count(
    store_url: str,
) -> None:
    store = open_store(store_url)
    populate_explore_store(store)
    article = add_article(store, ArticleDraft("Zarif said talks would go on.", "Zarif")).article_id
    view = create_statement(store, article, 12, 28, annotator=ANALYST)
    update_statement(  # a suggestion as the machine makes them: no concept, no stance
        store, view.id, expected_version=view.version, annotator=ANALYST, status="suggested"
    )
    with store.session(write=True) as session:  # Merkel's suggestion loses its concept
        from quotegraph.store.models import Statement

        for row in session.query(Statement).filter(Statement.status == "suggested"):
            row.concept_id = None
    store.dispose()
    app = open_explore()
    toggle = app.toggle(key="explore_suggested")
    assert toggle.disabled
    assert any("None of the 2 suggestions has a concept" in c.value for c in app.caption)


def test_counting_duplicates_once_says_how_many_it_hides(coded_store: dict[str, int]) -> None:
    store = open_store(os.environ["QUOTEGRAPH_DB_URL"])
    start, end = span(ARTICLE_TEHRAN, "are a crime")  # Rouhani against the sanctions again
    create_statement(
        store,
        coded_store["tehran"],
        start,
        end,
        annotator=ANALYST,
        actor_id=coded_store["Hassan Rouhani"],
        concept_id=coded_store["sanctions"],
        stance=-1,
    )
    store.dispose()
    app = open_explore()
    assert any("This hides 1 repeated statement of 6." in c.value for c in app.caption)
    assert _summary(app).startswith("5 statements")
    app.checkbox(key="explore_once").uncheck().run()
    assert _summary(app).startswith("6 statements")


def test_a_mixed_message_pages_through_a_long_side(coded_store: dict[str, int]) -> None:
    store = open_store(os.environ["QUOTEGRAPH_DB_URL"])
    for n in range(11):  # Rouhani for the sanctions in eleven more articles
        text = f"Bulletin {n}: Rouhani said the sanctions help."
        article = add_article(store, ArticleDraft(text, f"Bulletin {n}")).article_id
        start, end = span(text, "the sanctions help")
        create_statement(
            store, article, start, end, annotator=ANALYST,
            actor_id=coded_store["Hassan Rouhani"], concept_id=coded_store["sanctions"], stance=1,
        )  # fmt: skip
    store.dispose()
    app = _open_tab(open_explore(), "Mixed messages")
    assert any(m.value == "**For** (12)" for m in app.markdown)
    pager = app.get("pagination")[0]
    cards = [m.value for m in app.markdown if m.value.startswith(SPEECH_BADGE)]
    assert len(cards) == 10 + 1  # ten for, the one against
    pager.set_value(2)
    app.run()
    later = [m.value for m in app.markdown if m.value.startswith(SPEECH_BADGE)]
    assert len(later) == 2 + 1  # the last two for, the one against still
    assert any("“may bring both sides to the table”" in card for card in cards)  # page 1 only
    assert not any("“may bring both sides to the table”" in card for card in later)
