"""Mixed messages and stance counts: the tables beside the networks."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from quotegraph.networks.matrix import _check_option, _frame, _lists_per_group
from quotegraph.networks.records import MixedMessage, StanceCountKey, StatementRecord


def mixed_messages(
    records: Iterable[StatementRecord],
    *,
    group_by_affiliation: bool = False,
) -> list[MixedMessage]:
    """Every (actor or affiliation group, concept) with both an agreeing and a disagreeing
    statement, with the statement ids on each side (neutral statements are on neither side).

    Sorted by actor, then concept.
    """
    frame = _frame(records, group_by_affiliation)
    frame = frame[frame["stance"] != 0]
    positive_in_cell = (frame["stance"] > 0).groupby([frame["actor"], frame["concept"]])
    both_sides = positive_in_cell.transform("any") & ~positive_in_cell.transform("all")
    mixed = frame[both_sides].sort_values(["actor", "concept", "statement_id"])
    sides: dict[tuple[str, str], tuple[list[int], list[int], set[str]]] = {}
    # only the statements of mixed (actor, concept) cells reach this loop: few, in practice
    for actor, concept, statement_id, stance, speaker in zip(
        mixed["actor"].tolist(),
        mixed["concept"].tolist(),
        mixed["statement_id"].tolist(),
        mixed["stance"].tolist(),
        mixed["speaker"].tolist(),
        strict=True,
    ):
        positive, negative, speakers = sides.setdefault((actor, concept), ([], [], set()))
        (positive if stance > 0 else negative).append(statement_id)
        speakers.add(speaker)
    found = [
        MixedMessage(
            actor=actor,
            concept=concept,
            positive_statement_ids=tuple(positive),
            negative_statement_ids=tuple(negative),
            speakers=tuple(sorted(speakers)),
        )
        for (actor, concept), (positive, negative, speakers) in sides.items()
    ]
    return found


def stance_counts(
    records: Iterable[StatementRecord],
    by: StanceCountKey = "actor",
    *,
    group_by_affiliation: bool = False,
) -> pd.DataFrame:
    """Statement counts per ``by`` value and stance, tidy for a stacked bar chart.

    Columns: ``key`` (the actor, concept, article id or published date), ``stance``, ``count``
    and ``statement_ids`` (the statements behind the bar segment). Sorted by key, then stance.
    With ``by="date"`` statements without a published date are left out.
    """
    _check_option("by", by, StanceCountKey)
    records = list(records)
    frame = _frame(records, group_by_affiliation)
    if by == "date":
        published = {r.statement_id: r.published for r in records}
        frame = frame.assign(key=frame["statement_id"].map(published))
        frame = frame[frame["key"].notna()]
    elif by == "article":
        frame = frame.assign(key=frame["article_id"])
    else:  # "actor" or "concept"
        frame = frame.assign(key=frame[by])
    columns = ["key", "stance", "count", "statement_ids"]
    if frame.empty:
        return pd.DataFrame({column: [] for column in columns})
    by_bar = frame.groupby(["key", "stance"], sort=True)
    counted = by_bar.size().rename("count").reset_index()
    counted["count"] = counted["count"].astype(np.int64)
    counted["statement_ids"] = _lists_per_group(by_bar, frame["statement_id"])
    return counted[columns]
