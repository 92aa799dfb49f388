"""The sample articles a new store starts with, loaded once and never again.

``sample_articles/index.json`` lists each sample text file with its metadata. Loading is
recorded in the ``meta`` table under ``samples_loaded``, so an analyst who deletes a sample
never sees it come back, and a store that already holds articles (say, from
``python -m quotegraph ingest``) is not new and gets no samples.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from quotegraph.config import PROJECT_ROOT
from quotegraph.store.articles import ArticleDraft, article_row, text_sha256
from quotegraph.store.db import Store
from quotegraph.store.models import Article, Meta

SAMPLES_DIR = PROJECT_ROOT / "sample_articles"
SAMPLES_LOADED_KEY = "samples_loaded"


class SampleError(ValueError):
    """The sample folder or its index is unreadable; the message names the file and why."""


def read_samples(directory: Path = SAMPLES_DIR) -> list[ArticleDraft]:
    """The sample articles described by ``directory/index.json``, texts read exactly as stored."""
    index_path = directory / "index.json"
    try:
        index = json.loads(index_path.read_text(encoding="utf-8"))
        entries = index["articles"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SampleError(f"{index_path}: not a readable sample index ({exc})") from exc
    drafts: list[ArticleDraft] = []
    for entry in entries:
        try:
            text_path = directory / entry["file"]
            # newline="" keeps the file's line endings: the stored text is the file, unchanged.
            with text_path.open(encoding="utf-8", newline="") as handle:
                text = handle.read()
            published = entry.get("published")
            drafts.append(
                ArticleDraft(
                    text=text,
                    title=entry["title"],
                    source=entry.get("source"),
                    url=entry.get("url"),
                    published=dt.date.fromisoformat(published) if published else None,
                    origin=f"sample_articles/{entry['file']}",
                )
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise SampleError(f"{index_path}: bad sample entry {entry!r} ({exc})") from exc
    return drafts


def load_samples_once(store: Store, directory: Path = SAMPLES_DIR) -> int:
    """Import the sample articles into a new store; return how many were imported.

    Everything happens in one write transaction: the check, the articles and the marker. Two
    processes starting at once queue on SQLite's write lock; on PostgreSQL the loser of the race
    hits a unique constraint, rolls back and imports nothing.
    """
    drafts = read_samples(directory)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    try:
        with store.session(write=True) as session:
            if session.get(Meta, SAMPLES_LOADED_KEY) is not None:
                return 0
            imported = 0
            if session.scalar(select(func.count()).select_from(Article)) == 0:
                seen: set[str] = set()
                for draft in drafts:
                    digest = text_sha256(draft.text)
                    if digest in seen:
                        continue
                    seen.add(digest)
                    session.add(article_row(draft))
                    imported += 1
            session.add(Meta(key=SAMPLES_LOADED_KEY, value=now))
            return imported
    except IntegrityError:
        # Another process loaded the samples between our check and our insert.
        return 0
