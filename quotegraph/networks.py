"""Actor-statement networks, stance counts and mixed messages, as pure functions.

A statement says that an actor took a stance on a concept in an article. Over the counts
``x[i, j, k]`` = number of statements in which actor ``i`` took stance ``k`` on concept ``j``,
this module builds the networks Discourse Network Analyzer (DNA, Leifeld) defines in its manual,
chapter "Methods for Network Construction":

- :func:`actor_concept_network` - two-mode actor x concept, aggregated by ignore / subtract /
  combine, optionally for one side of the stance only, normalised by activity or prominence;
- :func:`actor_network` - one-mode actor x actor, by congruence / conflict / subtract (and
  ignore), for binary and ordered stance scales, normalised by average activity, Jaccard or
  cosine;
- :func:`actor_statement_network` - two-mode actor x statement;
- :func:`mixed_messages` - actors (or groups) that took both sides of one concept;
- :func:`stance_counts` - tidy counts for stacked bar charts.

Every network function takes already filtered records (see :func:`filter_statements`) and returns
a :class:`networkx.Graph`. Nodes are keyed ``"actor:<name>"``, ``"concept:<name>"`` and
``"statement:<id>"`` so an actor and a concept with the same name stay apart; each node carries
``kind``, ``label``, ``statements`` (its number of statements) and ``statement_ids``. Each edge
carries ``weight`` and ``statement_ids`` (the statements behind it, which the UI lists when the
edge is clicked), plus the attributes each function documents.

Stance scale: ``scale`` lists every stance value a statement may take, e.g. ``(-1, 0, 1)`` (the
default: disagree, neutral, agree) or ``range(-5, 6)``. Positive values mean *agree*, negative
values *disagree*, and ``0`` is neutral, so a scale should be centred on zero. A scale whose values
all lie in ``{-1, 0, 1}`` is treated as *binary* (see :func:`actor_network`); any other scale is
*ordered*.

Grouping (``group_by_affiliation=True``): an actor with an affiliation is replaced by it before
counting, so a minister's statements count for the government; actor nodes then list their
``members``. Duplicates are removed per person by :func:`filter_statements`, so two members of one
group saying the same thing in one article both count: they are two speakers.

The list-valued attributes (``statement_ids``, ``members``) are for the UI; GraphML and GEXF
cannot hold lists, so an exporter must turn them into strings or drop them.

No Streamlit and no database here: the store turns its rows into :class:`StatementRecord`.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

import networkx as nx
import numpy as np
import pandas as pd

__all__ = [
    "BINARY_SCALE",
    "MixedMessage",
    "StatementRecord",
    "actor_concept_network",
    "actor_network",
    "actor_statement_network",
    "filter_statements",
    "mixed_messages",
    "stance_counts",
]

BINARY_SCALE: tuple[int, ...] = (-1, 0, 1)
"""Disagree, neutral, agree."""

TwoModeAggregation = Literal["ignore", "subtract", "combine"]
StanceFilter = Literal["all", "agree", "disagree", "neutral"]
TwoModeNormalization = Literal["none", "activity", "prominence"]
OneModeAggregation = Literal["congruence", "conflict", "subtract", "ignore"]
OneModeNormalization = Literal["none", "average", "jaccard", "cosine"]
StanceCountKey = Literal["actor", "concept", "article", "date"]

# DNA's "combine" codes: the lexical rank of the (disagree, agree) presence vector.
COMBINE_AGREE_ONLY = 1
COMBINE_DISAGREE_ONLY = 2
COMBINE_BOTH = 3
COMBINE_NEUTRAL_ONLY = 0

_FRAME_COLUMNS = ["statement_id", "article_id", "actor", "concept", "stance", "speaker"]


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


# --------------------------------------------------------------------------------------------
# Filters
# --------------------------------------------------------------------------------------------


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

    if not once_per_article:
        return kept
    seen: set[tuple[int, str, str, int]] = set()
    unique: list[StatementRecord] = []
    for record in kept:
        key = (record.article_id, record.actor, record.concept, record.stance)
        if key not in seen:
            seen.add(key)
            unique.append(record)
    return unique


# --------------------------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------------------------


def _node_actor(name: str) -> str:
    return f"actor:{name}"


def _node_concept(name: str) -> str:
    return f"concept:{name}"


def _node_statement(statement_id: int) -> str:
    return f"statement:{statement_id}"


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small containers.

    A dense actor network allocates hundreds of thousands of edge dicts and id lists, none of
    them in reference cycles; left on, the collector re-scans the growing heap again and again
    (a third of the build time in bench/networks.py). Reference counting still frees memory.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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


def _lists_per_group(grouped: pd.api.typing.DataFrameGroupBy, values: pd.Series) -> list[list]:
    """``values`` split by group: element g lists group g's values in frame order.

    Groups are numbered as ``grouped.ngroup()`` numbers them, which is also the row order of
    ``grouped.agg(...)``. Done by one stable sort and list slicing, because pandas'
    ``agg(list)`` runs a Python function per group (most of the time on 20,000 statements).
    """
    group = grouped.ngroup().to_numpy()
    order = np.argsort(group, kind="stable")
    ordered_values = values.to_numpy()[order].tolist()
    bounds = np.searchsorted(group[order], np.arange(grouped.ngroups + 1)).tolist()
    return [ordered_values[b:e] for b, e in zip(bounds[:-1], bounds[1:], strict=True)]


def _add_actor_nodes(graph: nx.Graph, frame: pd.DataFrame) -> None:
    by_actor = frame.groupby("actor", sort=False)
    actors = by_actor.size().index.tolist()
    statement_ids = _lists_per_group(by_actor, frame["statement_id"])
    speakers = frame[["actor", "speaker"]].drop_duplicates().sort_values("speaker")
    speakers_by_actor = speakers.groupby("actor", sort=False)
    members = dict(
        zip(
            speakers_by_actor.size().index.tolist(),
            _lists_per_group(speakers_by_actor, speakers["speaker"]),
            strict=True,
        )
    )
    graph.add_nodes_from(
        (
            _node_actor(actor),
            {
                "kind": "actor",
                "label": actor,
                "statements": len(ids),
                "statement_ids": ids,
                "members": members[actor],
            },
        )
        for actor, ids in zip(actors, statement_ids, strict=True)
    )


def _add_concept_nodes(graph: nx.Graph, frame: pd.DataFrame) -> None:
    by_concept = frame.groupby("concept", sort=False)
    graph.add_nodes_from(
        (
            _node_concept(concept),
            {
                "kind": "concept",
                "label": concept,
                "statements": len(ids),
                "statement_ids": ids,
            },
        )
        for concept, ids in zip(
            by_concept.size().index.tolist(),
            _lists_per_group(by_concept, frame["statement_id"]),
            strict=True,
        )
    )


# --------------------------------------------------------------------------------------------
# Actor x concept (two-mode)
# --------------------------------------------------------------------------------------------


def actor_concept_network(
    records: Iterable[StatementRecord],
    *,
    aggregation: TwoModeAggregation = "ignore",
    stance_filter: StanceFilter = "all",
    normalization: TwoModeNormalization = "none",
    scale: Sequence[int] = BINARY_SCALE,
    group_by_affiliation: bool = False,
) -> nx.Graph:
    """The two-mode actor x concept network, as DNA's two-mode export defines it.

    ``stance_filter`` first keeps only agreeing (stance > 0), disagreeing (< 0) or neutral
    statements. The edge weight between actor ``i`` and concept ``j`` is then, by
    ``aggregation``:

    - ``"ignore"``: the number of statements, whatever their stance (sum over k of x_ijk);
    - ``"subtract"``: the sum of the stance values (sum over k of k * x_ijk), i.e. agree minus
      disagree on the binary scale, and each statement weighted by its position on an ordered
      scale (DNA: "subtract weighted absolute value"); signed, 0 when balanced;
    - ``"combine"``: DNA's multiplex code, 1 = agree only, 2 = disagree only, 3 = both (and 0
      when the actor only spoke neutrally on the concept).

    ``normalization`` divides each weight by the actor's number of statements (``"activity"``)
    or by the concept's number of statements (``"prominence"``); it is refused with
    ``"combine"``, whose codes are labels, not quantities.

    Edge attributes: ``weight``, ``agree``, ``disagree``, ``neutral`` (statement counts),
    ``agreement`` (``"agree"``, ``"disagree"``, ``"both"`` or ``"neutral"``), ``sign`` (-1, 0, 1:
    the sign of the summed stance) and ``statement_ids``.
    """
    _check_option("aggregation", aggregation, TwoModeAggregation)
    _check_option("stance_filter", stance_filter, StanceFilter)
    _check_option("normalization", normalization, TwoModeNormalization)
    if aggregation == "combine" and normalization != "none":
        raise ValueError("'combine' codes are categories; they cannot be normalised")
    frame = _frame(records, group_by_affiliation)
    _level_index(frame, _scale_levels(scale))  # validates every stance against the scale
    if stance_filter == "agree":
        frame = frame[frame["stance"] > 0]
    elif stance_filter == "disagree":
        frame = frame[frame["stance"] < 0]
    elif stance_filter == "neutral":
        frame = frame[frame["stance"] == 0]

    graph = nx.Graph(network="actor_concept", aggregation=aggregation, normalization=normalization)
    if frame.empty:
        return graph
    _add_actor_nodes(graph, frame)
    _add_concept_nodes(graph, frame)

    stance = frame["stance"]
    by_cell = frame.assign(
        agree=(stance > 0).astype(np.int64),
        disagree=(stance < 0).astype(np.int64),
        neutral=(stance == 0).astype(np.int64),
    ).groupby(["actor", "concept"], sort=False)
    cells = by_cell.agg(
        count=("statement_id", "size"),
        stance_sum=("stance", "sum"),
        agree=("agree", "sum"),
        disagree=("disagree", "sum"),
        neutral=("neutral", "sum"),
    ).reset_index()
    cell_statement_ids = _lists_per_group(by_cell, frame["statement_id"])

    if aggregation == "ignore":
        weight = cells["count"].to_numpy(dtype=float)
    elif aggregation == "subtract":
        weight = cells["stance_sum"].to_numpy(dtype=float)
    else:
        has_agree = cells["agree"].to_numpy() > 0
        has_disagree = cells["disagree"].to_numpy() > 0
        weight = np.where(
            has_agree & has_disagree,
            COMBINE_BOTH,
            np.where(
                has_agree,
                COMBINE_AGREE_ONLY,
                np.where(has_disagree, COMBINE_DISAGREE_ONLY, COMBINE_NEUTRAL_ONLY),
            ),
        ).astype(float)

    if normalization == "activity":
        weight = weight / cells.groupby("actor")["count"].transform("sum").to_numpy()
    elif normalization == "prominence":
        weight = weight / cells.groupby("concept")["count"].transform("sum").to_numpy()

    agree = cells["agree"].to_numpy()
    disagree = cells["disagree"].to_numpy()
    agreement = np.where(
        (agree > 0) & (disagree > 0),
        "both",
        np.where(agree > 0, "agree", np.where(disagree > 0, "disagree", "neutral")),
    )
    sign = np.sign(cells["stance_sum"].to_numpy())
    graph.add_edges_from(
        (
            _node_actor(actor),
            _node_concept(concept),
            {
                "weight": float(w),
                "agree": int(n_agree),
                "disagree": int(n_disagree),
                "neutral": int(n_neutral),
                "agreement": str(label),
                "sign": int(s),
                "statement_ids": ids,
            },
        )
        for actor, concept, w, n_agree, n_disagree, n_neutral, label, s, ids in zip(
            cells["actor"],
            cells["concept"],
            weight,
            agree,
            disagree,
            cells["neutral"].to_numpy(),
            agreement,
            sign,
            cell_statement_ids,
            strict=True,
        )
    )
    return graph


# --------------------------------------------------------------------------------------------
# Actor x actor (one-mode)
# --------------------------------------------------------------------------------------------


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
) -> nx.Graph:
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

    ``normalization`` divides the tie by (a_x = number of statements of actor x, c_x its vector of
    counts over (concept, stance) cells):

    - ``"average"``: (a_a + a_b) / 2 (average activity);
    - ``"jaccard"``: m10 + m01 + m11, where m10 counts a's statements in cells b never used,
      m01 the converse, and m11 sums c_a * c_b over the cells both used (as DNA computes it);
    - ``"cosine"``: |c_a| * |c_b|, the Euclidean norms of the two count vectors, i.e. the
      usual cosine similarity. DNA 3's Java exporter divides by a_a * a_b instead; the two agree
      when each actor uses a single (concept, stance) cell, as in the worked example.

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
    graph = nx.Graph(network="actor_actor", aggregation=aggregation, normalization=normalization)
    if frame.empty:
        return graph
    level = _level_index(frame, levels)
    _add_actor_nodes(graph, frame)

    actor_codes, actor_names = pd.factorize(frame["actor"], sort=True)
    concept_codes, concept_names = pd.factorize(frame["concept"], sort=True)
    n_actors, n_concepts, n_levels = len(actor_names), len(concept_names), levels.size
    if n_actors < 2:
        return graph

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
        length = np.sqrt((counts * counts).sum(axis=(1, 2)))
        norm = length[:, None] * length[None, :]
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

    upper = np.triu(np.ones((n_actors, n_actors), dtype=bool), k=1)
    rows, cols = np.nonzero(upper & (weight != 0))
    if rows.size == 0:
        return graph

    with _cyclic_gc_paused():
        pair_keys = rows.astype(np.int64) * n_actors + cols
        ids_per_edge = _statement_ids_per_actor_pair(
            frame["statement_id"].to_numpy(),
            actor_codes,
            concept_codes,
            level,
            (counts @ pair_weights) > 0,
            pair_keys,
        )
        actor_nodes = [_node_actor(name) for name in actor_names]
        edge_weight = weight[rows, cols].tolist()
        edge_congruence = congruence[rows, cols].tolist()
        edge_conflict = conflict[rows, cols].tolist()
        if aggregation == "conflict":
            edge_sign = [-1] * rows.size
        else:
            edge_sign = np.where(weight[rows, cols] > 0, 1, -1).tolist()
        edge_agreement = np.where(
            congruence[rows, cols] >= conflict[rows, cols], "congruence", "conflict"
        ).tolist()
        graph.add_edges_from(
            (
                actor_nodes[a],
                actor_nodes[b],
                {
                    "weight": w,
                    "congruence": cg,
                    "conflict": cf,
                    "sign": s,
                    "agreement": agreement,
                    "statement_ids": ids,
                },
            )
            for a, b, w, cg, cf, s, agreement, ids in zip(
                rows.tolist(),
                cols.tolist(),
                edge_weight,
                edge_congruence,
                edge_conflict,
                edge_sign,
                edge_agreement,
                ids_per_edge,
                strict=True,
            )
        )
    return graph


def _statement_ids_per_actor_pair(
    statement_ids: np.ndarray,
    actor_codes: np.ndarray,
    concept_codes: np.ndarray,
    level: np.ndarray,
    answered: np.ndarray,
    pair_keys: np.ndarray,
) -> list[list[int]]:
    """For each actor pair in ``pair_keys`` (a * n_actors + b, a < b, ascending), the ids of
    the statements that tie the two, in id order.

    ``answered[b, j, k]`` says whether a statement with stance level k on concept j has a
    non-zero pair weight with at least one statement of actor b. A statement of actor a counts
    for the pair (a, b) when b answered it. Done with array operations: one row per
    (statement, other actor on the same concept), rather than a loop over statement pairs.
    """
    n_actors = answered.shape[0]
    # the actors active on each concept, grouped by concept
    active = np.unique(concept_codes.astype(np.int64) * n_actors + actor_codes)
    active_concept, active_actor = np.divmod(active, n_actors)
    n_concepts = answered.shape[1]
    starts = np.searchsorted(active_concept, np.arange(n_concepts))
    sizes = np.bincount(active_concept, minlength=n_concepts)

    # expand every statement against every actor active on its concept
    partners_per_statement = sizes[concept_codes]
    statement_row = np.repeat(np.arange(statement_ids.size), partners_per_statement)
    offset_in_group = np.arange(statement_row.size) - np.repeat(
        np.cumsum(partners_per_statement) - partners_per_statement, partners_per_statement
    )
    partner = active_actor[starts[concept_codes[statement_row]] + offset_in_group]
    speaker = actor_codes[statement_row]
    keep = (partner != speaker) & answered[
        partner, concept_codes[statement_row], level[statement_row]
    ]
    speaker, partner, statement_row = speaker[keep], partner[keep], statement_row[keep]

    low = np.minimum(speaker, partner).astype(np.int64)
    high = np.maximum(speaker, partner).astype(np.int64)
    tie_key = low * n_actors + high
    # statements arrive in id order, so a stable sort by pair keeps each pair's ids sorted
    order = np.argsort(tie_key, kind="stable")
    tie_key = tie_key[order]
    id_list = statement_ids[statement_row[order]].tolist()
    begin = np.searchsorted(tie_key, pair_keys, side="left").tolist()
    end = np.searchsorted(tie_key, pair_keys, side="right").tolist()
    return [id_list[b:e] for b, e in zip(begin, end, strict=True)]


# --------------------------------------------------------------------------------------------
# Actor x statement (two-mode)
# --------------------------------------------------------------------------------------------


def actor_statement_network(
    records: Iterable[StatementRecord],
    *,
    group_by_affiliation: bool = False,
) -> nx.Graph:
    """The two-mode actor x statement network: each actor linked to each of its statements.

    Statement nodes carry ``concept``, ``stance`` and ``article_id``; each edge has ``weight``
    1, ``stance``, ``sign`` (the sign of the stance) and ``statement_ids`` ([the statement]).
    """
    frame = _frame(records, group_by_affiliation)
    graph = nx.Graph(network="actor_statement")
    if frame.empty:
        return graph
    _add_actor_nodes(graph, frame)
    statement_nodes = [_node_statement(sid) for sid in frame["statement_id"].tolist()]
    graph.add_nodes_from(
        (
            node,
            {
                "kind": "statement",
                "label": str(sid),
                "statements": 1,
                "statement_ids": [sid],
                "concept": concept,
                "stance": stance,
                "article_id": article_id,
            },
        )
        for node, sid, concept, stance, article_id in zip(
            statement_nodes,
            frame["statement_id"].tolist(),
            frame["concept"].tolist(),
            frame["stance"].tolist(),
            frame["article_id"].tolist(),
            strict=True,
        )
    )
    graph.add_edges_from(
        (
            _node_actor(actor),
            node,
            {
                "weight": 1.0,
                "stance": stance,
                "sign": (stance > 0) - (stance < 0),
                "statement_ids": [sid],
            },
        )
        for actor, node, sid, stance in zip(
            frame["actor"].tolist(),
            statement_nodes,
            frame["statement_id"].tolist(),
            frame["stance"].tolist(),
            strict=True,
        )
    )
    return graph


# --------------------------------------------------------------------------------------------
# Mixed messages and stance counts
# --------------------------------------------------------------------------------------------


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
