"""Demo content for the kennisagenda: three versions, their kwesties and the programmacommissie.

The story follows the source texts in ``shared/seeds/``: the six local thema's of 2016-2018,
the inventory in the regional network in 2019 and the regional kennisagenda of 2020 with its
leerateliers. Which old thema merged into which new kwestie, which lapsed and the dates of the
decisions are a plausible reading of the seeds, not a record; so is which voorwaarden a kwestie
mainly touches (the seeds say every kwestie works on all four). The seeds name no members of
the programmacommissie, so its seats have no persoon, except the lector's.

``werkplaats.demo`` and ``leerateliers.demo`` run first; their rows are looked up by slug.
``load()`` is idempotent and writes the end state directly, with the Besluit rows that tell the
story. Rows are only saved when something changed, so a second run adds no history either. The
status of a version or a kwestie is only written when the row is created: a later step of the
programmacommissie on the site is not undone by loading the demo again.
"""

import datetime

from django.utils.text import slugify

from leerateliers.models import Leeratelier
from werkplaats.models import Organisatie, Persoon, Voorwaarde

from .models import (
    Agendapunt,
    AgendaStatus,
    Besluit,
    BesluitSoort,
    Commissielid,
    CommissieRol,
    Kennisagenda,
    Kwestie,
    KwestieStatus,
    Vertegenwoordiging,
)

# The four voorwaarden, by the slugs of data migration werkplaats 0002.
ZEKERHEID = "sociaaleconomische-zekerheid"
INCLUSIE = "sociale-inclusie"
COHESIE = "sociale-cohesie"
EMPOWERMENT = "sociale-empowerment"
ALLE_VOORWAARDEN = [ZEKERHEID, INCLUSIE, COHESIE, EMPOWERMENT]

# The versions by slug.
LOKAAL = "2016-2018"
INVENTARISATIE = "2019"
REGIONAAL = "2020"

# The kwesties of 2020 share the slugs of their leerateliers.
ARMOEDE = "armoede-en-schulden"
CONTACT = "eenzaamheid-en-betekenisvol-contact"
WONEN = "samen-wonen-in-de-wijk"
JIP = "jip"
EVALUEREN = "evalueren-van-sociale-interventies"
SOCIALE_BASIS = "samenwerken-aan-sociale-kwaliteit-in-de-sociale-basis"

# The thema's of 2016-2018 (seed 001).
PASSEND = slugify("Van passend onderwijs naar passende arbeid vanuit ervaringsdeskundigheid")
PLATTELAND = slugify("Integrale levenskwaliteit als sturend kader in plattelandsgemeenschappen")
HEUMEN = slugify("Aanpak van eenzaamheid en sociaal isolement")
WIJKTEAMS = slugify("Sociale leerprocessen tussen wijkteams en burgers")
NIEUWE_STIJL = slugify("Evalueren 'Nieuwe Stijl'")
ONTWERP_EENZAAMHEID = slugify("Eenzaamheid en sociaal isolement: ontwerp programma")

# The dates of the story.
VASTGESTELD_2016 = datetime.date(2016, 1, 1)
START_INVENTARISATIE = datetime.date(2019, 1, 17)
VERVALLEN_ON = datetime.date(2019, 4, 11)
INVENTARIS_KLAAR = datetime.date(2019, 5, 16)
VASTGESTELD_2019 = datetime.date(2019, 6, 1)
START_2020 = datetime.date(2019, 9, 12)
SAMENGEVOEGD_ON = datetime.date(2019, 11, 14)
VASTGESTELD_2020 = datetime.date(2020, 1, 1)

INTRODUCTIE_2016 = """\
Van 2016 tot en met 2018 werkte de Werkplaats Sociaal Domein Nijmegen lokaal: iedere \
deelnemende gemeente koos een thema dat bij haar inwoners speelde, met het perspectief van de \
burger als uitgangspunt. Daarnaast ontwierp de werkplaats twee programma's die de lokale \
ervaringen verder brachten."""

INTRODUCTIE_2019 = """\
In 2019 inventariseerden de partners in het regionale netwerk welke sociale kwesties er \
spelen. Lokale thema's die doorlopen staan naast de nieuwe kwesties die uit de inventarisatie \
naar voren kwamen. Deze versie was de opmaat naar de regionale kennisagenda van 2020."""

