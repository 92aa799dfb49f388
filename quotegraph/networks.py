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
a :class:`Network`: the weights are computed with numpy over the count array, and the result
keeps a node table and edge arrays that read like a :class:`networkx.Graph` (no networkx graph is
built unless a caller asks for one with :meth:`Network.to_networkx`). Nodes are keyed
``"actor:<name>"``, ``"concept:<name>"`` and ``"statement:<id>"`` so an actor and a concept with
the same name stay apart; each node carries ``kind``, ``label``, ``statements`` (its number of
statements) and ``statement_ids``. Each edge carries ``weight`` and ``statement_ids`` (the
statements behind it, which the UI lists when the edge is clicked), plus the attributes each
function documents.

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
from typing import Any, Literal, get_args

import networkx as nx
import numpy as np
import pandas as pd

__all__ = [
    "BINARY_SCALE",
    "MixedMessage",
    "Network",
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
# The result: a node table and edge arrays, read like a networkx graph
# --------------------------------------------------------------------------------------------


class Network:
    """A computed network: a node table and edge arrays, read like an undirected networkx graph.

    Building a networkx graph of a few hundred thousand edges costs several times more than
    computing them, so the network functions return this instead and build each edge's
    attribute dict only when it is asked for. It offers the read-only part of networkx's
    ``Graph`` interface that the app uses:

    - ``graph``: the network's attributes (``network``, ``aggregation``, ``normalization``);
    - ``nodes``: iterate the node ids, ``nodes[node]`` its attribute dict, ``nodes(data=True)``
      the (node, dict) pairs, ``node in nodes``;
    - ``edges``: iterate the (u, v) pairs, ``edges[u, v]`` the edge's attribute dict,
      ``edges(data=True)`` the (u, v, dict) triples, ``edges(data="weight")`` the (u, v, value)
      triples of one attribute (read from its column: the cheap way to rank or filter edges);
    - ``number_of_nodes()``, ``number_of_edges()``, ``has_edge(u, v)``, ``neighbors(node)``,
      ``degree(node)``, ``node in network``, ``len(network)``.

    Edge dicts are built afresh on each access, so changing one changes nothing here.
    :meth:`to_networkx` builds a real ``networkx.Graph`` for anything else.
    """

    def __init__(
        self,
        attributes: dict[str, Any],
        node_ids: list[str],
        node_data: list[dict[str, Any]],
        *,
        source: np.ndarray,
        target: np.ndarray,
        columns: dict[str, np.ndarray],
        id_values: np.ndarray,
        id_bounds: np.ndarray,
    ) -> None:
        """``source[e]`` and ``target[e]`` are positions in ``node_ids``; ``columns`` hold one
        value per edge for each scalar attribute; edge e's statement ids are
        ``id_values[id_bounds[e]:id_bounds[e + 1]]``."""
        self.graph = attributes
        self._node_ids = node_ids
        self._node_data = node_data
        self._position = {node: index for index, node in enumerate(node_ids)}
        self._source = source
        self._target = target
        self._columns = columns
        self._id_values = id_values
        self._id_bounds = id_bounds
        self._edge_index: dict[tuple[int, int], int] | None = None
        self.nodes = _NodeView(self)
        self.edges = _EdgeView(self)

    @classmethod
    def empty(cls, attributes: dict[str, Any]) -> Network:
        """A network without nodes."""
        return cls.nodes_only(attributes, [], [])

    @classmethod
    def nodes_only(
        cls, attributes: dict[str, Any], node_ids: list[str], node_data: list[dict[str, Any]]
    ) -> Network:
        """A network of isolated nodes."""
        none = np.zeros(0, dtype=np.int64)
        return cls(
            attributes,
            node_ids,
            node_data,
            source=none,
            target=none,
            columns={},
            id_values=none,
            id_bounds=np.zeros(1, dtype=np.int64),
        )

    def __repr__(self) -> str:
        return (
            f"<Network {self.graph.get('network')}: {self.number_of_nodes()} nodes, "
            f"{self.number_of_edges()} edges>"
        )

    def __len__(self) -> int:
        return len(self._node_ids)

    def __iter__(self) -> Iterator[str]:
        return iter(self._node_ids)

    def __contains__(self, node: object) -> bool:
        return node in self._position

    def number_of_nodes(self) -> int:
        return len(self._node_ids)

    def number_of_edges(self) -> int:
        return int(self._source.size)

    def has_edge(self, u: str, v: str) -> bool:
        return self._find_edge(u, v) is not None

    def neighbors(self, node: str) -> Iterator[str]:
        """The nodes linked to ``node``, in edge order."""
        position = self._position[node]
        touching = (self._source == position) | (self._target == position)
        others = np.where(
            self._source[touching] == position, self._target[touching], self._source[touching]
        )
        return (self._node_ids[other] for other in others.tolist())

    def degree(self, node: str) -> int:
        position = self._position[node]
        return int(np.count_nonzero((self._source == position) | (self._target == position)))

    def to_networkx(self) -> nx.Graph:
        """The same network as a ``networkx.Graph`` (costly: over a second for 350,000 edges)."""
        graph = nx.Graph(**self.graph)
        with _cyclic_gc_paused():
            graph.add_nodes_from((node, dict(data)) for node, data in self.nodes(data=True))
            graph.add_edges_from(self.edges(data=True))
        return graph

    def _find_edge(self, u: object, v: object) -> int | None:
        if u not in self._position or v not in self._position:
            return None
        if self._edge_index is None:  # built on the first lookup: most callers never look up
            low = np.minimum(self._source, self._target).tolist()
            high = np.maximum(self._source, self._target).tolist()
            self._edge_index = {pair: edge for edge, pair in enumerate(zip(low, high, strict=True))}
        a, b = self._position[u], self._position[v]  # type: ignore[index]
        return self._edge_index.get((min(a, b), max(a, b)))

    def _edge_data(self, edge: int) -> dict[str, Any]:
        # a one-element slice's tolist() gives a Python value for numeric and object columns
        data = {name: column[edge : edge + 1].tolist()[0] for name, column in self._columns.items()}
        begin, end = self._id_bounds[edge], self._id_bounds[edge + 1]
        data["statement_ids"] = self._id_values[begin:end].tolist()
        return data

    def _edge_triples(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        # whole columns to Python lists at once: far cheaper than one numpy scalar per cell
        names = list(self._columns)
        rows = zip(*(column.tolist() for column in self._columns.values()), strict=True)
        ids = self._id_values.tolist()
        bounds = self._id_bounds.tolist()
        node_ids = self._node_ids
        # the collector would re-scan the heap over and over while a consumer holds on to
        # hundreds of thousands of fresh dicts (three times slower); none of them is in a cycle
        with _cyclic_gc_paused():
            for edge, (u, v, values) in enumerate(
                zip(self._source.tolist(), self._target.tolist(), rows, strict=True)
            ):
                data = dict(zip(names, values, strict=True))
                data["statement_ids"] = ids[bounds[edge] : bounds[edge + 1]]
                yield node_ids[u], node_ids[v], data

    def _edge_values(self, name: str, default: Any) -> Iterator[tuple[str, str, Any]]:
        """(u, v, value of one attribute) per edge, without building the edge dicts."""
        if name in self._columns:
            values: list[Any] = self._columns[name].tolist()
        elif name == "statement_ids":
            ids, bounds = self._id_values.tolist(), self._id_bounds.tolist()
            values = [ids[b:e] for b, e in zip(bounds[:-1], bounds[1:], strict=True)]
        else:
            values = [default] * self.number_of_edges()
        node_ids = self._node_ids
        pairs = zip(self._source.tolist(), self._target.tolist(), values, strict=True)
        return ((node_ids[u], node_ids[v], value) for u, v, value in pairs)


class _NodeView:
    """``network.nodes``: the node ids, their attribute dicts, and lookups by id."""

    __slots__ = ("_network",)

    def __init__(self, network: Network) -> None:
        self._network = network

    def __call__(self, data: bool | str = False, default: Any = None) -> list[Any]:
        network = self._network
        if data is False:
            return list(network._node_ids)
        if data is True:
            return list(zip(network._node_ids, network._node_data, strict=True))
        return [
            (node, d.get(data, default))
            for node, d in zip(network._node_ids, network._node_data, strict=True)
        ]

    def __iter__(self) -> Iterator[str]:
        return iter(self._network._node_ids)

    def __len__(self) -> int:
        return len(self._network._node_ids)

    def __contains__(self, node: object) -> bool:
        return node in self._network._position

    def __getitem__(self, node: str) -> dict[str, Any]:
        return self._network._node_data[self._network._position[node]]


class _EdgeView:
    """``network.edges``: the (u, v) pairs, their attribute dicts, and lookups by pair."""

    __slots__ = ("_network",)

    def __init__(self, network: Network) -> None:
        self._network = network

    def __call__(self, data: bool | str = False, default: Any = None) -> _EdgeData:
        return _EdgeData(self._network, data, default)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        node_ids = self._network._node_ids
        pairs = zip(self._network._source.tolist(), self._network._target.tolist(), strict=True)
        return ((node_ids[u], node_ids[v]) for u, v in pairs)

    def __len__(self) -> int:
        return self._network.number_of_edges()

    def __contains__(self, pair: object) -> bool:
        return isinstance(pair, tuple) and len(pair) == 2 and self._network.has_edge(*pair)

    def __getitem__(self, pair: tuple[str, str]) -> dict[str, Any]:
        edge = self._network._find_edge(*pair)
        if edge is None:
            raise KeyError(f"no edge {pair!r}")
        return self._network._edge_data(edge)


class _EdgeData:
    """``network.edges(data=...)``: iterable (again and again) and sized, like networkx's."""

    __slots__ = ("_network", "_data", "_default")

    def __init__(self, network: Network, data: bool | str, default: Any) -> None:
        self._network, self._data, self._default = network, data, default

    def __len__(self) -> int:
        return self._network.number_of_edges()

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        if self._data is False:
            return iter(self._network.edges)
        if self._data is True:
            return self._network._edge_triples()
        return self._network._edge_values(self._data, self._default)


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

    A dense networkx graph allocates hundreds of thousands of edge dicts and id lists, none of
    them in reference cycles; left on, the collector re-scans the growing heap again and again.
    Reference counting still frees memory.
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
) -> Network:
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
    attributes = {
        "network": "actor_concept",
        "aggregation": aggregation,
        "normalization": normalization,
    }
    if frame.empty:
        return Network.empty(attributes)
    actor_codes, actor_ids, actor_data = _actor_nodes(frame)
    concept_codes, concept_ids, concept_data = _concept_nodes(frame)
    n_actors, n_concepts = len(actor_ids), len(concept_ids)

    # one edge per (actor, concept) cell with statements, ordered by actor then concept
    cells, cell_of_row = np.unique(
        actor_codes.astype(np.int64) * n_concepts + concept_codes, return_inverse=True
    )
    n_cells = cells.size
    cell_actor, cell_concept = np.divmod(cells, n_concepts)
    stance = frame["stance"].to_numpy(dtype=np.int64)
    count = np.bincount(cell_of_row, minlength=n_cells)
    stance_sum = np.bincount(cell_of_row, weights=stance, minlength=n_cells)
    agree = np.bincount(cell_of_row[stance > 0], minlength=n_cells)
    disagree = np.bincount(cell_of_row[stance < 0], minlength=n_cells)
    neutral = count - agree - disagree

    if aggregation == "ignore":
        weight = count.astype(float)
    elif aggregation == "subtract":
        weight = stance_sum.astype(float)
    else:
        weight = np.select(
            [(agree > 0) & (disagree > 0), agree > 0, disagree > 0],
            [COMBINE_BOTH, COMBINE_AGREE_ONLY, COMBINE_DISAGREE_ONLY],
            COMBINE_NEUTRAL_ONLY,
        ).astype(float)
    if normalization == "activity":
        weight = weight / np.bincount(actor_codes, minlength=n_actors)[cell_actor]
    elif normalization == "prominence":
        weight = weight / np.bincount(concept_codes, minlength=n_concepts)[cell_concept]

    agreement = np.select([(agree > 0) & (disagree > 0), agree > 0, disagree > 0], [3, 1, 2], 0)
    id_values, id_bounds = _csr(cell_of_row, n_cells, frame["statement_id"].to_numpy(np.int64))
    return Network(
        attributes,
        actor_ids + concept_ids,
        actor_data + concept_data,
        source=cell_actor,
        target=n_actors + cell_concept,
        columns={
            "weight": weight,
            "agree": agree,
            "disagree": disagree,
            "neutral": neutral,
            "agreement": _labels(("neutral", "agree", "disagree", "both"), agreement),
            "sign": np.sign(stance_sum).astype(np.int64),
        },
        id_values=id_values,
        id_bounds=id_bounds,
    )


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


# --------------------------------------------------------------------------------------------
# Actor x statement (two-mode)
# --------------------------------------------------------------------------------------------


def actor_statement_network(
    records: Iterable[StatementRecord],
    *,
    group_by_affiliation: bool = False,
) -> Network:
    """The two-mode actor x statement network: each actor linked to each of its statements.

    Statement nodes carry ``concept``, ``stance`` and ``article_id``; each edge has ``weight``
    1, ``stance``, ``sign`` (the sign of the stance) and ``statement_ids`` ([the statement]).
    """
    frame = _frame(records, group_by_affiliation)
    attributes = {"network": "actor_statement"}
    if frame.empty:
        return Network.empty(attributes)
    actor_codes, actor_ids, actor_data = _actor_nodes(frame)
    statement_ids = frame["statement_id"].to_numpy(np.int64)
    stance = frame["stance"].to_numpy(np.int64)
    statement_data = [
        {
            "kind": "statement",
            "label": str(sid),
            "statements": 1,
            "statement_ids": [sid],
            "concept": concept,
            "stance": value,
            "article_id": article_id,
        }
        for sid, concept, value, article_id in zip(
            statement_ids.tolist(),
            frame["concept"].tolist(),
            stance.tolist(),
            frame["article_id"].tolist(),
            strict=True,
        )
    ]
    n_statements = statement_ids.size
    return Network(
        attributes,
        actor_ids + [_node_statement(sid) for sid in statement_ids.tolist()],
        actor_data + statement_data,
        source=actor_codes.astype(np.int64),
        target=len(actor_ids) + np.arange(n_statements),
        columns={
            "weight": np.ones(n_statements),
            "stance": stance,
            "sign": np.sign(stance),
        },
        id_values=statement_ids,
        id_bounds=np.arange(n_statements + 1),
    )


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
