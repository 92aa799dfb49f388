"""Where to put node labels on a network chart so that none covers another.

Pure geometry in screen pixels, tested without plotly: each label tries the spots around its
node in turn (above, below, right, left) and takes the first one that overlaps no label placed
before it and no other node's marker; a label with no free spot is left out (the node still
names itself on hover). Nodes come most important first, so the busiest keep their labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

CHAR_WIDTH_PX = 7.0  # an average character at the charts' 12 px label font
LABEL_HEIGHT_PX = 15.0
GAP_PX = 2.0
# plotly textposition values, in the order they are tried
SPOTS = ("top center", "bottom center", "middle right", "middle left")


@dataclass(frozen=True)
class LabelledNode:
    """A node's centre (pixels, y growing downwards), marker radius and label text."""

    x: float
    y: float
    radius: float
    text: str


Box = tuple[float, float, float, float]  # left, top, right, bottom


def label_box(node: LabelledNode, spot: str) -> Box:
    """The box ``node``'s label takes at ``spot``."""
    width = CHAR_WIDTH_PX * len(node.text) + 4
    height = LABEL_HEIGHT_PX
    reach = node.radius + GAP_PX
    if spot == "top center":
        return (node.x - width / 2, node.y - reach - height, node.x + width / 2, node.y - reach)
    if spot == "bottom center":
        return (node.x - width / 2, node.y + reach, node.x + width / 2, node.y + reach + height)
    if spot == "middle right":
        return (node.x + reach, node.y - height / 2, node.x + reach + width, node.y + height / 2)
    return (node.x - reach - width, node.y - height / 2, node.x - reach, node.y + height / 2)


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _marker_box(node: LabelledNode) -> Box:
    return (node.x - node.radius, node.y - node.radius, node.x + node.radius, node.y + node.radius)


def place_labels(
    nodes: Sequence[LabelledNode],
    *,
    others: Sequence[LabelledNode] = (),
    limit: int | None = None,
) -> list[str | None]:
    """A spot from ``SPOTS`` for each of ``nodes`` (most important first), or None where its
    label would cover another label or a marker of ``nodes`` or ``others`` (unlabelled nodes).
    At most ``limit`` labels are placed."""
    markers = [_marker_box(node) for node in (*nodes, *others)]
    placed: list[Box] = []
    spots: list[str | None] = []
    for index, node in enumerate(nodes):
        chosen = None
        if node.text and (limit is None or len(placed) < limit):
            own = markers[index]
            for spot in SPOTS:
                box = label_box(node, spot)
                if any(_overlap(box, other) for other in placed):
                    continue
                if any(_overlap(box, marker) for marker in markers if marker is not own):
                    continue
                chosen = spot
                placed.append(box)
                break
        spots.append(chosen)
    return spots
