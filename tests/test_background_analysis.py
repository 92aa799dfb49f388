"""The corpus analysed in a background thread: progress to poll, requests queued, failures kept."""

from __future__ import annotations

import threading
from concurrent.futures import Future
from typing import Any

from quotegraph.analysis.background import BackgroundAnalysis, corpus_state
from quotegraph.analysis.corpus import Chunk, InProcessRunner
from quotegraph.analysis.nlp import PIPELINE_VERSION
from quotegraph.store.articles import ArticleDraft, add_article, get_article
from quotegraph.store.db import Store


class GatedRunner(InProcessRunner):
    """Analyses in this thread, but only once the gate is open."""

    def __init__(self, gate: threading.Event, entered: threading.Event) -> None:
        self.gate, self.entered = gate, entered

    def submit(self, chunk: Chunk) -> Future[Any]:
        self.entered.set()
        assert self.gate.wait(60)
        return super().submit(chunk)


def _add(store: Store, text: str) -> int:
    return add_article(store, ArticleDraft(text=text, title=text[:20])).article_id


def test_a_request_during_a_run_is_queued_and_picks_up_the_new_article(
    sqlite_store: Store,
) -> None:
    first = _add(sqlite_store, "Senator Jane Miller said the bill would pass next week.")
    assert corpus_state(sqlite_store) == (corpus_state(sqlite_store).__class__(0, 1))
    gate, entered = threading.Event(), threading.Event()
    background = BackgroundAnalysis(sqlite_store, make_runner=lambda: GatedRunner(gate, entered))
    background.request()
    assert entered.wait(30)
    running = background.progress()
    assert running.running and running.runs == 1 and (running.done, running.total) == (0, 1)

    # An import while the run goes on: its article is analysed by the queued second run.
    second = _add(sqlite_store, '"We will not back down," Governor Tom Reyes said.')
    background.request()
    gate.set()
    assert background.wait(120)
    finished = background.progress()
    assert not finished.running and finished.runs == 2 and finished.error is None
    assert (finished.done, finished.total, finished.analysed) == (1, 1, 1)
    for article_id in (first, second):
        assert get_article(sqlite_store, article_id).analysed_version == PIPELINE_VERSION
    state = corpus_state(sqlite_store)
    assert (state.analysed, state.total, state.pending) == (2, 2, 0)


def test_stop_ends_the_run_and_a_broken_runner_is_reported_not_raised(
    sqlite_store: Store,
) -> None:
    for n in range(12):  # two chunks: the first is in flight when the stop comes
        _add(sqlite_store, f"Report {n}: Mayor Ann Lee said the road would reopen.")
    gate, entered = threading.Event(), threading.Event()
    background = BackgroundAnalysis(sqlite_store, make_runner=lambda: GatedRunner(gate, entered))
    background.request()
    assert entered.wait(30)
    background.stop()
    gate.set()
    assert background.wait(120)
    stopped = background.progress()
    assert stopped.stopped and not stopped.running
    assert corpus_state(sqlite_store).pending == 12 - stopped.done == 4

    def no_runner() -> InProcessRunner:
        raise OSError("cannot start a worker process")

    broken = BackgroundAnalysis(sqlite_store, make_runner=no_runner)
    broken.request()
    assert broken.wait(30)
    assert broken.progress().error == "OSError: cannot start a worker process"
    assert not broken.progress().running
