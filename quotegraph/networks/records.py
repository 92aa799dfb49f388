"""The records the network functions count, their options, and the filter that selects them."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, get_args

BINARY_SCALE: tuple[int, ...] = (-1, 0, 1)
"""Disagree, neutral, agree."""

TwoModeAggregation = Literal["ignore", "subtract", "combine"]
StanceFilter = Literal["all", "agree", "disagree", "neutral"]
TwoModeNormalization = Literal["none", "activity", "prominence"]
OneModeAggregation = Literal["congruence", "conflict", "subtract", "ignore"]
OneModeNormalization = Literal["none", "average", "jaccard", "cosine"]
StanceCountKey = Literal["actor", "concept", "article", "date"]
DuplicatePeriod = Literal["none", "document", "week", "month", "year"]

# DNA's "combine" codes: the lexical rank of the (disagree, agree) presence vector.
COMBINE_AGREE_ONLY = 1
COMBINE_DISAGREE_ONLY = 2
COMBINE_BOTH = 3
COMBINE_NEUTRAL_ONLY = 0


@dataclass(frozen=True)
class StatementRecord:
    """One coded statement, as the network functions need it.

    ``affiliation`` is the organisation or country the actor belongs to; ``status`` is
    ``"suggested"`` (a machine proposal not yet reviewed), ``"accepted"`` or ``"rejected"``.
    """

    statement_id: int
    article_id: int
    actor: str
    concept: str
    stance: int
    actor_type: str | None = None
    affiliation: str | None = None
    status: str = "accepted"
    published: datetime.date | None = None


@dataclass(frozen=True)
class MixedMessage:
    """An actor (or affiliation group) that took both sides of one concept."""

    actor: str
    concept: str
    positive_statement_ids: tuple[int, ...]
    negative_statement_ids: tuple[int, ...]
    speakers: tuple[str, ...]
    """The individual actors behind the statements (more than one only for a group)."""


def filter_statements(
    records: Iterable[StatementRecord],
    *,
    articles: Iterable[int] | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    concepts: Iterable[str] | None = None,
    actor_types: Iterable[str] | None = None,
    include_suggested: bool = False,
    once_per_article: bool = True,
) -> list[StatementRecord]:
    """Select the statements a network or chart should count.

    - Rejected statements are always dropped; suggestions are dropped unless
      ``include_suggested``.
    - ``articles``, ``concepts``, ``actor_types``: keep only statements whose value is listed
      (``None`` means no restriction).
    - ``date_from`` / ``date_to``: inclusive bounds on the article's ``published`` date; when a
      bound is given, statements without a date are dropped.
    - ``once_per_article``: identical statements (same article, actor, concept and stance) count
      once, as DNA's duplicate setting "document"; the one with the lowest id is kept.

    Returns the kept records in statement-id order.
    """
    article_set = None if articles is None else set(articles)
    concept_set = None if concepts is None else set(concepts)
    actor_type_set = None if actor_types is None else set(actor_types)
    allowed_status = {"accepted", "suggested"} if include_suggested else {"accepted"}

    kept: list[StatementRecord] = []
    for record in sorted(records, key=lambda r: r.statement_id):
        if record.status not in allowed_status:
            continue
        if article_set is not None and record.article_id not in article_set:
            continue
        if concept_set is not None and record.concept not in concept_set:
            continue
        if actor_type_set is not None and record.actor_type not in actor_type_set:
            continue
        if date_from is not None or date_to is not None:
            if record.published is None:
                continue
            if date_from is not None and record.published < date_from:
                continue
            if date_to is not None and record.published > date_to:
                continue
        kept.append(record)

    return drop_duplicates(kept, per="document") if once_per_article else kept


def _period_of(record: StatementRecord, per: DuplicatePeriod) -> object:
    """The document, or the calendar week, month or year of its article, a record counts in."""
    day = record.published
    if per == "document" or day is None:  # an undated statement counts once per document
        return ("document", record.article_id)
    if per == "week":
        year, week, _ = day.isocalendar()
        return (year, week)
    if per == "month":
        return (day.year, day.month)
    return day.year


def drop_duplicates(
    records: Iterable[StatementRecord], *, per: DuplicatePeriod = "document"
) -> list[StatementRecord]:
    """Identical statements (same actor, concept and stance) count once per ``per``: per
    document, or per calendar (ISO) week, month or year of the article's date, as DNA's
    duplicate settings; ``"none"`` keeps them all. Statements without a date count once per
    document. The first in the given order is kept (filter_statements orders by id)."""
    if per not in get_args(DuplicatePeriod):
        raise ValueError(f"per must be one of {', '.join(get_args(DuplicatePeriod))}; got {per!r}")
    if per == "none":
        return list(records)
    seen: set[tuple[object, str, str, int]] = set()
    unique: list[StatementRecord] = []
    for record in records:
        key = (_period_of(record, per), record.actor, record.concept, record.stance)
        if key not in seen:
            seen.add(key)
            unique.append(record)
    return unique
