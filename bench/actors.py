"""How trustworthy the actor table is after a corpus is analysed, in counts.

    .venv/bin/python bench/actors.py CORPUS_DIR [--limit N] [--db FILE] [--sample 50]
    .venv/bin/python bench/actors.py --measure-only FILE [--sample 50]

Ingests CORPUS_DIR (a folder of articles) into a new SQLite store, analyses every article with
``analysis.corpus.analyse_articles``, then prints, over the actors not merged away:
- persons whose names and aliases hold two different given names with one surname (nicknames
  of one given name, such as Tim and Timothy, count as one);
- persons whose name has fewer name words than one of their own aliases (titles, middle
  initials and Jr./Sr. not counted);
- actors whose name has no capitalised word ("analysts", "his 1995 tax returns");
- lone surnames marked unresolved, and the total;
and a seeded random sample of actors, with a statement of each, to check by hand.
``--db FILE`` keeps the store; ``--measure-only FILE`` measures a store built earlier (also one
built by an older quotegraph, whose schema it does not change).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, inspect, text  # noqa: E402

from quotegraph.analysis.actor_names import strip_titles  # noqa: E402

try:  # the nickname table arrived with actor identity; an older checkout measures without it
    from quotegraph.analysis.actor_names import same_given_name
except ImportError:  # pragma: no cover - only on an older checkout

    def same_given_name(first: str, second: str) -> bool:
        return first.casefold() == second.casefold()


_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def name_words(name: str) -> list[str]:
    """The words of a name without titles, a possessive, initials and Jr./Sr."""
    words = strip_titles(name).replace("’", "'").split()
    words = [w.strip(",") for w in words]
    return [
        w
        for w in words
        if w and w.lower() not in _SUFFIXES and not (len(w.rstrip(".")) == 1 and w[0].isalpha())
    ]


def given_and_surname(name: str) -> tuple[str, str] | None:
    words = name_words(name)
    if len(words) < 2 or not all(w[:1].isupper() for w in (words[0], words[-1])):
        return None
    return words[0], words[-1].casefold()


def build(corpus: Path, db_path: Path, limit: int | None) -> None:
    from quotegraph.analysis.corpus import analyse_articles
    from quotegraph.config import load_settings
    from quotegraph.reading import read_paths
    from quotegraph.reading.ingest import import_items
    from quotegraph.store.db import open_store

    paths = sorted(p for p in corpus.iterdir() if p.is_file())
    if limit is not None:
        paths = paths[:limit]
    store = open_store(f"sqlite:///{db_path}")
    started = time.perf_counter()
    report = import_items(store, read_paths(paths, load_settings()))
    ids = [*report.imported, *(article_id for _, article_id in report.duplicates)]
    analyse_articles(store, ids)
    store.dispose()
    print(f"built: {len(ids)} articles in {time.perf_counter() - started:.0f} s ({db_path})")


def measure(db_path: Path, sample_size: int, seed: int) -> None:
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.connect() as connection:
        columns = {c["name"] for c in inspect(connection).get_columns("actors")}
        unresolved_column = "unresolved" if "unresolved" in columns else "0"
        actors = connection.execute(
            text(
                f"SELECT id, name, type, {unresolved_column} FROM actors "
                "WHERE merged_into_id IS NULL ORDER BY id"
            )
        ).all()
        aliases: dict[int, list[str]] = defaultdict(list)
        for actor_id, alias in connection.execute(
            text("SELECT actor_id, alias FROM actor_aliases ORDER BY id")
        ):
            aliases[actor_id].append(alias)
        counts = dict(
            connection.execute(
                text("SELECT actor_id, count(*) FROM statements GROUP BY actor_id")
            ).all()
        )
        examples = dict(
            connection.execute(
                text(
                    "SELECT actor_id, min(coalesce(speaker_mention, '') || ' | ' || "
                    'substr(a.text, s.start + 1, min(s."end" - s.start, 90))) '
                    "FROM statements s JOIN articles a ON a.id = s.article_id GROUP BY actor_id"
                )
            ).all()
        )
        unnamed = connection.execute(
            text(
                "SELECT count(*) FROM statements WHERE actor_id IS NULL "
                "AND speaker_mention IS NOT NULL"
            )
        ).scalar()
        statements = connection.execute(text("SELECT count(*) FROM statements")).scalar()

    two_people: list[str] = []
    shorter: list[str] = []
    lowercase: list[str] = []
    unresolved = 0
    for actor_id, name, actor_type, is_unresolved in actors:
        unresolved += bool(is_unresolved)
        names = [name, *aliases[actor_id]]
        given: dict[str, list[str]] = defaultdict(list)
        for variant in names:
            parts = given_and_surname(variant)
            if parts is not None and not any(
                same_given_name(parts[0], seen) for seen in given[parts[1]]
            ):
                given[parts[1]].append(parts[0])
        if actor_type == "person" and any(len(firsts) > 1 for firsts in given.values()):
            two_people.append(f"{name} <- {aliases[actor_id]}")
        if actor_type == "person" and any(
            len(name_words(alias)) > len(name_words(name)) for alias in aliases[actor_id]
        ):
            shorter.append(f"{name} <- {aliases[actor_id]}")
        if not any(w[:1].isupper() for w in strip_titles(name).split()):
            lowercase.append(name)

    def show(label: str, found: list[str]) -> None:
        print(f"{label}: {len(found)}")
        for line in found[:8]:
            print(f"    {line}")

    print(f"store: {db_path}")
    show("persons with two given names for one surname", two_people)
    show("persons named shorter than an alias", shorter)
    show("actors that are lowercase phrases", lowercase)
    print(f"lone surnames marked unresolved: {unresolved}")
    print(f"actors (not merged): {len(actors)}")
    print(f"statements: {statements}, of which spoken by an unnamed source: {unnamed}")
    chosen = random.Random(seed).sample(list(actors), min(sample_size, len(actors)))
    print(f"\nsample of {len(chosen)} actors (seed {seed}) to check by hand:")
    for actor_id, name, actor_type, is_unresolved in sorted(chosen, key=lambda row: row[0]):
        mark = " [unresolved]" if is_unresolved else ""
        print(f"{actor_id:5} {name!r} ({actor_type}){mark} aliases={aliases[actor_id]}")
        print(f"      {counts.get(actor_id, 0)} statements; e.g. {examples.get(actor_id, '')!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path)
    parser.add_argument("--limit", type=int, help="only the first N files, by name")
    parser.add_argument("--db", type=Path, help="keep the store in this SQLite file")
    parser.add_argument("--measure-only", type=Path, help="measure this SQLite store")
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    if args.measure_only is not None:
        measure(args.measure_only, args.sample, args.seed)
        return
    if args.corpus is None or not args.corpus.is_dir():
        parser.error("give a folder of articles, or --measure-only FILE")
    with tempfile.TemporaryDirectory() as scratch:
        db_path = args.db or Path(scratch) / "actors.db"
        build(args.corpus, db_path, args.limit)
        measure(db_path, args.sample, args.seed)


if __name__ == "__main__":
    main()
