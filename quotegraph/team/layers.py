"""Which layer of statements a person reads and writes.

Every statement belongs to a layer (``Statement.coder``): NULL is the project's layer (the
machine's suggestions, single-coded work, and the adjudicated result); a coder's name is that
coder's own version of a double-coded article. An article is double coded while the project's
double coding is on and two or more coders are assigned to it.

- A coder assigned to a double-coded article codes in their own layer. The first time they open
  it, the machine's unreviewed suggestions (the project layer's "suggested" rows) are copied into
  their layer, each copy naming its original in ``based_on_id``; every later decision touches
  only their rows.
- In blind mode a coder never reads another coder's layer. An admin (and, in an open store with no
  admin, anyone who is not one of the project's coders) sees every layer, as an adjudicator must.
- Everyone else, and every article of a single-coded project, reads and writes the project layer,
  exactly as before team coding existed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session, aliased

from quotegraph.store.db import Store
from quotegraph.store.models import Assignment, Meta, Statement, utcnow
from quotegraph.store.project_settings import blind_mode_on, double_coding_on
from quotegraph.team.permissions import (
    ADJUDICATE,
    PROGRAM_NAMES,
    PermissionDenied,
    may,
    store_is_closed,
)

PROJECT = "project"
"""The project layer's name wherever a layer is chosen by name (pickers, ``--layer``)."""

_OPENED_KEY = "layer.opened.{article_id}.{coder}"
# A statement's content: what a coder's copy and an adjudicated result take from the statement
# they are made from (who decided, and when, is their own).
CONTENT_COLUMNS = (
    "article_id",
    "start",
    "end",
    "speaker_start",
    "speaker_end",
    "speaker_mention",
    "cue",
    "cue_start",
    "cue_end",
    "actor_id",
    "concept_id",
    "stance",
    "kind",
    "note",
    "statement_type",
    "variables",
    "pipeline_version",
    "coding_model_version",
)
# A coder's copy starts as the suggestion it is: its status, origins and annotator too.
_COPIED = CONTENT_COLUMNS + ("status", "field_origins", "annotator")


def layer_coder(layer: str) -> str | None:
    """The ``Statement.coder`` value of a layer name: None for the project layer."""
    if not isinstance(layer, str) or not layer.strip():
        raise ValueError("name a layer: 'project' or a coder's name")
    layer = layer.strip()
    return None if layer == PROJECT else layer


def in_layer(coder: str | None) -> Any:
    """The SQL condition for statements of the layer whose ``Statement.coder`` is ``coder``."""
    return Statement.coder.is_(None) if coder is None else Statement.coder == coder


def article_coders(session: Session, article_id: int) -> list[str]:
    """The coders assigned to the article, by name."""
    return sorted(
        session.scalars(select(Assignment.coder).where(Assignment.article_id == article_id))
    )


def is_double_coded(session: Session, article_id: int) -> bool:
    """True while the project is double coded and two or more coders are assigned the article."""
    return double_coding_on(session) and len(article_coders(session, article_id)) >= 2


def coding_layer(session: Session, who: str | None, article_id: int) -> str | None:
    """The ``Statement.coder`` value of the layer ``who`` codes the article in: their own name on
    a double-coded article assigned to them, None (the project layer) otherwise."""
    if who is None or not double_coding_on(session):
        return None
    coders = article_coders(session, article_id)
    return who if len(coders) >= 2 and who in coders else None


def sees_all_layers(session: Session, who: str | None) -> bool:
    """True for whoever may read every coder's layer: the program, whoever may adjudicate (an
    admin), and in an open store (no admin yet) anyone who is not one of the project's coders."""
    if who is None or who in PROGRAM_NAMES:
        return True
    if store_is_closed(session):
        return may(session, who, ADJUDICATE)
    assigned = session.scalar(select(Assignment.id).where(Assignment.coder == who).limit(1))
    return assigned is None


def may_read_layer(session: Session, who: str | None, coder: str | None) -> bool:
    """Whether ``who`` may read the layer whose ``Statement.coder`` is ``coder``."""
    if coder is None or coder == who or not blind_mode_on(session):
        return True
    return sees_all_layers(session, who)


