"""Time the statement table, every export, and backup and restore on a coded store.

Run from the repository root:
``.venv/bin/python bench/exports.py [--texts DIR] [--statements N] [--postgres URL]``.

Builds a store in a temporary SQLite file: the ``.txt`` articles under ``--texts`` (default: 840
generated articles), 1,000 actors, 300 concepts and ``--statements`` coded statements (default
20,000) on sentence spans of those texts, each with one change-log row. Prints seconds and sizes
for: loading the statement table, CSV, JSONL, each network (read and built) and it written as
GraphML and GEXF, then each file as a download makes it (read, network and file), writing a backup,
restoring it into an empty SQLite store (and an empty PostgreSQL database with ``--postgres``),
and whether the re-made backup is byte-identical. Figures only; nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, text  # noqa: E402

from quotegraph.annotation.statement_table import load_statement_table, sentence_starts  # noqa: E402
from quotegraph.exports.backup import backup_bytes, restore_backup, write_backup  # noqa: E402
from quotegraph.exports.formats import to_csv, to_jsonl  # noqa: E402
from quotegraph.exports.gephi_files import to_gexf, to_graphml  # noqa: E402
from quotegraph.exports.network_exports import network_for_export  # noqa: E402
from quotegraph.store.articles import count_words, text_sha256  # noqa: E402
from quotegraph.store.db import Store, open_store  # noqa: E402
from quotegraph.store.models import Actor, Article, Change, Concept, Statement  # noqa: E402

SEED = 20261127
N_ACTORS = 1_000
N_CONCEPTS = 300
SENTENCE = "the minister said talks would resume after sanctions were lifted by the council"


def generated_texts(count: int, rng: random.Random) -> list[str]:
    texts = []
    for number in range(count):
        sentences = [
            " ".join(rng.choice(SENTENCE.split()) for _ in range(rng.randint(8, 25))).capitalize()
            + "."
            for _ in range(rng.randint(20, 60))
        ]
        texts.append(f"Article {number}\n\n" + " ".join(sentences))
    return texts


def build_store(store: Store, texts: list[str], n_statements: int, rng: random.Random) -> None:
    now = dt.datetime(2026, 11, 27, tzinfo=dt.UTC)
    with store.session(write=True) as session:
        session.execute(
            insert(Article),
            [
                {
                    "id": number + 1,
                    "text": body,
                    "sha256": text_sha256(body),
                    "title": body.split("\n", 1)[0][:200] or f"Article {number}",
                    "origin": f"bench/{number}.txt",
                    "published": dt.date(2025, 1, 1) + dt.timedelta(days=number % 365),
                    "word_count": count_words(body),
                    "added_at": now,
                }
                for number, body in enumerate(texts)
            ],
        )
        session.execute(
            insert(Actor),
            [
                {
                    "id": number + 1,
                    "name": f"Actor {number}",
                    "key": f"actor {number}",
                    "type": "person" if number % 4 else "organisation",
                    # an organisation listed before the person (ids 1, 5, 9, ...)
                    "affiliation_id": (number // 4 % 40) * 4 + 1 if number % 4 else None,
                    "created_at": now,
                }
                for number in range(N_ACTORS)
            ],
        )
        session.execute(
            insert(Concept),
            [
                {"id": n + 1, "name": f"Concept {n}", "description": "", "created_at": now}
                for n in range(N_CONCEPTS)
            ],
        )
        starts = [sentence_starts(body) for body in texts]
        statements, changes = [], []
        for number in range(n_statements):
            article = rng.randrange(len(texts))
            bounds = starts[article] + [len(texts[article])]
            sentence = rng.randrange(len(bounds) - 1)
            start, end = bounds[sentence], bounds[sentence + 1] - 1
            statements.append(
                {
                    "id": number + 1,
                    "article_id": article + 1,
                    "start": start,
                    "end": max(end, start + 1),
                    "actor_id": rng.randint(1, N_ACTORS),
                    "concept_id": rng.randint(1, N_CONCEPTS),
                    "stance": rng.choice((-1, 0, 1)),
                    "kind": rng.choice(("direct", "mixed", "indirect")),
                    "status": rng.choice(("accepted", "accepted", "suggested", "rejected")),
                    "field_origins": {"span": "machine", "stance": "person"},
                    "annotator": "bench",
                    "note": "=formula" if number % 1000 == 0 else "",
                    "version": 2,
                    "created_at": now,
                    "updated_at": now,
                }
            )
            changes.append(
                {
                    "group_id": f"{number:036d}",
                    "at": now,
                    "annotator": "bench",
                    "action": "update",
                    "table_name": "statements",
                    "row_id": number + 1,
                    "article_id": article + 1,
                    "field": "stance",
                    "old_value": None,
                    "new_value": statements[-1]["stance"],
                }
            )
        session.execute(insert(Statement), statements)
        session.execute(insert(Change), changes)


def timed(label: str, make: Callable[[], Any]) -> Any:
    """Run ``make`` once; print wall seconds, this process's CPU seconds (the machine may be
    shared: CPU time is what the code itself costs) and the size of text or bytes made."""
    begin, begin_cpu = time.perf_counter(), time.process_time()
    result = make()
    seconds, cpu = time.perf_counter() - begin, time.process_time() - begin_cpu
    size = len(result) if isinstance(result, str | bytes) else None
    shown = f"{size / 1e6:8.2f} MB" if size is not None else " " * 11
    print(f"{label:<42} {seconds:7.2f} s {cpu:6.2f} s cpu {shown}", flush=True)
    return result


def empty_postgres(url: str) -> Store:
    store = open_store(url)
    with store.engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    store.dispose()
    return open_store(url)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, help="folder of .txt articles")
    parser.add_argument("--statements", type=int, default=20_000)
    parser.add_argument("--postgres", metavar="URL", help="an EMPTY-able PostgreSQL database")
    args = parser.parse_args()
    rng = random.Random(SEED)
    print(f"load average at start {os.getloadavg()[0]:.1f}")
    if args.texts:
        paths = sorted(args.texts.glob("*.txt"))
        texts = list(dict.fromkeys(p.read_text(encoding="utf-8") for p in paths))
    else:
        texts = generated_texts(840, rng)

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{folder}/bench.db")
        timed(
            "build the store (bulk insert)", lambda: build_store(store, texts, args.statements, rng)
        )
        print(
            f"{len(texts)} articles, {N_ACTORS} actors, {N_CONCEPTS} concepts, "
            f"{args.statements} statements, {args.statements} change-log rows"
        )
        table = timed(
            "statement table (all statements)",
            lambda: load_statement_table(store, include_rejected=True),
        )
        print(f"  {len(table)} rows x {len(table.columns)} columns")
        timed("CSV", lambda: to_csv(table))
        timed("JSONL", lambda: to_jsonl(store, include_rejected=True))
        for kind in ("actor-concept", "actor-actor", "actor-statement"):
            graph = timed(
                f"network {kind} (with suggestions)",
                lambda kind=kind: network_for_export(store, kind, include_suggested=True),
            )
            timed(
                f"  GraphML ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)",
                lambda graph=graph: to_graphml(graph),
            )
            timed("  GEXF", lambda graph=graph: to_gexf(graph))
            # what a click on the Export page waits for: read, network and file in one go
            for name, writer in (("GraphML", to_graphml), ("GEXF", to_gexf)):
                timed(
                    f"  {name} on click (read, build, write)",
                    lambda kind=kind, writer=writer: writer(
                        network_for_export(store, kind, include_suggested=True)
                    ),
                )
        path = Path(folder) / "bench.zip"
        timed("write backup (file)", lambda: write_backup(store, path))
        print(f"  backup size {path.stat().st_size / 1e6:.2f} MB")
        original = path.read_bytes()
        target = open_store(f"sqlite:///{folder}/restored.db")
        timed("restore into empty SQLite", lambda: restore_backup(target, path))
        again = timed("backup of the restored store", lambda: backup_bytes(target))
        print(f"  byte-identical: {again == original}")
        if args.postgres:
            pg = empty_postgres(args.postgres)
            timed("restore into empty PostgreSQL", lambda: restore_backup(pg, path))
            from_pg = timed("backup of the PostgreSQL store", lambda: backup_bytes(pg))
            print(f"  byte-identical: {from_pg == original}")
            pg.dispose()
        target.dispose()
        store.dispose()
    print(f"load average at end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
