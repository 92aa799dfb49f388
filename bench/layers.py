"""Time team coding's layer work on generated data: the copy a coder's first opening makes, the
reads and writes of a coder's layer, the project-layer statement table (which leaves out articles
awaiting adjudication), and a statement export imported into an empty store.

Run from the repository root: ``.venv/bin/python bench/layers.py [--articles N] [--statements M]``.
Prints best-of-3 wall seconds per step; the load average first (other jobs stretch the clock).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quotegraph.annotation.decisions import decide_statements  # noqa: E402
from quotegraph.annotation.statement_table import load_statement_table  # noqa: E402
from quotegraph.annotation.statements import list_statements  # noqa: E402
from quotegraph.exports.formats import to_csv  # noqa: E402
from quotegraph.reading.statement_import import import_statements  # noqa: E402
from quotegraph.store.articles import ArticleDraft, add_article  # noqa: E402
from quotegraph.store.db import open_store  # noqa: E402
from quotegraph.store.models import Statement, utcnow  # noqa: E402
from quotegraph.store.project_settings import TeamSettings, write_team_settings  # noqa: E402
from quotegraph.team.assignments import assign_articles  # noqa: E402
from quotegraph.team.layers import open_article  # noqa: E402


def best(step: callable, repeat: int = 3) -> float:  # type: ignore[valid-type]
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        step()
        times.append(time.perf_counter() - began)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--statements", type=int, default=60, help="suggestions per article")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}")
    folder = tempfile.mkdtemp()
    store = open_store(f"sqlite:///{folder}/bench.db")
    sentence = "The minister said that the talks would go on. "
    ids = []
    for n in range(args.articles):
        text = f"Report {n}. " + sentence * args.statements
        ids.append(add_article(store, ArticleDraft(text=text, title=f"r{n}")).article_id)
    now = utcnow()
    with store.session(write=True) as session:
        for article_id in ids:
            offset = len(f"Report {article_id - ids[0]}. ")
            for k in range(args.statements):
                start = offset + k * len(sentence) + 4
                session.add(
                    Statement(
                        article_id=article_id,
                        start=start,
                        end=start + 30,
                        status="suggested",
                        kind="indirect",
                        field_origins={"span": "machine"},
                        note="",
                        version=1,
                        created_at=now,
                        updated_at=now,
                    )
                )
    write_team_settings(store, TeamSettings(True, 0.2, True), who="lead")
    outcome = assign_articles(store, ids, ["ann", "ben"], who="lead")
    double = [a for a, names in outcome.plan.items() if len(names) == 2]
    print(f"{len(ids)} articles x {args.statements} suggestions; {len(double)} double coded")

    article = double[0]
    began = time.perf_counter()
    open_article(store, "ann", article)
    print(
        f"first opening (copy {args.statements} suggestions): {time.perf_counter() - began:.4f} s"
    )
    print(f"opening again: {best(lambda: open_article(store, 'ann', article)):.4f} s")
    listing = best(lambda: list_statements(store, article, layer="ann", reader="ann"))
    print(f"list ann's layer: {listing:.4f} s")
    rows = list_statements(store, article, layer="ann")
    began = time.perf_counter()
    decide_statements(store, {r.id: r.version for r in rows}, status="accepted", annotator="ann")
    print(f"accept {len(rows)} in ann's layer as one decision: {time.perf_counter() - began:.4f} s")
    single = next(a for a, names in outcome.plan.items() if len(names) == 1)
    rows = list_statements(store, single)
    began = time.perf_counter()
    decide_statements(store, {r.id: r.version for r in rows}, status="accepted", annotator="ann")
    took = time.perf_counter() - began
    print(f"accept {len(rows)} of a single-coded article likewise: {took:.4f} s")
    table = best(lambda: load_statement_table(store, include_rejected=True))
    print(f"project statement table (awaiting articles left out): {table:.4f} s")
    exported = to_csv(load_statement_table(store, include_rejected=True)).encode()
    target = open_store(f"sqlite:///{folder}/target.db")
    for n in range(args.articles):
        add_article(
            target, ArticleDraft(text=f"Report {n}. " + sentence * args.statements, title=f"r{n}")
        )
    began = time.perf_counter()
    report = import_statements(target, exported, "s.csv", coder="cy")
    print(
        f"import {report.statements} statements into an empty store: "
        f"{time.perf_counter() - began:.3f} s"
    )
    store.dispose()
    target.dispose()


if __name__ == "__main__":
    main()
