"""Sample articles: loaded into a new store once, never again, and safely when racing."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from quotegraph.articles import ArticleDraft, add_article, delete_article, list_articles
from quotegraph.db import Store, open_store
from quotegraph.models import Article, Meta
from quotegraph.samples import (
    SAMPLES_DIR,
    SAMPLES_LOADED_KEY,
    SampleError,
    load_samples_once,
    read_samples,
)

SEED_TITLE = "Iran Shows Mixed Message After Backing Away From Conflict With U.S."


def stored_articles(store: Store) -> list[Article]:
    with store.session() as session:
        return list(session.scalars(select(Article).order_by(Article.id)))


def test_the_seed_article_is_read_with_its_metadata_and_exact_text() -> None:
    (seed,) = read_samples()
    assert seed.title == SEED_TITLE
    assert seed.published == dt.date(2020, 1, 9)
    assert seed.source == "The New York Times (syndication feed)"
    # The file, byte for byte: it starts with its title line and is otherwise untouched.
    assert seed.text == (SAMPLES_DIR / "seed_iran_mixed_message.txt").read_bytes().decode("utf-8")
    assert seed.text.startswith(SEED_TITLE + "\n\nA day after President Trump")
    # The feed's copy repeated its headline four times; a new user sees it once.
    assert seed.text.count(SEED_TITLE) == 1


def test_a_new_store_gets_the_samples_once(store: Store) -> None:
    assert load_samples_once(store) == 1
    (article,) = stored_articles(store)
    assert (article.title, article.published) == (SEED_TITLE, dt.date(2020, 1, 9))
    assert article.source == "The New York Times (syndication feed)"
    assert article.origin == "sample_articles/seed_iran_mixed_message.txt"
    assert article.word_count > 1000
    with store.session() as session:
        assert session.get(Meta, SAMPLES_LOADED_KEY) is not None

    assert load_samples_once(store) == 0
    assert len(stored_articles(store)) == 1


def test_a_deleted_sample_never_comes_back(store: Store) -> None:
    load_samples_once(store)
    (article,) = stored_articles(store)
    assert delete_article(store, article.id)
    assert load_samples_once(store) == 0
    assert stored_articles(store) == []


def test_a_store_that_already_has_articles_gets_no_samples(store: Store) -> None:
    add_article(store, ArticleDraft(text="Talks resume in Geneva.", title="Geneva"))
    assert load_samples_once(store) == 0
    assert [a.title for a in list_articles(store)] == ["Geneva"]
    with store.session() as session:
        assert session.get(Meta, SAMPLES_LOADED_KEY) is not None


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_two_processes_starting_at_once_load_the_samples_once(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'race.db'}"
    else:
        request.getfixturevalue("postgres_store")  # a fresh, migrated schema
        url = request.getfixturevalue("postgres_database_url")
    stores = [open_store(url) for _ in range(4)]
    start = threading.Barrier(len(stores))
    counts: list[int] = []

    def start_up(store: Store) -> None:
        start.wait()
        counts.append(load_samples_once(store))

    threads = [threading.Thread(target=start_up, args=(store,)) for store in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    try:
        assert sorted(counts) == [0, 0, 0, 1]
        assert [a.title for a in stored_articles(stores[0])] == [SEED_TITLE]
    finally:
        for store in stores:
            store.dispose()


def test_every_sample_in_a_folder_is_imported_with_its_metadata(
    sqlite_store: Store, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text("First\n\nAlpha said yes.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"Second\r\n\r\nBeta said no.")
    (tmp_path / "index.json").write_text(
        json.dumps(
            {
                "articles": [
                    {"file": "a.txt", "title": "A", "published": "2021-03-04", "source": "S"},
                    {"file": "b.txt", "title": "B"},
                ]
            }
        ),
        encoding="utf-8",
    )
    assert load_samples_once(sqlite_store, tmp_path) == 2
    first, second = stored_articles(sqlite_store)
    assert (first.title, first.published, first.source) == ("A", dt.date(2021, 3, 4), "S")
    assert (second.title, second.published, second.source) == ("B", None, None)
    assert second.text == "Second\r\n\r\nBeta said no."  # kept as is, line endings included


def test_a_broken_sample_index_is_reported_with_its_path(tmp_path: Path) -> None:
    with pytest.raises(SampleError, match="index.json"):
        read_samples(tmp_path)
    (tmp_path / "index.json").write_text('{"articles": [{"file": "missing.txt"}]}')
    with pytest.raises(SampleError, match="missing.txt"):
        read_samples(tmp_path)
