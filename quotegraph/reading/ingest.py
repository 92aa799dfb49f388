"""Importing a batch of articles into the store, one transaction per article.

A batch is any iterable of what the readers (``quotegraph.reading``) yield. Each article is
stored in its own transaction through ``add_article``, so a failure, or a kill, in the middle
of a batch leaves no half article behind, and running the same batch again brings in the rest:
the articles already stored are recognised by their text and skipped as duplicates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy.exc import SQLAlchemyError

from quotegraph.reading import ImportProblem, ReadItem
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import Store
from quotegraph.team.permissions import IMPORT, require

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
    store: Store,
    items: Iterable[ReadItem],
    *,
    progress: ProgressCallback | None = None,
    annotator: str = "import",
) -> ImportReport:
    """Store every draft in ``items`` (each in its own transaction) and collect the problems.

    A problem in one item, from its reader or from the store, never stops the batch; an
    ``annotator`` who may not import is refused (``PermissionDenied``) before the first item.
    """
    with store.session() as session:
        require(session, annotator, IMPORT)
    report = ImportReport()
    for done, item in enumerate(items, start=1):
        if isinstance(item, ImportProblem):
            report.failed.append(item)
            origin = item.origin
        else:
            origin = _origin_of(item)
            try:
                result = add_article(store, item, annotator=annotator)
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
