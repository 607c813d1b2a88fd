"""Synthetic but plausible Dutch data in bulk: the words, the names and the rows that
``manage.py seed_volume`` and the benchmarks (``python -m bench netwerk|search``) fill a
database with.

Everything is made with ``bulk_create`` from a seeded ``random.Random``, so the same seed gives
the same data. The rows pass the database's constraints; like every write through the ORM they
start a new page-cache generation when they are committed (see ``werkplaats.pagecache``).
"""

import datetime
import random
from collections.abc import Iterable, Sequence
from itertools import product
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from bijeenkomsten.models import GUEST_DATA_KEPT, Aanmelding, AanmeldingStatus, Bijeenkomst
from bijeenkomsten.models import Soort as BijeenkomstSoort
from bijeenkomsten.models import Status as BijeenkomstStatus
from leerateliers.models import (
    Deelname,
    Leeratelier,
    LeeratelierStatus,
    LerendePraktijk,
    Rol,
    TrekkerRol,
    Trekkerschap,
)
from publicaties.models import Auteurschap, Publicatie, Soort, Status, split_naam
from werkplaats.models import Gemeente, Organisatie, Persoon, Subregio, Thema, User, Voorwaarde
from werkplaats.models import Soort as OrganisatieSoort

BATCH = 2_000
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DAY = datetime.timedelta(days=1)
YEAR = 365 * DAY

# --- Words -------------------------------------------------------------------------------------

KWESTIES = [
    "Armoede", "Schulden", "Eenzaamheid", "Jonge mantelzorgers", "Bestaanszekerheid",
    "Laaggeletterdheid", "Energiearmoede", "Wonen en zorg", "Jongeren en werk", "Zingeving",
    "Gezondheidsverschillen", "Statushouders", "Dakloosheid", "Vroegsignalering",
]  # fmt: skip
INVALSHOEKEN = [
    "in de wijk", "samen met inwoners", "aan de keukentafel", "op school", "in het dorp",
    "met ervaringsdeskundigen", "in de regio",
]  # fmt: skip
THEMA_ONDERWERPEN = [
    "Armoede", "Schulden", "Eenzaamheid", "Mantelzorg", "Ervaringsdeskundigheid",
    "Sociale basis", "Wijkteams", "Energietransitie", "Laaggeletterdheid", "Participatie",
    "Welzijnswerk", "Sociale cohesie", "Inclusie", "Zingeving", "Stigma", "Vrijwilligerswerk",
    "Cliëntenparticipatie", "Buurtinitiatieven", "Gezondheid", "Wonen",
]  # fmt: skip
THEMA_VORMEN = ["{}", "{} en jongeren", "{} in de wijk"]
PLAATS_BEGIN = [
    "Beek", "Groes", "Wijch", "Heum", "Elst", "Loen", "Duiv", "Bemm", "Mal", "Over", "Hul",
    "Gend", "Huiss", "Ooster", "Wester", "Zelh", "Angeren", "Doorn", "Lent", "Rijn",
]  # fmt: skip
PLAATS_EIND = ["en", "beek", "dam", "wijk", "veen", "hoven", "broek", "horst", "oord", "rade"]
ORGANISATIE_VORMEN = [
    ("Welzijn {}", OrganisatieSoort.WELZIJN),
    ("Sociaal Wijkteam {}", OrganisatieSoort.WELZIJN),
    ("Buurtcentrum {}", OrganisatieSoort.WELZIJN),
    ("Vrijwilligerscentrale {}", OrganisatieSoort.WELZIJN),
    ("Zorggroep {}", OrganisatieSoort.ZORG),
    ("Huisartsen {}", OrganisatieSoort.ZORG),
    ("Woonstichting {}", OrganisatieSoort.WONEN),
    ("Werkbedrijf {}", OrganisatieSoort.WERK),
    ("Schuldhulp {}", OrganisatieSoort.WERK),
    ("Cliëntenraad {}", OrganisatieSoort.ERVARINGSDESKUNDIGEN),
    ("Bibliotheek {}", OrganisatieSoort.ONDERWIJS),
    ("Jongerenwerk {}", OrganisatieSoort.WELZIJN),
    ("Voedselbank {}", OrganisatieSoort.SAMENWERKING),
    ("Gemeente {}", OrganisatieSoort.GEMEENTE),
]
REGIOS = [
    "Twente", "Groningen", "Friesland", "Drenthe", "Zwolle", "Utrecht", "Amsterdam",
    "Haaglanden", "Rotterdam", "Zeeland", "Brabant", "Zuid-Limburg", "Noord-Holland-Noord",
]  # fmt: skip
PRAKTIJK_VORMEN = ["Buurtkamer", "Inloop", "Proeftuin", "Wijkaanpak", "Spreekuur", "Pilot"]
VOORNAMEN = [
    "Anna", "Bram", "Carla", "Daan", "Eva", "Fatima", "Gijs", "Hanna", "Iris", "Joris", "Kees",
    "Lotte", "Mohammed", "Noor", "Olga", "Pieter", "Roos", "Sanne", "Tom", "Yasmina", "Ahmed",
    "Bas", "Esra", "Femke", "Hamza", "Ilse", "Jeroen", "Kim", "Lars", "Marieke", "Nadia",
    "Sem", "Thijs", "Wendy", "Youssef", "Zoë", "Ruud", "Ingrid", "Mila", "Luuk",
]  # fmt: skip
ACHTERNAMEN = [
    "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "Bos",
    "Mulder", "de Groot", "Peters", "Hendriks", "van Dijk", "Janssen", "de Boer", "Dekker",
    "van Leeuwen", "Willems", "Brouwer", "de Wit", "Kaya", "El Amrani", "Vermeulen", "Kuipers",
    "van der Heijden", "Schouten", "Verhoeven", "Yilmaz", "Gerritsen", "Claassen",
]  # fmt: skip
STRATEN = [
    "Kerkstraat", "Molenweg", "Dorpsstraat", "Stationsplein", "Marktstraat", "Schoolstraat",
    "Julianalaan", "Wilhelminaweg", "Beatrixplein", "Raadhuisplein", "Kapittelweg",
]  # fmt: skip
LOCATIES = [
    "Buurthuis De Ontmoeting", "Wijkcentrum Het Anker", "Bibliotheek", "Gemeentehuis",
    "Hogeschool van Arnhem en Nijmegen", "Fort Lent", "Cultuurhuis", "Dorpshuis De Linde",
]  # fmt: skip

