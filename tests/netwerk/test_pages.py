"""The pages without JavaScript: the drawn picture, the table per gemeente and the matrix."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_every_node_is_a_link_with_an_accessible_name(client, network):
    html = client.get("/netwerk/").content.decode()
    names = dict(re.findall(r'data-id="([^"]+)"[^>]*?aria-label="([^"]+)"', html, re.S))
    assert names["gemeente-nijmegen"] == "Gemeente: Nijmegen"
    assert names["leeratelier-armoede-en-schulden"] == "Leeratelier: Armoede en schulden"
    assert len(names) == 9
    assert '<a href="/gemeenten/nijmegen/"' in html
    assert html.count("data-source=") == 7  # the edges of the picture


def test_without_javascript_the_filter_form_hides_the_rest(client, network):
    html = client.get("/netwerk/", {"voorwaarde": "sociale-cohesie"}).content.decode()
    hidden = set(re.findall(r'class="node node--\w+ is-hidden"[^>]*?data-id="([^"]+)"', html, re.S))
    assert "leeratelier-armoede-en-schulden" in hidden and "gemeente-nijmegen" in hidden
    assert "gemeente-heumen" not in hidden
    armoede = re.search(r'<a [^>]*data-id="leeratelier-armoede-en-schulden"[^>]*>', html).group(0)
    assert 'tabindex="-1"' in armoede and 'aria-hidden="true"' in armoede  # out of the tab order


def test_a_filter_that_does_not_exist_says_so_and_shows_everything(client, network):
    response = client.get("/netwerk/", {"thema": "<script>", "soort": "drakem"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze keuze bestaat niet" in html and " is-hidden" not in html


def test_the_table_lists_per_gemeente_its_leerateliers_praktijken_and_trekkers(client, network):
    html = client.get("/netwerk/").content.decode()
    table = html[html.index('id="per-gemeente-titel"') :]
    row = re.search(r'<th scope="row"><a href="/gemeenten/nijmegen/">Nijmegen</a></th>(.*?)</tr>',
                    table, re.S).group(1)  # fmt: skip
    assert "Armoede en schulden" in row and "Verhalenkamer" in row and "Carinda Jansen" in row
    assert "Eenzaamheid" not in row


@pytest.mark.parametrize("path", ["/netwerk/", "/gemeenten/nijmegen/", "/sociale-kwaliteit/"])
def test_the_query_count_does_not_grow_with_the_network(
    client, network, path, make_leeratelier, make_praktijk, make_gemeente,
    django_assert_num_queries,
):  # fmt: skip
    from werkplaats.models import Gemeente, Voorwaarde

    client.get("/")  # the site profile, read once and then cached
    with CaptureQueriesContext(connection) as small:
        client.get(path)
    count = len(small)
    nijmegen = Gemeente.objects.get(slug="nijmegen")
    for number in range(8):
        atelier = make_leeratelier(f"Extra {number}", voorwaarden=Voorwaarde.objects.all())
        make_praktijk(atelier, gemeenten=[make_gemeente(), nijmegen])
    with django_assert_num_queries(count):
        assert client.get(path).status_code == 200


def test_the_voorwaarden_page_shows_where_the_network_is_integral_and_thin(client, network):
    html = client.get("/sociale-kwaliteit/").content.decode()
    matrix = html[html.index("Waar werkt het netwerk integraal") :]
    armoede = re.search(r"Armoede en schulden</a></th>(.*?)</tr>", matrix, re.S).group(1)
    assert armoede.count("✓ ja") == 1 and "1 van 4" in armoede
    gemeenten = matrix[matrix.index("Lerende praktijken per gemeente") :]
    heumen = re.search(r">Heumen</a></th>(.*?)</tr>", gemeenten, re.S).group(1)
    counts = re.findall(r"<td[^>]*>(\d+)", heumen)
    assert counts == ["0", "0", "1", "0"]  # only sociale cohesie, through its leeratelier


def test_a_gemeente_page_shows_its_own_small_network(client, network):
    html = client.get("/gemeenten/nijmegen/").content.decode()
    ids = set(re.findall(r'data-id="([^"]+)"', html))
    assert ids == {"gemeente-nijmegen", "leeratelier-armoede-en-schulden", "trekker-carinda-jansen"}
    assert "Het netwerk in Nijmegen" in html


def test_coverage_tables_list_every_gemeente_of_the_werkgebied_even_with_nothing_there(
    client, network, make_gemeente
):
    make_gemeente("Duiven")  # deelnemend, but no leeratelier or praktijk runs there
    make_gemeente("Peel en Maas", is_deelnemer=False)  # was involved before, nothing now

    netwerk = client.get("/netwerk/").content.decode()
    table = netwerk[netwerk.index('id="per-gemeente-titel"') :]
    duiven = re.search(r'<a href="/gemeenten/duiven/">Duiven</a></th>(.*?)</tr>', table, re.S)
    assert duiven and duiven.group(1).count("—") == 3  # a row that shows the thin spot
    assert "Peel en Maas" not in table

    kwaliteit = client.get("/sociale-kwaliteit/").content.decode()
    matrix = kwaliteit[kwaliteit.index('id="gemeenten-matrix-titel"') :]
    duiven = re.search(r'<a href="/gemeenten/duiven/">Duiven</a></th>(.*?)</tr>', matrix, re.S)
    assert duiven and duiven.group(1).count(">0 <") == 4
    assert "Peel en Maas" not in matrix
