"""The one-mode actor x actor network: congruence, conflict, subtract and co-occurrence."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from quotegraph.networks.graph import Network
from quotegraph.networks.matrix import (
    _actor_nodes,
    _check_option,
    _csr,
    _frame,
    _is_binary,
    _labels,
    _level_index,
    _scale_levels,
)
from quotegraph.networks.records import (
    BINARY_SCALE,
    OneModeAggregation,
    OneModeNormalization,
    StatementRecord,
)


def _pair_weights(levels: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Congruence and conflict weight of a pair of statements, by their two stance levels.

    Returned as integer matrices and one common divisor, so ties are summed in whole numbers
    and divided once (the worked example then gives exactly 24 / 10 = 2.4).

    Binary scale: congruence when both stances are equal, conflict when one agrees and the
    other disagrees; a neutral statement against an agreeing or disagreeing one counts as
    neither (DNA's binary qualifier has no neutral value, so we do not invent a distance).
    Ordered scale: DNA's proximity 1 - |k - k'| / (|K| - 1) for congruence and the distance
    |k - k'| / (|K| - 1) for conflict, where |K| is the number of scale values and k, k' their
    positions on the scale (equal to the values themselves for a scale of consecutive integers).
    """
    if _is_binary(levels):
        congruence = (levels[:, None] == levels[None, :]).astype(float)
        conflict = (levels[:, None] * levels[None, :] < 0).astype(float)
        return congruence, conflict, 1
    positions = np.arange(levels.size)
    distance = np.abs(positions[:, None] - positions[None, :])
    steps = levels.size - 1
    return (steps - distance).astype(float), distance.astype(float), steps


