"""Node labels placed so that none covers another label or a node."""

from __future__ import annotations

from components.label_placement import SPOTS, LabelledNode, label_box, place_labels


def _overlap(a, b) -> bool:  # noqa: ANN001
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_a_lone_node_is_labelled_above() -> None:
    assert place_labels([LabelledNode(100, 100, 10, "Rouhani")]) == ["top center"]


def test_a_crowded_label_moves_below_then_aside_then_is_left_out() -> None:
    nodes = [LabelledNode(100, 100, 5, "R")] * 5
    spots = place_labels(nodes)
    assert spots == [*SPOTS, None]  # each spot taken once, the fifth has none free


def test_a_label_never_covers_another_node() -> None:
    busy = LabelledNode(100, 100, 8, "Hassan Rouhani")
    neighbour = LabelledNode(100, 80, 8, "")  # right above: the top spot would cover it
    spot = place_labels([busy], others=[neighbour])[0]
    assert spot is not None and spot != "top center"
    assert not _overlap(label_box(busy, spot), (92, 72, 108, 88)), (
        "the label sits clear of the neighbour's marker"
    )


def test_the_limit_caps_the_labels_and_empty_texts_get_none() -> None:
    nodes = [LabelledNode(100 * i, 100, 5, f"n{i}") for i in range(5)]
    assert place_labels(nodes, limit=2).count(None) == 3
    assert place_labels([LabelledNode(0, 0, 5, "")]) == [None]


def test_placed_labels_are_pairwise_clear_on_a_grid() -> None:
    nodes = [LabelledNode(30 * (i % 7), 20 * (i // 7), 4, f"Actor {i}") for i in range(49)]
    spots = place_labels(nodes)
    boxes = [label_box(n, s) for n, s in zip(nodes, spots, strict=True) if s]
    assert boxes and len(boxes) < len(nodes)
    assert not any(_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
