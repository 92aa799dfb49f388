"""Coders' own layers: the copy on first opening, writes kept apart, blind reads, first pass."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from statement_helpers import suggestion

from quotegraph.analysis.extraction import ActorCandidate, ArticleAnalysis
from quotegraph.analysis.first_pass import store_analysis
from quotegraph.annotation.codebook_concepts import create_concept
from quotegraph.annotation.coding_suggestions import retrain
from quotegraph.annotation.decisions import decide_statements
from quotegraph.annotation.history import undo
from quotegraph.annotation.statements import (
    create_statement,
    delete_statement,
    get_statement,
    list_statements,
    update_statement,
)
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import Store
from quotegraph.store.models import Statement, User
from quotegraph.store.project_settings import TeamSettings, write_team_settings
from quotegraph.team.assignments import assign_articles
from quotegraph.team.layers import (
    PROJECT,
    awaiting_adjudication,
    open_article,
    readable_layers,
)
from quotegraph.team.permissions import PermissionDenied

TEXT = (
    "Rouhani said Iran would respond firmly. "
    "Officials in Tehran warned that talks had stalled. "
    "Zarif added that the door stayed open."
)


def _analysis(version: str = "test-1") -> ArticleAnalysis:
    return ArticleAnalysis(
        entities=(),
        statements=(
            suggestion(TEXT, "Iran would respond firmly", "Rouhani", "Hassan Rouhani"),
            suggestion(TEXT, "talks had stalled", "Officials in Tehran", None),
            suggestion(TEXT, "the door stayed open", "Zarif", "Zarif"),
        ),
        actors=(
            ActorCandidate("Hassan Rouhani", "person", ("Rouhani",), None),
            ActorCandidate("Zarif", "person", (), None),
        ),
        pipeline_version=version,
    )


def _double_coded(store: Store, *, blind: bool = True) -> int:
    """An analysed article assigned to coders ann and ben in a double-coded project."""
    article_id = add_article(store, ArticleDraft(text=TEXT, title="t")).article_id
    store_analysis(store, article_id, _analysis())
    write_team_settings(store, TeamSettings(True, 1.0, blind), who="lead")
    assign_articles(store, [article_id], ["ann", "ben"], who="lead", overlap=1.0)
    return article_id


def test_first_opening_copies_the_suggestions_into_the_coders_layer_once(store):
    article_id = _double_coded(store)
    project = list_statements(store, article_id)
    assert open_article(store, "ann", article_id) == "ann"
    mine = list_statements(store, article_id, layer="ann", reader="ann")
    assert [(s.start, s.end, s.status) for s in mine] == [
        (s.start, s.end, s.status) for s in project
    ]
    with store.session() as session:
        copies = session.scalars(select(Statement).where(Statement.coder == "ann")).all()
        assert sorted(c.based_on_id for c in copies) == sorted(s.id for s in project)
    # Deleting every copy and opening again copies nothing back.
    for statement in mine:
        delete_statement(store, statement.id, expected_version=statement.version, annotator="ann")
    open_article(store, "ann", article_id)
    assert list_statements(store, article_id, layer="ann", reader="ann") == []
    assert len(list_statements(store, article_id)) == len(project)  # the project layer untouched


def test_each_coders_decisions_touch_only_their_rows(store):
    article_id = _double_coded(store)
    open_article(store, "ann", article_id)
    open_article(store, "ben", article_id)
    ann = list_statements(store, article_id, layer="ann", reader="ann")
    ben = list_statements(store, article_id, layer="ben", reader="ben")
    update_statement(store, ann[0].id, expected_version=1, annotator="ann", status="accepted")
    decide_statements(store, {ann[1].id: 1}, status="rejected", annotator="ann")
    added = create_statement(store, article_id, 0, 7, annotator="ann")
    with store.session() as session:
        assert session.get(Statement, added.id).coder == "ann"
    assert [s.status for s in list_statements(store, article_id, layer="ben", reader="ben")] == [
        s.status for s in ben
    ]
    assert {s.status for s in list_statements(store, article_id)} == {"suggested"}
    # Ann may not write into Ben's layer, nor into the project layer of her double-coded article.
    with pytest.raises(PermissionDenied):
        update_statement(store, ben[0].id, expected_version=1, annotator="ann", status="accepted")
    project = list_statements(store, article_id)
    with pytest.raises(PermissionDenied):
        delete_statement(store, project[0].id, expected_version=1, annotator="ann")
    with pytest.raises(PermissionDenied):
        decide_statements(store, {ben[2].id: 1}, status="accepted", annotator="ann")
    # Undo takes back Ann's last decision, in her layer only.
    undo(store, annotator="ann", article_id=article_id)
    assert added.id not in {s.id for s in list_statements(store, article_id, layer="ann")}


def test_undoing_a_deleted_copy_brings_it_back_into_the_coders_layer(store):
    article_id = _double_coded(store)
    open_article(store, "ann", article_id)
    first = list_statements(store, article_id, layer="ann")[0]
    delete_statement(store, first.id, expected_version=1, annotator="ann")
    undo(store, annotator="ann", article_id=article_id)
    with store.session() as session:
        assert session.get(Statement, first.id).coder == "ann"


def test_blind_mode_hides_another_coders_layer_from_a_coder_but_not_from_the_lead(store):
    article_id = _double_coded(store)
    open_article(store, "ann", article_id)
    open_article(store, "ben", article_id)
    with pytest.raises(PermissionDenied):
        list_statements(store, article_id, layer="ben", reader="ann")
    assert readable_layers(store, "ann") == [PROJECT, "ann"]
    # The lead assigns and adjudicates: not a coder of the project, sees every layer.
    assert len(list_statements(store, article_id, layer="ben", reader="lead")) == 3
    assert readable_layers(store, "lead") == [PROJECT, "ann", "ben"]
    # Once the store has accounts, only an admin sees all.
    with store.session(write=True) as session:
        session.add_all([User(name="lead", role="admin"), User(name="cy", role="coder")])
    assert readable_layers(store, "cy") == [PROJECT]
    assert readable_layers(store, "lead") == [PROJECT, "ann", "ben"]


def test_without_blind_mode_coders_may_read_each_other(store):
    article_id = _double_coded(store, blind=False)
    open_article(store, "ben", article_id)
    assert len(list_statements(store, article_id, layer="ben", reader="ann")) == 3


def test_single_coded_articles_stay_in_the_project_layer(store):
    article_id = add_article(store, ArticleDraft(text=TEXT, title="t")).article_id
    store_analysis(store, article_id, _analysis())
    write_team_settings(store, TeamSettings(True, 0.0, True), who="lead")
    assign_articles(store, [article_id], ["ann"], who="lead")  # one coder: not double coded
    assert open_article(store, "ann", article_id) == PROJECT
    statement = list_statements(store, article_id)[0]
    update_statement(store, statement.id, expected_version=1, annotator="ann", status="accepted")
    with store.session() as session:
        assert session.scalar(select(Statement.coder).where(Statement.id == statement.id)) is None
        assert session.scalar(select(Statement.id).where(Statement.coder.is_not(None))) is None


def test_reanalysis_never_touches_a_coders_rows_and_their_deletions_block_nothing(store):
    article_id = _double_coded(store)
    open_article(store, "ann", article_id)
    ann = list_statements(store, article_id, layer="ann")
    delete_statement(store, ann[2].id, expected_version=1, annotator="ann")
    before = [(s.id, s.version) for s in list_statements(store, article_id, layer="ann")]
    outcome = store_analysis(store, article_id, _analysis("test-2"))
    assert outcome.statements_added == 3  # Ann's deleted copy blocks no project suggestion
    assert [(s.id, s.version) for s in list_statements(store, article_id, layer="ann")] == before


def test_double_coded_articles_await_adjudication_until_a_result_is_based_on_a_coder(store):
    article_id = _double_coded(store)
    with store.session() as session:
        assert awaiting_adjudication(session) == {article_id}
    open_article(store, "ann", article_id)
    picked = list_statements(store, article_id, layer="ann")[0]
    with store.session(write=True) as session:
        session.add(
            Statement(
                article_id=article_id,
                start=picked.start,
                end=picked.end,
                coder=None,
                status="accepted",
                based_on_id=picked.id,
                field_origins={},
            )
        )
    with store.session() as session:
        assert awaiting_adjudication(session) == set()


def test_switching_position_suggestions_off_leaves_a_coders_copies(store):
    from dataclasses import replace

    from quotegraph.analysis.first_pass import set_position_suggestions

    article_id = add_article(store, ArticleDraft(text=TEXT, title="t")).article_id
    analysis = _analysis()
    positions = tuple(replace(s, kind="position") for s in analysis.statements)
    store_analysis(store, article_id, replace(analysis, statements=positions))
    write_team_settings(store, TeamSettings(True, 1.0, True), who="lead")
    assign_articles(store, [article_id], ["ann", "ben"], who="lead", overlap=1.0)
    open_article(store, "ann", article_id)
    outcome = set_position_suggestions(store, False)
    assert outcome.suggestions_removed == 3
    assert list_statements(store, article_id) == []
    assert len(list_statements(store, article_id, layer="ann")) == 3


@pytest.mark.parametrize("blind", [True, False])
def test_the_coding_model_learns_from_coders_layers_only_when_they_may_see_each_other(store, blind):
    article_id = _double_coded(store, blind=blind)
    concept = create_concept(store, "Nuclear talks", annotator="lead")
    open_article(store, "ann", article_id)
    first = list_statements(store, article_id, layer="ann", reader="ann")[0]
    update_statement(
        store, first.id, expected_version=first.version, annotator="ann", concept_id=concept.id
    )
    info = retrain(store)
    # Blind: Ann's code must not come back to Ben as a suggestion for the same words.
    assert info is not None and info.examples == (0 if blind else 1)


def test_one_statement_read_by_id_obeys_blind_mode_too(store):
    article_id = _double_coded(store)
    open_article(store, "ben", article_id)
    bens = list_statements(store, article_id, layer="ben", reader="ben")[0]
    assert get_statement(store, bens.id, reader="ben").id == bens.id
    assert get_statement(store, bens.id, reader="lead").id == bens.id
    with pytest.raises(PermissionDenied):
        get_statement(store, bens.id, reader="ann")
