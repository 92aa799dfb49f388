"""Analysing a whole corpus: every article the current pipeline has not analysed yet.

The articles are cut into small chunks; a *runner* parses and reads each chunk (in this process,
in a pool of worker processes, or on a Dask cluster), and this process stores each article's
result in its own transaction (``analysis.store_analysis``), in article order. So:

- a kill at any moment loses at most the articles in flight: a stored article is complete, an
  unstored one has nothing of this run, and running again analyses exactly what is left;
- one process writes, which is what an SQLite file needs, and the stored rows (actor ids
  included) are the same whichever runner parsed them;
- analysts' decisions survive a re-analysis (see ``quotegraph.analysis.first_pass``).

A failure in one article (its parse, its extraction or its write) is reported with the
article and never stops the others.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import or_, select
from sqlalchemy.exc import SQLAlchemyError

from quotegraph.analysis.extraction import ArticleAnalysis, analyse_text, analyse_texts
from quotegraph.analysis.first_pass import AnalysisOutcome, store_analysis
from quotegraph.analysis.nlp import PIPELINE_VERSION, load_pipeline
from quotegraph.store.db import Store
from quotegraph.store.models import Article

# Articles per task: small enough for a fair share between workers and a lively progress bar,
# large enough that nlp.pipe batches and the task overhead stays small.
DEFAULT_CHUNK_SIZE = 8

# The reason given for an asked-for id that is not in the store.
NO_SUCH_ARTICLE = "no such article"

ProgressCallback = Callable[[int, int], None]
Chunk = list[tuple[int, str]]


@dataclass(frozen=True)
class ChunkFailure:
    """Why one article of a chunk could not be analysed (sent back by a worker)."""

    reason: str


@dataclass(frozen=True)
class ArticleFailure:
    """An article that was not analysed, and why, in one line."""

    article_id: int
    title: str
    reason: str


@dataclass
class CorpusReport:
    """What a corpus run did: one outcome per stored or already-current article, and failures."""

    outcomes: list[AnalysisOutcome] = field(default_factory=list)
    failures: list[ArticleFailure] = field(default_factory=list)
    stopped: bool = False  # the run was asked to stop before the end

    @property
    def analysed(self) -> int:
        return sum(outcome.analysed for outcome in self.outcomes)

    @property
    def current(self) -> int:
        return sum(not outcome.analysed for outcome in self.outcomes)

    def summary(self) -> str:
        text = (
            f"analysed {self.analysed}, already current {self.current}, failed {len(self.failures)}"
        )
        return text + (" (stopped before the end)" if self.stopped else "")


class ClusterError(Exception):
    """The Dask cluster cannot be used: unreachable, no workers, or another quotegraph."""


# --- what a worker runs -------------------------------------------------------------------------


def analyse_chunk(chunk: Chunk) -> list[tuple[int, ArticleAnalysis | ChunkFailure]]:
    """Analyse ``(article_id, text)`` pairs; runs in whichever process or worker parses.

    The chunk goes through one ``nlp.pipe`` stream; if anything in it fails, each article is
    analysed alone so that only the failing one is reported.
    """
    try:
        analyses = list(analyse_texts([text for _, text in chunk]))
    except Exception:  # some article broke the stream: find which, one at a time
        return [(article_id, _analyse_alone(text)) for article_id, text in chunk]
    return [
        (article_id, analysis) for (article_id, _), analysis in zip(chunk, analyses, strict=True)
    ]


def _analyse_alone(text: str) -> ArticleAnalysis | ChunkFailure:
    try:
        return analyse_text(text)
    except Exception as exc:
        return ChunkFailure(f"the analysis failed: {_one_line(exc)}")


def worker_pipeline_version() -> str:
    """The pipeline version a worker would stamp on its results (checked before a Dask run)."""
    return PIPELINE_VERSION


# --- runners: where chunks are analysed ---------------------------------------------------------


class Runner(Protocol):
    """Runs ``analyse_chunk`` somewhere and hands back a future of its result."""

    #: how many chunks to keep in flight so no worker waits for the next one
    window: int

    def submit(self, chunk: Chunk) -> Future[Any]: ...

    def close(self) -> None: ...


class InProcessRunner:
    """Analyses each chunk right here, when it is submitted (one process, no pool)."""

    window = 1

    def submit(self, chunk: Chunk) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(analyse_chunk(chunk))
        return future

    def close(self) -> None:
        pass


class ProcessPoolRunner:
    """A pool of ``processes`` worker processes, each with its own spaCy pipeline.

    Started with "spawn", so it is safe from a multi-threaded program; but not from a Streamlit
    script, whose main module spawn would run again in every worker.
    """

    def __init__(self, processes: int) -> None:
        if processes < 1:
            raise ValueError("the number of processes must be at least 1")
        self.window = 2 * processes
        self._pool = ProcessPoolExecutor(
            max_workers=processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=load_pipeline,
        )

        self._processes = processes

    def start(self) -> None:
        """Start every worker and load its pipeline now, instead of with the first chunks."""
        warm_ups = [self._pool.submit(worker_pipeline_version) for _ in range(self._processes)]
        for future in warm_ups:
            future.result()

    def submit(self, chunk: Chunk) -> Future[Any]:
        return self._pool.submit(analyse_chunk, chunk)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskRunner:
    """The workers of an existing Dask cluster, reached through its scheduler's address.

    Workers need quotegraph importable (the same version as here: checked on connection) and
    never open the store; they send results back, and this process writes them.
    """

    def __init__(self, scheduler: str, *, timeout: float = 15) -> None:
        try:
            from distributed import Client
        except ImportError as exc:  # pragma: no cover - pinned in requirements.txt
            raise ClusterError("the 'distributed' package is not installed") from exc
        try:
            self._client = Client(scheduler, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(
                f"cannot reach the Dask scheduler at {scheduler}: {_one_line(exc)}"
            ) from exc
        try:
            versions = self._client.run(worker_pipeline_version)
        except Exception as exc:  # a worker without quotegraph cannot unpickle the function
            self._client.close()
            raise ClusterError(
                f"the Dask workers cannot run quotegraph (is it on their PYTHONPATH?): "
                f"{_one_line(exc)}"
            ) from exc
        if not versions:
            self._client.close()
            raise ClusterError(f"the Dask cluster at {scheduler} has no workers")
        other = {worker: v for worker, v in versions.items() if v != PIPELINE_VERSION}
        if other:
            self._client.close()
            worker, version = sorted(other.items())[0]
            raise ClusterError(
                f"Dask worker {worker} runs pipeline {version}, this client {PIPELINE_VERSION}: "
                "install the same quotegraph on every worker"
            )
        threads = sum(self._client.nthreads().values())
        self.workers = len(versions)
        self.window = 2 * max(1, threads)

    def submit(self, chunk: Chunk) -> Future[Any]:
        return self._client.submit(analyse_chunk, chunk, pure=False)

    def close(self) -> None:
        self._client.close()


def make_runner(*, processes: int = 1, scheduler: str | None = None) -> Runner:
    """The runner for the command line's ``--processes N`` / ``--scheduler ADDRESS``."""
    if scheduler:
        return DaskRunner(scheduler)
    if processes <= 1:
        return InProcessRunner()
    return ProcessPoolRunner(processes)


