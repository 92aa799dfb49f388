"""Analysing a whole corpus: what is chosen, failures per article, decisions kept, a kill survived,
and the `analyse` command."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from quotegraph.analysis import corpus as corpus_analysis
from quotegraph.analysis.corpus import analyse_corpus, select_articles
from quotegraph.analysis.nlp import PIPELINE_VERSION
from quotegraph.annotation.statements import list_statements, update_statement
from quotegraph.cli import main
from quotegraph.store.articles import ArticleDraft, add_article, get_article
from quotegraph.store.db import Store, open_store
from quotegraph.store.integrity import check_store
from quotegraph.store.models import Article, Entity, Statement

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEED = (FIXTURES / "seed_iran_mixed_message.txt").read_text(encoding="utf-8")
SHORT_TEXTS = [
    "Senator Jane Miller said the bill would pass next week.",
    '"We will not back down," Governor Tom Reyes told reporters on Monday.',
    "The weather was mild all week, and the harbour stayed busy.",
]


def _add(store: Store, text: str, title: str) -> int:
    return add_article(store, ArticleDraft(text=text, title=title)).article_id


def _statement_count(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(Statement))


def test_every_pending_article_is_analysed_once_with_progress(sqlite_store: Store) -> None:
    ids = [_add(sqlite_store, text, f"t{n}") for n, text in enumerate(SHORT_TEXTS)]
    calls: list[tuple[int, int]] = []
    report = analyse_corpus(sqlite_store, progress=lambda *call: calls.append(call))
    assert report.analysed == 3 and report.failures == []
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert {get_article(sqlite_store, i).analysed_version for i in ids} == {PIPELINE_VERSION}
    statements = _statement_count(sqlite_store)
    assert statements >= 2  # the senator's and the governor's
    again = analyse_corpus(sqlite_store)
    assert (again.analysed, again.outcomes, again.failures) == (0, [], [])
    assert _statement_count(sqlite_store) == statements


def test_articles_are_chosen_by_id_by_import_date_and_by_version(sqlite_store: Store) -> None:
    first, second, third = (_add(sqlite_store, text, "t") for text in SHORT_TEXTS)
    with sqlite_store.session(write=True) as session:
        session.execute(
            update(Article)
            .where(Article.id == first)
            .values(added_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
        )
        session.execute(
            update(Article).where(Article.id == third).values(analysed_version=PIPELINE_VERSION)
        )
    assert select_articles(sqlite_store) == [first, second]
    assert select_articles(sqlite_store, force=True) == [first, second, third]
    assert select_articles(sqlite_store, since=dt.date(2021, 1, 1)) == [second]
    assert select_articles(sqlite_store, [first, third]) == [first]
    # An import of more articles than SQLite takes parameters in one query.
    assert select_articles(sqlite_store, range(1, 40_001)) == [first, second]

    report = analyse_corpus(sqlite_store, [third, 999, first])
    assert [(o.article_id, o.analysed) for o in report.outcomes] == [(third, False), (first, True)]
    assert [(f.article_id, f.reason) for f in report.failures] == [(999, "no such article")]
    assert get_article(sqlite_store, second).analysed_version is None


def test_a_failing_article_is_listed_and_leaves_nothing_while_the_others_are_stored(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_text, real_texts = corpus_analysis.analyse_text, corpus_analysis.analyse_texts

    def breaking(text: str):  # noqa: ANN202
        if "BREAKS" in text:
            raise RuntimeError("the parser gave up\nsecond line")
        return real_text(text)

    def breaking_stream(texts, **options):  # noqa: ANN001, ANN202
        for text in texts:
            if "BREAKS" in text:
                raise RuntimeError("the stream broke")
        return real_texts(texts, **options)

    monkeypatch.setattr(corpus_analysis, "analyse_text", breaking)
    monkeypatch.setattr(corpus_analysis, "analyse_texts", breaking_stream)
    good = _add(sqlite_store, SHORT_TEXTS[0], "good")
    bad = _add(sqlite_store, "This article BREAKS the parser, said Ann Lee.", "the bad one")
    other = _add(sqlite_store, SHORT_TEXTS[1], "other")
    report = analyse_corpus(sqlite_store)
    assert [(f.article_id, f.title, f.reason) for f in report.failures] == [
        (bad, "the bad one", "the analysis failed: RuntimeError: the parser gave up")
    ]
    assert report.analysed == 2
    assert get_article(sqlite_store, good).analysed_version == PIPELINE_VERSION
    assert get_article(sqlite_store, other).analysed_version == PIPELINE_VERSION
    assert get_article(sqlite_store, bad).analysed_version is None
    with sqlite_store.session() as session:
        for model in (Statement, Entity):
            count = select(func.count()).select_from(model).where(model.article_id == bad)
            assert session.scalar(count) == 0


def test_reanalysis_after_an_upgrade_never_touches_a_decided_statement(
    sqlite_store: Store,
) -> None:
    article_id = _add(sqlite_store, SEED, "seed")
    analyse_corpus(sqlite_store)
    views = list_statements(sqlite_store, article_id)
    assert len(views) >= 5
    accepted, rejected, edited, *untouched = views
    update_statement(
        sqlite_store, accepted.id, expected_version=1, annotator="a", status="accepted"
    )
    update_statement(
        sqlite_store, rejected.id, expected_version=1, annotator="a", status="rejected"
    )
    update_statement(sqlite_store, edited.id, expected_version=1, annotator="a", note="checked")
    decided_ids = {accepted.id, rejected.id, edited.id}
    before = {v.id: v for v in list_statements(sqlite_store, article_id) if v.id in decided_ids}
    # An older extractor's result: the current one analyses the article again.
    with sqlite_store.session(write=True) as session:
        session.execute(
            update(Article).where(Article.id == article_id).values(analysed_version="quotes-0")
        )
    report = analyse_corpus(sqlite_store)
    assert [(o.article_id, o.statements_kept) for o in report.outcomes] == [(article_id, 3)]
    after = {v.id: v for v in list_statements(sqlite_store, article_id)}
    assert {i: after[i] for i in decided_ids} == before
    assert not {v.id for v in untouched} & set(after)  # the untouched ones were replaced
    fresh = [v for v in after.values() if v.id not in decided_ids]
    assert len(fresh) == len(untouched)
    for decided in before.values():  # no new suggestion doubles a decided statement
        assert not [v for v in fresh if v.start < decided.end and decided.start < v.end]
    assert get_article(sqlite_store, article_id).analysed_version == PIPELINE_VERSION


def _seed_variants(count: int) -> list[str]:
    return [f"Report number {n}\n\n{SEED}" for n in range(count)]


def test_a_killed_run_is_finished_by_a_rerun_with_the_clean_run_s_statements(
    tmp_path: Path,
) -> None:
    texts = _seed_variants(10)
    db_file = tmp_path / "killed.db"
    killed = open_store(f"sqlite:///{db_file}")
    for n, text in enumerate(texts):
        _add(killed, text, f"report {n}")
    process = subprocess.Popen(
        [sys.executable, "-m", "quotegraph", "analyse", "--db", f"sqlite:///{db_file}"],
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 240
        done = 0
        while time.monotonic() < deadline and process.poll() is None and done < 2:
            with sqlite3.connect(db_file, timeout=5) as connection:
                done = connection.execute(
                    "SELECT count(*) FROM articles WHERE analysed_version IS NOT NULL"
                ).fetchone()[0]
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the kill should land mid-run"
    assert check_store(killed) == []
    with killed.session() as session:
        versions = dict(session.execute(select(Article.id, Article.analysed_version)).all())
        with_rows = set(session.scalars(select(Entity.article_id).distinct())) | set(
            session.scalars(select(Statement.article_id).distinct())
        )
    unfinished = {i for i, version in versions.items() if version is None}
    assert 2 <= len(versions) - len(unfinished) < len(texts)
    assert not unfinished & with_rows, "an unfinished article has rows of the killed run"

    rerun = analyse_corpus(killed)
    assert rerun.analysed == len(unfinished) and rerun.failures == []
    assert check_store(killed) == []

    clean = open_store(f"sqlite:///{tmp_path / 'clean.db'}")
    for n, text in enumerate(texts):
        _add(clean, text, f"report {n}")
    analyse_corpus(clean)
    assert _statement_count(killed) == _statement_count(clean) > 0
    killed.dispose()
    clean.dispose()


# --- the command line ---------------------------------------------------------------------------


def test_cli_analyse_reports_and_lists_a_missing_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    store = open_store(db)
    first = _add(store, SHORT_TEXTS[0], "first")
    store.dispose()
    assert main(["analyse", str(first), "--db", db]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [f"analysed 1, already current 0, failed 0 (store: {db})"]
    assert "1/1" in captured.err  # the progress bar
    assert main(["analyse", str(first), "77", "--db", db]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"analysed 0, already current 1, failed 1 (store: {db})",
        "failed: article 77: no such article",
    ]
    assert main(["analyse", "--all", "--db", db]) == 0
    assert capsys.readouterr().out.startswith("analysed 0, already current 0, failed 0")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--scheduler", "tcp://127.0.0.1:9"], "error: cannot reach the Dask scheduler at"),
        (["--all", "4"], "error: give article ids, --all or --since, not several"),
        (
            ["--processes", "2", "--scheduler", "tcp://127.0.0.1:9"],
            "error: give --processes or --scheduler, not both",
        ),
    ],
)
def test_cli_analyse_problems_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    status = main(["analyse", *arguments, "--db", db])
    err = capsys.readouterr().err
    assert status == 1 and err.startswith(message)
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_cli_analyse_rejects_a_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["analyse", "--since", "last week"])
    assert exit_.value.code == 2
    assert "not a date (YYYY-MM-DD): 'last week'" in capsys.readouterr().err
