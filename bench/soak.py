"""Soak test: several simulated annotators deciding on the same statements at once.

Each annotator is a separate process driving the core (read a statement, decide, write with the
version it read), as several analysts in several browser tabs or app instances would. Afterwards
the store is checked: every decision the core accepted is in the store exactly once, none was
overwritten silently (a statement's version equals 1 + the decisions written to it), the change
log holds every decision, and the integrity check passes.

    .venv/bin/python bench/soak.py                       # 5 annotators, 60 s, SQLite in /tmp
    .venv/bin/python bench/soak.py --db postgresql+psycopg://... --seconds 60
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select  # noqa: E402

from quotegraph.annotation.statements import EditConflict, get_statement, update_statement  # noqa: E402
from quotegraph.store.articles import ArticleDraft, add_article  # noqa: E402
from quotegraph.store.db import open_store  # noqa: E402
from quotegraph.store.integrity import check_store  # noqa: E402
from quotegraph.store.models import Change, Statement  # noqa: E402

SENTENCE = "The spokesperson said the plan would be reviewed before the vote. "


@dataclass(frozen=True)
class Decision:
    annotator: str
    statement_id: int
    version_written: int
    seconds: float


@dataclass(frozen=True)
class SoakResult:
    decisions: int
    conflicts: int
    elapsed: float
    latencies: list[float]
    lost_updates: int
    log_rows_missing: int
    integrity_problems: list[str]


def prepare_store(url: str, *, articles: int = 3, statements_per_article: int = 20) -> list[int]:
    """Articles with suggested statements for the annotators to decide on; returns their ids."""
    store = open_store(url)
    ids: list[int] = []
    try:
        for number in range(articles):
            text = f"Article {number}. " + SENTENCE * statements_per_article
            article_id = add_article(store, ArticleDraft(text=text, title=f"Soak {number}"))
            offset = len(f"Article {number}. ")
            with store.session(write=True) as session:
                for index in range(statements_per_article):
                    start = offset + index * len(SENTENCE) + len("The spokesperson said ")
                    row = Statement(
                        article_id=article_id.article_id,
                        start=start,
                        end=start + len("the plan would be reviewed before the vote"),
                        kind="indirect",
                        status="suggested",
                        field_origins={"span": "machine", "status": "machine"},
                    )
                    session.add(row)
                    session.flush()
                    ids.append(row.id)
    finally:
        store.dispose()
    return ids


def simulate_annotator(args: tuple[str, str, list[int], float | None, int | None, int]) -> list:
    url, annotator, statement_ids, seconds, decisions, seed = args
    rng = random.Random(seed)
    store = open_store(url, run_migrations=False)
    made: list[Decision] = []
    conflicts = 0
    started = time.monotonic()
    deadline = started + seconds if seconds else None
    try:
        while (deadline is None or time.monotonic() < deadline) and (
            decisions is None or len(made) < decisions
        ):
            statement_id = rng.choice(statement_ids)
            view = get_statement(store, statement_id)
            change = rng.choice(
                [
                    {"status": rng.choice(["accepted", "rejected"])},
                    {"stance": rng.choice([-1, 0, 1])},
                    {"note": f"{annotator} {len(made)}"},
                ]
            )
            began = time.perf_counter()
            try:
                written = update_statement(
                    store,
                    statement_id,
                    expected_version=view.version,
                    annotator=annotator,
                    **change,
                )
            except EditConflict:
                conflicts += 1  # refused, not lost: the annotator sees the current value
                continue
            if written.version != view.version + 1:
                continue  # the value was already there: nothing to write, nothing to log
            made.append(
                Decision(annotator, statement_id, written.version, time.perf_counter() - began)
            )
    finally:
        store.dispose()
    return [made, conflicts, time.monotonic() - started]


def run_annotators(
    url: str,
    statement_ids: list[int],
    *,
    annotators: int = 5,
    seconds: float | None = None,
    decisions_each: int | None = None,
) -> SoakResult:
    """Run the annotators in parallel processes and verify that no decision was lost."""
    jobs = [
        (url, f"annotator-{n}", statement_ids, seconds, decisions_each, n)
        for n in range(annotators)
    ]
    with multiprocessing.get_context("spawn").Pool(annotators) as pool:
        outcomes = pool.map(simulate_annotator, jobs)
    # The longest annotator's working time, without the processes' start-up.
    elapsed = max(outcome[2] for outcome in outcomes)
    made = [decision for outcome in outcomes for decision in outcome[0]]
    conflicts = sum(outcome[1] for outcome in outcomes)

    store = open_store(url, run_migrations=False)
    try:
        with store.session() as session:
            versions = dict(session.execute(select(Statement.id, Statement.version)).all())
            groups = session.scalar(
                select(func.count(func.distinct(Change.group_id))).where(
                    Change.annotator.like("annotator-%"), Change.action == "update"
                )
            )
        problems = check_store(store)
    finally:
        store.dispose()
    per_statement: dict[int, int] = {}
    for decision in made:
        per_statement[decision.statement_id] = per_statement.get(decision.statement_id, 0) + 1
    # Each written decision bumps the version by one: any shortfall is a decision overwritten.
    lost = sum(
        count + 1 - versions.get(statement_id, 0) for statement_id, count in per_statement.items()
    )
    return SoakResult(
        decisions=len(made),
        conflicts=conflicts,
        elapsed=elapsed,
        latencies=[decision.seconds for decision in made],
        lost_updates=lost,
        log_rows_missing=len(made) - (groups or 0),
        integrity_problems=problems,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="store URL (default: a new SQLite file in a temp folder)")
    parser.add_argument("--annotators", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{Path(folder) / 'soak.db'}"
        ids = prepare_store(url)
        result = run_annotators(url, ids, annotators=args.annotators, seconds=args.seconds)
    latencies = sorted(result.latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
    print(f"store: {url.split('@')[-1]}")
    print(f"annotators: {args.annotators}, seconds: {result.elapsed:.1f}")
    print(f"decisions written: {result.decisions} ({result.decisions / result.elapsed:.1f}/s)")
    print(f"conflicts refused (stale version, shown to the annotator): {result.conflicts}")
    if latencies:
        print(
            f"decision latency: median {statistics.median(latencies) * 1000:.1f} ms, "
            f"p95 {p95 * 1000:.1f} ms"
        )
    print(f"lost updates: {result.lost_updates}")
    print(f"decisions missing from the change log: {result.log_rows_missing}")
    print(f"integrity problems: {len(result.integrity_problems)}")
    return 0 if result.lost_updates == 0 and not result.integrity_problems else 1


if __name__ == "__main__":
    sys.exit(main())