# Publicaties: sentences about their own subject and place, and generic ones that recur.
ONDERWERPEN = [
    "armoede", "schulden", "bestaanszekerheid", "eenzaamheid", "betekenisvol contact",
    "jonge mantelzorgers", "ervaringsdeskundigheid", "sociale basis", "wijkteams",
    "jongeren met een ondersteuningsbehoefte", "energietransitie", "laaggeletterdheid",
    "participatie", "welzijnswerk", "sociale cohesie", "inclusie", "empowerment", "zingeving",
    "gezondheidsongelijkheid", "stigma", "vrijwilligers", "cliëntenraden", "buurtinitiatieven",
]  # fmt: skip
VORMEN = [
    "Handreiking", "Verkenning", "Evaluatie", "Lessen uit", "Werken aan", "Samen leren over",
    "Praktijkonderzoek naar", "Een gesprek over", "Werkvormen voor", "Monitor",
]  # fmt: skip
PLAATSEN = [
    "Arnhem", "Nijmegen", "Heumen", "Lingewaard", "Overbetuwe", "Zevenaar", "Duiven",
    "Westervoort", "Cuijk", "Grave", "Venlo", "de Spoorbuurt", "de Kolpingwijk",
]  # fmt: skip
OVER_ONDERWERP = [
    "Deze {vorm} gaat over {o} in {p}.",
    "Wat werkt bij {o}? Professionals en inwoners van {p} delen hun ervaringen.",
    "De geleerde lessen over {o} zijn van lokale naar regionale kennis getild.",
    "Gemeente en maatschappelijke organisaties in {p} trekken samen op rond {o}.",
]
# Generic sentences from parts, so that no common word sits in every other publicatie.
WIE = [
    "Professionals", "Vrijwilligers", "Inwoners", "Studenten", "Docenten", "Onderzoekers",
    "Ervaringsdeskundigen", "Beleidsmedewerkers", "Wijkteams", "Jongeren", "Ouderen",
    "Mantelzorgers", "Buurtbewoners", "Sociaal werkers", "Huisartsen", "Bestuurders",
    "Cliëntenraden", "Jongerenwerkers", "Schuldhulpverleners", "Woningcorporaties",
]  # fmt: skip
DOEN = [
    "leren van", "praten over", "onderzoeken", "evalueren", "ontwerpen", "beschrijven",
    "bespreken", "verbeteren", "volgen", "verkennen", "delen ervaringen over", "werken aan",
    "reflecteren op", "ontwikkelen", "meten", "vertellen over", "toetsen", "begeleiden bij",
]  # fmt: skip
WAT = [
    "de leefwereld van gezinnen", "een werkvorm voor het teamoverleg", "de sociale kaart",
    "het gesprek aan de keukentafel", "een training op maat", "de toegang tot voorzieningen",
    "een buurtbudget", "de rol van de huisarts", "informele steun", "een lerend netwerk",
    "een kennisclip", "het goede gesprek", "een handreiking", "de inzet van sleutelfiguren",
    "vroegsignalering", "een wijkplatform", "het verschil tussen wijken", "samenwerking",
]  # fmt: skip


def algemene_zin(rng: random.Random) -> str:
    return f"{rng.choice(WIE)} {rng.choice(DOEN)} {rng.choice(WAT)}."


