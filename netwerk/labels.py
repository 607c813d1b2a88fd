"""Where the labels of the picture go, so that no label covers another label or a node.

Text is measured here, on the server, from the font size the stylesheet gives each kind and a
generous average glyph width, so the boxes are never smaller than the text the browser draws.
Each label tries a few places beside its node (outwards first); when one finds no free place,
the whole picture spreads out a little and every label is placed again.
"""

import textwrap
from dataclasses import dataclass

# Kept in step with .netwerk-svg text in static/css/site.css and the shapes in picture.html.
FONT_SIZE = {"leeratelier": 16}
DEFAULT_FONT_SIZE = 15
GLYPH_WIDTH = {"leeratelier": 0.66}  # em; bold
DEFAULT_GLYPH_WIDTH = 0.6
LINE_HEIGHT = 1.2  # em
HALO = 2  # the white stroke around the text
NODE_RADIUS = {
    "leeratelier": 15, "thema": 9, "gemeente": 8, "trekker": 10, "organisatie": 6,
    "werkplaats": 10, "werkgroep": 10,
}  # fmt: skip
GAP = 4  # between a node and its label
WRAP_AT = 26  # characters per line
SPREAD = 1.1
MAX_SPREADS = 25
MARGIN = 8  # around everything, in the view box


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: "Box") -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )


def lines_of(label: str) -> list[str]:
    return textwrap.wrap(label, WRAP_AT) or [label]


def node_box(node) -> Box:
    r = NODE_RADIUS[node.kind.value] + 1
    return Box(node.x - r, node.y - r, node.x + r, node.y + r)


def label_box(node, x: float, y: float, anchor: str) -> Box:
    """The box of the node's label drawn at (x, y) with ``anchor``, centred on y."""
    size = FONT_SIZE.get(node.kind.value, DEFAULT_FONT_SIZE)
    glyph = GLYPH_WIDTH.get(node.kind.value, DEFAULT_GLYPH_WIDTH)
    width = max(len(line) for line in node.lines) * size * glyph + 2 * HALO
    height = len(node.lines) * size * LINE_HEIGHT + 2 * HALO
    left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
    return Box(left, y - height / 2, left + width, y + height / 2)


def _candidates(node):
    """Places for the label, the most natural first: outwards, inwards, above, below, then
    outwards and inwards a little higher or lower."""
    r = NODE_RADIUS[node.kind.value] + GAP
    out = 1 if node.x >= -1 else -1
    size = FONT_SIZE.get(node.kind.value, DEFAULT_FONT_SIZE)
    half = len(node.lines) * size * LINE_HEIGHT / 2 + HALO
    sides = [(out, "start" if out > 0 else "end"), (-out, "end" if out > 0 else "start")]
    for side, anchor in sides:
        yield node.x + side * r, node.y, anchor
    yield node.x, node.y - r - half, "middle"
    yield node.x, node.y + r + half, "middle"
    for step in range(1, 5):
        for shift in (-step * size * 0.6, step * size * 0.6):
            for side, anchor in sides:
                yield node.x + side * r, node.y + shift, anchor


class Grid:
    """Boxes by the square cells of ``CELL`` units they cover: the boxes that may overlap a box
    are those in its cells, not all of them (a large picture has hundreds)."""

    CELL = 64.0

    def __init__(self):
        self.cells: dict[tuple[int, int], list[tuple[int, Box]]] = {}

    def _cells(self, box: Box):
        for column in range(int(box.left // self.CELL), int(box.right // self.CELL) + 1):
            for row in range(int(box.top // self.CELL), int(box.bottom // self.CELL) + 1):
                yield column, row

    def add(self, key: int, box: Box) -> None:
        for cell in self._cells(box):
            self.cells.setdefault(cell, []).append((key, box))

    def overlaps(self, box: Box, ignore: int | None = None) -> bool:
        return any(
            key != ignore and box.overlaps(other)
            for cell in self._cells(box)
            for key, other in self.cells.get(cell, ())
        )


def _place_all(nodes, *, give_up=False) -> bool:
    """Place every label; ``give_up``: stop at the first one without a free place (the picture
    will spread out and all are placed again anyway)."""
    obstacles = Grid()
    for index, node in enumerate(nodes):
        obstacles.add(index, node_box(node))
    placed = Grid()
    all_free = True
    for index, node in enumerate(nodes):
        first = None
        for x, y, anchor in _candidates(node):
            box = label_box(node, x, y, anchor)
            first = first or (x, y, anchor, box)
            if not (obstacles.overlaps(box, ignore=index) or placed.overlaps(box)):
                break
        else:
            if give_up:
                return False
            all_free = False
            x, y, anchor, box = first
        node.label_x, node.label_y, node.label_anchor = x, y, anchor
        placed.add(index, box)
    return all_free


def place_labels(graph, centre=None) -> None:
    """Give every node of ``graph`` its label place; spread the picture until all fit."""
    for node in graph.nodes.values():
        node.lines = lines_of(node.label)
    order = list(NODE_RADIUS)  # leerateliers first, then ring by ring outwards
    nodes = sorted(
        graph.nodes.values(),
        key=lambda node: (node.id != centre, order.index(node.kind.value), node.id),
    )
    for attempt in range(MAX_SPREADS):
        last = attempt == MAX_SPREADS - 1
        if _place_all(nodes, give_up=not last) or last:
            return  # the last attempt keeps its places, the labels with their nodes
        for node in nodes:
            node.x *= SPREAD
            node.y *= SPREAD
        graph.size *= SPREAD


def bounds(graph) -> Box:
    """Everything drawn, labels included, with a margin."""
    boxes = [node_box(node) for node in graph.nodes.values()] + [
        label_box(node, node.label_x, node.label_y, node.label_anchor)
        for node in graph.nodes.values()
    ]
    if not boxes:
        return Box(-MARGIN, -MARGIN, MARGIN, MARGIN)
    return Box(
        min(box.left for box in boxes) - MARGIN,
        min(box.top for box in boxes) - MARGIN,
        max(box.right for box in boxes) + MARGIN,
        max(box.bottom for box in boxes) + MARGIN,
    )


def overlaps(graph) -> list[tuple[str, str]]:
    """The pairs (label, label or node) that cover each other; none after ``place_labels``."""
    labels = {
        node.id: label_box(node, node.label_x, node.label_y, node.label_anchor)
        for node in graph.nodes.values()
    }
    found = []
    ids = sorted(labels)
    for index, key in enumerate(ids):
        for other in ids[index + 1 :]:
            if labels[key].overlaps(labels[other]):
                found.append((f"label {key}", f"label {other}"))
        for node in graph.nodes.values():
            if node.id != key and labels[key].overlaps(node_box(node)):
                found.append((f"label {key}", f"node {node.id}"))
    return found
