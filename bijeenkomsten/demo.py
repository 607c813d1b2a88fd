"""Demo content for the bijeenkomsten: the meetings the source texts name, and upcoming ones.

From ``shared/seeds/``: the symposium "Samen werken aan sociale kwaliteit" of 14 April 2022 in
Fort Lent, the tribunebijeenkomsten of 2020 on "Meer dan een baan alleen" (JIP) and the
regional kennisdeelsessie on Welkome Wijk (2021). The times of day are plausible, not a record.
The speakers are the personen the texts name (or the trekkers of the leeratelier). The upcoming
bijeenkomsten are dated from today on, so the demo always has a future; loading again moves them
along. The demo accounts (debug only) are registered for some of them.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from leerateliers.demo import ARMOEDE, CONTACT, EVALUEREN, JIP, SOCIALE_BASIS
from leerateliers.models import Leeratelier
from werkplaats.models import Gemeente, Persoon, User

from .models import Aanmelding, AanmeldingStatus, Bijeenkomst, Soort, Status

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
HAN_NIJMEGEN = "Kapittelweg 33, 6525 EN Nijmegen"
HAN_ARNHEM = "Ruitenberglaan 31, 6826 CC Arnhem"


def _at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=AMSTERDAM)


def _past(year, month, day, start, end):
    date = datetime.date(year, month, day)
    return {"start_at": _at(date, *start), "end_at": _at(date, *end)}


def _ahead(days, start, end):
    date = timezone.localdate() + datetime.timedelta(days=days)
    return {"start_at": _at(date, *start), "end_at": _at(date, *end)}


def bijeenkomsten():
    """The demo bijeenkomsten, keyed by slug (the upcoming ones are dated from today)."""
    return [
        {
            "slug": "symposium-samen-werken-aan-sociale-kwaliteit-2022",
            "sprekers": ["guido-walraven", "joos-meesters"],
            "titel": "Symposium ‘Samen werken aan sociale kwaliteit’",
            "soort": Soort.SYMPOSIUM,
            "leeratelier": SOCIALE_BASIS,
            "samenvatting": "Terugblikken en vooruitkijken op armoede, de sociale kant van "
            "duurzaamheid, sociale kwaliteit en mantelzorgers: sociale basis op orde, minder "
            "praten, meer doen!",
            "beschrijving": """\
De afgelopen jaren werkte de werkplaats aan thema's als armoede, de sociale kant van \
duurzaamheid, sociale kwaliteit en mantelzorgers. Op dit symposium blikken we daarop terug en \
kijken we vooruit, onder het motto *Sociale basis op orde: minder praten, meer doen!*

Met gastspreker Guido Walraven, docent-onderzoeker Joos Meesters en professionals en \
vrijwilligers uit het werkveld.""",
            **_past(2022, 4, 14, (13, 0), (17, 0)),
            "locatie": "Fort Lent",
            "adres": "Lent, Nijmegen",
            "gemeente": "nijmegen",
            "capaciteit": 150,
            "verslag": """\
Op 14 april 2022 kwam het netwerk samen in Fort Lent. We keken terug op wat de leerateliers \
de afgelopen jaren opleverden en vooruit naar wat de sociale basis nodig heeft.

Gastspreker Guido Walraven en docent-onderzoeker Joos Meesters spraken met professionals en \
vrijwilligers uit het werkveld over armoede, de sociale kant van duurzaamheid, sociale \
kwaliteit en mantelzorgers. De rode draad: de sociale basis op orde brengen vraagt minder \
praten en meer doen, samen met inwoners.""",
        },
        {
            "slug": "tribunebijeenkomst-meer-dan-een-baan-alleen-juni-2020",
            "sprekers": ["maritza-gerritsen"],
            "titel": "Tribunebijeenkomst ‘Meer dan een baan alleen’",
            "soort": Soort.TRIBUNEBIJEENKOMST,
            "leeratelier": JIP,
            "samenvatting": "Maritza Gerritsen deelt de resultaten van ‘Meer dan een baan "
            "alleen’, een deelonderzoek van haar promotieonderzoek binnen JIP.",
            "beschrijving": """\
