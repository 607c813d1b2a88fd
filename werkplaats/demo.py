"""Demo content for the network core: gemeenten, thema's, organisaties and personen.

Everything here comes from the source texts in ``shared/seeds/``: the real gemeenten of the
werkgebied, the thema's and partners they name and the researchers who are the public contacts.
Phone numbers are left out on purpose. ``load()`` is idempotent: rows are keyed by slug.
"""

import importlib

from django.apps import apps as django_apps
from django.utils.text import slugify

from .models import Gemeente, Organisatie, Persoon, Soort, Subregio, Thema, Voorwaarde

# The four voorwaarden, by the slugs of data migration 0002.
ZEKERHEID = "sociaaleconomische-zekerheid"
INCLUSIE = "sociale-inclusie"
COHESIE = "sociale-cohesie"
EMPOWERMENT = "sociale-empowerment"

# (naam, CBS-code, subregio, deelnemer, toelichting); an empty toelichting gets a neutral line.
GEMEENTEN = [
    (
        "Arnhem",
        "GM0202",
        Subregio.ARNHEM,
        True,
        "Een van de twee steden in de naam van de werkplaats. Arnhem doet als deelnemende "
        "gemeente mee aan het regionale netwerk en de leerateliers.",
    ),
    (
        "Nijmegen",
        "GM0268",
        Subregio.RIJK_VAN_NIJMEGEN,
        True,
        "Van 2016 tot en met 2018 werkte de werkplaats hier aan de weg van passend onderwijs "
        "naar passende arbeid, vanuit ervaringsdeskundigheid. In de Spoorbuurt liep de pilot "
        "Bouwen aan sociale verduurzaming.",
    ),
    (
        "Heumen",
        "GM0252",
        Subregio.RIJK_VAN_NIJMEGEN,
        True,
        "Heumen werkte aan de aanpak van eenzaamheid en sociaal isolement. Daaruit groeide de "
        "Heumense aanpak eenzaamheid, die verder wordt doorontwikkeld.",
    ),
    ("Overbetuwe", "GM1734", Subregio.BETUWE, True, ""),
    (
        "Lingewaard",
        "GM1705",
        Subregio.BETUWE,
        True,
        "In Lingewaard zit de lokale projectgroep van het onderzoek Signaleren, bespreken en "
        "doorbreken van armoede, samen met inwoners met ervaringskennis, vrijwilligers en "
        "professionals.",
    ),
    ("Zevenaar", "GM0299", Subregio.DE_LIEMERS, True, ""),
    ("Duiven", "GM0226", Subregio.DE_LIEMERS, True, ""),
    ("Westervoort", "GM0293", Subregio.DE_LIEMERS, True, ""),
    ("Cuijk", "GM1684", Subregio.CGM, True, ""),
    ("Grave", "GM0786", Subregio.CGM, True, ""),
    ("Mill en Sint Hubert", "GM0815", Subregio.CGM, True, ""),
    (
        "Venlo",
        "GM0983",
        Subregio.NOORD_LIMBURG,
        True,
        "In Venlo stonden van 2016 tot en met 2018 de sociale leerprocessen tussen wijkteams "
        "en burgers centraal.",
    ),
    (
        "Peel en Maas",
        "GM1894",
        Subregio.NOORD_LIMBURG,
        False,
        "Partner in 2016-2018, met integrale levenskwaliteit als sturend kader in "
        "plattelandsgemeenschappen, op basis van capabilities. Hoort niet meer bij het "
        "huidige werkgebied.",
    ),
]

NEUTRALE_TOELICHTING = "Deelnemende gemeente van de werkplaats in de subregio {subregio}."
CGM_FUSIE = " In 2022 is {naam} opgegaan in de nieuwe gemeente Land van Cuijk."

