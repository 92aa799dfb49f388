"""The matrix maths every network kind shares: records as a frame, stance scales, node tables
and grouping of statement ids by edge (flat values and bounds)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, get_args

import numpy as np
import pandas as pd

from quotegraph.networks.records import StatementRecord

_FRAME_COLUMNS = ["statement_id", "article_id", "actor", "concept", "stance", "speaker"]


def _node_actor(name: str) -> str:
    return f"actor:{name}"


def _node_concept(name: str) -> str:
    return f"concept:{name}"


def _node_statement(statement_id: int) -> str:
    return f"statement:{statement_id}"


def _check_option(name: str, value: str, allowed: object) -> None:
    """Refuse a misspelt option instead of silently computing something else."""
    choices = get_args(allowed)
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}; got {value!r}")


def _frame(records: Iterable[StatementRecord], group_by_affiliation: bool) -> pd.DataFrame:
    """Records as a frame; ``actor`` is the affiliation when grouping, ``speaker`` the person."""
    rows = [
        (
            r.statement_id,
            r.article_id,
            r.affiliation if group_by_affiliation and r.affiliation else r.actor,
            r.concept,
            r.stance,
            r.actor,
        )
        for r in records
    ]
    frame = pd.DataFrame(rows, columns=_FRAME_COLUMNS)
    return frame.sort_values("statement_id", kind="stable").reset_index(drop=True)


def _scale_levels(scale: Sequence[int]) -> np.ndarray:
    levels = np.unique(np.asarray(list(scale), dtype=np.int64))
    if levels.size < 2:
        raise ValueError(f"a stance scale needs at least two values, got {list(scale)!r}")
    return levels


def _is_binary(levels: np.ndarray) -> bool:
    return set(levels.tolist()) <= {-1, 0, 1}


def _level_index(frame: pd.DataFrame, levels: np.ndarray) -> np.ndarray:
    stances = frame["stance"].to_numpy(dtype=np.int64)
    index = np.searchsorted(levels, stances)
    index_clipped = np.minimum(index, levels.size - 1)
    outside = levels[index_clipped] != stances
    if outside.any():
        bad = frame.loc[outside, ["statement_id", "stance"]].iloc[0]
        raise ValueError(
            f"statement {bad['statement_id']} has stance {bad['stance']}, "
            f"which is not on the scale {levels.tolist()}"
        )
    return index_clipped


def _csr(codes: np.ndarray, n_groups: int, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``values`` grouped by ``codes`` (0 .. n_groups - 1), each group in its original order:
    group g is ``grouped[bounds[g]:bounds[g + 1]]``."""
    # a unique key per row (code, then position) sorts like a stable sort by code, and
    # numpy's default sort is several times faster than its stable one on large arrays
    order = np.argsort(codes.astype(np.int64) * max(codes.size, 1) + np.arange(codes.size))
    bounds = np.zeros(n_groups + 1, dtype=np.int64)
    np.cumsum(np.bincount(codes, minlength=n_groups), out=bounds[1:])
    return values[order], bounds


def _lists_by_code(codes: np.ndarray, n_groups: int, values: np.ndarray) -> list[list]:
    """``values`` split by ``codes``: element g lists group g's values in their given order.

    Done by one stable sort and list slicing, because pandas' ``agg(list)`` runs a Python
    function per group.
    """
    grouped, bounds = _csr(codes, n_groups, values)
    flat, cuts = grouped.tolist(), bounds.tolist()
    return [flat[b:e] for b, e in zip(cuts[:-1], cuts[1:], strict=True)]


def _lists_per_group(grouped: pd.api.typing.DataFrameGroupBy, values: pd.Series) -> list[list]:
    """``values`` split by group, numbered as ``grouped.ngroup()`` numbers them (which is also
    the row order of ``grouped.agg(...)``)."""
    return _lists_by_code(grouped.ngroup().to_numpy(), grouped.ngroups, values.to_numpy())


def _actor_nodes(frame: pd.DataFrame) -> tuple[np.ndarray, list[str], list[dict[str, Any]]]:
    """Each row's actor code, and the actor nodes in order of first appearance.

    An actor node lists its statements and its ``members``: the people behind its statements
    (itself, unless grouped by affiliation), sorted.
    """
    codes, names = pd.factorize(frame["actor"], sort=False)
    n_actors = len(names)
    statement_ids = _lists_by_code(codes, n_actors, frame["statement_id"].to_numpy())
    speakers = (
        pd.DataFrame({"code": codes, "speaker": frame["speaker"].to_numpy()})
        .drop_duplicates()
        .sort_values("speaker", kind="stable")
    )
    members = _lists_by_code(speakers["code"].to_numpy(), n_actors, speakers["speaker"].to_numpy())
    data = [
        {
            "kind": "actor",
            "label": name,
            "statements": len(ids),
            "statement_ids": ids,
            "members": people,
        }
        for name, ids, people in zip(names.tolist(), statement_ids, members, strict=True)
    ]
    return codes, [_node_actor(name) for name in names.tolist()], data


def _concept_nodes(frame: pd.DataFrame) -> tuple[np.ndarray, list[str], list[dict[str, Any]]]:
    """Each row's concept code, and the concept nodes in order of first appearance."""
    codes, names = pd.factorize(frame["concept"], sort=False)
    statement_ids = _lists_by_code(codes, len(names), frame["statement_id"].to_numpy())
    data = [
        {"kind": "concept", "label": name, "statements": len(ids), "statement_ids": ids}
        for name, ids in zip(names.tolist(), statement_ids, strict=True)
    ]
    return codes, [_node_concept(name) for name in names.tolist()], data


def _labels(names: tuple[str, ...], codes: np.ndarray) -> np.ndarray:
    """``names[code]`` for every code, as an array of shared str objects (no copy per edge)."""
    return np.array(names, dtype=object)[codes]
