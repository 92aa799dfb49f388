"""Storing the machine's first pass: once per pipeline version, never over an analyst's work."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from statement_helpers import span, suggestion

from quotegraph.analysis import first_pass as analysis_module
from quotegraph.analysis.corpus import analyse_articles
from quotegraph.analysis.extraction import ActorCandidate, ArticleAnalysis, Entity
from quotegraph.analysis.extraction import Statement as Suggestion
from quotegraph.analysis.first_pass import analyse_article, store_analysis
from quotegraph.analysis.nlp import PIPELINE_VERSION
from quotegraph.annotation.codebook_actors import create_actor, merge_actors
from quotegraph.annotation.history import undo
from quotegraph.annotation.statements import (
    create_statement,
    delete_statement,
    get_statement,
    list_statements,
    update_statement,
)
from quotegraph.store.articles import ArticleDraft, add_article, get_article
from quotegraph.store.db import Store
from quotegraph.store.models import Actor, ActorAlias
from quotegraph.store.models import Entity as EntityRow

FIXTURES = Path(__file__).parent / "fixtures"
TEXT = (
    "President Hassan Rouhani said Iran would respond. "
    "Zarif said the door stayed open. "
    "Ismail Qaani of the Quds Force warned that revenge would come. "
    "Officials said talks had stalled."
)


def _entity(text: str, part: str, label: str) -> Entity:
    start, end = span(text, part)
    return Entity(start, end, label, part)


ACTORS = (
    ActorCandidate("Hassan Rouhani", "person", ("President Hassan Rouhani",), None),
    ActorCandidate("Zarif", "person", ("Zarif",), None),
    ActorCandidate("Ismail Qaani", "person", ("Ismail Qaani",), "Quds Force"),
)


def _first_pass(version: str = "v1") -> ArticleAnalysis:
    return ArticleAnalysis(
        entities=(_entity(TEXT, "Hassan Rouhani", "PERSON"), _entity(TEXT, "Iran", "GPE")),
        statements=(
            suggestion(TEXT, "Iran would respond", "President Hassan Rouhani", "Hassan Rouhani"),
            suggestion(TEXT, "the door stayed open", "Zarif", "Zarif"),
            suggestion(TEXT, "revenge would come", "Ismail Qaani", "Ismail Qaani"),
            suggestion(TEXT, "talks had stalled", "Officials", None),
        ),
        actors=ACTORS,
        pipeline_version=version,
    )


def _article(store: Store, text: str = TEXT, title: str = "t") -> int:
    return add_article(store, ArticleDraft(text=text, title=title)).article_id


def test_first_pass_stores_entities_and_machine_suggestions_in_one_go(store):
    article_id = _article(store)
    outcome = store_analysis(store, article_id, _first_pass())
    assert (outcome.analysed, outcome.entities, outcome.statements_added) == (True, 2, 4)
    views = list_statements(store, article_id)
    assert [v.content for v in views] == [
        "Iran would respond",
        "the door stayed open",
        "revenge would come",
        "talks had stalled",
    ]
    assert {v.status for v in views} == {"suggested"}
    assert views[0].field_origins["actor"] == "machine"
    assert "actor" not in views[3].field_origins and views[3].actor_id is None
    article = get_article(store, article_id)
    assert article.analysed_version == "v1" and article.analysed_at is not None
    with store.session() as session:
        entities = session.execute(
            select(EntityRow.start, EntityRow.label).order_by(EntityRow.start)
        ).all()
    assert entities == [(span(TEXT, "Hassan Rouhani")[0], "PERSON"), (TEXT.index("Iran"), "GPE")]


def test_a_span_outside_the_text_writes_nothing(store):
    article_id = _article(store)
    bad = ArticleAnalysis((), (Suggestion(0, 10_000, "x", "direct", *[None] * 7),), (), "v1")
    with pytest.raises(ValueError, match="outside the text"):
        store_analysis(store, article_id, bad)
    assert list_statements(store, article_id) == []
    assert get_article(store, article_id).analysed_version is None


def test_an_analysed_article_is_not_parsed_again(store, monkeypatch):
    article_id = _article(store)
    parsed: list[str] = []

    def fake_analyse_text(text: str) -> ArticleAnalysis:
        parsed.append(text)
        return _first_pass(PIPELINE_VERSION)

    monkeypatch.setattr(analysis_module, "analyse_text", fake_analyse_text)
    assert analyse_article(store, article_id).analysed
    again = analyse_article(store, article_id)
    assert not again.analysed and again.pipeline_version == PIPELINE_VERSION
    assert parsed == [TEXT]
    assert analyse_article(store, article_id, force=True).analysed
    assert len(parsed) == 2
    with pytest.raises(ValueError, match="does not exist"):
        analyse_article(store, 999)


def test_reanalysis_keeps_every_analyst_decision_and_replaces_the_rest(store):
    article_id = _article(store)
    store_analysis(store, article_id, _first_pass("v1"))
    rouhani, zarif, qaani, officials = list_statements(store, article_id)
    update_statement(store, rouhani.id, expected_version=1, annotator="a", status="accepted")
    update_statement(store, zarif.id, expected_version=1, annotator="a", status="rejected")
    update_statement(store, qaani.id, expected_version=1, annotator="a", stance=-1)
    made_start, made_end = span(TEXT, "Officials said")
    made = create_statement(store, article_id, made_start, made_end, annotator="a")

    second = ArticleAnalysis(
        entities=(_entity(TEXT, "Zarif", "PERSON"),),
        statements=(
            # overlaps the accepted statement: must not come back as a second suggestion
            suggestion(TEXT, "Hassan Rouhani said Iran", None, None),
            suggestion(TEXT, "the door stayed open", "Zarif", "Zarif"),  # rejected: stays rejected
            suggestion(TEXT, "revenge would come", "Ismail Qaani", "Ismail Qaani"),
            suggestion(TEXT, "talks had stalled.", "Officials", None),  # replaces the untouched one
        ),
        actors=ACTORS,
        pipeline_version="v2",
    )
    outcome = store_analysis(store, article_id, second)
    assert (outcome.statements_kept, outcome.statements_replaced, outcome.statements_added) == (
        4,
        1,
        1,
    )
    views = {v.id: v for v in list_statements(store, article_id)}
    assert views[rouhani.id].status == "accepted"
    assert views[zarif.id].status == "rejected"
    assert views[qaani.id].stance == -1 and views[qaani.id].status == "suggested"
    assert views[made.id].content == "Officials said"
    assert officials.id not in views
    new = [v for v in views.values() if v.id not in {rouhani.id, zarif.id, qaani.id, made.id}]
    assert [(v.content, v.status) for v in new] == [("talks had stalled.", "suggested")]
    with store.session() as session:
        assert session.scalars(select(EntityRow.text)).all() == ["Zarif"]
    assert get_article(store, article_id).analysed_version == "v2"


def test_a_suggestion_the_analyst_deleted_is_not_suggested_again(store):
    article_id = _article(store)
    store_analysis(store, article_id, _first_pass("v1"))
    zarif = list_statements(store, article_id)[1]
    delete_statement(store, zarif.id, expected_version=1, annotator="a")
    store_analysis(store, article_id, _first_pass("v2"))
    contents = [v.content for v in list_statements(store, article_id)]
    assert "the door stayed open" not in contents and len(contents) == 3
    # Once the deletion is undone, the statement is back and nothing is duplicated.
    undo(store, annotator="a", article_id=article_id)
    store_analysis(store, article_id, _first_pass("v3"))
    contents = [v.content for v in list_statements(store, article_id)]
    assert contents.count("the door stayed open") == 1 and len(contents) == 4


def test_the_same_version_stored_twice_writes_once_unless_forced(store):
    article_id = _article(store)
    store_analysis(store, article_id, _first_pass("v1"))
    first_ids = [v.id for v in list_statements(store, article_id)]
    assert not store_analysis(store, article_id, _first_pass("v1")).analysed
    assert [v.id for v in list_statements(store, article_id)] == first_ids
    forced = store_analysis(store, article_id, _first_pass("v1"), force=True)
    assert forced.statements_replaced == 4 and forced.statements_added == 4


def test_name_variants_resolve_to_one_actor_across_articles_with_aliases_and_affiliation(store):
    first = _article(store)
    store_analysis(store, first, _first_pass())
    other_text = "Mr. Rouhani said the deal was dead. Qaani said nothing."
    second = _article(store, other_text, "second")
    store_analysis(
        store,
        second,
        ArticleAnalysis(
            entities=(),
            statements=(
                suggestion(other_text, "the deal was dead", "Mr. Rouhani", "Rouhani"),
                suggestion(other_text, "nothing", "Qaani", "Qaani"),
            ),
            actors=(ActorCandidate("Rouhani", "person", ("Mr. Rouhani",), None),),
            pipeline_version="v1",
        ),
    )
    one = list_statements(store, first)
    two = list_statements(store, second)
    assert two[0].actor_id == one[0].actor_id and two[0].actor_name == "Hassan Rouhani"
    assert two[1].actor_id == one[2].actor_id and two[1].actor_name == "Ismail Qaani"
    with store.session() as session:
        names = session.scalars(select(Actor.name).order_by(Actor.name)).all()
        aliases = session.scalars(
            select(ActorAlias.alias)
            .where(ActorAlias.actor_id == one[0].actor_id)
            .order_by(ActorAlias.alias)
        ).all()
        qaani = session.get(Actor, one[2].actor_id)
        affiliation = session.get(Actor, qaani.affiliation_id)
    assert names == ["Hassan Rouhani", "Ismail Qaani", "Quds Force", "Zarif"]
    assert aliases == ["Mr. Rouhani", "President Hassan Rouhani"]
    assert (affiliation.name, affiliation.type) == ("Quds Force", "organisation")


def test_a_speaker_of_a_merged_actor_resolves_to_the_merge_target(store):
    target = create_actor(store, "Mohammad Javad Zarif", annotator="a")
    article_id = _article(store)
    store_analysis(store, article_id, _first_pass())
    zarif = list_statements(store, article_id)[1]
    assert zarif.actor_name == "Mohammad Javad Zarif"  # same surname key: already one actor
    source = create_actor(store, "FM Javad", annotator="a", aliases=["Javad"])
    merge_actors(store, source.id, target.id, annotator="a")
    text = "Javad said the talks were over."
    other = _article(store, text, "other")
    store_analysis(
        store,
        other,
        ArticleAnalysis((), (suggestion(text, "the talks were over", "Javad", "Javad"),), (), "v1"),
    )
    assert list_statements(store, other)[0].actor_id == target.id


def test_speakers_missing_from_the_actor_list_get_a_type_from_their_name(store):
    text = "The Revolutionary Guards Corps said revenge would come."
    article_id = _article(store, text)
    guards_said = suggestion(
        text, "revenge would come", "The Revolutionary Guards Corps", "Revolutionary Guards Corps"
    )
    store_analysis(store, article_id, ArticleAnalysis((), (guards_said,), (), "v1"))
    with store.session() as session:
        actor = session.scalars(select(Actor)).one()
    assert (actor.name, actor.type) == ("Revolutionary Guards Corps", "organisation")


def test_the_real_pipeline_analyses_the_seed_article_once(store):
    text = (FIXTURES / "seed_iran_mixed_message.txt").read_text(encoding="utf-8")
    article_id = _article(store, text, "seed")
    outcome = analyse_article(store, article_id)
    assert outcome.analysed and outcome.pipeline_version == PIPELINE_VERSION
    views = list_statements(store, article_id)
    assert len(views) == outcome.statements_added >= 10
    for view in views:
        assert view.content == text[view.start : view.end]
        if view.speaker_start is not None:
            assert view.speaker_mention == text[view.speaker_start : view.speaker_end]
    assert any(view.actor_name for view in views)
    accepted = update_statement(
        store, views[0].id, expected_version=1, annotator="a", status="accepted"
    )
    assert not analyse_article(store, article_id).analysed
    assert get_statement(store, views[0].id) == accepted


def test_batch_analysis_stores_each_article_reports_progress_and_skips_done_ones(store):
    text = (FIXTURES / "seed_iran_mixed_message.txt").read_text(encoding="utf-8")
    seed = _article(store, text, "seed")
    short = _article(store, "Mr. Trump said he would not retaliate.", "short")
    analyse_article(store, seed)
    calls: list[tuple[int, int]] = []
    outcomes = analyse_articles(store, [seed, short, 12345], progress=lambda *a: calls.append(a))
    assert [(o.article_id, o.analysed) for o in outcomes] == [(seed, False), (short, True)]
    assert calls == [(0, 1), (1, 1)]
    assert get_article(store, short).analysed_version == PIPELINE_VERSION
    with store.session() as session:
        count = session.scalar(select(func.count()).select_from(Actor).where(Actor.key == "trump"))
    assert count == 1