def naam(rng: random.Random) -> str:
    return f"{rng.choice(VOORNAMEN)} {rng.choice(ACHTERNAMEN)}"


def unique_names(rng: random.Random, candidates: Iterable[str], count: int) -> list[str]:
    """``count`` names from ``candidates`` in random order, each with a slug of its own; when
    they run out, the same names again with a number ("Welzijn Beekdam 2")."""
    pool = list(dict.fromkeys(candidates))
    names, slugs, round_ = [], set(), 1
    while len(names) < count:
        for name in rng.sample(pool, len(pool)):
            name = name if round_ == 1 else f"{name} {round_}"
            if slugify(name) not in slugs:
                slugs.add(slugify(name))
                names.append(name)
                if len(names) == count:
                    break
        round_ += 1
    return names


def plaatsen() -> list[str]:
    return sorted({begin + eind for begin, eind in product(PLAATS_BEGIN, PLAATS_EIND)})


def bulk(model, rows: Iterable) -> list:
    return model.objects.bulk_create(rows, batch_size=BATCH)


def link(field, pairs: Iterable[tuple[int, int]]) -> int:
    """Rows of the many-to-many ``field`` (e.g. ``Leeratelier.themas``) from (id, id) pairs."""
    through = field.through
    source = field.field.m2m_field_name() + "_id"
    target = field.field.m2m_reverse_field_name() + "_id"
    rows = [through(**{source: a, target: b}) for a, b in dict.fromkeys(pairs)]
    through.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


# --- The network ------------------------------------------------------------------------------


def themas(rng: random.Random, count: int, voorwaarden: Sequence[Voorwaarde]) -> list[Thema]:
    candidates = [vorm.format(o) for vorm in THEMA_VORMEN for o in THEMA_ONDERWERPEN]
    made = bulk(
        Thema, (Thema(naam=n, slug=slugify(n)) for n in unique_names(rng, candidates, count))
    )
    if voorwaarden:
        link(Thema.voorwaarden, ((thema.pk, rng.choice(voorwaarden).pk) for thema in made))
    return made


def gemeenten(rng: random.Random, count: int) -> list[Gemeente]:
    return bulk(
        Gemeente,
        (
            Gemeente(
                naam=name,
                slug=slugify(name),
                subregio=rng.choice(Subregio.values),
                cbs_code=f"GM{(9000 + number) % 10_000:04d}",
            )
            for number, name in enumerate(unique_names(rng, plaatsen(), count))
        ),
    )


def organisaties(
    rng: random.Random, count: int, gemeenten: Sequence[Gemeente], *, per_gemeente: bool = True
) -> list[Organisatie]:
    """Partners such as "Welzijn Beekdam": named after the gemeente they are in, or (without
    ``per_gemeente``) after a plaats in a gemeente, and then never "Gemeente …". When the
    names run out, they come again with a number."""
    if per_gemeente:
        vormen, places = ORGANISATIE_VORMEN, [(g.naam, g) for g in gemeenten]
    else:
        vormen = [(vorm, soort) for vorm, soort in ORGANISATIE_VORMEN if soort != "gemeente"]
        places = [(plaats, None) for plaats in plaatsen()]
    keuzes = list(product(vormen, places))
    made = []
    for index in range(count):
        if index % len(keuzes) == 0:
            order = rng.sample(keuzes, len(keuzes))
        (vorm, soort), (place, gemeente) = order[index % len(keuzes)]
        rondes = index // len(keuzes)
        name = vorm.format(place) + (f" {rondes + 1}" if rondes else "")
        made.append(
            Organisatie(
                naam=name,
                slug=slugify(name),
                soort=soort,
                gemeente=gemeente or rng.choice(gemeenten),
            )
        )
    return bulk(Organisatie, made)


def werkplaatsen(rng: random.Random, count: int) -> list[Organisatie]:
    """Other Werkplaatsen Sociaal Domein, each with its regio."""
    names = unique_names(rng, (f"Werkplaats Sociaal Domein {regio}" for regio in REGIOS), count)
    return bulk(
        Organisatie,
        (
            Organisatie(
                naam=name,
                slug=slugify(name),
                soort=OrganisatieSoort.WERKPLAATS_SOCIAAL_DOMEIN,
                regio=name.removeprefix("Werkplaats Sociaal Domein "),
            )
            for name in names
        ),
    )


def personen(rng: random.Random, count: int, organisaties: Sequence[Organisatie]) -> list[Persoon]:
    names = unique_names(rng, (f"{v} {a}" for v, a in product(VOORNAMEN, ACHTERNAMEN)), count)
    return bulk(
        Persoon,
        (Persoon(naam=n, slug=slugify(n), organisatie=rng.choice(organisaties)) for n in names),
    )


def leeratelier(titel: str, status: str, start: datetime.date, end=None) -> Leeratelier:
    return Leeratelier(
        titel=titel,
        slug=slugify(titel),
        samenvatting=f"Partners werken, evalueren en leren samen over {titel.lower()}.",
        status=status,
        start_on=start,
        end_on=end,
    )