INTRODUCTIE_2020 = """\
Deze regionale kennisagenda is een **dynamische agenda**. Sociale kwesties als armoede of \
eenzaamheid zijn de aanleiding om samen te werken, te evalueren en te leren, maar ze liggen \
niet in beton gegoten. Een kwestie kan van karakter veranderen, opgaan in een andere, \
vervallen, en er kunnen nieuwe kwesties bij komen.

Wat niet verandert, is waar het om draait: binnen iedere kwestie werken we aan **de vier \
voorwaarden van sociale kwaliteit** (sociaaleconomische zekerheid, sociale inclusie, sociale \
cohesie en sociale empowerment) in de sociale basis. Per kwestie is er een leeratelier waarin \
de partners bepalen wat zij samen gaan doen."""

# slug: (naam, beschrijving, voorwaarden, leeratelier slug or None, status on creation)
KWESTIES = {
    ARMOEDE: (
        "Armoede en schulden",
        "Armoede en schulden opmerken, bespreekbaar maken en de structuren doorbreken die "
        "mensen in armoede houden, met het perspectief van inwoners met ervaringskennis.",
        [ZEKERHEID, INCLUSIE, EMPOWERMENT],
        ARMOEDE,
        KwestieStatus.ACTIEF,
    ),
    CONTACT: (
        "Eenzaamheid en betekenisvol contact",
        "Eenzaamheid en sociaal isolement doorbreken met betekenisvol contact in de wijk, "
        "vanuit het perspectief van bewoners.",
        [COHESIE, EMPOWERMENT],
        CONTACT,
        KwestieStatus.ACTIEF,
    ),
    WONEN: (
        "Samen wonen in de wijk",
        "De fysieke en de sociale kant van wonen samen bekijken, met aandacht voor bewoners "
        "van kwetsbare buurten.",
        [ZEKERHEID, COHESIE],
        WONEN,
        KwestieStatus.ACTIEF,
    ),
    JIP: (
        "Jongeren met een ondersteuningsbehoefte, inclusie en participatie (JIP)",
        "Jongeren met een ondersteuningsbehoefte op weg helpen naar onderwijs, werk en een "
        "plek in de samenleving die bij hen past.",
        [ZEKERHEID, INCLUSIE, EMPOWERMENT],
        JIP,
        KwestieStatus.ACTIEF,
    ),
    EVALUEREN: (
        "Evalueren van sociale interventies",
        "Samen met inwoners en partners zichtbaar maken wat sociale interventies opleveren, "
        "om er met elkaar van te leren.",
        [INCLUSIE, EMPOWERMENT],
        EVALUEREN,
        KwestieStatus.ACTIEF,
    ),
    SOCIALE_BASIS: (
        "Samenwerken aan sociale kwaliteit in de sociale basis",
        "Verkennen hoe het werken aan de vier voorwaarden van sociale kwaliteit de sociale "
        "basis versterkt, en hoe we dat kunnen volgen.",
        ALLE_VOORWAARDEN,
        SOCIALE_BASIS,
        KwestieStatus.ACTIEF,
    ),
    PASSEND: (
        "Van passend onderwijs naar passende arbeid vanuit ervaringsdeskundigheid",
        "Lokaal thema in Nijmegen: hoe jongeren vanuit passend onderwijs passend werk vinden, "
        "met de kennis van ervaringsdeskundigen.",
        [ZEKERHEID, INCLUSIE, EMPOWERMENT],
        None,
        KwestieStatus.SAMENGEVOEGD,
    ),
    PLATTELAND: (
        "Integrale levenskwaliteit als sturend kader in plattelandsgemeenschappen",
        "Lokaal thema in Peel en Maas: integrale levenskwaliteit, op basis van capabilities, "
        "als leidraad voor het werken in dorpen.",
        [ZEKERHEID, COHESIE, EMPOWERMENT],
        None,
        KwestieStatus.VERVALLEN,
    ),
    HEUMEN: (
        "Aanpak van eenzaamheid en sociaal isolement",
        "Lokaal thema in Heumen: een eigen aanpak van eenzaamheid en sociaal isolement, samen "
        "met inwoners en partners.",
        [INCLUSIE, COHESIE],
        None,
        KwestieStatus.SAMENGEVOEGD,
    ),
    WIJKTEAMS: (
        "Sociale leerprocessen tussen wijkteams en burgers",
        "Lokaal thema in Venlo: hoe wijkteams en burgers van en met elkaar leren.",
        [INCLUSIE, EMPOWERMENT],
        None,
        KwestieStatus.VERVALLEN,
    ),
    NIEUWE_STIJL: (
        "Evalueren 'Nieuwe Stijl'",
        "Ontwerp van een programma waarin de instrumenten Effectencalculatie en Effectenarena "
        "verder worden ontwikkeld.",
        [INCLUSIE],
        None,
        KwestieStatus.SAMENGEVOEGD,
    ),
    ONTWERP_EENZAAMHEID: (
        "Eenzaamheid en sociaal isolement: ontwerp programma",
        "Ontwerp van een programma dat de al ontwikkelde aanpak van eenzaamheid en sociaal "
        "isolement verder ontwikkelt.",
        [COHESIE, EMPOWERMENT],
        None,
        KwestieStatus.SAMENGEVOEGD,
    ),
}

