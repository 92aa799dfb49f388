"""Importing batches into the store: de-duplication, one transaction per article, the CLI."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import func, select

import quotegraph.store.articles
from quotegraph.analysis.nlp import PIPELINE_VERSION
from quotegraph.cli import main
from quotegraph.config import load_settings
from quotegraph.reading import ImportProblem, read_pasted, read_paths
from quotegraph.reading.ingest import import_items
from quotegraph.store.articles import ArticleDraft, get_article, list_articles
from quotegraph.store.db import Store
from quotegraph.store.models import Article

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def draft(text: str, origin: str) -> ArticleDraft:
    return ArticleDraft(text=text, title=text.split("\n")[0], origin=origin)


def article_count(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(Article))


def test_import_stores_each_article_and_recognises_duplicates(store: Store) -> None:
    items = [
        draft("First article.\n", "a.txt"),
        ImportProblem("broken.pdf", "could not be read"),
        draft("Second article.\n", "b.txt"),
        draft("First article.\n", "copy-of-a.txt"),
    ]
    progress: list[tuple[int, str]] = []
    report = import_items(
        store, items, progress=lambda done, origin: progress.append((done, origin))
    )
    assert len(report.imported) == 2
    assert report.duplicates == [("copy-of-a.txt", report.imported[0])]
    assert report.failed == [ImportProblem("broken.pdf", "could not be read")]
    assert report.summary() == "imported 2, skipped 1 duplicates, failed 1"
    assert progress == [(1, "a.txt"), (2, "broken.pdf"), (3, "b.txt"), (4, "copy-of-a.txt")]
    stored = get_article(store, report.imported[0])
    assert stored is not None and stored.text == "First article.\n" and stored.origin == "a.txt"

    again = import_items(store, items[:1] + items[2:3])
    assert again.imported == [] and [d[1] for d in again.duplicates] == report.imported
    assert article_count(store) == 2


def test_a_failing_article_mid_batch_leaves_the_others_and_no_partial_row(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_count_words = quotegraph.store.articles.count_words

    def failing_count_words(text: str) -> int:
        # Fails inside add_article's transaction, after the duplicate check.
        if "BOOM" in text:
            raise ValueError("simulated failure while writing")
        return real_count_words(text)

    monkeypatch.setattr(quotegraph.store.articles, "count_words", failing_count_words)
    items = [
        draft("Before.\n", "1.txt"),
        draft("BOOM goes the middle.\n", "2.txt"),
        draft("After.\n", "3.txt"),
    ]
    report = import_items(store, items)
    assert len(report.imported) == 2
    assert [p.origin for p in report.failed] == ["2.txt"]
    assert "could not be stored" in report.failed[0].reason
    assert sorted(a.title for a in list_articles(store)) == ["After.", "Before."]
    assert list_articles(store, search="BOOM") == []


def test_text_the_store_cannot_hold_fails_alone(store: Store) -> None:
    items = [
        draft("Fine.\n", "ok.txt"),
        ArticleDraft(text="bad \ud800", title="t", origin="bad"),
        draft("Fine too.\n", "ok2.txt"),
    ]
    report = import_items(store, items)
    assert len(report.imported) == 2 and [p.origin for p in report.failed] == ["bad"]
    assert article_count(store) == 2


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(st.characters(codec="utf-8"), min_size=1, max_size=500))
def test_stored_text_is_exactly_the_read_text(store: Store, text: str) -> None:
    item = read_pasted(text)
    report = import_items(store, [item])
    if isinstance(item, ImportProblem):
        assert report.failed == [item]
        return
    article_id = (report.imported or [d[1] for d in report.duplicates])[0]
    stored = get_article(store, article_id)
    assert stored is not None and stored.text == item.text


# --- the command line -----------------------------------------------------------------------------


def _batch_folder(root: Path) -> Path:
    folder = root / "batch"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.txt").write_text("One article.\n")
    (folder / "sub" / "two.md").write_text("# Two\n\nSecond article.\n")
    (folder / "table.csv").write_bytes("text,title\nCafé article.,Café\n".encode("latin-1"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("zipped.txt", "Zipped article.\n")
    (folder / "pack.zip").write_bytes(buffer.getvalue())
    return folder


def test_cli_ingest_imports_then_skips_duplicates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _batch_folder(tmp_path)
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["ingest", str(folder), "--db", db]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"imported 4, skipped 0 duplicates, failed 0 (store: {db})",
        # New imports are analysed at once, without anyone opening them.
        f"analysed 4, already current 0, failed 0 (store: {db})",
    ]
    assert "4/4" in captured.err and "100%" in captured.err  # the progress bars, on stderr

    assert main(["ingest", str(folder), "--db", db]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"imported 0, skipped 4 duplicates, failed 0 (store: {db})"
    ]
    with sqlite3.connect(tmp_path / "cli.db") as connection:
        rows = connection.execute("SELECT title, analysed_version FROM articles").fetchall()
    assert sorted(title for title, _ in rows) == ["Café", "One article.", "Two", "Zipped article."]
    assert {version for _, version in rows} == {PIPELINE_VERSION}


def test_cli_ingest_reports_each_failure_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _batch_folder(tmp_path)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n")
    (folder / "bad.csv").write_text("headline,body\nx,y\n")
    missing = tmp_path / "nowhere"
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    status = main(["ingest", str(folder), str(missing), "--db", db, "--no-analyse"])
    lines = capsys.readouterr().out.splitlines()
    assert status == 1
    assert lines[0].startswith("imported 4, skipped 0 duplicates, failed 4")
    assert sorted(lines[1:]) == sorted(
        [
            f"failed: {folder / 'bad.csv'}: no text column (a column named 'text' is needed; "
            "found: headline, body)",
            f"failed: {folder / 'empty.txt'}: empty file",
            f"failed: {folder / 'photo.png'}: not a text format (.png); readable: .txt, .md, "
            ".html, .htm, .docx, .pdf, .zip, .csv, .jsonl",
            f"failed: {missing}: no such file or folder",
        ]
    )


def test_cli_ingest_with_an_unusable_store_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["ingest", str(tmp_path), "--db", "nonsense://"])
    captured = capsys.readouterr()
    assert status == 1
    assert captured.err.startswith("error: cannot open the store 'nonsense://'")
    assert len(captured.err.strip().splitlines()) == 1 and "Traceback" not in captured.err


def test_cli_store_error_never_shows_the_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "postgresql+psycopg://analyst:s3cret-pw@127.0.0.1:1/quotegraph"
    status = main(["ingest", str(tmp_path), "--db", url])
    err = capsys.readouterr().err
    assert status == 1 and err.startswith("error: cannot open the store")
    assert "s3cret-pw" not in err and "analyst:***@127.0.0.1:1" in err


def test_killed_import_leaves_whole_articles_and_a_rerun_completes(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    texts = {
        f"{n:04d}.txt": f"Article {n}.\n" + f"Sentence {n} of some length. " * 200
        for n in range(400)
    }
    for name, text in texts.items():
        (folder / name).write_text(text)
    db_file = tmp_path / "killed.db"
    command = [
        sys.executable,
        "-m",
        "quotegraph",
        "ingest",
        str(folder),
        "--db",
        f"sqlite:///{db_file}",
        "--no-analyse",
    ]
    process = subprocess.Popen(
        command, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        stored = 0
        while time.monotonic() < deadline and process.poll() is None:
            if db_file.exists():
                try:
                    with sqlite3.connect(db_file, timeout=1) as connection:
                        stored = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
                except sqlite3.OperationalError:
                    stored = 0  # the schema is not there yet
                if stored >= 20:
                    break
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    with sqlite3.connect(db_file) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = connection.execute("SELECT origin, text FROM articles").fetchall()
    assert 20 <= len(rows) < 400, "the kill should land mid-batch"
    for origin, text in rows:
        assert text == texts[Path(origin).name]  # whole articles only

    rerun = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.startswith(
        f"imported {400 - len(rows)}, skipped {len(rows)} duplicates, failed 0"
    )
    with sqlite3.connect(db_file) as connection:
        assert connection.execute(
            "SELECT count(*), count(DISTINCT sha256) FROM articles"
        ).fetchone() == (400, 400)


def test_read_paths_streams_lazily(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"Article {n}.")
    items = read_paths([tmp_path], load_settings())
    first = next(items)
    assert isinstance(first, ArticleDraft) and first.text == "Article 0."
    (tmp_path / "2.txt").write_text("Changed before it was read.")
    rest = list(items)
    assert [item.text for item in rest if isinstance(item, ArticleDraft)] == [
        "Article 1.",
        "Changed before it was read.",
    ]