def leeratelier_titels(rng: random.Random, count: int) -> list[str]:
    return unique_names(rng, (f"{k} {h}" for k, h in product(KWESTIES, INVALSHOEKEN)), count)


def spread(rng: random.Random, ateliers: Sequence, items: Sequence, *, per_atelier) -> dict:
    """Each item in one leeratelier round the ring, then more at random up to a count
    between ``per_atelier`` (inclusive) per leeratelier; never one twice in a leeratelier."""
    chosen = {atelier: [] for atelier in ateliers}
    if not ateliers:
        return chosen
    for index, item in enumerate(rng.sample(items, len(items))):
        chosen[ateliers[index % len(ateliers)]].append(item)
    for picked in chosen.values():
        wanted = min(rng.randint(*per_atelier), len(items))
        if wanted > len(picked):
            taken = {id(item) for item in picked}
            drawn = rng.sample(items, min(len(items), wanted + len(picked)))
            picked += [item for item in drawn if id(item) not in taken][: wanted - len(picked)]
    return chosen


def atelier_links(rng, ateliers, voorwaarden, themas, gemeenten, *, per_atelier) -> None:
    """Voorwaarden, thema's and gemeenten of each leeratelier; every thema and gemeente belongs
    to at least one (so each of them is a node in the picture)."""
    link(
        Leeratelier.voorwaarden,
        (
            (atelier.pk, voorwaarde.pk)
            for atelier in ateliers
            for voorwaarde in rng.sample(voorwaarden, min(len(voorwaarden), rng.randint(1, 2)))
        ),
    )
    chosen = spread(rng, ateliers, themas, per_atelier=per_atelier["themas"])
    link(Leeratelier.themas, ((a.pk, t.pk) for a, picked in chosen.items() for t in picked))
    chosen = spread(rng, ateliers, gemeenten, per_atelier=per_atelier["gemeenten"])
    link(Leeratelier.gemeenten, ((a.pk, g.pk) for a, picked in chosen.items() for g in picked))


def praktijken(rng: random.Random, ateliers, gemeenten, *, per_atelier=(3, 5)) -> list:
    """Lerende praktijken with their gemeenten; the first gemeente of each praktijk goes round
    all gemeenten in turn."""
    order = rng.sample(gemeenten, len(gemeenten))
    made, places = [], []
    for atelier in ateliers:
        for index in range(rng.randint(*per_atelier)):
            eerste = order[len(made) % len(order)]
            extra = rng.sample(gemeenten, min(len(gemeenten), rng.randint(0, 2)))
            titel = f"{rng.choice(PRAKTIJK_VORMEN)} {eerste.naam}"
            made.append(
                LerendePraktijk(
                    leeratelier=atelier,
                    titel=titel,
                    slug=f"{slugify(titel)}-{index + 1}",
                    start_on=atelier.start_on,
                )
            )
            places.append({eerste.pk, *(gemeente.pk for gemeente in extra)})
    made = bulk(LerendePraktijk, made)
    link(
        LerendePraktijk.gemeenten,
        ((p.pk, g) for p, chosen in zip(made, places, strict=True) for g in sorted(chosen)),
    )
    return made


def trekkerschappen(rng, ateliers, trekkers, onderzoekers, *, per_atelier=(2, 3)) -> int:
    """Every trekker leads at least one leeratelier (the first of each as trekker, the others
    as co-trekker); every onderzoeker works in one, as onderzoeker or promovendus."""
    leiding = spread(rng, ateliers, trekkers, per_atelier=per_atelier)
    rows = [
        Trekkerschap(
            persoon=persoon,
            leeratelier=atelier,
            rol=TrekkerRol.TREKKER if index == 0 else TrekkerRol.CO_TREKKER,
        )
        for atelier, chosen in leiding.items()
        for index, persoon in enumerate(chosen)
    ]
    rows += [
        Trekkerschap(
            persoon=persoon,
            leeratelier=rng.choice(ateliers),
            rol=rng.choice([TrekkerRol.ONDERZOEKER, TrekkerRol.PROMOVENDUS]),
        )
        for persoon in onderzoekers
    ]
    return len(bulk(Trekkerschap, rows))


def deelname_rows(rng, atelier, organisatie, *, sinds, tot, change) -> list[Deelname]:
    """An organisation in the arena or on the tribune from ``sinds`` to ``tot`` (None: still);
    with chance ``change`` it had the other role first, from the start of the leeratelier (a
    role change ends the earlier row, as ``deelname_set_rol`` does)."""
    rol = Rol.ARENA if rng.random() < 0.4 else Rol.TRIBUNE
    rows = []
    start = atelier.start_on
    if rng.random() < change and start is not None and start < sinds:
        eerder = Rol.TRIBUNE if rol == Rol.ARENA else Rol.ARENA
        rows.append(
            Deelname(
                organisatie=organisatie, leeratelier=atelier, rol=eerder, sinds=start, tot=sinds
            )
        )
    rows.append(
        Deelname(organisatie=organisatie, leeratelier=atelier, rol=rol, sinds=sinds, tot=tot)
    )
    return rows


