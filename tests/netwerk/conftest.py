"""A small network: two leerateliers with their thema, gemeenten, trekker and partners."""

import pytest

from leerateliers.models import Rol, TrekkerRol
from leerateliers.services import deelname_set_rol


@pytest.fixture
def network(make_leeratelier, make_gemeente, make_thema, make_organisatie, make_persoon,
            make_praktijk):  # fmt: skip
    from leerateliers.models import Trekkerschap
    from werkplaats.models import Voorwaarde

    inclusie = Voorwaarde.objects.get(slug="sociale-inclusie")
    cohesie = Voorwaarde.objects.get(slug="sociale-cohesie")
    armoede_thema = make_thema("Armoede", voorwaarden=[inclusie])
    lingewaard, nijmegen, heumen = (make_gemeente(n) for n in ("Lingewaard", "Nijmegen", "Heumen"))
    armoede = make_leeratelier(
        "Armoede en schulden",
        voorwaarden=[inclusie],
        themas=[armoede_thema],
        gemeenten=[lingewaard],
    )
    contact = make_leeratelier("Eenzaamheid en betekenisvol contact", voorwaarden=[cohesie])
    make_praktijk(armoede, "Verhalenkamer", gemeenten=[nijmegen])
    make_praktijk(contact, "Heumense aanpak", gemeenten=[heumen])
    carinda = make_persoon("Carinda Jansen")
    Trekkerschap.objects.create(persoon=carinda, leeratelier=armoede, rol=TrekkerRol.TREKKER)
    onderzoeker = make_persoon("Alleen Onderzoeker")
    Trekkerschap.objects.create(
        persoon=onderzoeker, leeratelier=armoede, rol=TrekkerRol.ONDERZOEKER
    )
    zorg = make_organisatie("Zorgalliantie")
    kernen = make_organisatie("Krachtige Kernen")
    gestopt = make_organisatie("Gestopt")
    deelname_set_rol(organisatie=zorg, leeratelier=armoede, rol=Rol.ARENA)
    deelname_set_rol(organisatie=kernen, leeratelier=armoede, rol=Rol.TRIBUNE)
    deelname_set_rol(organisatie=gestopt, leeratelier=contact, rol=Rol.ARENA)
    from leerateliers.services import deelname_end

    deelname_end(organisatie=gestopt, leeratelier=contact)
    return locals()