# What the "Gemeente X" organisation does in the network; others get the neutral line.
GEMEENTE_ROL = {
    "Nijmegen": "Netwerkpartner sinds 2016. In Nijmegen lopen onder meer het onderzoek naar "
    "Werklab en de pilot sociale verduurzaming in de Spoorbuurt.",
    "Heumen": "Partner sinds 2016; bracht de eigen aanpak van eenzaamheid in de werkplaats in.",
    "Venlo": "Partner sinds 2016, met leerprocessen tussen wijkteams en burgers.",
    "Lingewaard": "In Lingewaard werkt de lokale projectgroep armoede van de werkplaats.",
    "Peel en Maas": "Was van 2016 tot en met 2018 partner in de werkplaats.",
}
NEUTRALE_ROL = "Deelnemende gemeente en netwerkpartner van de werkplaats."

# Well-known websites of the gemeenten; the former CGM gemeenten have none of their own any more.
GEMEENTE_WEBSITES = {
    "Arnhem": "https://www.arnhem.nl",
    "Nijmegen": "https://www.nijmegen.nl",
    "Heumen": "https://www.heumen.nl",
    "Overbetuwe": "https://www.overbetuwe.nl",
    "Lingewaard": "https://www.lingewaard.nl",
    "Zevenaar": "https://www.zevenaar.nl",
    "Duiven": "https://www.duiven.nl",
    "Westervoort": "https://www.westervoort.nl",
    "Venlo": "https://www.venlo.nl",
    "Peel en Maas": "https://www.peelenmaas.nl",
}