def netwerk(rng: random.Random, aantal: dict) -> None:
    """A network in which everything is in the picture: every leeratelier, thema, gemeente,
    trekker and organisatie (a current partner of at least one leeratelier) is a node. With
    the ``aantal`` of ``bench/netwerk.py`` about 500 nodes and 2,000 edges."""
    voorwaarden = list(Voorwaarde.objects.all())
    made_themas = themas(rng, aantal["themas"], voorwaarden)
    made_gemeenten = gemeenten(rng, aantal["gemeenten"])
    partners = organisaties(rng, aantal["organisaties"], made_gemeenten)
    mensen = personen(rng, aantal["trekkers"] + aantal["onderzoekers"], partners)
    trekkers, onderzoekers = mensen[: aantal["trekkers"]], mensen[aantal["trekkers"] :]
    ateliers = []
    for titel in leeratelier_titels(rng, aantal["leerateliers"]):
        start = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randrange(1800))
        status = rng.choices(
            [
                LeeratelierStatus.ACTIEF,
                LeeratelierStatus.IN_VOORBEREIDING,
                LeeratelierStatus.AFGEROND,
            ],
            weights=[8, 1, 1],
        )[0]
        end = start + YEAR * 2 if status == LeeratelierStatus.AFGEROND else None
        ateliers.append(leeratelier(titel, status, start, end))
    ateliers = bulk(Leeratelier, ateliers)
    per_atelier = {"themas": (2, 4), "gemeenten": (1, 2)}
    atelier_links(rng, ateliers, voorwaarden, made_themas, made_gemeenten, per_atelier=per_atelier)
    praktijken(rng, ateliers, made_gemeenten)
    trekkerschappen(rng, ateliers, trekkers, onderzoekers)
    rows = []
    for atelier, chosen in spread(rng, ateliers, partners, per_atelier=(30, 42)).items():
        sinds = atelier.start_on + datetime.timedelta(days=rng.randrange(365))
        for organisatie in chosen:
            rows += deelname_rows(rng, atelier, organisatie, sinds=sinds, tot=None, change=0.1)
    bulk(Deelname, rows)


def day_between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def netwerk_met_geschiedenis(rng: random.Random, aantal: dict, today: datetime.date) -> dict:
    """The network of a werkplaats that has run for years (``aantal`` as in ``seed_volume``):
    most leerateliers have ended and so have their deelnames, which every organisation that is
    no kernpartner has; the running ones have their current partners among the
    ``kernpartners`` and some that left. Roles changed now and then (the earlier row ended).
    Every leeratelier, thema, gemeente, trekker, kernpartner and other werkplaats is in the
    picture; the other organisations are not. Returns what it made, by kind."""
    voorwaarden = list(Voorwaarde.objects.all())
    made_themas = themas(rng, aantal["themas"], voorwaarden)
    made_gemeenten = gemeenten(rng, aantal["gemeenten"])
    andere = werkplaatsen(rng, aantal["werkplaatsen"])
    partners = organisaties(
        rng, aantal["organisaties"] - len(andere), made_gemeenten, per_gemeente=False
    )
    kern, overige = partners[: aantal["kernpartners"]], partners[aantal["kernpartners"] :]
    mensen = personen(rng, aantal["trekkers"] + aantal["onderzoekers"], partners)
    trekkers, onderzoekers = mensen[: aantal["trekkers"]], mensen[aantal["trekkers"] :]

    # Statuses by proportion, rounded down, so that even one leeratelier is a running one.
    titels = leeratelier_titels(rng, aantal["leerateliers"])
    afgerond, voorbereiding = int(0.6 * len(titels)), int(0.08 * len(titels))
    ateliers = []
    for index, titel in enumerate(titels):
        if index < afgerond:
            start = day_between(rng, today - 14 * YEAR, today - 3 * YEAR)
            end = min(start + rng.randint(1, 3) * YEAR, today - datetime.timedelta(days=30))
            ateliers.append(leeratelier(titel, LeeratelierStatus.AFGEROND, start, end))
        elif index < afgerond + voorbereiding:
            start = today + datetime.timedelta(days=rng.randint(30, 180))
            ateliers.append(leeratelier(titel, LeeratelierStatus.IN_VOORBEREIDING, start))
        else:
            start = day_between(rng, today - 3 * YEAR, today - datetime.timedelta(days=60))
            ateliers.append(leeratelier(titel, LeeratelierStatus.ACTIEF, start))
    ateliers = bulk(Leeratelier, rng.sample(ateliers, len(ateliers)))
    ended = [a for a in ateliers if a.status == LeeratelierStatus.AFGEROND]
    running = [a for a in ateliers if a.status != LeeratelierStatus.AFGEROND]

    per_atelier = {"themas": (1, 3), "gemeenten": (1, 2)}
    atelier_links(rng, ateliers, voorwaarden, made_themas, made_gemeenten, per_atelier=per_atelier)
    made_praktijken = praktijken(rng, ateliers, made_gemeenten, per_atelier=(2, 4))
    link(
        LerendePraktijk.werkplaatsen,
        (
            (praktijk.pk, werkplaats.pk)
            for werkplaats in andere
            for praktijk in rng.sample(
                made_praktijken, min(len(made_praktijken), rng.randint(1, 3))
            )
        ),
    )
    trekkerschappen(rng, ateliers, trekkers, onderzoekers, per_atelier=(1, 2))

    rows = []
    for atelier, chosen in spread(rng, ended or running, overige, per_atelier=(12, 25)).items():
        first = min(atelier.start_on, today)
        tot = min(atelier.end_on or today, today)
        for organisatie in chosen:
            sinds = day_between(rng, first, min(tot, first + datetime.timedelta(days=200)))
            rows += deelname_rows(rng, atelier, organisatie, sinds=sinds, tot=tot, change=0.15)
    for atelier, chosen in spread(rng, running, kern, per_atelier=(5, 12)).items():
        first = min(atelier.start_on, today)
        for organisatie in chosen:
            sinds = day_between(rng, first, today)
            rows += deelname_rows(rng, atelier, organisatie, sinds=sinds, tot=None, change=0.15)
        for organisatie in rng.sample(overige, min(len(overige), rng.randint(0, 3))):
            sinds = day_between(rng, first, today)
            tot = day_between(rng, sinds, today)
            rows += deelname_rows(rng, atelier, organisatie, sinds=sinds, tot=tot, change=0)
    return {
        "organisaties": [*andere, *partners],
        "gemeenten": made_gemeenten,
        "themas": made_themas,
        "voorwaarden": voorwaarden,
        "personen": mensen,
        "leerateliers": ateliers,
        "deelnames": bulk(Deelname, rows),
    }


