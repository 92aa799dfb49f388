"""How fast a folder of articles is read and stored, on a new SQLite store.

    .venv/bin/python bench/ingest.py [FOLDER] [--db URL]

FOLDER defaults to ../shared/polnear-train/texts when present, else 840 generated articles.
Prints the time spent reading (decoding, titles) and storing (one transaction per article),
then the time of a second run, which only recognises duplicates.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quotegraph.config import load_settings  # noqa: E402
from quotegraph.db import open_store  # noqa: E402
from quotegraph.ingest import import_items  # noqa: E402
from quotegraph.reading import read_paths  # noqa: E402

POLNEAR = Path(__file__).resolve().parent.parent.parent / "shared" / "polnear-train" / "texts"


def generated_folder(root: Path, count: int = 840) -> Path:
    folder = root / "generated"
    folder.mkdir()
    for n in range(count):
        body = f"Paragraph {n}: the senator said the bill would pass. " * 60
        (folder / f"{n:04d}.txt").write_text(f"Article {n}\n\n{body}\n")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--db", help="store URL (default: a new SQLite file in a temp folder)")
    args = parser.parse_args()
    settings = load_settings()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        folder = args.folder or (POLNEAR if POLNEAR.is_dir() else generated_folder(root))
        store = open_store(args.db or f"sqlite:///{root / 'bench.db'}")
        started = time.perf_counter()
        items = list(read_paths([folder], settings))
        read_seconds = time.perf_counter() - started
        size = sum(len(item.text.encode()) for item in items if hasattr(item, "text"))
        started = time.perf_counter()
        report = import_items(store, items)
        store_seconds = time.perf_counter() - started
        started = time.perf_counter()
        again = import_items(store, read_paths([folder], settings))
        rerun_seconds = time.perf_counter() - started
        store.dispose()
    print(f"folder: {folder} ({len(items)} items, {size / 1e6:.1f} MB of text)")
    print(f"read:   {read_seconds:6.2f} s  ({len(items) / read_seconds:7.0f} items/s)")
    print(
        f"store:  {store_seconds:6.2f} s  ({len(items) / store_seconds:7.0f} articles/s)"
        f"  -> {report.summary()}"
    )
    print(f"rerun:  {rerun_seconds:6.2f} s  -> {again.summary()}")


if __name__ == "__main__":
    main()
