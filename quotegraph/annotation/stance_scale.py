"""The codebook's stance scale: the values and labels statements are coded with, the binary and
five-point presets, and the checks that keep a value in use from disappearing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from quotegraph.annotation.codebook import _clean_name, _recorder, _write
from quotegraph.store.db import Store
from quotegraph.store.models import StanceLevel, Statement
from quotegraph.team.permissions import MANAGE_CODEBOOK

BINARY_SCALE: tuple[tuple[int, str], ...] = ((-1, "disagree"), (0, "neutral"), (1, "agree"))
FIVE_POINT_SCALE: tuple[tuple[int, str], ...] = (
    (-2, "strongly disagree"),
    (-1, "disagree"),
    (0, "neutral"),
    (1, "agree"),
    (2, "strongly agree"),
)
_MAX_LABEL = 100


@dataclass(frozen=True)
class StanceLevelView:
    value: int
    label: str
    statement_count: int


def list_stance_levels(store: Store) -> list[StanceLevelView]:
    """The stance scale, from most against to most for, with statement counts."""
    counts = select(Statement.stance, func.count().label("n")).group_by(Statement.stance).subquery()
    query = (
        select(StanceLevel.value, StanceLevel.label, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.stance == StanceLevel.value)
        .order_by(StanceLevel.value)
    )
    with store.session() as session:
        return [StanceLevelView(*row) for row in session.execute(query)]


def set_stance_scale(
    store: Store, levels: Sequence[tuple[int, str]], *, annotator: str
) -> list[StanceLevelView]:
    """Replace the stance scale by ``levels`` (value, label), e.g. ``FIVE_POINT_SCALE``.

    Values that stay keep their statements (their label may change); a value that would
    disappear while statements use it is refused.
    """
    wanted = _check_scale(levels)
    with _write(store) as session:
        recorder = _recorder(session, annotator, "update", MANAGE_CODEBOOK)
        current = {level.value: level for level in session.scalars(select(StanceLevel))}
        removed = sorted(set(current) - set(wanted))
        if removed:
            in_use = session.execute(
                select(Statement.stance, func.count())
                .where(Statement.stance.in_(removed))
                .group_by(Statement.stance)
                .order_by(Statement.stance)
            ).all()
            if in_use:
                used = ", ".join(
                    f"{value} ({current[value].label!r}, {count} statements)"
                    for value, count in in_use
                )
                raise ValueError(
                    f"statements use stance {used}: keep those values or re-code them first"
                )
        for value in removed:
            recorder.deleted(current[value])
            session.delete(current[value])
        session.flush()
        relabelled = {
            value: (current[value].label, label)
            for value, label in wanted.items()
            if value in current and current[value].label != label
        }
        # Park changed labels first so swapping two labels never trips the unique constraint
        # (clean labels never start with a space, so a parked one collides with none).
        for value in relabelled:
            current[value].label = f" parked {value}"
        session.flush()
        for value, (old_label, label) in relabelled.items():
            current[value].label = label
            recorder.updated("stance_levels", value, "label", old_label, label)
        for value, label in wanted.items():
            if value not in current:
                level = StanceLevel(value=value, label=label)
                session.add(level)
                session.flush()
                recorder.created(level)
        session.flush()
        recorder.finish()
    return list_stance_levels(store)


def _check_scale(levels: Sequence[tuple[int, str]]) -> dict[int, str]:
    wanted: dict[int, str] = {}
    labels: set[str] = set()
    for value, label in levels:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"stance values are whole numbers, got {value!r}")
        label = _clean_name(label, "stance label", _MAX_LABEL)
        if value in wanted:
            raise ValueError(f"stance value {value} appears twice")
        if label.lower() in labels:
            raise ValueError(f"stance label {label!r} appears twice")
        wanted[value] = label
        labels.add(label.lower())
    if len(wanted) < 2:
        raise ValueError("a stance scale needs at least two levels")
    return dict(sorted(wanted.items()))