# --- Publicaties ------------------------------------------------------------------------------

# The tables whose triggers keep the search vectors current (publicaties migration 0003).
SEARCH_TABLES = ("publicaties_publicatie", "publicaties_auteurschap")


def publicatie(rng: random.Random, number: int) -> Publicatie:
    """A published publicatie about a subject in a place, slug ``bench-<number>``."""
    onderwerp = rng.choice(ONDERWERPEN)
    plaats = rng.choice(PLAATSEN)
    vorm = rng.choice(VORMEN)
    titel = f"{vorm} {onderwerp} in {plaats} ({number})"
    eigen = [zin.format(vorm=vorm.lower(), o=onderwerp, p=plaats) for zin in OVER_ONDERWERP]
    zinnen = [eigen[0], algemene_zin(rng), algemene_zin(rng)]
    body = [*eigen[1:], *(algemene_zin(rng) for _ in range(4))]
    return Publicatie(
        titel=titel,
        slug=f"bench-{number}",
        soort=rng.choice(Soort.values),
        samenvatting=" ".join(zinnen),
        inhoud=" ".join(body),
        gepubliceerd_on=datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randrange(3600)),
        status=Status.GEPUBLICEERD,
    )


def auteurs(rng: random.Random, publicatie: Publicatie, personen=()) -> list[Auteurschap]:
    """One to three authors by name; one in twenty a persoon of the network (if any)."""
    rows = []
    for volgorde in range(rng.randint(1, 3)):
        persoon = rng.choice(personen) if personen and rng.random() < 0.05 else None
        voornaam, tussenvoegsel, achternaam = split_naam(persoon.naam if persoon else naam(rng))
        rows.append(
            Auteurschap(
                publicatie=publicatie,
                persoon=persoon,
                voornaam=voornaam,
                tussenvoegsel=tussenvoegsel,
                achternaam=achternaam,
                naam=" ".join(part for part in (voornaam, tussenvoegsel, achternaam) if part),
                volgorde=volgorde,
            )
        )
    return rows


def publicaties(rng: random.Random, numbers: Iterable[int], *, personen=()) -> list[int]:
    """Published publicaties (``publicatie()`` for each number) with their authors; returns
    their ids. On PostgreSQL the search triggers wait while the rows go in, then each new
    vector is made once, authors included (instead of once per row and again per author)."""
    numbers = list(numbers)
    postgresql = connection.vendor == "postgresql"
    ids = []
    with transaction.atomic(), connection.cursor() as cursor:
        if postgresql:
            # A table with foreign-key checks still pending cannot be altered: check them now
            # (and the rows below as they go in).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in SEARCH_TABLES:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        for first in range(0, len(numbers), 5_000):
            made = bulk(Publicatie, (publicatie(rng, n) for n in numbers[first : first + 5_000]))
            bulk(Auteurschap, (row for p in made for row in auteurs(rng, p, personen)))
            ids += [p.pk for p in made]
        if postgresql:
            for table in SEARCH_TABLES:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            # Touching the title makes the trigger write the vector, as a save would.
            cursor.execute(
                "UPDATE publicaties_publicatie SET titel = titel WHERE search_vector IS NULL"
            )
    return ids