# (naam, voorwaarden, landelijk hoofdthema, beschrijving)
THEMAS = [
    (
        "Lerende praktijken",
        [INCLUSIE, EMPOWERMENT],
        True,
        "Samen werken, evalueren en leren in de praktijk: doen-door-leren en leren-door-doen, "
        "vaak in een leernetwerk met verschillende disciplines.",
    ),
    (
        "Armoede",
        [ZEKERHEID, INCLUSIE],
        True,
        "Armoede signaleren, bespreekbaar maken en de structuren doorbreken die ertoe leiden, "
        "met het perspectief van inwoners met ervaringskennis.",
    ),
    (
        "Sociale basis",
        [INCLUSIE, COHESIE, EMPOWERMENT],
        True,
        "Het geheel aan informele en formele diensten, voorzieningen en relaties in de "
        "leefomgeving dat mensen helpt tot hun recht te komen.",
    ),
    (
        "Ervaringsdeskundigheid",
        [EMPOWERMENT, INCLUSIE],
        True,
        "De kennis van mensen die zelf iets hebben meegemaakt, als volwaardige bron naast "
        "die van professionals en onderzoekers.",
    ),
    (
        "Schulden",
        [ZEKERHEID],
        False,
        "Financieel lastige situaties en schaarste achter de voordeur, en hoe professionals "
        "en vrijwilligers daar beter bij aansluiten.",
    ),
    (
        "Bestaanszekerheid",
        [ZEKERHEID, INCLUSIE],
        False,
        "Kunnen mensen zelf of met anderen voorzien in hun bestaansvoorwaarden? Wat de "
        "sociale basis kan doen om bestaansonzekerheid te voorkomen.",
    ),
    (
        "Eenzaamheid",
        [COHESIE, EMPOWERMENT],
        False,
        "Eenzaamheid en sociaal isolement signaleren, bespreekbaar maken en samen met "
        "inwoners zoeken naar wat de situatie verbetert.",
    ),
    (
        "Betekenisvol contact",
        [COHESIE],
        False,
        "Contact in de buurt dat ertoe doet: er voor een ander kunnen zijn en elkaar echt "
        "leren kennen.",
    ),
    (
        "Jonge mantelzorgers",
        [INCLUSIE, EMPOWERMENT],
        False,
        "Kinderen en jongeren die zorgen voor een ouder, broer of zus, en wat zij nodig "
        "hebben om zelf ook mee te kunnen doen.",
    ),
    (
        "Energietransitie",
        [ZEKERHEID, INCLUSIE],
        False,
        "Een rechtvaardige energietransitie in kansarme wijken, met oog voor de "
        "energiepraktijken van bewoners.",
    ),
    (
        "Sociale verduurzaming",
        [ZEKERHEID, COHESIE],
        False,
        "De sociale kant van duurzaamheid: fysieke en sociale renovatie van een kwetsbare "
        "buurt die hand in hand gaan.",
    ),
    (
        "Jongeren en participatie",
        [INCLUSIE, EMPOWERMENT],
        False,
        "Jongeren met een ondersteuningsbehoefte en hun weg naar een plek in de samenleving "
        "die bij hen past.",
    ),
    (
        "Van onderwijs naar werk",
        [ZEKERHEID, INCLUSIE, EMPOWERMENT],
        False,
        "De overgang van school naar werk voor jongeren zonder startkwalificatie of met een "
        "afstand tot de arbeidsmarkt.",
    ),
    (
        "Stigma en vooroordelen",
        [INCLUSIE, COHESIE],
        False,
        "Vooroordelen in de wijk verminderen, bijvoorbeeld met bewustwordingsbijeenkomsten, "
        "zodat iedereen zich welkom voelt.",
    ),
    (
        "Zingeving",
        [COHESIE, EMPOWERMENT],
        False,
        "Van betekenis zijn en ervaren dat je ertoe doet, als bron van kwaliteit van leven.",
    ),
    (
        "Sociale infrastructuur",
        [COHESIE, INCLUSIE],
        False,
        "De voorzieningen en gemeenschappen in de buurt, en hoe laagdrempelig en "
        "toegankelijk die zijn voor alle bewoners.",
    ),
    (
        "Evalueren van sociale interventies",
        [INCLUSIE],
        False,
        "Samen zichtbaar maken wat sociale interventies opleveren, onder meer met "
        "Effectencalculatie en Effectenarena.",
    ),
    (
        "Wijkgericht werken en wijkteams",
        [INCLUSIE, COHESIE],
        False,
        "Hoe wijkteams en burgers van en met elkaar leren, dicht bij de leefwereld van inwoners.",
    ),
    (
        "Laaggeletterdheid",
        [ZEKERHEID, INCLUSIE, EMPOWERMENT],
        False,
        "Moeite met lezen en schrijven als drempel om mee te doen, en wat daaraan te doen is.",
    ),
    (
        "Impact van corona",
        [COHESIE, INCLUSIE],
        False,
        "Wat de coronamaatregelen betekenden voor burgers, professionals en onderwijs, en "
        "welke lessen we daaruit trekken.",
    ),
    (
        "Burgers zorgen voor elkaar",
        [COHESIE, EMPOWERMENT],
        False,
        "Bewonersinitiatieven die solidariteit in de buurt versterken, zoals in coronatijd.",
    ),
    (
        "Levenskwaliteit op het platteland",
        [ZEKERHEID, COHESIE, EMPOWERMENT],
        False,
        "Integrale levenskwaliteit als sturend kader in plattelandsgemeenschappen, op basis "
        "van capabilities.",
    ),
    (
        "Gezondheidsongelijkheid",
        [ZEKERHEID, INCLUSIE],
        False,
        "Verschillen in gezondheid die samenhangen met armoede en bestaansonzekerheid.",
    ),
]

HAN = "Hogeschool van Arnhem en Nijmegen"
LECTORAAT = "Lectoraat Versterken van Sociale Kwaliteit"