Wat hebben jongeren met een ondersteuningsbehoefte nodig om een plek te vinden, op het werk en \
daarbuiten? Promovendus Maritza Gerritsen presenteert de resultaten van haar deelonderzoek \
*Meer dan een baan alleen* aan iedereen op de tribune van JIP, en hoort graag wat zij ervan \
vinden.""",
            **_past(2020, 6, 18, (15, 0), (16, 30)),
            "online_link": "https://meet.jit.si/werkplaats-jip-meer-dan-een-baan-alleen",
            "verslag": """\
Partners van de tribune van JIP luisterden online naar de resultaten van *Meer dan een \
baan alleen*. De vragen en reacties gaan mee naar de arena en naar de volgende \
stappen van het onderzoek.""",
        },
        {
            "slug": "tribunebijeenkomst-meer-dan-een-baan-alleen-september-2020",
            "sprekers": ["maritza-gerritsen"],
            "titel": "Tribunebijeenkomst ‘Meer dan een baan alleen’ (tweede ronde)",
            "soort": Soort.TRIBUNEBIJEENKOMST,
            "leeratelier": JIP,
            "samenvatting": "Een tweede tribunebijeenkomst over ‘Meer dan een baan alleen’, "
            "voor wie er in juni niet bij kon zijn.",
            "beschrijving": """\
Op verzoek van partners die er in juni niet bij konden zijn, bespreken we de resultaten van \
*Meer dan een baan alleen* nog een keer, nu op de hogeschool en in een kleine groep.""",
            **_past(2020, 9, 10, (15, 0), (17, 0)),
            "locatie": "Hogeschool van Arnhem en Nijmegen",
            "adres": HAN_NIJMEGEN,
            "gemeente": "nijmegen",
            "capaciteit": 20,
            "verslag": "",
        },
        {
            "slug": "regionale-kennisdeelsessie-welkome-wijk-2021",
            "sprekers": ["annica-brummel", "meike-heessels"],
            "titel": "Regionale kennisdeelsessie Welkome Wijk",
            "soort": Soort.LEERSESSIE,
            "leeratelier": CONTACT,
            "samenvatting": "Wat levert het actieonderzoek Welkome Wijk op voor de "
            "bewustwordingsbijeenkomsten van Samen Sterk zonder Stigma?",
            "beschrijving": """\
Samen Sterk zonder Stigma ontwikkelde bewustwordingsbijeenkomsten om vooroordelen in de wijk \
te verminderen. In het project **Welkome Wijk** verbeterden we die aanpak met een \
actieonderzoek. In deze regionale kennisdeelsessie delen we wat dat opleverde.""",
            **_past(2021, 6, 10, (14, 0), (16, 0)),
            "online_link": "https://meet.jit.si/werkplaats-welkome-wijk-kennisdeelsessie",
            "verslag": """\
In de kennisdeelsessie deelden de onderzoekers en Samen Sterk zonder Stigma wat het \
actieonderzoek opleverde voor de bewustwordingsbijeenkomsten, en bespraken we met \
gemeenten en welzijnsorganisaties hoe zij de aanpak in hun wijken kunnen inzetten.""",
        },
        {
            "slug": "arenabijeenkomst-armoede-en-schulden-verhalenkamer",
            "sprekers": ["carinda-jansen"],
            "titel": "Arenabijeenkomst Armoede en schulden: verhalen uit de Verhalenkamer",
            "soort": Soort.ARENABIJEENKOMST,
            "leeratelier": ARMOEDE,
            "samenvatting": "De partners in de arena bespreken de verhalen die studenten "
            "ophaalden in de Verhalenkamer, en wat die vragen van hun werk.",
            "beschrijving": """\
