"""Editing an article's details (logged, undoable), filtering the Library, deleting many."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from quotegraph.annotation.codebook_actors import create_actor
from quotegraph.annotation.codebook_concepts import create_concept
from quotegraph.annotation.history import redo, undo
from quotegraph.annotation.statements import EditConflict, create_statement, update_statement
from quotegraph.store.articles import (
    ArticleDraft,
    ArticleFilter,
    add_article,
    article_coding,
    article_details,
    clean_details,
    delete_articles,
    filter_articles,
    list_articles,
    update_article_details,
)
from quotegraph.store.models import Change


def _article(store, text="Rouhani said talks would go on.", **details):
    return add_article(store, ArticleDraft(text=text, title="Pasted text", **details)).article_id


def test_details_are_changed_logged_and_undone_in_one_step(store):
    article_id = _article(store)
    changed = update_article_details(
        store,
        article_id,
        annotator="ana",
        title="  Talks go on ",
        source="Reuters",
        published=dt.date(2026, 3, 4),
        url="https://example.org/talks",
    )
    assert changed.title == "Talks go on"
    assert article_details(store, article_id) == changed
    assert list_articles(store)[0].published == dt.date(2026, 3, 4)
    with store.session() as session:
        fields = session.scalars(select(Change.field).where(Change.table_name == "articles"))
        assert sorted(fields) == ["published", "source", "title", "url"]

    result = undo(store, annotator="ana", article_id=article_id)
    assert result is not None
    assert "article" in result.summary and "title" in result.summary
    restored = article_details(store, article_id)
    assert (restored.title, restored.source, restored.published, restored.url) == (
        "Pasted text",
        None,
        None,
        None,
    )
    redo(store, annotator="ana", article_id=article_id)
    assert article_details(store, article_id) == changed


def test_undo_summary_names_a_single_field_change(store):
    article_id = _article(store)
    update_article_details(store, article_id, annotator="ana", published=dt.date(2025, 1, 2))
    result = undo(store, annotator="ana", article_id=article_id)
    assert result.summary == f"date (none) → 2025-01-02 on article {article_id}"


def test_an_edit_based_on_a_stale_view_is_refused(store):
    article_id = _article(store)
    seen = article_details(store, article_id)
    update_article_details(store, article_id, annotator="bo", title="Bo's title")
    with pytest.raises(EditConflict, match="title"):
        update_article_details(store, article_id, annotator="ana", seen=seen, title="Mine")
    assert article_details(store, article_id).title == "Bo's title"
    # a field nobody else touched is still saved from the same view
    update_article_details(store, article_id, annotator="ana", seen=seen, source="AP")
    assert article_details(store, article_id).source == "AP"


def test_unchanged_details_log_nothing(store):
    article_id = _article(store, source="AP")
    update_article_details(store, article_id, annotator="ana", source="AP")
    assert undo(store, annotator="ana", article_id=article_id) is None


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"title": "   "}, "needs a title"),
        ({"url": "example.org"}, "http"),
        ({"url": "javascript:alert(1)"}, "http"),
        ({"published": "2026-01-01"}, "calendar date"),
        ({"source": "x" * 1001}, "longer than 1000"),
        ({"text": "new"}, "cannot change text"),
    ],
)
def test_bad_details_are_refused_with_a_reason(changes, reason):
    with pytest.raises(ValueError, match=reason):
        clean_details(**changes)


def test_empty_source_and_url_are_stored_as_missing():
    assert clean_details(source=" ", url="") == {"source": None, "url": None}


def test_a_missing_article_cannot_be_edited(store):
    with pytest.raises(ValueError, match="does not exist"):
        update_article_details(store, 999, annotator="ana", title="x")


def test_filters_by_source_date_analysis_coding_and_coder(store):
    old = _article(store, "One text.", source="AP", published=dt.date(2020, 1, 1))
    new = _article(store, "Another text.", source="Reuters", published=dt.date(2026, 1, 1))
    undated = _article(store, "A third text.")
    actor = create_actor(store, "Rouhani", annotator="ana")
    concept = create_concept(store, "Talks", annotator="ana")
    statement = create_statement(store, new, 0, 7, annotator="ana")
    update_statement(
        store,
        statement.id,
        expected_version=statement.version,
        annotator="bo",
        actor_id=actor.id,
        concept_id=concept.id,
        stance=1,
    )
    with store.session(write=True) as session:  # as if the machine had analysed one
        from quotegraph.store.models import Article

        session.get(Article, old).analysed_version = "test-1"
    articles = list_articles(store)
    coding = article_coding(store)
    assert coding[new].coded == 1 and coding[new].annotators == ("ana", "bo")

    def ids(**criteria):
        return {a.id for a in filter_articles(articles, ArticleFilter(**criteria), coding)}

    assert ids() == {old, new, undated}
    assert ids(sources={"AP"}) == {old}
    assert ids(sources={""}) == {undated}
    assert ids(date_from=dt.date(2021, 1, 1)) == {new}
    assert ids(date_to=dt.date(2021, 1, 1)) == {old}
    assert ids(analysed=True) == {old}
    assert ids(analysed=False) == {new, undated}
    assert ids(coded=True) == {new}
    assert ids(coded=False) == {old, undated}
    assert ids(annotators={"bo"}) == {new}
    assert ids(annotators={"nobody"}) == set()


def test_delete_articles_deletes_only_those(store):
    first, second, third = (_article(store, f"Text number {n}.") for n in range(3))
    assert delete_articles(store, [first, third, 999]) == 2
    assert [a.id for a in list_articles(store)] == [second]
    assert delete_articles(store, []) == 0