# (naam, afkorting, soort, gemeente, onderdeel van, website, beschrijving); parents come first.
ORGANISATIES = [
    (
        HAN,
        "HAN",
        Soort.HOGESCHOOL,
        None,
        None,
        "https://www.han.nl",
        "Hogeschool waarvan het lectoraat Versterken van Sociale Kwaliteit de werkplaats "
        "faciliteert; docenten en studenten doen mee in de leerateliers.",
    ),
    (
        "Kenniscentrum HAN SOCIAAL",
        "",
        Soort.LECTORAAT,
        None,
        HAN,
        "",
        "Kenniscentrum van de HAN voor het sociaal domein, waar het lectoraat Versterken van "
        "Sociale Kwaliteit onder valt.",
    ),
    (
        LECTORAAT,
        "",
        Soort.LECTORAAT,
        None,
        HAN,
        "",
        "Penvoerder van de werkplaats. Het lectoraat richt zich op sociale kwaliteit als middel "
        "om achterstellingen te doorbreken en de kwaliteit van leven te verbeteren.",
    ),
    (
        "Lectoraat Arbeid en Gezondheid",
        "",
        Soort.LECTORAAT,
        None,
        HAN,
        "",
        "Onderzoekt samen met JIP de werkzame factoren van werkleerbedrijf Dynamisch op Weg.",
    ),
    (
        "Werkplaats Sociaal Domein Arnhem en Nijmegen",
        "",
        Soort.WERKPLAATS,
        None,
        LECTORAAT,
        "",
        "Het regionale netwerk van gemeenten, onderwijs, onderzoek en partners in welzijn en "
        "zorg dat werkt aan sociale kwaliteit in de sociale basis. Eerder bekend als "
        "Werkplaats Sociaal Domein Nijmegen.",
    ),
    (
        "Wmo Werkplaats Nijmegen",
        "",
        Soort.WERKPLAATS,
        "Nijmegen",
        None,
        "",
        "De voorganger van de Werkplaats Sociaal Domein Nijmegen.",
    ),
    (
        "ROC Nijmegen",
        "",
        Soort.MBO,
        "Nijmegen",
        None,
        "https://www.roc-nijmegen.nl",
        "Mbo-instelling en partner in het netwerk van de werkplaats, al in de periode 2016-2018.",
    ),
    (
        "Graafschapcollege",
        "",
        Soort.MBO,
        None,
        None,
        "https://www.graafschapcollege.nl",
        "Verzamelt met JIP goede voorbeelden van flexibel onderwijs en een summerschool.",
    ),
    (
        "ROC Twente",
        "",
        Soort.MBO,
        None,
        None,
        "https://www.roctwente.nl",
        "Werkt samen in werkleerbedrijf Dynamisch op Weg, dat jongeren voorbereidt op een "
        "BBL-opleiding.",
    ),
    (
        "Kristallis",
        "",
        Soort.ONDERWIJS,
        None,
        None,
        "",
        "JIP volgt jongeren van Kristallis in hun overgang van school naar werk.",
    ),
    (
        "Movisie",
        "",
        Soort.KENNISINSTELLING,
        None,
        None,
        "https://www.movisie.nl",
        "Landelijk kennisinstituut; ontwikkelde met de werkplaats de routekaart en de "
        "landelijke module 'In gesprek over eenzaamheid'.",
    ),
    (
        "Academische Werkplaats Jeugd",
        "",
        Soort.WERKPLAATS,
        None,
        None,
        "",
        "Netwerkpartner; de academische werkplaatsen zijn vertegenwoordigd in de "
        "programmacommissie.",
    ),
    (
        "Sociale Vraagstukken",
        "",
        Soort.KENNISINSTELLING,
        None,
        None,
        "https://www.socialevraagstukken.nl",
        "Online platform met een dossier over de Werkplaatsen Sociaal Domein en opvallende "
        "voorbeelden uit hun onderzoek.",
    ),
    (
        "Coalitie Erbij",
        "",
        Soort.SAMENWERKING,
        None,
        None,
        "",
        "Landelijke coalitie tegen eenzaamheid en partner in het netwerk van de werkplaats.",
    ),
    (
        "Zorgalliantie",
        "",
        Soort.SAMENWERKING,
        None,
        None,
        "",
        "Bundelt met de werkplaats de krachten bij de aanpak van armoede, onder meer in de "
        "Verhalenkamer. Zit in de programmacommissie.",
    ),
    (
        "Krachtige Kernen",
        "",
        Soort.SAMENWERKING,
        None,
        None,
        "",
        "Samenwerkingsverband dat samen met de Zorgalliantie in de programmacommissie zit.",
    ),
    (
        "Samen Sterk zonder Stigma",
        "",
        Soort.ERVARINGSDESKUNDIGEN,
        None,
        None,
        "https://www.samensterkzonderstigma.nl",
        "Ontwikkelde bewustwordingsbijeenkomsten om vooroordelen in de wijk te verminderen, "
        "de basis van het project Welkome Wijk.",
    ),
    (
        "Werkplaatsen Sociaal Domein",
        "WSD",
        Soort.WERKPLAATS,
        None,
        None,
        "https://www.werkplaatsensociaaldomein.nl",
        "Het landelijke netwerk van de 15 regionale werkplaatsen, met de hoofdthema's lerende "
        "praktijken, armoede, sociale basis en ervaringsdeskundigheid.",
    ),
    (
        "Werkplaats Sociaal Domein Utrecht",
        "",
        Soort.WERKPLAATS,
        None,
        None,
        "",
        "Werkt met Arnhem en Nijmegen en Twente aan het signaleren, bespreken en doorbreken "
        "van armoede.",
    ),
    (
        "Werkplaats Sociaal Domein Twente",
        "",
        Soort.WERKPLAATS,
        None,
        None,
        "",
        "Werkt met Arnhem en Nijmegen en Utrecht aan het signaleren, bespreken en doorbreken "
        "van armoede, met een projectgroep in Oldenzaal.",
    ),
    (
        "Dynamisch op Weg",
        "",
        Soort.WERK,
        None,
        None,
        "",
        "Werkleerbedrijf van Sallandse Wegenbouw, ROC Twente en Stichting de Kern voor "
        "jongeren zonder startkwalificatie.",
    ),
    (
        "Sallandse Wegenbouw",
        "",
        Soort.WERK,
        None,
        None,
        "",
        "Wegenbouwer en werkgever in werkleerbedrijf Dynamisch op Weg.",
    ),
    (
        "Werklab Nijmegen",
        "",
        Soort.WERK,
        "Nijmegen",
        None,
        "",
        "JIP onderzoekt de werkzame factoren van Werklab en de jobcoaches vanuit het "
        "perspectief van jongeren.",
    ),
]