def publicatie_links(rng: random.Random, ids: Sequence[int], netwerk: dict) -> int:
    """What each publicatie is about: most came from a leeratelier, each has one or two
    thema's and one voorwaarde."""
    ateliers = [a.pk for a in netwerk["leerateliers"]]
    themas_ = [t.pk for t in netwerk["themas"]]
    voorwaarden = [v.pk for v in netwerk["voorwaarden"]]
    count = link(
        Publicatie.leerateliers, ((p, rng.choice(ateliers)) for p in ids if rng.random() < 0.7)
    )
    count += link(
        Publicatie.themas,
        ((p, t) for p in ids for t in rng.sample(themas_, min(len(themas_), rng.randint(1, 2)))),
    )
    if voorwaarden:
        count += link(Publicatie.voorwaarden, ((p, rng.choice(voorwaarden)) for p in ids))
    return count


# --- Accounts, bijeenkomsten and registrations ------------------------------------------------


def gebruikers(rng: random.Random, count: int, *, first_email: str, now) -> list[int]:
    """Accounts of people in the network; the first has ``first_email`` (for signed-in pages
    in benchmarks). Nobody can sign in with a password: every account has the same unusable
    one, made once."""
    password = make_password(None)
    rows = []
    for number in range(count):
        voornaam, achternaam = rng.choice(VOORNAMEN), rng.choice(ACHTERNAMEN)
        email = f"{slugify(voornaam)}.{slugify(achternaam)}.{number}@voorbeeld.test"
        rows.append(
            User(
                email=first_email if number == 0 else email,
                first_name=voornaam,
                last_name=achternaam,
                password=password,
                date_joined=now - datetime.timedelta(days=rng.randint(0, 8 * 365)),
            )
        )
    return [user.pk for user in bulk(User, rows)]


TIJDEN = [((9, 30), (12, 0)), ((13, 30), (16, 30)), ((19, 0), (21, 0)), ((10, 0), (16, 0))]


def bijeenkomst_titel(rng: random.Random, soort: str, atelier, gemeente) -> str:
    onderwerp = rng.choice(ONDERWERPEN)
    over = atelier.titel if atelier else onderwerp
    plek = gemeente.naam if gemeente else "de regio"
    return {
        BijeenkomstSoort.ARENABIJEENKOMST: f"Arenabijeenkomst {over}",
        BijeenkomstSoort.TRIBUNEBIJEENKOMST: f"Tribunebijeenkomst {over}",
        BijeenkomstSoort.NETWERKBIJEENKOMST: f"Netwerkbijeenkomst {plek}",
        BijeenkomstSoort.THEMABESPREKING: f"Themabespreking: {onderwerp} in {plek}",
        BijeenkomstSoort.LEERSESSIE: f"Leer- en ontwikkelsessie {onderwerp}",
        BijeenkomstSoort.SYMPOSIUM: f"Symposium ‘Samen werken aan {onderwerp}’",
        BijeenkomstSoort.TRAINING: f"Training ‘In gesprek over {onderwerp}’",
    }[soort]


