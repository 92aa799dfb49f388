"""The team's codebook, its shared editing rules: names cleaned and bounded, every edit in one write
transaction that appends one change group (article None) with the annotator, so
``history.undo(store, annotator=..., article_id=None)`` reverses the latest codebook edit. The
parts live beside it: ``codebook_concepts`` (concepts and their CSV import), ``stance_scale``
and ``codebook_actors`` (actors, aliases, merge and unmerge). Refusals (a name already taken, a
concept still in use, a stance value still in use) raise ``ValueError`` with a message meant for
the analyst.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from quotegraph.annotation.changes import ChangeRecorder
from quotegraph.store.db import Store
from quotegraph.team.permissions import EDIT_CODEBOOK

_MAX_NAME = 500


def _clean_name(name: str, what: str, limit: int = _MAX_NAME) -> str:
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"the {what} is empty")
    name = " ".join(name.split())
    if len(name) > limit:
        raise ValueError(f"the {what} is longer than {limit} characters")
    return name


@contextlib.contextmanager
def _write(store: Store) -> Iterator[Session]:
    """A write transaction whose unique-constraint clash becomes a message, not a traceback.

    The checks inside each edit catch duplicates; this covers two people adding the same name
    in the same instant on PostgreSQL, where writers do not queue as they do on SQLite.
    """
    try:
        with store.session(write=True) as session:
            yield session
    except IntegrityError as error:
        raise ValueError(
            "someone else made a clashing change at the same moment: reload and try again"
        ) from error


def _recorder(
    session: Session, annotator: str, action: str, permission: str = EDIT_CODEBOOK
) -> ChangeRecorder:
    """The change group of one codebook edit; ``permission`` is what the edit needs (merges,
    deletions, the stance scale and imports need MANAGE_CODEBOOK)."""
    if not isinstance(annotator, str) or not annotator.strip():
        raise ValueError("say who is annotating: the annotator name is empty")
    return ChangeRecorder(
        session,
        annotator=annotator.strip(),
        action=action,
        article_id=None,
        permission=permission,
    )