Studenten van verschillende opleidingen haalden in duo's verhalen op uit de leefwereld van \
mensen die in armoede leven. In deze arenabijeenkomst leggen we die verhalen naast het werk \
van professionals, vrijwilligers en de gemeente: wat herkennen we, en wat gaan we anders doen?""",
            **_ahead(9, (13, 30), (16, 0)),
            "locatie": "Hogeschool van Arnhem en Nijmegen",
            "adres": HAN_ARNHEM,
            "gemeente": "arnhem",
            "capaciteit": 25,
        },
        {
            "slug": "tribunebijeenkomst-jip-wat-werkt-bij-werklab-nijmegen",
            "sprekers": ["joos-meesters"],
            "titel": "Tribunebijeenkomst JIP: wat werkt bij Werklab Nijmegen?",
            "soort": Soort.TRIBUNEBIJEENKOMST,
            "leeratelier": JIP,
            "samenvatting": "Wat werkt voor jongeren bij Werklab en de jobcoaches in Nijmegen, "
            "gezien vanuit de jongeren zelf? De arena deelt wat zij leerde.",
            "beschrijving": """\
De arena van JIP bracht werkbezoeken bij Werklab Nijmegen en sprak met jongeren en \
jobcoaches. In deze tribunebijeenkomst horen partners op de tribune wat werkt, en denken ze \
mee over wat dat betekent voor hun eigen organisatie. Op de hogeschool en online.""",
            **_ahead(16, (15, 0), (16, 30)),
            "locatie": "Hogeschool van Arnhem en Nijmegen",
            "adres": HAN_NIJMEGEN,
            "gemeente": "nijmegen",
            "online_link": "https://meet.jit.si/werkplaats-jip-werklab",
            "capaciteit": 40,
        },
        {
            "slug": "themabespreking-werken-aan-bestaanszekerheid",
            "sprekers": ["lisbeth-verharen"],
            "titel": "Themabespreking: werken aan bestaanszekerheid in de sociale basis",
            "soort": Soort.THEMABESPREKING,
            "leeratelier": ARMOEDE,
            "samenvatting": "Wat is er nodig om in de sociale basis aan bestaanszekerheid te "
            "werken, met het perspectief van de inwoner voorop?",
            "beschrijving": """\
Bestaansonzekerheid betekent dat mensen niet zelf of met anderen kunnen voorzien in hun \
bestaansvoorwaarden. Aan de hand van de handreiking *Werken aan bestaanszekerheid* bespreken \
we wat actoren in de sociale basis kunnen doen om problemen te voorkomen.""",
            **_ahead(23, (15, 0), (16, 30)),
            "online_link": "https://meet.jit.si/werkplaats-bestaanszekerheid",
        },
        {
            "slug": "netwerkbijeenkomst-regionale-kennisagenda",
            "sprekers": ["lisbeth-verharen"],
            "titel": "Netwerkbijeenkomst: de regionale kennisagenda",
            "soort": Soort.NETWERKBIJEENKOMST,
            "leeratelier": None,
            "samenvatting": "Partners, programmacommissie en onderzoekers kijken samen naar de "
            "sociale kwesties op de kennisagenda: wat loopt, wat ontbreekt?",
            "beschrijving": """\
De kennisagenda is niet in beton gegoten. In deze netwerkbijeenkomst bespreken we met alle \
partners welke sociale kwesties aandacht nodig hebben, waar de leerateliers staan en waar het \
netwerk nog dun is.""",
            **_ahead(37, (14, 0), (17, 0)),
            "locatie": "Hogeschool van Arnhem en Nijmegen",
            "adres": HAN_NIJMEGEN,
            "gemeente": "nijmegen",
            "capaciteit": 60,
        },
        {
            "slug": "leer-en-ontwikkelsessie-evalueren-nieuwe-stijl",
            "titel": "Leer- en ontwikkelsessie Evalueren ‘Nieuwe Stijl’",
            "soort": Soort.LEERSESSIE,
            "leeratelier": EVALUEREN,
            "samenvatting": "Kennismaken met Effectencalculatie en Effectenarena, de "
            "instrumenten uit Evalueren ‘Nieuwe Stijl’.",
            "beschrijving": """\
Een sessie over de instrumenten *Effectencalculatie* en *Effectenarena*, als opmaat naar het \
leeratelier Evalueren van sociale interventies.""",
            **_ahead(44, (10, 0), (12, 0)),
            "locatie": "Hogeschool van Arnhem en Nijmegen",
            "adres": HAN_ARNHEM,
            "gemeente": "arnhem",
            "capaciteit": 30,
            "status": Status.GEANNULEERD,
            "annulering_reden": "Het leeratelier Evalueren van sociale interventies is nog in "
            "voorbereiding. We plannen de sessie opnieuw zodra het van start gaat.",
        },
        {
            "slug": "training-in-gesprek-over-eenzaamheid",
            "sprekers": ["annica-brummel", "meike-heessels"],
            "titel": "Training ‘In gesprek over eenzaamheid’",
            "soort": Soort.TRAINING,
            "leeratelier": CONTACT,
            "samenvatting": "Een training op basis van de routekaart ‘In gesprek over "
            "eenzaamheid’, ontwikkeld met Movisie, voor professionals en vrijwilligers.",
            "beschrijving": """\
Hoe begin je een gesprek over eenzaamheid, en wat doe je daarna? In deze training oefen je \
met de routekaart *In gesprek over eenzaamheid* en met ervaringen uit de Heumense aanpak.""",
            **_ahead(51, (9, 30), (12, 30)),
            "locatie": "Hogeschool van Arnhem en Nijmegen",
            "adres": HAN_NIJMEGEN,
            "gemeente": "nijmegen",
            "capaciteit": 16,
        },
    ]