def bijeenkomsten(rng: random.Random, count: int, netwerk: dict, *, now) -> list[Bijeenkomst]:
    """Meetings over the last ten years and the coming one (about one in eight still to
    come), most of a leeratelier; some online, some cancelled, with a verslag after some."""
    ateliers, gemeenten_ = netwerk["leerateliers"], netwerk["gemeenten"]
    slugs, rows, sprekers = set(), [], []
    for number in range(count):
        coming = rng.random() < 0.12
        days = rng.randint(1, 365) if coming else -rng.randint(1, 10 * 365)
        day = timezone.localdate(now) + datetime.timedelta(days=days)
        (start_h, start_m), (end_h, end_m) = rng.choice(TIJDEN)
        start = datetime.datetime(day.year, day.month, day.day, start_h, start_m, tzinfo=AMSTERDAM)
        end = datetime.datetime(day.year, day.month, day.day, end_h, end_m, tzinfo=AMSTERDAM)
        atelier = rng.choice(ateliers) if rng.random() < 0.75 else None
        if atelier:
            soort = rng.choice(
                [BijeenkomstSoort.ARENABIJEENKOMST, BijeenkomstSoort.TRIBUNEBIJEENKOMST]
            )
        else:
            soort = rng.choice(BijeenkomstSoort.values[2:])
        online = rng.random() < 0.15
        gemeente = None if online else rng.choice(gemeenten_)
        titel = bijeenkomst_titel(rng, soort, atelier, gemeente)
        slug = slugify(f"{titel} {day:%Y-%m-%d}")[:190]
        slug = slug if slug not in slugs else f"{slug}-{number}"
        slugs.add(slug)
        cancelled = rng.random() < 0.03
        onderwerp = rng.choice(ONDERWERPEN)
        rows.append(
            Bijeenkomst(
                titel=titel,
                slug=slug,
                soort=soort,
                leeratelier=atelier,
                samenvatting=f"Over {onderwerp}: {algemene_zin(rng).lower()}",
                beschrijving=" ".join(algemene_zin(rng) for _ in range(3)),
                start_at=start,
                end_at=end,
                locatie="" if online else rng.choice(LOCATIES),
                adres=""
                if online
                else f"{rng.choice(STRATEN)} {rng.randint(1, 120)}, {gemeente.naam}",
                gemeente=gemeente,
                online_link=f"https://meet.voorbeeld.test/werkplaats-{number}" if online else "",
                capaciteit=rng.choice([None, 20, 25, 30, 40, 60, 80, 120]),
                status=BijeenkomstStatus.GEANNULEERD if cancelled else BijeenkomstStatus.GEPLAND,
                annulering_reden="De spreker is verhinderd." if cancelled else "",
                verslag=" ".join(algemene_zin(rng) for _ in range(4))
                if not coming and rng.random() < 0.3
                else "",
            )
        )
        if rng.random() < 0.5:
            sprekers.append((number, rng.choice(netwerk["personen"]).pk))
    made = bulk(Bijeenkomst, rows)
    link(Bijeenkomst.sprekers, ((made[number].pk, persoon) for number, persoon in sprekers))
    return made


def aanmeldingen(
    rng: random.Random, count: int, bijeenkomsten: Sequence[Bijeenkomst], user_ids, netwerk, *, now
) -> int:
    """``count`` registrations spread unevenly over the bijeenkomsten: mostly accounts, some
    guests (those of more than a year ago already forgotten, as ``forget_guests`` does); in
    the order they came, seated until the bijeenkomst is full, then on the waiting list; some
    cancelled. Everyone has had the emails they were due (no email waits)."""
    weights = [rng.uniform(0.2, 1.8) for _ in bijeenkomsten]
    total = sum(weights)
    shares = [int(count * weight / total) for weight in weights]
    for index in rng.sample(range(len(bijeenkomsten)), count - sum(shares)):
        shares[index] += 1
    namen = [o.naam for o in netwerk["organisaties"]]
    made, rows, guest = 0, [], 0
    for bijeenkomst, share in zip(bijeenkomsten, shares, strict=True):
        latest = min(now, bijeenkomst.start_at - datetime.timedelta(hours=1))
        # Open two months before, or (for one further ahead) at least a week by now.
        opened = min(bijeenkomst.start_at - 60 * DAY, latest - 7 * DAY)
        span = max(1, int((latest - opened).total_seconds()))
        moments = sorted(
            opened + datetime.timedelta(seconds=rng.randrange(span)) for _ in range(share)
        )
        accounts = rng.sample(user_ids, min(round(share * 0.85), len(user_ids)))
        accounts += [None] * (share - len(accounts))
        rng.shuffle(accounts)
        forgotten = bijeenkomst.end_at < now - GUEST_DATA_KEPT
        remind_at = bijeenkomst.start_at - datetime.timedelta(days=2)
        seated = 0
        for moment, user_id in zip(moments, accounts, strict=True):
            row = Aanmelding(bijeenkomst=bijeenkomst, user_id=user_id, aangemeld_at=moment)
            if rng.random() < 0.08:
                row.status = AanmeldingStatus.AFGEMELD
                row.afgemeld_at = moment + (latest - moment) * rng.random()
            elif bijeenkomst.capaciteit is None or seated < bijeenkomst.capaciteit:
                row.status = AanmeldingStatus.AANGEMELD
                seated += 1
                row.herinnerd_at = max(moment, remind_at) if remind_at <= now else None
            else:
                row.status = AanmeldingStatus.WACHTLIJST
            row.gemeld_status = row.status
            if user_id is None:
                guest += 1
                if forgotten:
                    row.naam, row.email = "Gast", f"gast-{guest}@verwijderd.invalid"
                    row.gegevens_verwijderd_at = bijeenkomst.end_at + GUEST_DATA_KEPT
                else:
                    voornaam, achternaam = rng.choice(VOORNAMEN), rng.choice(ACHTERNAMEN)
                    row.naam = f"{voornaam} {achternaam}"
                    row.email = f"{slugify(voornaam)}.{slugify(achternaam)}.g{guest}@voorbeeld.test"
                row.organisatie = rng.choice(namen) if rng.random() < 0.5 else ""
            rows.append(row)
        if len(rows) >= 20_000:
            made += len(bulk(Aanmelding, rows))
            rows = []
    return made + len(bulk(Aanmelding, rows))
