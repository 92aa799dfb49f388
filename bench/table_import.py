"""Round trip of a corpus through a pandas-written CSV: does every text arrive byte-identical?

    .venv/bin/python bench/table_import.py FOLDER [--count 84]

Takes the first COUNT .txt files of FOLDER, writes them with ``DataFrame.to_csv(index=False)``
(columns ``title`` and ``text``; texts keep their newlines and quotation marks), runs
``python -m quotegraph ingest`` on that file into a new SQLite store, and compares what the store
holds with what was written. Prints the command's own summary line and the comparison; exits 1
when any text differs or is missing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotegraph.db import open_store  # noqa: E402
from quotegraph.models import Article  # noqa: E402
from quotegraph.reading import normalise_newlines, title_from_text  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=84)
    args = parser.parse_args()
    files = sorted(args.folder.glob("*.txt"))[: args.count]
    texts = [normalise_newlines(path.read_text(encoding="utf-8")) for path in files]
    frame = pd.DataFrame({"title": [title_from_text(t) for t in texts], "text": texts})
    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / "corpus.csv"
        frame.to_csv(table, index=False)
        db_url = f"sqlite:///{tmp}/store.db"
        command = [sys.executable, "-m", "quotegraph", "ingest", str(table), "--db", db_url]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        multiline = sum("\n" in t for t in texts)
        quoted = sum('"' in t for t in texts)
        print(f"articles written: {len(texts)}; with newlines: {multiline}; with a quote: {quoted}")
        print("$ python -m quotegraph ingest corpus.csv")
        print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr)
        store = open_store(db_url)
        with store.session() as session:
            stored = [row.text for row in session.query(Article).order_by(Article.id)]
        store.dispose()
    identical = sum(a == b for a, b in zip(stored, texts, strict=False))
    print(f"stored: {len(stored)}; byte-identical to the written text: {identical}")
    return 0 if identical == len(texts) == len(stored) else 1


if __name__ == "__main__":
    sys.exit(main())
