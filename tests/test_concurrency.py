"""Five annotators in five processes deciding on the same statements: nothing lost."""

from __future__ import annotations

from bench.soak import prepare_store, run_annotators


def test_1000_decisions_from_five_processes_are_each_stored_once(store):
    url = store.engine.url.render_as_string(hide_password=False)
    store.dispose()
    ids = prepare_store(url, articles=2, statements_per_article=10)
    result = run_annotators(url, ids, annotators=5, decisions_each=200)
    assert result.decisions == 1000
    assert result.lost_updates == 0
    assert result.log_rows_missing == 0
    assert result.integrity_problems == []
