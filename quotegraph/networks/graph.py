"""The result of every network function: a node table and edge arrays, read like networkx."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import Any

import networkx as nx
import numpy as np


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