def actor_network(
    records: Iterable[StatementRecord],
    *,
    aggregation: OneModeAggregation = "congruence",
    normalization: OneModeNormalization = "none",
    scale: Sequence[int] = BINARY_SCALE,
    group_by_affiliation: bool = False,
) -> Network:
    """The one-mode actor x actor network, as DNA's one-mode export defines it.

    For two actors ``a`` and ``b`` the raw tie sums, over every concept ``j`` and every pair of
    one statement of ``a`` (stance k) and one of ``b`` (stance k') on ``j``, a pair weight:

    - ``"congruence"``: 1 if k == k' on a binary scale; 1 - |k - k'| / (|K| - 1) on an ordered
      scale (so -4 said twice against +2 said three times on -5..+5 gives 2 * 3 * 0.4 = 2.4);
    - ``"conflict"``: 1 if one agrees and the other disagrees on a binary scale;
      |k - k'| / (|K| - 1) on an ordered scale;
    - ``"subtract"``: congruence minus conflict (signed);
    - ``"ignore"``: 1 for every pair (co-occurrence on a concept).

    On a binary scale a neutral statement against an agreeing or disagreeing one counts for
    neither congruence nor conflict, and two neutral ones are congruent. |K| is the number of
    values on the scale and k, k' are positions on it.

    ``normalization`` divides the tie by (a_x = number of statements of actor x), as the DNA
    manual ("Normalisation for One-Mode Networks") and DNA's exporter define it:

    - ``"average"``: (a_a + a_b) / 2 (average activity);
    - ``"jaccard"``: m10 + m01 + m11 over the (concept, stance) cells, where m10 counts a's
      statements in cells b never used, m01 the converse, and m11 sums x_a * x_b over the cells
      both used;
    - ``"cosine"``: sqrt(a_a^2) * sqrt(a_b^2) = a_a * a_b, the product of the two activities
      (DNA's definition, not the Euclidean norms of the count vectors: the two differ as soon
      as an actor spreads its statements over several cells).

    Edges are kept where the tie is not zero. Edge attributes: ``weight`` (the chosen
    aggregation, normalised), ``congruence`` and ``conflict`` (both normalised the same way),
    ``sign`` (+1 / -1: sign of ``weight``; a conflict tie is reported with sign -1),
    ``agreement`` (``"congruence"`` or ``"conflict"``: which side dominates the tie) and
    ``statement_ids``: each statement of either actor that pairs with at least one statement of
    the other on the same concept with a non-zero weight for the chosen aggregation.
    """
    _check_option("aggregation", aggregation, OneModeAggregation)
    _check_option("normalization", normalization, OneModeNormalization)
    levels = _scale_levels(scale)
    frame = _frame(records, group_by_affiliation)
    attributes = {
        "network": "actor_actor",
        "aggregation": aggregation,
        "normalization": normalization,
    }
    if frame.empty:
        return Network.empty(attributes)
    level = _level_index(frame, levels)
    actor_codes, actor_ids, actor_data = _actor_nodes(frame)
    concept_codes, concept_names = pd.factorize(frame["concept"], sort=False)
    n_actors, n_concepts, n_levels = len(actor_ids), len(concept_names), levels.size
    if n_actors < 2:
        return Network.nodes_only(attributes, actor_ids, actor_data)

    # counts[i, j, k] = x_ijk
    counts = np.zeros((n_actors, n_concepts, n_levels))
    np.add.at(counts, (actor_codes, concept_codes, level), 1.0)
    active = np.unique(concept_codes.astype(np.int64) * n_actors + actor_codes)
    active_concept, active_actor = np.divmod(active, n_actors)
    concept_bounds = np.searchsorted(active_concept, range(1, n_concepts))
    actors_by_concept = np.split(active_actor, concept_bounds)

    def summed_over_concepts(left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """result[a, b] = sum over concepts j of left[a, j, :] . right[b, j, :]."""
        result = np.zeros((n_actors, n_actors))
        # one small block per concept, over the actors active on it: the count array is
        # sparse (each actor speaks on few concepts), so this beats one dense product
        for concept, actors in enumerate(actors_by_concept):
            block = left[actors, concept, :] @ right[actors, concept, :].T
            result[np.ix_(actors, actors)] += block
        return result

    congruence_pairs, conflict_pairs, steps = _pair_weights(levels)
    # tie[a, b] = sum_j sum_k sum_k' x_ajk * w[k, k'] * x_bjk'; integer sums, divided once
    congruence = summed_over_concepts(counts @ congruence_pairs, counts) / steps
    conflict = summed_over_concepts(counts @ conflict_pairs, counts) / steps
    if aggregation == "ignore":
        per_concept = counts.sum(axis=2, keepdims=True)
        cooccurrence = summed_over_concepts(per_concept, per_concept)

    activity = counts.sum(axis=(1, 2))
    if normalization == "none":
        norm = None
    elif normalization == "average":
        norm = (activity[:, None] + activity[None, :]) / 2.0
    elif normalization == "cosine":
        norm = activity[:, None] * activity[None, :]
    elif normalization == "jaccard":
        # m11 sums products over cells both used: the product vanishes where either is zero
        both = summed_over_concepts(counts, counts)
        a_in_b_cells = summed_over_concepts(counts, (counts > 0).astype(float))
        only_a = activity[:, None] - a_in_b_cells  # m10
        only_b = activity[None, :] - a_in_b_cells.T  # m01
        norm = only_a + only_b + both
    else:
        raise ValueError(f"unknown normalization {normalization!r}")

    def normalised(tie: np.ndarray) -> np.ndarray:
        if norm is None:
            return tie
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(norm > 0, tie / norm, 0.0)

    congruence, conflict = normalised(congruence), normalised(conflict)
    if aggregation == "congruence":
        weight, pair_weights = congruence, congruence_pairs
    elif aggregation == "conflict":
        weight, pair_weights = conflict, conflict_pairs
    elif aggregation == "subtract":
        weight = congruence - conflict
        pair_weights = np.maximum(congruence_pairs, conflict_pairs)
    elif aggregation == "ignore":
        weight = normalised(cooccurrence)
        pair_weights = np.ones((n_levels, n_levels))
    else:
        raise ValueError(f"unknown aggregation {aggregation!r}")

    rows, cols = np.nonzero(np.triu(weight, k=1))
    edge_weight = weight[rows, cols]
    edge_congruence = congruence[rows, cols]
    edge_conflict = conflict[rows, cols]
    if aggregation == "conflict":
        sign = np.full(rows.size, -1, dtype=np.int64)
    else:
        sign = np.where(edge_weight > 0, 1, -1).astype(np.int64)
    edge_of_pair = np.full((n_actors, n_actors), -1, dtype=np.int64)
    edge_of_pair[rows, cols] = np.arange(rows.size)
    id_values, id_bounds = _statement_ids_per_actor_pair(
        frame["statement_id"].to_numpy(np.int64),
        actor_codes,
        concept_codes,
        level,
        (counts @ pair_weights) > 0,
        edge_of_pair,
    )
    return Network(
        attributes,
        actor_ids,
        actor_data,
        source=rows,
        target=cols,
        columns={
            "weight": edge_weight,
            "congruence": edge_congruence,
            "conflict": edge_conflict,
            "sign": sign,
            "agreement": _labels(
                ("conflict", "congruence"), (edge_congruence >= edge_conflict).astype(np.int64)
            ),
        },
        id_values=id_values,
        id_bounds=id_bounds,
    )


def _statement_ids_per_actor_pair(
    statement_ids: np.ndarray,
    actor_codes: np.ndarray,
    concept_codes: np.ndarray,
    level: np.ndarray,
    answered: np.ndarray,
    edge_of_pair: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """For each edge, the ids of the statements that tie its two actors, in id order, as flat
    values and bounds (see :func:`_csr`).

    ``edge_of_pair[a, b]`` (a < b) is the edge number of the actor pair, -1 for no edge.
    ``answered[b, j, k]`` says whether a statement with stance level k on concept j has a
    non-zero pair weight with at least one statement of actor b. A statement of actor a counts
    for the pair (a, b) when b answered it. Done with array operations: one row per
    (statement, other actor on the same concept), rather than a loop over statement pairs.
    """
    n_actors, n_concepts, n_levels = answered.shape
    # the actors active on each concept, grouped by concept
    active = np.unique(concept_codes.astype(np.int64) * n_actors + actor_codes)
    active_concept, active_actor = np.divmod(active, n_actors)
    starts = np.searchsorted(active_concept, np.arange(n_concepts))
    sizes = np.bincount(active_concept, minlength=n_concepts)

    # expand every statement against every actor active on its concept: row r of statement s
    # is partner number (r - first row of s) among the actors of s's concept
    partners = sizes[concept_codes]
    first_row = np.cumsum(partners) - partners
    statement_row = np.repeat(np.arange(statement_ids.size), partners)
    partner = active_actor[
        np.arange(statement_row.size) + np.repeat(starts[concept_codes] - first_row, partners)
    ]
    speaker = actor_codes[statement_row]
    cell = (concept_codes.astype(np.int64) * n_levels + level)[statement_row]
    keep = (partner != speaker) & answered.reshape(-1)[partner * (n_concepts * n_levels) + cell]
    speaker, partner, statement_row = speaker[keep], partner[keep], statement_row[keep]

    # a pair can tie statements and still weigh zero (subtract: as much conflict as
    # congruence); only the pairs that are edges keep their statements
    edge = edge_of_pair.reshape(-1)[
        np.minimum(speaker, partner).astype(np.int64) * n_actors + np.maximum(speaker, partner)
    ]
    on_edge = edge >= 0
    return _csr(
        edge[on_edge], int(edge_of_pair.max(initial=-1)) + 1, statement_ids[statement_row[on_edge]]
    )
