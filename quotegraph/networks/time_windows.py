"""Networks over time: a window of fixed length moved along the articles' dates by a fixed step,
as DNA's time-window networks, and stance counts per period.

A window covers the days ``start`` .. ``end`` (both included, ``end - start + 1`` = its length).
The first window starts on the earliest date (or the ``start`` given), each next one ``step``
later, and the last is the first that reaches the latest date (or the ``end`` given), so every
dated statement is in a window when the step is no longer than the window (the last window may
run past the latest date; a span shorter than one window gives one window).
Statements without a date are in no window. Each window's statements are then counted by any
network function, e.g. ``actor_network(window.records)``; duplicates are dropped before
windowing with :func:`~quotegraph.networks.records.drop_duplicates` (per document, week, month
or year).
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from quotegraph.networks.matrix import _check_option
from quotegraph.networks.records import StatementRecord

Period = Literal["week", "month", "year"]
_DURATION = re.compile(r"^\s*(\d+)\s*([dw]?)\s*$", re.IGNORECASE)


def parse_duration(text: str) -> datetime.timedelta:
    """``"30d"``, ``"2w"`` or ``"30"`` (days) as a timedelta of at least one day."""
    match = _DURATION.match(text or "")
    if match is None or int(match.group(1)) < 1:
        raise ValueError(
            f"a window length or step is a number of days or weeks, like 30d or 2w; got {text!r}"
        )
    days = int(match.group(1)) * (7 if match.group(2).lower() == "w" else 1)
    return datetime.timedelta(days=days)


@dataclass(frozen=True)
class TimeWindow:
    """One window: its first and last day and the statements dated within them."""

    start: datetime.date
    end: datetime.date
    records: tuple[StatementRecord, ...]

    @property
    def label(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


def time_windows(
    records: Iterable[StatementRecord],
    *,
    length: datetime.timedelta,
    step: datetime.timedelta,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> list[TimeWindow]:
    """The windows over the records' dates (see the module doc), each with its statements in
    the order given."""
    if length.days < 1 or step.days < 1:
        raise ValueError("a window's length and step are at least one day")
    dated = sorted(
        (r for r in records if r.published is not None),
        key=lambda r: r.published,  # type: ignore[arg-type,return-value]
    )
    if not dated:
        return []
    days = [r.published for r in dated]
    first = start or days[0]
    last = end or days[-1]
    span = datetime.timedelta(days=length.days - 1)
    starts = [first]
    while starts[-1] + span < last:
        starts.append(starts[-1] + step)
    windows = []
    for window_start in starts:
        window_end = window_start + span
        low = bisect.bisect_left(days, window_start)  # type: ignore[arg-type]
        high = bisect.bisect_right(days, window_end)  # type: ignore[arg-type]
        chosen = sorted(dated[low:high], key=lambda r: r.statement_id)
        windows.append(TimeWindow(window_start, window_end, tuple(chosen)))
    return windows


def period_start(day: datetime.date, period: Period) -> datetime.date:
    """The first day of the ISO week (Monday), month or year ``day`` is in."""
    if period == "week":
        return day - datetime.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def stance_over_time(
    records: Iterable[StatementRecord],
    *,
    by: Literal["actor", "concept"] = "actor",
    period: Period = "month",
    group_by_affiliation: bool = False,
) -> pd.DataFrame:
    """Statement counts per actor (or concept), period and stance, for a chart over time.

    Columns: ``key`` (the actor, its affiliation when grouping, or the concept), ``period``
    (the first day of the week, month or year), ``stance``, ``count`` and ``statement_ids``.
    Statements without a date are left out. Sorted by key, period, stance.
    """
    _check_option("by", by, Literal["actor", "concept"])
    _check_option("period", period, Period)
    cells: dict[tuple[str, datetime.date, int], list[int]] = {}
    for r in records:
        if r.published is None:
            continue
        if by == "concept":
            key = r.concept
        else:
            key = r.affiliation if group_by_affiliation and r.affiliation else r.actor
        cells.setdefault((key, period_start(r.published, period), r.stance), []).append(
            r.statement_id
        )
    rows = [
        (key, day, stance, len(ids), sorted(ids))
        for (key, day, stance), ids in sorted(cells.items(), key=lambda item: item[0])
    ]
    return pd.DataFrame(rows, columns=["key", "period", "stance", "count", "statement_ids"])
