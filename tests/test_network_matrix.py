"""The actor x actor matrix: order by community, one square per tie each side, clicks read back."""

from __future__ import annotations

import networkx as nx

from components import network_chart as nc
from components import network_matrix as nm


def _two_camps() -> nx.Graph:
    """Two cliques of congruent actors, joined by one conflict tie."""
    graph = nx.Graph(network="actor_actor", aggregation="subtract")
    camps = (["a1", "a2", "a3", "a4"], ["b1", "b2", "b3"])
    for camp in camps:
        for node in camp:
            graph.add_node(f"actor:{node}", kind="actor", label=node, statements=2)
        for i, u in enumerate(camp):
            for v in camp[i + 1 :]:
                graph.add_edge(
                    f"actor:{u}", f"actor:{v}", weight=2.0, sign=1, congruence=2.0, conflict=0.0,
                    statement_ids=[1, 2],
                )  # fmt: skip
    graph.add_edge(
        "actor:a1", "actor:b1", weight=-1.0, sign=-1, congruence=0.0, conflict=1.0,
        statement_ids=[3],
    )  # fmt: skip
    return graph


def test_communities_are_contiguous_blocks_the_largest_first() -> None:
    order = nm.matrix_order(_two_camps())
    assert sorted(order[:4]) == ["actor:a1", "actor:a2", "actor:a3", "actor:a4"]
    assert sorted(order[4:]) == ["actor:b1", "actor:b2", "actor:b3"]
    assert order == nm.matrix_order(_two_camps())  # the same every time


def test_every_tie_is_a_square_on_both_sides_coloured_by_its_side() -> None:
    graph = _two_camps()
    figure = nm.matrix_figure(graph)
    squares = {
        (x, y): (trace.marker.color, tuple(data))
        for trace in figure.data
        for x, y, data in zip(trace.x, trace.y, trace.customdata, strict=True)
    }
    assert len(squares) == 2 * graph.number_of_edges()
    order = nm.matrix_order(graph)
    a1, b1 = order.index("actor:a1"), order.index("actor:b1")
    assert squares[(a1, b1)][0] == squares[(b1, a1)][0] == nc.EDGE_COLOURS["negative"]
    a2 = order.index("actor:a2")
    assert squares[(a1, a2)][0] == nc.EDGE_COLOURS["positive"]
    assert list(figure.layout.xaxis.ticktext) == [graph.nodes[n]["label"] for n in order]

    clicked = {"points": [{"customdata": list(squares[(b1, a1)][1])}]}
    pick = nc.pick_from_selection(clicked, graph)
    assert pick is not None and pick.kind == "edge" and pick.statement_ids == (3,)


def test_density_decides_which_view_reads_better() -> None:
    assert not nm.is_dense(_two_camps())  # too few actors to need a matrix
    sparse = nx.path_graph([f"actor:{i}" for i in range(30)])
    dense = nx.complete_graph([f"actor:{i}" for i in range(30)])
    assert not nm.is_dense(sparse) and nm.is_dense(dense)


def test_a_large_matrix_keeps_legible_cells_and_grows_instead() -> None:
    graph = nx.complete_graph([f"actor:{i}" for i in range(150)])
    nx.set_node_attributes(graph, "actor", "kind")
    nx.set_edge_attributes(graph, 1.0, "weight")
    graph.graph.update(network="actor_actor", aggregation="congruence")
    figure = nm.matrix_figure(graph)
    assert figure.data[0].marker.size >= nm.MIN_CELL_PX - 2
    assert figure.layout.height >= 150 * nm.MIN_CELL_PX
