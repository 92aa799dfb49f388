"""Importing a batch of articles into the store, one transaction per article.

A batch is any iterable of what the readers (``quotegraph.reading``) yield. Each article is
stored in its own transaction through ``add_article``, so a failure, or a kill, in the middle
of a batch leaves no half article behind, and running the same batch again brings in the rest:
the articles already stored are recognised by their text and skipped as duplicates.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TextIO

from sqlalchemy.exc import SQLAlchemyError

from quotegraph.reading import ImportProblem, ReadItem
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import Store

# Called after each item with how many items are done and where the last one came from.
ProgressCallback = Callable[[int, str], None]


@dataclass
class ImportReport:
    """What a batch did: ids of new articles, duplicates (origin, id of the stored article)
    and what failed, with why."""

    imported: list[int] = field(default_factory=list)
    duplicates: list[tuple[str, int]] = field(default_factory=list)
    failed: list[ImportProblem] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"imported {len(self.imported)}, skipped {len(self.duplicates)} duplicates, "
            f"failed {len(self.failed)}"
        )


def _origin_of(draft: ArticleDraft) -> str:
    return draft.origin or draft.title


def import_items(
    store: Store, items: Iterable[ReadItem], *, progress: ProgressCallback | None = None
) -> ImportReport:
    """Store every draft in ``items`` (each in its own transaction) and collect the problems.

    A problem in one item, from its reader or from the store, never stops the batch.
    """
    report = ImportReport()
    for done, item in enumerate(items, start=1):
        if isinstance(item, ImportProblem):
            report.failed.append(item)
            origin = item.origin
        else:
            origin = _origin_of(item)
            try:
                result = add_article(store, item)
            except (SQLAlchemyError, ValueError) as exc:
                # ValueError covers text that cannot be encoded; the transaction rolled back.
                report.failed.append(ImportProblem(origin, f"could not be stored: {_first(exc)}"))
            else:
                if result.created:
                    report.imported.append(result.article_id)
                else:
                    report.duplicates.append((origin, result.article_id))
        if progress is not None:
            progress(done, origin)
    return report


def _first(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0][:300]}" if lines else type(exc).__name__


class TextProgressBar:
    """A one-line progress bar on a text stream (stderr for the command line), redrawn in
    place at most ten times a second::

        [##########..........]  420/840  50%  2.1s  wash-post_2015-12-22_as-spotlight.txt
    """

    def __init__(
        self,
        total: int | None,
        stream: TextIO | None = None,
        *,
        width: int = 24,
        min_interval: float = 0.1,
    ) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.min_interval = min_interval
        self.done = 0
        self._label = ""
        self._started = time.monotonic()
        self._last_draw = float("-inf")
        self._last_length = 0

    def update(self, done: int, label: str = "") -> None:
        self.done = done
        self._label = label
        now = time.monotonic()
        if now - self._last_draw >= self.min_interval:
            self._draw(now)

    def close(self) -> None:
        """Draw the final state and end the line."""
        self._draw(time.monotonic())
        self.stream.write("\n")
        self.stream.flush()

    def render(self, elapsed: float) -> str:
        label = self._label.replace("\\", "/").rsplit("/", 1)[-1][:40]
        seconds = f"{elapsed:.1f}s"
        if self.total:
            shown = min(self.done, self.total)
            filled = round(self.width * shown / self.total)
            bar = "#" * filled + "." * (self.width - filled)
            percent = 100 * shown // self.total
            counts = f"{self.done:>{len(str(self.total))}}/{self.total} {percent:3d}%"
            return f"[{bar}] {counts}  {seconds}  {label}"
        return f"{self.done} items  {seconds}  {label}"

    def _draw(self, now: float) -> None:
        line = self.render(now - self._started)
        padding = " " * max(0, self._last_length - len(line))
        self.stream.write("\r" + line + padding)
        self.stream.flush()
        self._last_length = len(line)
        self._last_draw = now