# --- choosing and running -----------------------------------------------------------------------


def select_articles(
    store: Store,
    article_ids: Sequence[int] | None = None,
    *,
    since: dt.date | None = None,
    force: bool = False,
) -> list[int]:
    """Ids of the articles to analyse, in id order.

    ``article_ids`` limits the choice to those (None: the whole store), ``since`` to articles
    added on or after that day (UTC); without ``force`` an article already analysed by the
    current pipeline is left out.
    """
    query = select(Article.id).order_by(Article.id)
    if since is not None:
        query = query.where(
            Article.added_at >= dt.datetime.combine(since, dt.time(), tzinfo=dt.UTC)
        )
    if not force:
        query = query.where(
            or_(Article.analysed_version.is_(None), Article.analysed_version != PIPELINE_VERSION)
        )
    with store.session() as session:
        chosen = list(session.scalars(query))
    if article_ids is None:
        return chosen
    # Filtered here, not with IN (...): SQLite takes at most 32,766 parameters per query.
    wanted = set(article_ids)
    return [article_id for article_id in chosen if article_id in wanted]


def analyse_corpus(
    store: Store,
    article_ids: Sequence[int] | None = None,
    *,
    since: dt.date | None = None,
    force: bool = False,
    runner: Runner | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    progress: ProgressCallback | None = None,
    stop: threading.Event | None = None,
) -> CorpusReport:
    """Analyse every chosen article not analysed by the current pipeline, and store the results.

    ``article_ids``, ``since`` and ``force`` choose as in ``select_articles``; an id that does
    not exist is reported as a failure. ``runner`` parses (default: this process); it is not
    closed here. ``progress(done, total)`` follows every article (from ``done`` 0, when there
    is anything to do); setting ``stop`` ends the
    run after the chunks in flight are stored.
    """
    report = CorpusReport()
    chosen = select_articles(store, article_ids, since=since, force=force)
    if article_ids is not None:
        wanted = list(dict.fromkeys(article_ids))
        with store.session() as session:
            existing = set(session.scalars(select(Article.id)))
        report.failures.extend(
            ArticleFailure(article_id, "", NO_SUCH_ARTICLE)
            for article_id in wanted
            if article_id not in existing
        )
        to_analyse = set(chosen)
        skipped = [
            article_id
            for article_id in wanted
            if article_id in existing and article_id not in to_analyse
        ]
        report.outcomes.extend(
            AnalysisOutcome(article_id, PIPELINE_VERSION, analysed=False) for article_id in skipped
        )
    total = len(chosen)
    if progress is not None and total:
        progress(0, total)  # the total, before the first article takes its time
    runner = runner or InProcessRunner()
    done = 0
    titles: dict[int, str] = {}
    chunks = _chunks(store, chosen, chunk_size, titles, stop)
    for chunk_ids, results in _in_order(runner, chunks):
        for article_id, result in _results_for(chunk_ids, results):
            _store_one(store, article_id, result, force, titles, report)
            titles.pop(article_id, None)
            done += 1
            if progress is not None:
                progress(done, total)
    report.stopped = stop is not None and stop.is_set() and done < total
    return report


