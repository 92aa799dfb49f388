"""Coalitions, polarisation and the concepts that divide: the structure of an actor network.

- :func:`find_coalitions`: groups of actors that agree with each other, found by Louvain
  community detection (networkx, seeded, so the same data give the same groups) on the
  congruence network. Coalitions are numbered by size, 1 the largest; an actor without any
  congruence tie belongs to none (0, "unaligned").
- :func:`polarisation`: how strongly the actors split into camps. It is the signed modularity
  (Gómez, Jensen and Arenas 2009) of the congruence-minus-conflict network (DNA's "subtract"
  aggregation) under the coalitions: Q = (W+ Q+ - W- Q-) / (W+ + W-), where Q+ is the modularity
  of the positive ties (more agreement than disagreement), Q- that of the negative ties (their
  absolute weights), and W+ and W- their total weights. It is high (towards 1) when actors agree
  within their coalitions and disagree across them, about 0 when ties ignore the coalitions,
  and negative when conflict runs inside coalitions. Without any tie it is 0.
- :func:`divisive_concepts`: the backbone of the split: for each concept, how much it holds
  the coalitions apart. Over every pair of statements of two different actors on the concept
  (agree-agree or disagree-disagree pairs are congruent, agree-disagree pairs conflicting),
  ``separation`` = (congruent pairs within a coalition + conflicting pairs across coalitions -
  congruent pairs across - conflicting pairs within) / all those pairs, from -1 to 1; 1 means
  the concept only ever unites a coalition and divides it from the others. Neutral statements
  are on neither side.
- :func:`coalitions_over_time`: coalitions and polarisation in every time window.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from quotegraph.networks.graph import Network
from quotegraph.networks.matrix import _frame, _node_actor
from quotegraph.networks.one_mode import actor_network
from quotegraph.networks.records import BINARY_SCALE, OneModeNormalization, StatementRecord
from quotegraph.networks.time_windows import time_windows

UNALIGNED = 0
DEFAULT_SEED = 20261206


@dataclass(frozen=True)
class Coalitions:
    """Each actor node's coalition (1 = the largest, 0 = unaligned) and each coalition's actors
    (node ids, sorted by label); ``modularity`` is that of the congruence network."""

    membership: dict[str, int]
    members: dict[int, list[str]]
    modularity: float

    def of(self, node: str) -> int:
        return self.membership.get(node, UNALIGNED)


def _weighted_edges(network: Network, attribute: str) -> tuple[list[str], list[str], np.ndarray]:
    triples = list(network.edges(data=attribute, default=0.0))
    sources = [u for u, _, _ in triples]
    targets = [v for _, v, _ in triples]
    return sources, targets, np.array([w for _, _, w in triples], dtype=float)


def find_coalitions(
    congruence: Network, *, resolution: float = 1.0, seed: int = DEFAULT_SEED
) -> Coalitions:
    """Louvain communities of a congruence network (its ``congruence`` edge attribute, or
    ``weight``): see the module doc."""
    nodes = list(congruence.nodes)
    sources, targets, weights = _weighted_edges(
        congruence,
        "congruence" if congruence.graph.get("network") == "actor_actor" else "weight",
    )
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from(
        (u, v, w) for u, v, w in zip(sources, targets, weights.tolist(), strict=True) if w > 0
    )
    linked = [node for node in nodes if graph.degree(node) > 0]
    found: list[set[str]] = []
    if linked:
        found = nx.community.louvain_communities(
            graph.subgraph(linked), weight="weight", resolution=resolution, seed=seed
        )
    labels = {node: str(congruence.nodes[node].get("label", node)) for node in nodes}
    ordered = sorted(found, key=lambda group: (-len(group), min(labels[n] for n in group)))
    membership = dict.fromkeys(nodes, UNALIGNED)
    members: dict[int, list[str]] = {}
    for number, group in enumerate(ordered, start=1):
        members[number] = sorted(group, key=lambda n: labels[n])
        for node in group:
            membership[node] = number
    unaligned = sorted((n for n in nodes if membership[n] == UNALIGNED), key=lambda n: labels[n])
    if unaligned:
        members[UNALIGNED] = unaligned
    quality = _modularity(sources, targets, weights, membership)
    return Coalitions(membership, members, quality)


def _modularity(
    sources: Sequence[str], targets: Sequence[str], weights: np.ndarray, membership: dict[str, int]
) -> float:
    """Weighted modularity of the (non-negative) ties under ``membership``; an unaligned actor
    is a group of its own. 0 without ties."""
    total = float(weights.sum())
    if total <= 0:
        return 0.0
    group = {
        node: (number if number != UNALIGNED else f"alone:{node}")
        for node, number in membership.items()
    }
    inside: dict[object, float] = {}
    degree: dict[object, float] = {}
    for u, v, w in zip(sources, targets, weights.tolist(), strict=True):
        gu, gv = group[u], group[v]
        if gu == gv:
            inside[gu] = inside.get(gu, 0.0) + w
        degree[gu] = degree.get(gu, 0.0) + w
        degree[gv] = degree.get(gv, 0.0) + w
    return sum(inside.get(g, 0.0) / total - (d / (2 * total)) ** 2 for g, d in degree.items())


def polarisation(subtract: Network, coalitions: Coalitions) -> float:
    """The signed modularity of a congruence-minus-conflict network (``actor_network(...,
    aggregation="subtract")``) under ``coalitions``: see the module doc."""
    sources, targets, weights = _weighted_edges(subtract, "weight")
    positive, negative = weights > 0, weights < 0
    w_pos, w_neg = float(weights[positive].sum()), float(-weights[negative].sum())
    if w_pos + w_neg == 0:
        return 0.0

    def part(mask: np.ndarray) -> float:
        chosen = np.flatnonzero(mask).tolist()
        return _modularity(
            [sources[i] for i in chosen],
            [targets[i] for i in chosen],
            np.abs(weights[mask]),
            coalitions.membership,
        )

    return (w_pos * part(positive) - w_neg * part(negative)) / (w_pos + w_neg)


def divisive_concepts(
    records: Iterable[StatementRecord],
    coalitions: Coalitions,
    *,
    group_by_affiliation: bool = False,
) -> pd.DataFrame:
    """Per concept: ``separation`` (see the module doc), ``conflicts_across`` and
    ``congruence_within`` (pair counts), ``statements`` and ``stances``: the agree and disagree
    counts of each coalition that spoke on it, e.g. ``"1: 4 agree, 0 disagree; 2: 0 agree, 3
    disagree"``. Sorted by separation, then conflicts across, most divisive first; concepts
    without a pair of statements by different actors are left out."""
    columns = [
        "concept",
        "separation",
        "conflicts_across",
        "congruence_within",
        "statements",
        "stances",
    ]
    frame = _frame(records, group_by_affiliation)
    frame = frame[frame["stance"] != 0]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    actor_codes, actor_names = pd.factorize(frame["actor"], sort=False)
    concept_codes, concept_names = pd.factorize(frame["concept"], sort=False)
    n_actors, n_concepts = len(actor_names), len(concept_names)
    agree = np.zeros((n_actors, n_concepts))
    disagree = np.zeros((n_actors, n_concepts))
    positive = frame["stance"].to_numpy() > 0
    np.add.at(agree, (actor_codes[positive], concept_codes[positive]), 1.0)
    np.add.at(disagree, (actor_codes[~positive], concept_codes[~positive]), 1.0)
    numbers = [coalitions.of(_node_actor(name)) for name in actor_names.tolist()]
    # an unaligned actor is a group of its own
    keys = [n if n != 0 else f"alone:{i}" for i, n in enumerate(numbers)]
    group_codes, _ = pd.factorize(pd.Series(keys, dtype=object), sort=False)
    membership = np.zeros((n_actors, int(group_codes.max()) + 1))
    membership[np.arange(n_actors), group_codes] = 1.0
    group_agree, group_disagree = membership.T @ agree, membership.T @ disagree
    own = (agree**2 + disagree**2).sum(axis=0)  # an actor's pairs with itself do not count
    own_conflict = (agree * disagree).sum(axis=0)
    congruence_within = ((group_agree**2 + group_disagree**2).sum(axis=0) - own) / 2
    congruence_all = (agree.sum(0) ** 2 + disagree.sum(0) ** 2 - own) / 2
    conflict_within = (group_agree * group_disagree).sum(axis=0) - own_conflict
    conflict_all = agree.sum(0) * disagree.sum(0) - own_conflict
    congruence_across = congruence_all - congruence_within
    conflict_across = conflict_all - conflict_within
    pairs = congruence_all + conflict_all
    with np.errstate(divide="ignore", invalid="ignore"):
        dividing = congruence_within + conflict_across - congruence_across - conflict_within
        separation = dividing / pairs
    # the coalition number of each group (aligned groups only), to name them in ``stances``
    group_number: dict[int, int] = {}
    for code, number in zip(group_codes.tolist(), numbers, strict=True):
        if number != UNALIGNED:
            group_number[code] = number
    named = sorted(group_number, key=group_number.get)  # type: ignore[arg-type]
    rows = []
    for j, concept in enumerate(concept_names.tolist()):
        if pairs[j] <= 0:
            continue
        parts = [
            f"{group_number[g]}: {int(group_agree[g, j])} agree, "
            f"{int(group_disagree[g, j])} disagree"
            for g in named
            if group_agree[g, j] + group_disagree[g, j] > 0
        ]
        rows.append(
            (
                concept,
                float(separation[j]),
                int(round(conflict_across[j])),
                int(round(congruence_within[j])),
                int(agree[:, j].sum() + disagree[:, j].sum()),
                "; ".join(parts),
            )
        )
    result = pd.DataFrame(rows, columns=columns)
    return result.sort_values(
        ["separation", "conflicts_across", "concept"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


def coalitions_over_time(
    records: Iterable[StatementRecord],
    *,
    length: datetime.timedelta,
    step: datetime.timedelta,
    scale: Sequence[int] = BINARY_SCALE,
    normalization: OneModeNormalization = "none",
    group_by_affiliation: bool = False,
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """Per time window (see :mod:`.time_windows`): ``start``, ``end``, ``statements``,
    ``actors``, ``coalitions`` (with two or more actors), ``modularity`` of the congruence
    network and ``polarisation``."""
    rows = []
    for window in time_windows(records, length=length, step=step):
        options = {
            "normalization": normalization,
            "scale": scale,
            "group_by_affiliation": group_by_affiliation,
        }
        congruence = actor_network(window.records, aggregation="congruence", **options)
        subtract = actor_network(window.records, aggregation="subtract", **options)
        found = find_coalitions(congruence, seed=seed)
        rows.append(
            (
                window.start,
                window.end,
                len(window.records),
                congruence.number_of_nodes(),
                sum(1 for n, m in found.members.items() if n != UNALIGNED and len(m) > 1),
                found.modularity,
                polarisation(subtract, found),
            )
        )
    columns = ["start", "end", "statements", "actors", "coalitions", "modularity", "polarisation"]
    return pd.DataFrame(rows, columns=columns)


@dataclass(frozen=True)
class CoalitionAnalysis:
    """The coalitions of a set of statements, with what shows them."""

    congruence: Network
    coalitions: Coalitions
    polarisation: float
    divisive: pd.DataFrame


def analyse_coalitions(
    records: Sequence[StatementRecord],
    *,
    scale: Sequence[int] = BINARY_SCALE,
    group_by_affiliation: bool = False,
    seed: int = DEFAULT_SEED,
) -> CoalitionAnalysis:
    """Coalitions of the congruence network of ``records``, the polarisation and the divisive
    concepts, in one call."""
    options = {"scale": scale, "group_by_affiliation": group_by_affiliation}
    congruence = actor_network(records, **options)
    found = find_coalitions(congruence, seed=seed)
    score = polarisation(actor_network(records, aggregation="subtract", **options), found)
    divisive = divisive_concepts(records, found, group_by_affiliation=group_by_affiliation)
    return CoalitionAnalysis(congruence, found, score, divisive)


def label_coalitions(network: Network, coalitions: Coalitions) -> None:
    """Give every actor node of ``network`` a ``coalition`` attribute (0 = unaligned), for
    colouring and for GraphML/GEXF exports."""
    for node, data in network.nodes(data=True):
        if data.get("kind") == "actor":
            data["coalition"] = coalitions.of(node)
