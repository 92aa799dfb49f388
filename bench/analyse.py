"""Throughput of ``quotegraph analyse``, end to end with store writes, in one run side by side.

    .venv/bin/python bench/analyse.py CORPUS_DIR [--limit N] [--rounds R] [--no-dask]

CORPUS_DIR holds .txt files (searched recursively), e.g. ../shared/polnear-train/texts. The texts
are imported once into an SQLite store; each measured run then analyses a fresh copy of it:

1. spaCy's own ``nlp.pipe`` over the stored texts (one process) against ``analyse_corpus`` in one
   process, parse + extraction + every store write: prints ``ratio: X``;
2. ``--processes 2`` (a pool of two worker processes, their start included) against one process;
3. a Dask ``LocalCluster`` of two worker processes (one thread each), its start timed apart.

With ``--rounds`` > 1 the one-process runs alternate and each keeps its best, so that load from
other programs on the machine does not decide the ratio. The load average is printed before and
after. The statement counts of all runs must agree; the script says so. Last, the words per second
per worker are extrapolated to a corpus of one million articles.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from sqlalchemy import func, select  # noqa: E402

from quotegraph.analysis.corpus import (  # noqa: E402
    DaskRunner,
    InProcessRunner,
    ProcessPoolRunner,
    analyse_corpus,
)
from quotegraph.analysis.nlp import load_pipeline  # noqa: E402
from quotegraph.store.articles import ArticleDraft, add_article  # noqa: E402
from quotegraph.store.db import Store, open_store  # noqa: E402
from quotegraph.store.models import Article, Statement  # noqa: E402

MILLION = 1_000_000


def load_corpus(folder: Path, limit: int | None) -> list[tuple[str, str]]:
    """(file name, text) of every .txt under ``folder``, in name order, at most ``limit``."""
    paths = sorted(p for p in folder.rglob("*.txt") if p.is_file())[:limit]
    return [(p.name, p.read_text(encoding="utf-8")) for p in paths]


def build_template(path: Path, corpus: list[tuple[str, str]]) -> list[str]:
    """Import the corpus into a new store at ``path``; return the texts as stored."""
    store = open_store(f"sqlite:///{path}")
    for name, text in corpus:
        add_article(store, ArticleDraft(text=text, title=name, origin=name))
    with store.session() as session:
        texts = list(session.scalars(select(Article.text).order_by(Article.id)))
    store.dispose()
    return texts


def fresh_copy(template: Path, name: str) -> Store:
    target = template.with_name(name)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, target)
    return open_store(f"sqlite:///{target}")


def statement_count(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(Statement))


def cpu_seconds() -> float:
    """CPU time of this process and of its finished child processes (a closed pool's)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def process_cpu_seconds() -> float:
    """CPU time of the calling process (run on each Dask worker)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def timed_analysis(
    template: Path,
    name: str,
    make_runner,  # noqa: ANN001
) -> tuple[float, float, float, int]:
    """(seconds for the runner to connect, seconds to analyse and store, CPU seconds used by
    this process and its pool, statements stored)."""
    store = fresh_copy(template, name)
    started = time.perf_counter()
    runner = make_runner()
    ready = time.perf_counter()
    cpu_started = cpu_seconds()
    try:
        report = analyse_corpus(store, runner=runner)
    finally:
        runner.close()
    finished = time.perf_counter()
    cpu = cpu_seconds() - cpu_started
    if report.failures:
        print(f"  {name}: {len(report.failures)} failures, first: {report.failures[0]}")
    count = statement_count(store)
    store.dispose()
    return ready - started, finished - ready, cpu, count


def load_note() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} CPUs"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="only the first N files")
    parser.add_argument("--rounds", type=int, default=1, help="one-process runs, best kept")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # each figure as soon as it is measured

    corpus = load_corpus(args.folder, args.limit)
    if not corpus:
        print(f"error: no .txt files under {args.folder}", file=sys.stderr)
        return 1
    print(f"before: {load_note()}")
    with tempfile.TemporaryDirectory() as scratch:
        template = Path(scratch) / "template.db"
        texts = build_template(template, corpus)
        words = sum(len(text.split()) for text in texts)
        print(f"corpus: {len(texts)} articles, {words:,} words ({args.folder})")
        nlp = load_pipeline()
        nlp("warm up")

        pipe_seconds = analyse_seconds = pipe_cpu = analyse_cpu = float("inf")
        counts: dict[str, int] = {}
        for round_ in range(args.rounds):
            started, cpu_started = time.perf_counter(), cpu_seconds()
            for _ in nlp.pipe(texts):
                pass
            pipe_seconds = min(pipe_seconds, time.perf_counter() - started)
            pipe_cpu = min(pipe_cpu, cpu_seconds() - cpu_started)
            _, seconds, cpu, counts["1 process"] = timed_analysis(
                template, f"one-{round_}.db", InProcessRunner
            )
            analyse_seconds, analyse_cpu = min(analyse_seconds, seconds), min(analyse_cpu, cpu)
        pipe_wps, one_wps = words / pipe_seconds, words / analyse_seconds
        print(f"spaCy nlp.pipe alone:             {pipe_wps:8,.0f} words/s  ({pipe_cpu:.1f} CPU s)")
        print(
            f"quotegraph analyse, 1 process:    {one_wps:8,.0f} words/s  ({analyse_cpu:.1f} CPU s; "
            "store writes included)"
        )
        print(f"ratio: {one_wps / pipe_wps:.2f}  (by CPU time: {pipe_cpu / analyse_cpu:.2f})")

        def started_pool() -> ProcessPoolRunner:
            runner = ProcessPoolRunner(2)
            runner.start()
            return runner

        start, seconds, cpu, counts["2 processes"] = timed_analysis(
            template, "two.db", started_pool
        )
        two_wps, two_steady_wps = words / (start + seconds), words / seconds
        print(
            f"quotegraph analyse, 2 processes:  {two_wps:8,.0f} words/s  (the pool's start, "
            f"{start:.1f} s, included; {two_steady_wps:,.0f} words/s once started; "
            f"{cpu:.1f} CPU s)"
        )
        print(
            f"speed-up 2 processes / 1 process: {two_wps / one_wps:.2f}x "
            f"({two_steady_wps / one_wps:.2f}x once started)"
        )

        per_worker = one_wps
        per_cpu_second = words / analyse_cpu  # what one dedicated core would do
        if not args.no_dask:
            from distributed import Client, LocalCluster

            cluster_started = time.perf_counter()
            with LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster:
                cluster_seconds = time.perf_counter() - cluster_started
                start, seconds, client_cpu, counts["dask 2 workers"] = timed_analysis(
                    template, "dask.db", lambda: DaskRunner(cluster.scheduler_address)
                )
                with Client(cluster, set_as_default=False) as client:
                    worker_cpu = sum(client.run(process_cpu_seconds).values())
            dask_wps = words / seconds
            per_worker = dask_wps / 2
            print(
                f"Dask LocalCluster, 2 workers:     {dask_wps:8,.0f} words/s  "
                f"({per_worker:,.0f} per worker; cluster start {cluster_seconds:.1f} s, "
                f"connection and check {start:.1f} s; workers {worker_cpu:.1f} CPU s with "
                f"their start, client {client_cpu:.1f} CPU s)"
            )
            print(f"speed-up Dask 2 workers / 1 process: {dask_wps / one_wps:.2f}x")
            per_cpu_second = words / worker_cpu
        same = len(set(counts.values())) == 1
        print(
            "statements stored: "
            + ", ".join(f"{name} {count}" for name, count in counts.items())
            + ("  (identical)" if same else "  (DIFFERENT)")
        )
        size = template.with_name("one-0.db").stat().st_size
        mean_words = words / len(texts)
        total_words = MILLION * mean_words
        print(
            f"1,000,000 articles of {mean_words:,.0f} words ({total_words / 1e6:,.0f} M words); "
            f"store about {size / len(texts) * MILLION / 1e9:,.0f} GB as SQLite"
        )
        for label, rate in (
            ("measured wall clock, on this machine's load", per_worker),
            ("per CPU second, i.e. a dedicated core", per_cpu_second),
        ):
            hours = total_words / rate / 3600
            print(
                f"  {rate:7,.0f} words/s per worker ({label}): {hours:,.1f} worker-hours, "
                f"{hours / 10:,.1f} h on 10 workers, {hours / 50:,.1f} h on 50"
            )
    print(f"after: {load_note()}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