# Demo accounts (accounts.demo, debug only) and the bijeenkomsten they are registered for.
REGISTRATIONS = [
    ("partner@werkplaats.test", "arenabijeenkomst-armoede-en-schulden-verhalenkamer"),
    ("partner@werkplaats.test", "tribunebijeenkomst-jip-wat-werkt-bij-werklab-nijmegen"),
    ("trekker@werkplaats.test", "netwerkbijeenkomst-regionale-kennisagenda"),
]


def load_bijeenkomsten():
    specs = bijeenkomsten()
    leerateliers = {row.slug: row for row in Leeratelier.objects.all()}
    gemeenten = {row.slug: row for row in Gemeente.objects.all()}
    personen = {row.slug: row for row in Persoon.objects.all()}
    for spec in specs:
        fields = {
            "locatie": "",
            "adres": "",
            "online_link": "",
            "gemeente": None,
            "capaciteit": None,
            "status": Status.GEPLAND,
            "annulering_reden": "",
            "verslag": "",
            **spec,
        }
        sprekers = [personen[slug] for slug in fields.pop("sprekers", [])]
        fields["leeratelier"] = leerateliers[spec["leeratelier"]] if spec["leeratelier"] else None
        fields["gemeente"] = gemeenten[fields["gemeente"]] if fields["gemeente"] else None
        slug = fields.pop("slug")
        bijeenkomst = Bijeenkomst.objects.filter(slug=slug).first() or Bijeenkomst(slug=slug)
        for name, value in fields.items():
            setattr(bijeenkomst, name, value)
        bijeenkomst.full_clean()
        bijeenkomst.save()
        bijeenkomst.sprekers.set(sprekers)
    return len(specs)


def load_registrations():
    """The demo accounts' registrations; made directly, so loading sends no email."""
    if not settings.DEBUG:
        return 0
    users = {
        user.email: user for user in User.objects.filter(email__in={r[0] for r in REGISTRATIONS})
    }
    for email, slug in REGISTRATIONS:
        Aanmelding.objects.get_or_create(
            bijeenkomst=Bijeenkomst.objects.get(slug=slug),
            user=users[email],
            # Registered and told: the demo sends no confirmations.
            defaults={
                "status": AanmeldingStatus.AANGEMELD,
                "gemeld_status": AanmeldingStatus.AANGEMELD,
            },
        )
    return len(REGISTRATIONS)


def load():
    return {"bijeenkomsten": load_bijeenkomsten(), "aanmeldingen": load_registrations()}
