"""The nodes and edges of the picture as SVG markup. Written out in Python rather than in
template loops: a large network has thousands of them, and the page should stay fast."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from netwerk.graph import profiles_attribute
from werkplaats.i18n import nl_inhoud

register = template.Library()


def _hidden(is_hidden):
    return " is-hidden" if is_hidden else ""


def _lines(node):
    """The label, one tspan per line, the lines centred on the label's y."""
    if len(node.lines) == 1:
        return escape(node.lines[0])
    first = -(len(node.lines) - 1) * 0.6
    return "".join(
        f'<tspan x="{node.svg_label_x}" dy="{first if index == 0 else 1.2:.1f}em">'
        f"{escape(line)}</tspan>"
        for index, line in enumerate(node.lines)
    )


@register.simple_tag
def netwerk_edges(graph):
    # Every value below is escaped or a number.
    return mark_safe(
        "".join(
            f'<line class="edge edge--{escape(edge["kind"])}{_hidden(edge["hidden"])}" '
            f'x1="{edge["x1"]}" y1="{edge["y1"]}" x2="{edge["x2"]}" y2="{edge["y2"]}" '
            f'data-source="{escape(edge["source"])}" data-target="{escape(edge["target"])}"/>'
            for edge in graph.edge_lines()
        )
    )


@register.simple_tag
def netwerk_nodes(graph, prefix):
    """Every node a link with an accessible name; hidden ones out of the tab order. The labels
    are names (content): ``lang="nl"`` on a page in another language."""
    lang = nl_inhoud()
    parts = []
    for node in graph.with_labels().nodes.values():
        hidden = ' tabindex="-1" aria-hidden="true"' if node.hidden else ""
        parts.append(
            f'<a href="{escape(node.url)}" class="node node--{node.kind.value}'
            f'{_hidden(node.hidden)}"{hidden} data-id="{escape(node.id)}" '
            f'data-kind="{node.kind.value}" '
            f'data-voorwaarden="{escape(" ".join(sorted(node.voorwaarden)))}" '
            f'data-themas="{escape(" ".join(sorted(node.themas)))}" '
            f'data-profiles="{escape(profiles_attribute(node))}" '
            f'aria-label="{escape(node.kind.label)}: {escape(node.label)}">'
            f'<use href="#{escape(prefix)}-{node.kind.value}" x="{node.svg_x}" y="{node.svg_y}"/>'
            f'<text x="{node.svg_label_x}" y="{node.svg_label_y}" '
            f'text-anchor="{node.label_anchor}" dominant-baseline="middle"{lang}>'
            f"{_lines(node)}</text></a>"
        )
    return mark_safe("".join(parts))  # built from escaped values only