def _chunks(
    store: Store,
    article_ids: list[int],
    size: int,
    titles: dict[int, str],
    stop: threading.Event | None,
) -> Iterator[Chunk]:
    """The articles' texts, ``size`` at a time, read from the store only as they are needed."""
    for first in range(0, len(article_ids), max(1, size)):
        if stop is not None and stop.is_set():
            return
        ids = article_ids[first : first + max(1, size)]
        with store.session() as session:
            rows = session.execute(
                select(Article.id, Article.text, Article.title).where(Article.id.in_(ids))
            ).all()
        by_id = {article_id: (text, title) for article_id, text, title in rows}
        chunk: Chunk = []
        for article_id in ids:
            if article_id in by_id:  # one deleted meanwhile has nothing to analyse
                text, title = by_id[article_id]
                titles[article_id] = title
                chunk.append((article_id, text))
        if chunk:
            yield chunk


def _in_order(runner: Runner, chunks: Iterable[Chunk]) -> Iterator[tuple[list[int], Any]]:
    """Each chunk's ids with its result (or the exception it raised), in submission order,
    keeping ``runner.window`` chunks in flight."""
    in_flight: deque[tuple[list[int], Future[Any]]] = deque()

    def collect() -> tuple[list[int], Any]:
        ids, future = in_flight.popleft()
        try:
            return ids, future.result()
        except Exception as exc:  # the worker died or the task was lost
            return ids, exc

    for chunk in chunks:
        in_flight.append(([article_id for article_id, _ in chunk], runner.submit(chunk)))
        if len(in_flight) >= max(1, runner.window):
            yield collect()
    while in_flight:
        yield collect()


def _results_for(
    ids: list[int], results: Any
) -> Iterator[tuple[int, ArticleAnalysis | ChunkFailure]]:
    if isinstance(results, BaseException):
        failure = ChunkFailure(f"the worker analysing it failed: {_one_line(results)}")
        for article_id in ids:
            yield article_id, failure
        return
    yield from results


def _store_one(
    store: Store,
    article_id: int,
    result: ArticleAnalysis | ChunkFailure,
    force: bool,
    titles: dict[int, str],
    report: CorpusReport,
) -> None:
    title = titles.get(article_id, "")
    if isinstance(result, ChunkFailure):
        report.failures.append(ArticleFailure(article_id, title, result.reason))
        return
    try:
        report.outcomes.append(store_analysis(store, article_id, result, force=force))
    except LookupError:
        pass  # deleted while it was analysed: nothing to store
    except (ValueError, SQLAlchemyError) as exc:
        report.failures.append(
            ArticleFailure(article_id, title, f"could not be stored: {_one_line(exc)}")
        )


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    first = text.splitlines()[0][:300] if text else ""
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


@contextlib.contextmanager
def opened_runner(*, processes: int = 1, scheduler: str | None = None) -> Iterator[Runner]:
    """``make_runner`` as a context manager that closes the runner at the end."""
    runner = make_runner(processes=processes, scheduler=scheduler)
    try:
        yield runner
    finally:
        runner.close()


def analyse_articles(
    store: Store,
    article_ids: Sequence[int],
    *,
    n_process: int = 1,
    progress: ProgressCallback | None = None,
    force: bool = False,
) -> list[AnalysisOutcome]:
    """Analyse the given articles and store each in its own transaction, in input order.

    The batch form of ``analyse_article`` over ``analyse_corpus`` (which also
    chooses articles by date, reports failures instead of raising, and runs on Dask): articles
    already analysed with the current pipeline are skipped (unless ``force``), and so are ids
    that do not exist. ``progress(done, total)`` follows each article. Raises ``ValueError``
    naming the first article that could not be analysed, after storing all the others.
    """
    with opened_runner(processes=n_process) as runner:
        report = analyse_corpus(store, article_ids, force=force, runner=runner, progress=progress)
    failures = [f for f in report.failures if f.reason != NO_SUCH_ARTICLE]
    if failures:
        raise ValueError(f"article {failures[0].article_id}: {failures[0].reason}")
    order = {article_id: index for index, article_id in enumerate(dict.fromkeys(article_ids))}
    return sorted(report.outcomes, key=lambda outcome: order[outcome.article_id])
