"""The network picture's data: /netwerk.json matches the database, the layout is stable."""

import math

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from netwerk.graph import Kind, Node, build_graph

pytestmark = pytest.mark.django_db


def test_the_json_has_every_node_and_edge_of_the_network(client, network):
    data = client.get("/netwerk.json").json()
    kinds = {node["id"]: node["kind"] for node in data["nodes"]}
    assert kinds == {
        "leeratelier-armoede-en-schulden": "leeratelier",
        "leeratelier-eenzaamheid-en-betekenisvol-contact": "leeratelier",
        "thema-armoede": "thema",
        "gemeente-lingewaard": "gemeente",  # the atelier runs there
        "gemeente-nijmegen": "gemeente",  # via its praktijk
        "gemeente-heumen": "gemeente",
        "trekker-carinda-jansen": "trekker",  # a researcher in the team is not a trekker
        "organisatie-zorgalliantie": "organisatie",
        "organisatie-krachtige-kernen": "organisatie",  # the ended deelname is not shown
    }
    edges = {(e["source"], e["target"], e["kind"]) for e in data["edges"]}
    assert edges == {
        ("leeratelier-armoede-en-schulden", "thema-armoede", "gaat-over"),
        ("leeratelier-armoede-en-schulden", "gemeente-lingewaard", "loopt-in"),
        ("leeratelier-armoede-en-schulden", "gemeente-nijmegen", "loopt-in"),
        ("leeratelier-eenzaamheid-en-betekenisvol-contact", "gemeente-heumen", "loopt-in"),
        ("trekker-carinda-jansen", "leeratelier-armoede-en-schulden", "trekt"),
        ("organisatie-zorgalliantie", "leeratelier-armoede-en-schulden", "arena"),
        ("organisatie-krachtige-kernen", "leeratelier-armoede-en-schulden", "tribune"),
    }
    node = next(n for n in data["nodes"] if n["id"] == "gemeente-nijmegen")
    assert node["url"] == "/gemeenten/nijmegen/" and node["label"] == "Nijmegen"
    assert node["voorwaarden"] == ["sociale-inclusie"]  # as its leeratelier


def test_the_same_data_gives_the_same_picture(client, network):
    first = client.get("/netwerk.json").json()
    assert client.get("/netwerk.json").json() == first
    positions = {(n["x"], n["y"]) for n in first["nodes"]}
    assert len(positions) == len(first["nodes"])  # no two nodes on the same spot


def test_filters_narrow_the_json_and_bad_ones_get_a_clear_400(client, network):
    data = client.get("/netwerk.json", {"voorwaarde": "sociale-cohesie"}).json()
    assert {n["id"] for n in data["nodes"]} == {
        "leeratelier-eenzaamheid-en-betekenisvol-contact",
        "gemeente-heumen",
    }
    only = client.get("/netwerk.json", {"soort": ["leeratelier", "trekker"]}).json()
    assert {n["kind"] for n in only["nodes"]} == {"leeratelier", "trekker"}
    assert [e["kind"] for e in only["edges"]] == ["trekt"]
    bad = client.get("/netwerk.json", {"voorwaarde": "bestaat-niet"})
    assert bad.status_code == 400 and "voorwaarde" in bad.json()["errors"]


def test_the_graph_is_built_in_a_fixed_number_of_queries(
    network, make_leeratelier, make_praktijk, make_gemeente, django_assert_num_queries
):
    with CaptureQueriesContext(connection) as small:
        build_graph()
    for number in range(10):
        atelier = make_leeratelier(f"Extra {number}")
        make_praktijk(atelier, gemeenten=[make_gemeente()])
    with django_assert_num_queries(len(small)):
        graph = build_graph()
    assert len(graph.nodes) == 9 + 20


def test_a_filter_on_voorwaarde_and_thema_needs_one_leeratelier_with_both(network):
    # Zorgalliantie is in Armoede (inclusie; thema armoede) and in Eenzaamheid (cohesie; no
    # thema): it has cohesie and armoede, but no leeratelier that has both.
    network["zorg"].deelnames.create(leeratelier=network["contact"], rol="tribune")
    graph = build_graph()
    assert "organisatie-zorgalliantie" in graph.filtered(voorwaarde="sociale-cohesie").nodes
    assert "organisatie-zorgalliantie" in graph.filtered(thema="armoede").nodes
    assert (
        "organisatie-zorgalliantie"
        in graph.filtered(voorwaarde="sociale-inclusie", thema="armoede").nodes
    )
    assert (
        "organisatie-zorgalliantie"
        not in graph.filtered(voorwaarde="sociale-cohesie", thema="armoede").nodes
    )


def test_the_layout_does_not_depend_on_the_order_in_which_neighbours_come():
    """Sets hand out their members in an order that differs between processes; the picture
    must not. Nodes whose leerateliers lie evenly around the centre are the hard case: their
    directions add up to almost nothing, and unless the sum is exact its order decides."""
    import itertools

    from netwerk.graph import _place_on_ring

    ateliers = [f"leeratelier-{i}" for i in range(30)]
    angle = {key: 2 * math.pi * i / 30 for i, key in enumerate(ateliers)}
    spread = {f"trekker-{i}": [ateliers[i + k] for k in (0, 6, 12, 18, 24)] for i in range(6)}

    def place(order):
        ring = [Node(key, Kind.TREKKER, key, "/") for key in spread]
        neighbours = {key: order(near) for key, near in spread.items()}
        _place_on_ring(ring, 300, neighbours, angle)
        return {node.id: (round(node.x, 9), round(node.y, 9)) for node in ring}

    first = place(list)
    for permutation in itertools.islice(itertools.permutations(range(5)), 1, 40, 3):
        assert place(lambda near, p=permutation: [near[i] for i in p]) == first


def test_labels_are_escaped_in_the_drawing(client, network):
    network["armoede"].titel = 'Armoede & <schulden> "nu"'
    network["armoede"].save()
    html = client.get("/netwerk/").content.decode()
    assert "<schulden>" not in html
    assert "Armoede &amp; &lt;schulden&gt; &quot;nu&quot;" in html


def test_no_label_covers_another_label_or_a_node_in_the_demo_network():
    from leerateliers.models import Leeratelier
    from netwerk import labels
    from netwerk.graph import build_graph, gemeente_graph, leerateliers_for_graph
    from tests.helpers import run_command
    from werkplaats.models import Gemeente

    run_command("load_demo")
    graph = build_graph().with_labels()
    assert len(graph.nodes) > 50
    assert labels.overlaps(graph) == []
    for gemeente in Gemeente.objects.all():
        own = gemeente_graph(
            gemeente, leerateliers_for_graph(Leeratelier.objects.in_gemeente(gemeente))
        )
        if own is not None:
            assert labels.overlaps(own.with_labels()) == [], gemeente.naam


def test_crowded_labels_spread_the_picture_until_they_fit():
    from netwerk import labels
    from netwerk.graph import Graph, Kind, Node

    # Twelve long labels side by side on one line: as first laid out, they cover each other.
    nodes = {
        f"o{i}": Node(f"o{i}", Kind.ORGANISATIE, f"Stichting Welzijn en Zorg {i}", "/", x=i * 20.0)
        for i in range(12)
    }
    graph = Graph(nodes, [], size=240.0)
    labels.place_labels(graph)
    assert labels.overlaps(graph) == []
    box = labels.bounds(graph)
    for node in nodes.values():
        drawn = labels.label_box(node, node.label_x, node.label_y, node.label_anchor)
        assert box.left <= drawn.left and drawn.right <= box.right  # the view box holds it