# kwestie: (opgegaan in, toelichting)
SAMENVOEGINGEN = {
    HEUMEN: (
        CONTACT,
        "De Heumense aanpak wordt in het leeratelier over eenzaamheid verder ontwikkeld.",
    ),
    ONTWERP_EENZAAMHEID: (
        CONTACT,
        "Het programma gaat op in de regionale kwestie over eenzaamheid en betekenisvol contact.",
    ),
    PASSEND: (JIP, "De weg van school naar werk is een van de vragen van JIP."),
    NIEUWE_STIJL: (
        EVALUEREN,
        "Effectencalculatie en Effectenarena krijgen een vervolg in deze regionale kwestie.",
    ),
}

# kwestie: toelichting
VERVALLEN = {
    PLATTELAND: "Peel en Maas hoort niet meer bij het werkgebied; het thema loopt niet door.",
    WIJKTEAMS: "Het lokale thema is afgerond en kwam niet terug als regionale kwestie.",
}

UIT_INVENTARISATIE = "Uit de inventarisatie in het regionale netwerk."
LOOPT_DOOR = "Lokaal thema uit 2016-2018 dat doorloopt."

# Each version: its fields, the status it is created with and its punten (kwestie, toelichting).
VERSIES = [
    {
        "slug": LOKAAL,
        "titel": "Lokale thema's 2016–2018",
        "periode_van": datetime.date(2016, 1, 1),
        "periode_tot": datetime.date(2018, 12, 31),
        "vastgesteld_on": VASTGESTELD_2016,
        "status": AgendaStatus.GEARCHIVEERD,
        "introductie": INTRODUCTIE_2016,
        "vorige": None,
        "punten": [
            (PASSEND, "Gemeente Nijmegen."),
            (PLATTELAND, "Gemeente Peel en Maas."),
            (HEUMEN, "Gemeente Heumen."),
            (WIJKTEAMS, "Gemeente Venlo."),
            (NIEUWE_STIJL, "Ontwerp van een programma."),
            (ONTWERP_EENZAAMHEID, "Ontwerp van een programma."),
        ],
    },
    {
        "slug": INVENTARISATIE,
        "titel": "Inventarisatie 2019",
        "periode_van": datetime.date(2019, 1, 1),
        "periode_tot": datetime.date(2019, 12, 31),
        "vastgesteld_on": VASTGESTELD_2019,
        "status": AgendaStatus.GEARCHIVEERD,
        "introductie": INTRODUCTIE_2019,
        "vorige": LOKAAL,
        "punten": [
            (ARMOEDE, UIT_INVENTARISATIE),
            (CONTACT, UIT_INVENTARISATIE),
            (WONEN, UIT_INVENTARISATIE),
            (JIP, UIT_INVENTARISATIE),
            (EVALUEREN, UIT_INVENTARISATIE),
            (PASSEND, LOOPT_DOOR),
            (HEUMEN, LOOPT_DOOR),
            (NIEUWE_STIJL, LOOPT_DOOR),
            (ONTWERP_EENZAAMHEID, LOOPT_DOOR),
        ],
    },
    {
        "slug": REGIONAAL,
        "titel": "Regionale kennisagenda 2020",
        "periode_van": VASTGESTELD_2020,
        "periode_tot": None,
        "vastgesteld_on": VASTGESTELD_2020,
        "status": AgendaStatus.VASTGESTELD,
        "introductie": INTRODUCTIE_2020,
        "vorige": INVENTARISATIE,
        "punten": [
            (ARMOEDE, ""),
            (CONTACT, "Hierin zijn de twee eenzaamheidsthema's van 2016-2018 opgegaan."),
            (WONEN, ""),
            (JIP, ""),
            (EVALUEREN, "Bouwt voort op Evalueren 'Nieuwe Stijl'."),
            (
                SOCIALE_BASIS,
                "De constante van de agenda, sociale kwaliteit in de sociale basis, met een "
                "eigen leeratelier.",
            ),
        ],
    },
]