def require_readable(session: Session, who: str | None, coder: str | None) -> None:
    """Refuse with ``PermissionDenied`` when blind mode hides the layer from ``who``."""
    if not may_read_layer(session, who, coder):
        raise PermissionDenied(f"blind coding: {who!r} may not see {coder!r}'s statements")


def readable_layers(store: Store, who: str | None) -> list[str]:
    """The layer names ``who`` may choose to read: "project" first, then coders' layers that
    hold statements (only their own in blind mode, unless they see all)."""
    with store.session() as session:
        coders = session.scalars(
            select(Statement.coder).where(Statement.coder.is_not(None)).distinct()
        ).all()
        return [PROJECT] + sorted(c for c in coders if may_read_layer(session, who, c))


def check_writable(session: Session, who: str, statement: Statement) -> None:
    """Refuse a change to a statement outside the layer ``who`` codes its article in."""
    layer = coding_layer(session, who, statement.article_id)
    if statement.coder != layer:
        owner = "the project's" if statement.coder is None else f"{statement.coder}'s"
        mine = "the project's" if layer is None else "your own"
        raise PermissionDenied(
            f"statement {statement.id} is in {owner} layer; {who!r} codes article "
            f"{statement.article_id} in {mine} layer"
        )


def ensure_layer(session: Session, who: str | None, article_id: int) -> str | None:
    """The layer ``who`` codes the article in, copying the machine's unreviewed suggestions into
    it the first time (inside ``session``, which must be a write session). Once copied, never
    again, even if the coder deletes every copy."""
    coder = coding_layer(session, who, article_id)
    if coder is None:
        return None
    key = _key(article_id, coder)
    if session.get(Meta, key) is not None:
        return coder
    now = utcnow()
    suggestions = session.scalars(
        select(Statement)
        .where(Statement.article_id == article_id, in_layer(None), Statement.status == "suggested")
        .order_by(Statement.start, Statement.id)
    ).all()
    for original in suggestions:
        values = {name: getattr(original, name) for name in _COPIED}
        values["field_origins"] = dict(values["field_origins"] or {})
        session.add(
            Statement(
                **values,
                coder=coder,
                based_on_id=original.id,
                version=1,
                created_at=now,
                updated_at=now,
            )
        )
    session.add(Meta(key=key, value=now.isoformat()))
    session.flush()
    return coder


def open_article(store: Store, who: str | None, article_id: int) -> str:
    """The layer name ``who`` codes the article in ("project" or their own name), copying the
    suggestions into their layer on first opening (see ``ensure_layer``)."""
    with store.session() as session:
        coder = coding_layer(session, who, article_id)
        if coder is not None and session.get(Meta, _key(article_id, coder)) is not None:
            return coder
    if coder is None:
        return PROJECT
    with store.session(write=True) as session:
        return ensure_layer(session, who, article_id) or PROJECT


def _key(article_id: int, coder: str) -> str:
    return _OPENED_KEY.format(article_id=article_id, coder=coder)[:100]


def awaiting_adjudication(session: Session) -> set[int]:
    """Double-coded articles without an adjudicated result yet: they contribute nothing to the
    project layer's networks and exports. Double coded: two or more coders assigned (while the
    project is double coded) or coders' statements stored; adjudicated: a project-layer
    statement based on a coder's statement."""
    coded = set(
        session.scalars(select(Statement.article_id).where(Statement.coder.is_not(None)).distinct())
    )
    if double_coding_on(session):
        coded |= set(
            session.scalars(
                select(Assignment.article_id)
                .group_by(Assignment.article_id)
                .having(func.count(Assignment.id) >= 2)
            )
        )
    if not coded:
        return set()
    source = aliased(Statement)
    adjudicated = set(
        session.scalars(
            select(Statement.article_id)
            .where(
                Statement.coder.is_(None),
                exists().where(and_(source.id == Statement.based_on_id, source.coder.is_not(None))),
            )
            .distinct()
        )
    )
    return coded - adjudicated


def awaiting_adjudication_count(store: Store) -> int:
    """How many double-coded articles the project's result leaves out until adjudicated."""
    with store.session() as session:
        return len(awaiting_adjudication(session))
