"""Analysing the corpus in the background of a long-running program (the app's server).

One ``BackgroundAnalysis`` per store runs ``corpus_analysis.analyse_corpus`` in a daemon thread.
It parses in that thread: a worker process started with "spawn" would re-run the main script,
which under Streamlit is the app itself. spaCy's parser leaves the interpreter lock free for
much of its time, so the server keeps answering meanwhile. Anyone may ask for a run at any
time (an "Analyse all" click, a finished import): a request during a run queues one more run,
which picks up whatever is still pending then. ``progress()`` is a snapshot to poll.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sqlalchemy import func, select

from quotegraph.analysis.corpus import (
    ArticleFailure,
    InProcessRunner,
    Runner,
    analyse_corpus,
)
from quotegraph.analysis.nlp import PIPELINE_VERSION
from quotegraph.store.db import Store
from quotegraph.store.models import Article


@dataclass(frozen=True)
class AnalysisProgress:
    """Where the background analysis stands, as of one moment."""

    running: bool = False
    done: int = 0
    total: int = 0
    analysed: int = 0  # articles stored by the current or last run
    failures: tuple[ArticleFailure, ...] = ()
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    stopped: bool = False
    error: str | None = None  # the run itself broke off (store gone, worker unstartable)
    runs: int = 0  # runs started so far, so a caller can tell one run from the next


@dataclass(frozen=True)
class CorpusState:
    """How many articles the current pipeline has analysed, of how many."""

    analysed: int
    total: int

    @property
    def pending(self) -> int:
        return self.total - self.analysed


def corpus_state(store: Store) -> CorpusState:
    """Count the articles, and those analysed by the current pipeline."""
    with store.session() as session:
        total = session.scalar(select(func.count()).select_from(Article)) or 0
        analysed = (
            session.scalar(
                select(func.count())
                .select_from(Article)
                .where(Article.analysed_version == PIPELINE_VERSION)
            )
            or 0
        )
    return CorpusState(analysed, total)


@dataclass
class BackgroundAnalysis:
    """Runs corpus analyses of ``store`` one after another in a background thread."""

    store: Store
    make_runner: Callable[[], Runner] = InProcessRunner
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _progress: AnalysisProgress = field(default_factory=AnalysisProgress, init=False)
    _again: bool = field(default=False, init=False)
    _stop: threading.Event = field(default_factory=threading.Event, init=False, repr=False)
    _thread: threading.Thread | None = field(default=None, init=False, repr=False)

    def request(self) -> None:
        """Analyse every pending article: now if idle, else once more after the current run."""
        with self._lock:
            # ``running`` turns False under this lock just before the thread ends, so a request
            # is either queued for a thread that will see it or starts a new thread.
            if self._progress.running:
                self._again = True
                return
            self._stop.clear()
            self._progress = self._starting(self._progress)
            self._thread = threading.Thread(
                target=self._work, name="quotegraph-background-analysis", daemon=True
            )
            self._thread.start()

    def stop(self) -> None:
        """End the current run after the articles in flight are stored; drop a queued one."""
        with self._lock:
            self._again = False
            self._stop.set()

    def progress(self) -> AnalysisProgress:
        with self._lock:
            return self._progress

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until no run is going (for tests and shutdown); True if none is."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return thread is None or not thread.is_alive()

    @staticmethod
    def _starting(previous: AnalysisProgress) -> AnalysisProgress:
        return AnalysisProgress(running=True, started_at=_now(), runs=previous.runs + 1)

    def _work(self) -> None:
        while True:
            self._run_once()
            with self._lock:
                if not self._again or self._stop.is_set():
                    self._progress = replace(self._progress, running=False, finished_at=_now())
                    return
                self._again = False
                self._progress = self._starting(self._progress)

    def _run_once(self) -> None:
        def show(done: int, total: int) -> None:
            with self._lock:
                self._progress = replace(self._progress, done=done, total=total)

        try:
            runner = self.make_runner()
            try:
                report = analyse_corpus(self.store, runner=runner, progress=show, stop=self._stop)
            finally:
                runner.close()
        except Exception as exc:  # the page must learn why, in one line, and the thread live on
            text = str(exc).strip()
            reason = f"{type(exc).__name__}: {text.splitlines()[0]}" if text else type(exc).__name__
            with self._lock:
                self._progress = replace(self._progress, error=reason)
            return
        with self._lock:
            self._progress = replace(
                self._progress,
                analysed=report.analysed,
                failures=tuple(report.failures),
                stopped=report.stopped,
            )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