# (soort, genomen_on, agenda, kwestie, doel, toelichting); merges and lapses come from above.
BESLUITEN = [
    (
        BesluitSoort.VASTGESTELD,
        VASTGESTELD_2016,
        LOKAAL,
        None,
        None,
        "De werkplaats werkt tot en met 2018 lokaal aan zes thema's.",
    ),
    (
        BesluitSoort.NIEUWE_VERSIE,
        START_INVENTARISATIE,
        INVENTARISATIE,
        None,
        None,
        "Start van de inventarisatie: welke sociale kwesties spelen er in de regio?",
    ),
    *[
        (
            BesluitSoort.NIEUWE_KWESTIE,
            INVENTARIS_KLAAR,
            INVENTARISATIE,
            slug,
            None,
            UIT_INVENTARISATIE,
        )
        for slug in (ARMOEDE, CONTACT, WONEN, JIP, EVALUEREN)
    ],
    (
        BesluitSoort.VASTGESTELD,
        VASTGESTELD_2019,
        INVENTARISATIE,
        None,
        None,
        "De uitkomst van de inventarisatie: vijf nieuwe kwesties naast de lokale thema's die "
        "doorlopen.",
    ),
    (
        BesluitSoort.NIEUWE_VERSIE,
        START_2020,
        REGIONAAL,
        None,
        None,
        "De inventarisatie wordt uitgewerkt tot een regionale kennisagenda met leerateliers.",
    ),
    (
        BesluitSoort.NIEUWE_KWESTIE,
        SAMENGEVOEGD_ON,
        REGIONAAL,
        SOCIALE_BASIS,
        None,
        "Sociale kwaliteit in de sociale basis, de constante van de agenda, krijgt een eigen "
        "leeratelier.",
    ),
    *[
        (BesluitSoort.SAMENGEVOEGD, SAMENGEVOEGD_ON, None, slug, doel, toelichting)
        for slug, (doel, toelichting) in SAMENVOEGINGEN.items()
    ],
    *[
        (BesluitSoort.VERVALLEN, VERVALLEN_ON, None, slug, None, toelichting)
        for slug, toelichting in VERVALLEN.items()
    ],
    (
        BesluitSoort.VASTGESTELD,
        VASTGESTELD_2020,
        REGIONAAL,
        None,
        None,
        "Per 1 januari 2020 gaan de leerateliers van start.",
    ),
]

LECTORAAT = "lectoraat-versterken-van-sociale-kwaliteit"
LECTOR = "lisbeth-verharen"
COMMISSIE_VAN = datetime.date(2019, 1, 1)

# (vertegenwoordigt, organisatie slug, persoon slug or None) as seed 004 composes it.
COMMISSIE = [
    (Vertegenwoordiging.GEMEENTE, "gemeente-nijmegen", None),
    (Vertegenwoordiging.GEMEENTE, "gemeente-arnhem", None),
    (Vertegenwoordiging.GEMEENTE, "gemeente-heumen", None),
    (Vertegenwoordiging.OPLEIDING, "hogeschool-van-arnhem-en-nijmegen", None),
    (Vertegenwoordiging.OPLEIDING, "roc-nijmegen", None),
    (Vertegenwoordiging.ERVARINGSDESKUNDIGEN, "samen-sterk-zonder-stigma", None),
    (Vertegenwoordiging.MAATSCHAPPELIJK, "coalitie-erbij", None),
    (Vertegenwoordiging.MAATSCHAPPELIJK, "movisie", None),
    (Vertegenwoordiging.ZORGALLIANTIE, "zorgalliantie", None),
    (Vertegenwoordiging.ZORGALLIANTIE, "krachtige-kernen", None),
    (Vertegenwoordiging.ACADEMISCHE_WERKPLAATS, "academische-werkplaats-jeugd", None),
    (Vertegenwoordiging.LECTORAAT, LECTORAAT, LECTOR),
]


def _by_slug(model, slugs):
    """The rows of ``model`` with these slugs, by slug; a missing slug is an error."""
    rows = {row.slug: row for row in model.objects.filter(slug__in=set(slugs))}
    missing = set(slugs) - rows.keys()
    if missing:
        raise LookupError(f"{model.__name__} ontbreekt: {', '.join(sorted(missing))}")
    return rows


