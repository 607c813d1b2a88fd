"""The network picture reaches beyond the region where the network does: the werkplaatsen a
praktijk runs with and the landelijke werkgroepen a leeratelier brings knowledge to are nodes;
gemeenten outside the werkgebied are not."""

import pytest

from netwerk.graph import GraphContribution, Kind, Link, build_graph
from werkplaats import plekken
from werkplaats.models import Soort

pytestmark = pytest.mark.django_db


def test_a_joint_praktijk_brings_its_werkplaats_but_not_its_far_gemeente(
    make_leeratelier, make_praktijk, make_gemeente, make_organisatie
):
    armoede = make_leeratelier("Armoede en schulden")
    lingewaard = make_gemeente("Lingewaard")
    oldenzaal = make_gemeente("Oldenzaal", subregio="", in_werkgebied=False, is_deelnemer=False)
    twente = make_organisatie(
        "Werkplaats Sociaal Domein Twente", soort=Soort.WERKPLAATS_SOCIAAL_DOMEIN
    )
    praktijk = make_praktijk(armoede, "Armoede signaleren", gemeenten=[lingewaard, oldenzaal])
    praktijk.werkplaatsen.add(twente)

    graph = build_graph()

    assert f"gemeente-{lingewaard.slug}" in graph.nodes
    assert f"gemeente-{oldenzaal.slug}" not in graph.nodes
    node = graph.nodes[f"werkplaats-{twente.slug}"]
    assert node.kind == Kind.WERKPLAATS
    assert node.url == f"/werkplaatsen/{twente.slug}/"
    assert any(edge.kind == Link.SAMEN and edge.target == node.id for edge in graph.edges)


def test_werkgroepen_handed_over_by_another_app_are_nodes(make_leeratelier, monkeypatch):
    evalueren = make_leeratelier("Evalueren van sociale interventies")
    monkeypatch.setattr(plekken, "_vullers", {})
    plekken.vul(
        "netwerk-werkgroepen",
        lambda: [
            GraphContribution(
                "lerende-praktijken", "Lerende Praktijken", "/werkgroepen/lerende-praktijken/",
                (evalueren.slug, "bestaat-niet"),
            )
        ],
    )  # fmt: skip

    graph = build_graph()

    node = graph.nodes["werkgroep-lerende-praktijken"]
    assert (node.kind, node.label) == (Kind.WERKGROEP, "Lerende Praktijken")
    edge = next(edge for edge in graph.edges if edge.target == node.id)
    assert (edge.source, edge.kind) == (f"leeratelier-{evalueren.slug}", Link.BRENGT_IN)
