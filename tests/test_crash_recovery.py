"""A process killed with SIGKILL in the middle of writing decisions leaves a consistent store."""

from __future__ import annotations

import multiprocessing
import time

from sqlalchemy import func, select, text

from bench.soak import prepare_store, simulate_annotator
from quotegraph.store.db import open_store
from quotegraph.store.integrity import check_store
from quotegraph.store.models import Change


def _changes(store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count(Change.id)))


def test_kill_9_mid_write_leaves_a_store_that_passes_the_integrity_check(store):
    url = store.engine.url.render_as_string(hide_password=False)
    ids = prepare_store(url, articles=1, statements_per_article=10)
    writer = multiprocessing.get_context("spawn").Process(
        target=simulate_annotator, args=((url, "doomed", ids, 120.0, None, 7),)
    )
    writer.start()
    deadline = time.monotonic() + 60
    while _changes(store) < 20 and time.monotonic() < deadline:
        time.sleep(0.05)
    writer.kill()  # SIGKILL: no cleanup, possibly inside a transaction
    writer.join()
    assert writer.exitcode == -9
    assert _changes(store) >= 20

    store.dispose()
    reopened = open_store(url)  # as after a restart
    assert check_store(reopened) == []
    if reopened.is_sqlite:
        with reopened.session() as session:
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    reopened.dispose()