def _upsert(model, lookup, values, on_create=None):
    """The row matching ``lookup``, created with ``values`` and ``on_create`` or brought up to
    date with ``values``; it is only saved when a value differs (no empty history rows)."""
    row = model.objects.filter(**lookup).first()
    if row is None:
        return model.objects.create(**lookup, **values, **(on_create or {}))
    changed = [field for field, value in values.items() if getattr(row, field) != value]
    if changed:
        for field in changed:
            setattr(row, field, values[field])
        row.save(update_fields=changed)
    return row


def _set_m2m(manager, rows):
    if set(manager.all()) != set(rows):
        manager.set(rows)


def load_kwesties():
    voorwaarden = _by_slug(Voorwaarde, ALLE_VOORWAARDEN)
    leerateliers = _by_slug(Leeratelier, [spec[3] for spec in KWESTIES.values() if spec[3]])
    kwesties = {}
    # The new kwesties come first: the old ones are merged into them.
    for slug, (naam, beschrijving, slugs, leeratelier, status) in KWESTIES.items():
        doel = SAMENVOEGINGEN.get(slug, (None,))[0]
        kwestie = _upsert(
            Kwestie,
            {"slug": slug},
            {
                "naam": naam,
                "beschrijving": beschrijving,
                "leeratelier": leerateliers[leeratelier] if leeratelier else None,
            },
            on_create={
                "status": status,
                "samengevoegd_in": kwesties[doel] if doel else None,
            },
        )
        _set_m2m(kwestie.voorwaarden, [voorwaarden[v] for v in slugs])
        kwesties[slug] = kwestie
    return kwesties


def load_versies(kwesties):
    versies = {}
    for spec in VERSIES:
        status = spec["status"]
        if (
            status == AgendaStatus.VASTGESTELD
            and Kennisagenda.objects.filter(status=status).exclude(slug=spec["slug"]).exists()
        ):
            status = AgendaStatus.GEARCHIVEERD  # another version was adopted on the site
        agenda = _upsert(
            Kennisagenda,
            {"slug": spec["slug"]},
            {
                "titel": spec["titel"],
                "introductie": spec["introductie"],
                "vorige": versies[spec["vorige"]] if spec["vorige"] else None,
            },
            on_create={
                "status": status,
                "periode_van": spec["periode_van"],
                "periode_tot": spec["periode_tot"],
                "vastgesteld_on": spec["vastgesteld_on"],
            },
        )
        for volgorde, (kwestie, toelichting) in enumerate(spec["punten"], start=1):
            _upsert(
                Agendapunt,
                {"agenda": agenda, "kwestie": kwesties[kwestie]},
                {"volgorde": volgorde, "toelichting": toelichting},
            )
        versies[spec["slug"]] = agenda
    return versies


def load_besluiten(versies, kwesties):
    for soort, genomen_on, agenda, kwestie, doel, toelichting in BESLUITEN:
        _upsert(
            Besluit,
            {
                "soort": soort,
                "genomen_on": genomen_on,
                "agenda": versies[agenda] if agenda else None,
                "kwestie": kwesties[kwestie] if kwestie else None,
                "doel": kwesties[doel] if doel else None,
            },
            {"toelichting": toelichting},
        )


def load_commissie():
    organisaties = _by_slug(Organisatie, [row[1] for row in COMMISSIE])
    personen = _by_slug(Persoon, [row[2] for row in COMMISSIE if row[2]])
    for vertegenwoordigt, organisatie, persoon in COMMISSIE:
        _upsert(
            Commissielid,
            {"vertegenwoordigt": vertegenwoordigt, "organisatie": organisaties[organisatie]},
            {},
            # Who holds a seat, and since when, is kept up to date on the site.
            on_create={
                "persoon": personen[persoon] if persoon else None,
                "rol": CommissieRol.LID,
                "van": COMMISSIE_VAN,
            },
        )


def load():
    kwesties = load_kwesties()
    versies = load_versies(kwesties)
    load_besluiten(versies, kwesties)
    load_commissie()
    return {
        "versies van de kennisagenda": len(VERSIES),
        "kwesties": len(KWESTIES),
        "agendapunten": sum(len(spec["punten"]) for spec in VERSIES),
        "besluiten": len(BESLUITEN),
        "leden van de programmacommissie": len(COMMISSIE),
    }
