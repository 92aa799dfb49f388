"""The store: migrations, pragmas, articles stored once and never half-written."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import inspect, select, text

from quotegraph.store.articles import (
    ArticleDraft,
    add_article,
    count_words,
    delete_article,
    get_article,
    list_articles,
    list_entities,
)
from quotegraph.store.db import open_store
from quotegraph.store.models import Article, Entity, StanceLevel, Statement


def test_migrations_create_every_table_and_the_default_stance_scale(store):
    tables = set(inspect(store.engine).get_table_names())
    assert {
        "articles",
        "entities",
        "actors",
        "actor_aliases",
        "concepts",
        "stance_levels",
        "statements",
        "changes",
        "meta",
        "alembic_version",
    } <= tables
    with store.session() as session:
        levels = session.execute(select(StanceLevel.value, StanceLevel.label)).all()
    assert sorted(levels) == [(-1, "disagree"), (0, "neutral"), (1, "agree")]


def test_reopening_a_store_keeps_its_rows(tmp_path):
    url = f"sqlite:///{tmp_path / 'q.db'}"
    first = open_store(url)
    added = add_article(first, ArticleDraft(text="Kept text.", title="Kept"))
    first.dispose()
    second = open_store(url)
    assert get_article(second, added.article_id).text == "Kept text."


def test_sqlite_store_runs_with_wal_and_foreign_keys(sqlite_store):
    with sqlite_store.session() as session:
        connection = session.connection()
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_the_same_text_is_stored_once(store):
    draft = ArticleDraft(text="He said “no”. 🙂", title="One")
    first = add_article(store, draft)
    again = add_article(store, ArticleDraft(text=draft.text, title="Other title"))
    assert first.created and not again.created
    assert again.article_id == first.article_id
    assert [a.title for a in list_articles(store)] == ["One"]


def test_text_is_stored_exactly(store):
    text_with_astral = "Line one\r\nLine two 𝄞 \u200b end"
    added = add_article(store, ArticleDraft(text=text_with_astral, title="Exact"))
    assert get_article(store, added.article_id).text == text_with_astral


def test_list_counts_statements_by_status_and_search_matches_title_or_text(store):
    a = add_article(store, ArticleDraft(text="Alpha text about tariffs.", title="Alpha"))
    add_article(store, ArticleDraft(text="Beta text 100% about_wages.", title="Beta"))
    with store.session(write=True) as session:
        for status in ["suggested", "suggested", "accepted", "rejected"]:
            session.add(Statement(article_id=a.article_id, start=0, end=5, status=status))
    by_title = {s.title: s for s in list_articles(store)}
    assert (by_title["Alpha"].suggested, by_title["Alpha"].accepted) == (2, 1)
    assert by_title["Alpha"].rejected == 1
    assert by_title["Beta"].suggested == 0
    assert [s.title for s in list_articles(store, "TARIFFS")] == ["Alpha"]
    # LIKE wildcards in the search box are taken literally.
    assert [s.title for s in list_articles(store, "100%")] == ["Beta"]
    assert [s.title for s in list_articles(store, "t_x")] == []


def test_delete_removes_the_article_with_its_entities_and_statements(store):
    added = add_article(store, ArticleDraft(text="Gone soon.", title="Gone"))
    with store.session(write=True) as session:
        session.add(Entity(article_id=added.article_id, start=0, end=4, label="ORG", text="Gone"))
        session.add(Statement(article_id=added.article_id, start=0, end=4))
    assert delete_article(store, added.article_id)
    assert not delete_article(store, added.article_id)
    with store.session() as session:
        assert session.scalar(select(Statement).limit(1)) is None
        assert session.scalar(select(Entity).limit(1)) is None


def test_a_failed_transaction_leaves_nothing_behind(store):
    with pytest.raises(RuntimeError), store.session(write=True) as session:
        session.add(Article(text="half", sha256="0" * 64, title="Half", word_count=1))
        session.flush()
        raise RuntimeError("killed mid-write")
    assert list_articles(store) == []


def test_concurrent_writers_on_sqlite_wait_instead_of_failing(sqlite_store):
    errors: list[BaseException] = []

    def add_many(offset: int) -> None:
        try:
            for i in range(25):
                add_article(sqlite_store, ArticleDraft(text=f"text {offset} {i}", title="t"))
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=add_many, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with sqlite_store.session() as session:
        assert session.execute(text("SELECT count(*) FROM articles")).scalar() == 100


def test_count_words_counts_hyphenated_and_apostrophe_words_once():
    assert count_words("Rouhani’s well-known view, isn't it? 2020") == 6


def test_entities_are_listed_in_reading_order(store):
    added = add_article(store, ArticleDraft(text="Iran and Iraq met in Geneva.", title="E"))
    with store.session(write=True) as session:
        for start, end, label in [(21, 27, "GPE"), (0, 4, "GPE"), (9, 13, "GPE")]:
            session.add(
                Entity(article_id=added.article_id, start=start, end=end, label=label, text="")
            )
    assert list_entities(store, added.article_id) == [
        (0, 4, "GPE"),
        (9, 13, "GPE"),
        (21, 27, "GPE"),
    ]
