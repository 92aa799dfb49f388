"""The same corpus analysed by worker processes and by a Dask cluster stores exactly the rows of a
single-process run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from quotegraph.analysis.corpus import (
    ClusterError,
    DaskRunner,
    ProcessPoolRunner,
    analyse_corpus,
)
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import Store, open_store
from quotegraph.store.models import Actor, Article, Entity, Statement

FIXTURES = Path(__file__).parent / "fixtures"
SEED = (FIXTURES / "seed_iran_mixed_message.txt").read_text(encoding="utf-8")
# The seed article cut into its paragraphs, each an article of its own, plus a few made-up ones.
TEXTS = [paragraph for paragraph in SEED.split("\n\n") if len(paragraph.split()) > 12] + [
    'Senator Jane Miller said the bill would pass. "It is a good bill," Miller said.',
    '"We will not back down," Governor Tom Reyes told reporters on Monday.',
]


def _corpus_store(path: Path) -> Store:
    return _fill(open_store(f"sqlite:///{path}"))


def _fill(store: Store) -> Store:
    for n, text in enumerate(TEXTS):
        add_article(store, ArticleDraft(text=text, title=f"part {n}"))
    return store


def _stored_rows(store: Store) -> tuple[list[tuple], list[tuple]]:
    """Every statement and entity, ids of actors included, without the times of writing."""
    with store.session() as session:
        statements = session.execute(
            select(
                Statement.id,
                Statement.article_id,
                Statement.start,
                Statement.end,
                Statement.kind,
                Statement.cue,
                Statement.speaker_mention,
                Statement.speaker_start,
                Statement.actor_id,
                Actor.name,
                Statement.pipeline_version,
            )
            .outerjoin(Actor, Actor.id == Statement.actor_id)
            .order_by(Statement.id)
        ).all()
        entities = session.execute(
            select(Entity.article_id, Entity.start, Entity.end, Entity.label).order_by(Entity.id)
        ).all()
        versions = set(session.scalars(select(Article.analysed_version)))
    assert None not in versions
    return [tuple(row) for row in statements], [tuple(row) for row in entities]


@pytest.fixture(scope="module")
def single_process_rows(tmp_path_factory: pytest.TempPathFactory) -> tuple[list, list]:
    store = _corpus_store(tmp_path_factory.mktemp("single") / "single.db")
    report = analyse_corpus(store, chunk_size=3)
    assert report.failures == [] and report.analysed == len(TEXTS)
    rows = _stored_rows(store)
    store.dispose()
    assert len(rows[0]) >= 5
    return rows


def test_two_worker_processes_store_what_one_process_stores(
    tmp_path: Path, single_process_rows: tuple[list, list]
) -> None:
    store = _corpus_store(tmp_path / "processes.db")
    runner = ProcessPoolRunner(2)
    try:
        runner.start()
        report = analyse_corpus(store, runner=runner, chunk_size=3)
    finally:
        runner.close()
    assert report.failures == [] and report.analysed == len(TEXTS)
    assert _stored_rows(store) == single_process_rows
    store.dispose()


@pytest.fixture(scope="module")
def cluster_address() -> Iterator[str]:
    """A Dask cluster of two worker processes with one thread each, like two machines."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def test_a_dask_cluster_stores_what_one_process_stores(
    store: Store, cluster_address: str, single_process_rows: tuple[list, list]
) -> None:
    """On SQLite and on PostgreSQL: the client writes, so both see one writer."""
    _fill(store)
    runner = DaskRunner(cluster_address)
    try:
        assert runner.workers == 2
        report = analyse_corpus(store, runner=runner, chunk_size=3)
    finally:
        runner.close()
    assert report.failures == [] and report.analysed == len(TEXTS)
    assert _stored_rows(store) == single_process_rows
    # Nothing is left to do: a second run on the same store analyses nothing.
    assert analyse_corpus(store).analysed == 0


def test_an_unreachable_scheduler_is_one_clear_error() -> None:
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        DaskRunner("tcp://127.0.0.1:9", timeout=2)