# (naam, functie, email or "", bio); all but the gastspreker work at the lectoraat.
PERSONEN = [
    (
        "Lisbeth Verharen",
        "Lector Versterken van Sociale Kwaliteit",
        "lisbeth.verharen@han.nl",
        "Lector van de Werkplaats Sociaal Domein Arnhem en Nijmegen. Trekt het leeratelier "
        "over sociale kwaliteit in de sociale basis en sprak in 2022 over bestaanszekerheid "
        "door de bril van sociale kwaliteit.",
    ),
    (
        "Carinda Jansen",
        "Onderzoeker, trekker leeratelier Armoede",
        "carinda.jansen@han.nl",
        "Onderzoekt met Utrecht en Twente hoe armoede gesignaleerd, besproken en doorbroken "
        "kan worden, en werkt met de Zorgalliantie aan de Verhalenkamer.",
    ),
    (
        "Joos Meesters",
        "Docent-onderzoeker, trekker leeratelier JIP",
        "joos.meesters@han.nl",
        "Trekker van JIP (Jongeren, inclusie en participatie), het leeratelier over jongeren "
        "met een ondersteuningsbehoefte en hun weg naar participatie.",
    ),
    (
        "Maritza Gerritsen",
        "Promovendus in het leeratelier JIP",
        "",
        "Haar promotieonderzoek is onderdeel van JIP; over het deelonderzoek 'Meer dan een "
        "baan alleen' waren er tribunebijeenkomsten.",
    ),
    (
        "Annica Brummel",
        "Onderzoeker, Betekenisvol contact in de wijk",
        "annica.brummel@han.nl",
        "Werkt met Meike Heessels in het programma Betekenisvol contact in de wijk, over "
        "eenzaamheid, zingeving en sociale infrastructuur vanuit het perspectief van bewoners.",
    ),
    (
        "Meike Heessels",
        "Onderzoeker, Betekenisvol contact in de wijk",
        "meike.heessels@han.nl",
        "Werkt met Annica Brummel in het programma Betekenisvol contact in de wijk, waarin "
        "onder meer de Heumense aanpak eenzaamheid en Welkome Wijk lopen.",
    ),
    (
        "Erik Jansen",
        "Onderzoeker, landelijke werkgroep Lerende Praktijken",
        "erik.jansen@han.nl",
        "Betrokken bij de landelijke WSD-werkgroep Lerende Praktijken, die 17 leernetwerken "
        "onderzocht en een kader voor lerende praktijken ontwikkelt.",
    ),
    (
        "Guido Walraven",
        "Gastspreker op het symposium van 2022",
        "",
        "Sprak op 14 april 2022 op het symposium 'Samen werken aan sociale kwaliteit' in "
        "Fort Lent.",
    ),
]
GASTSPREKERS = {"Guido Walraven"}


