"""Positions as a kind of statement in the store, the exports and the project setting (issue 13)."""

from __future__ import annotations

import dataclasses
import io

import pandas as pd
from sqlalchemy import select
from statement_helpers import suggestion

from quotegraph.analysis.extraction import ActorCandidate, ArticleAnalysis
from quotegraph.analysis.first_pass import set_position_suggestions, store_analysis
from quotegraph.annotation.statement_table import load_statement_table
from quotegraph.annotation.statements import KINDS, list_statements, update_statement
from quotegraph.exports.formats import to_csv
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import Store
from quotegraph.store.models import Article
from quotegraph.store.project_settings import position_suggestions_enabled

TEXT = "Ann Ruiz said the bridge would open in May. Tom Hale urged the council to delay the vote."


def _analysis(version: str = "v1") -> ArticleAnalysis:
    speech = suggestion(TEXT, "the bridge would open in May", "Ann Ruiz", "Ann Ruiz")
    position = dataclasses.replace(
        suggestion(TEXT, "the council to delay the vote", "Tom Hale", "Tom Hale"),
        kind="position",
        cue="urged",
    )
    return ArticleAnalysis(
        entities=(),
        statements=(speech, position),
        actors=(
            ActorCandidate("Ann Ruiz", "person", ("Ann Ruiz",), None),
            ActorCandidate("Tom Hale", "person", ("Tom Hale",), None),
        ),
        pipeline_version=version,
    )


def _article(store: Store) -> int:
    return add_article(store, ArticleDraft(text=TEXT, title="t")).article_id


def _kinds(store: Store, article_id: int) -> list[tuple[str, str]]:
    return [(s.kind, s.content) for s in list_statements(store, article_id)]


def test_a_position_is_stored_as_its_own_kind(store: Store) -> None:
    article_id = _article(store)
    store_analysis(store, article_id, _analysis())
    assert _kinds(store, article_id) == [
        ("indirect", "the bridge would open in May"),
        ("position", "the council to delay the vote"),
    ]
    assert "position" in KINDS


def test_an_analyst_can_make_speech_a_position_and_back(store: Store) -> None:
    article_id = _article(store)
    store_analysis(store, article_id, _analysis())
    speech = list_statements(store, article_id)[0]
    changed = update_statement(
        store, speech.id, expected_version=speech.version, annotator="ana", kind="position"
    )
    assert changed.kind == "position"
    back = update_statement(
        store, speech.id, expected_version=changed.version, annotator="ana", kind="direct"
    )
    assert back.kind == "direct"


def test_the_csv_carries_the_kind(store: Store) -> None:
    article_id = _article(store)
    store_analysis(store, article_id, _analysis())
    frame = pd.read_csv(io.StringIO(to_csv(load_statement_table(store))), dtype=str)
    assert sorted(zip(frame["kind"], frame["content"], strict=True)) == [
        ("indirect", "the bridge would open in May"),
        ("position", "the council to delay the vote"),
    ]


def test_position_suggestions_are_on_until_the_project_turns_them_off(store: Store) -> None:
    assert position_suggestions_enabled(store)
    outcome = set_position_suggestions(store, False)
    assert not position_suggestions_enabled(store)
    assert outcome.enabled is False
    article_id = _article(store)
    store_analysis(store, article_id, _analysis())
    assert _kinds(store, article_id) == [("indirect", "the bridge would open in May")]


def test_turning_positions_off_removes_unreviewed_ones_and_keeps_decisions(store: Store) -> None:
    first, second = (
        _article(store),
        add_article(store, ArticleDraft(text=TEXT + " Again.", title="u")).article_id,
    )
    store_analysis(store, first, _analysis())
    store_analysis(store, second, _analysis())
    accepted = next(s for s in list_statements(store, second) if s.kind == "position")
    update_statement(
        store, accepted.id, expected_version=accepted.version, annotator="ana", status="accepted"
    )

    outcome = set_position_suggestions(store, False)

    assert outcome.suggestions_removed == 1
    assert _kinds(store, first) == [("indirect", "the bridge would open in May")]
    assert ("position", "the council to delay the vote") in _kinds(store, second)
    # setting the value it already has does nothing
    assert set_position_suggestions(store, False).suggestions_removed == 0


def test_turning_positions_on_again_marks_analysed_articles_for_a_new_analysis(
    store: Store,
) -> None:
    set_position_suggestions(store, False)
    article_id = _article(store)
    store_analysis(store, article_id, _analysis())

    outcome = set_position_suggestions(store, True)

    assert outcome.articles_to_reanalyse == 1
    with store.session() as session:
        assert session.scalar(select(Article.analysed_version)) is None
    store_analysis(store, article_id, _analysis())
    assert ("position", "the council to delay the vote") in _kinds(store, article_id)