def _toelichting(naam, subregio, toelichting):
    if toelichting:
        return toelichting
    tekst = NEUTRALE_TOELICHTING.format(subregio=Subregio(subregio).label)
    if subregio == Subregio.CGM:
        tekst += CGM_FUSIE.format(naam=naam)
    return tekst


def load_gemeenten():
    gemeenten = {}
    for naam, cbs_code, subregio, is_deelnemer, toelichting in GEMEENTEN:
        gemeenten[naam], _ = Gemeente.objects.update_or_create(
            slug=slugify(naam),
            defaults={
                "naam": naam,
                "cbs_code": cbs_code,
                "subregio": subregio,
                "is_deelnemer": is_deelnemer,
                "toelichting": _toelichting(naam, subregio, toelichting),
            },
        )
    return gemeenten


def ensure_voorwaarden():
    """The voorwaarden of data migration 0002, also in a database that was emptied since."""
    migration = importlib.import_module("werkplaats.migrations.0002_voorwaarden")
    migration.create_voorwaarden(django_apps, schema_editor=None)


def load_themas():
    voorwaarden = {v.slug: v for v in Voorwaarde.objects.all()}
    for naam, slugs, landelijk, beschrijving in THEMAS:
        thema, _ = Thema.objects.update_or_create(
            slug=slugify(naam),
            defaults={
                "naam": naam,
                "beschrijving": beschrijving,
                "is_landelijk_hoofdthema": landelijk,
            },
        )
        thema.voorwaarden.set([voorwaarden[slug] for slug in slugs])


def _organisatie(naam, **fields):
    organisatie, _ = Organisatie.objects.update_or_create(
        slug=slugify(naam), defaults={"naam": naam, **fields}
    )
    return organisatie


def load_organisaties(gemeenten):
    organisaties = {}
    for naam, gemeente in gemeenten.items():
        organisatie_naam = f"Gemeente {naam}"
        organisaties[organisatie_naam] = _organisatie(
            organisatie_naam,
            afkorting="",
            soort=Soort.GEMEENTE,
            gemeente=gemeente,
            onderdeel_van=None,
            website=GEMEENTE_WEBSITES.get(naam, ""),
            beschrijving=GEMEENTE_ROL.get(naam, NEUTRALE_ROL),
        )
    for naam, afkorting, soort, gemeente, onderdeel_van, website, beschrijving in ORGANISATIES:
        organisaties[naam] = _organisatie(
            naam,
            afkorting=afkorting,
            soort=soort,
            gemeente=gemeenten[gemeente] if gemeente else None,
            onderdeel_van=organisaties[onderdeel_van] if onderdeel_van else None,
            website=website,
            beschrijving=beschrijving,
        )
    return organisaties


def load_personen(organisaties):
    for naam, functie, email, bio in PERSONEN:
        Persoon.objects.update_or_create(
            slug=slugify(naam),
            defaults={
                "naam": naam,
                "functie": functie,
                "email": email,
                "organisatie": None if naam in GASTSPREKERS else organisaties[LECTORAAT],
                "bio": bio,
            },
        )


def load():
    ensure_voorwaarden()
    gemeenten = load_gemeenten()
    load_themas()
    organisaties = load_organisaties(gemeenten)
    load_personen(organisaties)
    return {
        "gemeenten": len(GEMEENTEN),
        "thema's": len(THEMAS),
        "organisaties": len(organisaties),
        "personen": len(PERSONEN),
    }
