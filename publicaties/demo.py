"""Demo content for the publicaties: what the werkplaats made, recorded or wrote, 2018-2022.

Every item is named in the source texts in ``shared/seeds/``: handreikingen, essays, podcasts,
kennisclips, a game, a newsletter, news items and reports. The summaries are our own words for
the facts the seeds give; dates are plausible (the seeds give a month or a season at most) and
authors follow the contacts the seeds name. ``werkplaats.demo`` and ``leerateliers.demo`` run
first; their rows are looked up by slug.

``load()`` is idempotent: publicaties are keyed by slug and saved only when a field differs,
many-to-many links are ``.set()``, authors are replaced only when they differ, and a demo PDF
is written only for a publicatie that has no file yet, so a second run changes nothing, in the
database or under MEDIA_ROOT.
"""

import datetime
import importlib
from dataclasses import dataclass

from django.apps import apps as django_apps
from django.core.files.base import ContentFile

from leerateliers.models import Leeratelier
from werkplaats.models import Organisatie, Persoon, Thema, Voorwaarde

from .models import Activiteit, Auteurschap, Licentie, Publicatie, Soort, Status, Taal

# The four voorwaarden, by the slugs of data migration werkplaats 0002.
ZEKERHEID = "sociaaleconomische-zekerheid"
INCLUSIE = "sociale-inclusie"
COHESIE = "sociale-cohesie"
EMPOWERMENT = "sociale-empowerment"
ALLE_VOORWAARDEN = [ZEKERHEID, INCLUSIE, COHESIE, EMPOWERMENT]

# The 4 O's, by the slugs of data migration publicaties 0002.
ONDERZOEK = "onderzoek"
ONTWIKKELING = "ontwikkeling"
ONDERWIJS = "onderwijs"
ONDERSTEUNING = "ondersteuning"

# The leerateliers of leerateliers.demo, by slug.
ARMOEDE = "armoede-en-schulden"
CONTACT = "eenzaamheid-en-betekenisvol-contact"
WONEN = "samen-wonen-in-de-wijk"
JIP = "jip"
EVALUEREN = "evalueren-van-sociale-interventies"
SOCIALE_BASIS = "samenwerken-aan-sociale-kwaliteit-in-de-sociale-basis"

# Organisaties of werkplaats.demo, by slug.
HAN = "hogeschool-van-arnhem-en-nijmegen"
LECTORAAT = "lectoraat-versterken-van-sociale-kwaliteit"
WERKPLAATS = "werkplaats-sociaal-domein-arnhem-en-nijmegen"
WSD = "werkplaatsen-sociaal-domein"

# The site of the national network, where the magazine and the survey report can be found.
WSD_SITE = "https://www.werkplaatsensociaaldomein.nl"

PDF_FOOTER = "Demo-inhoud van de Werkplaats Sociaal Domein Arnhem en Nijmegen"


@dataclass(frozen=True)
class Extern:
    """An author who is not a persoon of the network, written out by name."""

    naam: str


# Every publicatie; authors are persoon slugs or Extern names, in order.
PUBLICATIES = [
    {
        "slug": "werken-aan-bestaanszekerheid",
        "titel": "Werken aan bestaanszekerheid",
        "soort": Soort.HANDREIKING,
        "gepubliceerd_on": datetime.date(2022, 6, 1),
        "samenvatting": "Een handreiking voor iedereen die in de sociale basis werkt aan "
        "bestaanszekerheid, met het perspectief van de inwoner als vertrekpunt. De publicatie "
        "laat zien wat ervoor nodig is en hoe je problemen rond bestaanszekerheid voorkomt. "
        "Omdat bestaansonzekerheid en armoede nauw samenhangen, gaat het over allebei.",
        "inhoud": """\
Bestaansonzekerheid betekent dat mensen niet zelf, of samen met anderen, kunnen voorzien in \
hun bestaansvoorwaarden. De handreiking zoekt antwoord op twee vragen:

- Wat is er nodig om in de sociale basis aan bestaanszekerheid te werken?
- Hoe voorkomen we problemen die met bestaanszekerheid te maken hebben?""",
        "auteurs": ["lisbeth-verharen", "carinda-jansen"],
        "organisaties": [LECTORAAT, WERKPLAATS],
        "leerateliers": [ARMOEDE, SOCIALE_BASIS],
        "themas": ["bestaanszekerheid", "armoede", "sociale-basis"],
        "voorwaarden": [ZEKERHEID, INCLUSIE],
        "activiteiten": [ONTWIKKELING, ONDERSTEUNING],
        "licentie": Licentie.CC_BY_NC_ND,
        "pdf": True,
    },
    {
        "slug": "sociale-kwaliteit-voor-een-sterke-sociale-basis",
        "titel": "Sociale Kwaliteit voor een sterke Sociale Basis",
        "soort": Soort.ESSAY,
        "gepubliceerd_on": datetime.date(2021, 11, 1),
        "samenvatting": "Over wat de sociale basis is, lopen de opvattingen uiteen. Dit essay "
        "omschrijft haar als alle informele en formele diensten, voorzieningen en relaties in "
        "de leefomgeving die mensen helpen tot hun recht te komen en te floreren. Daarna gaat "
        "het in op waarom die basis belangrijk is en hoe je haar versterkt en volgt.",
        "inhoud": """\
Het essay werkt drie vragen uit:

- Waarom is de sociale basis belangrijk?
- Hoe kunnen we de sociale basis versterken?
- Hoe kunnen we haar monitoren, met de vier voorwaarden van sociale kwaliteit als kader?""",
        "auteurs": ["lisbeth-verharen"],
        "organisaties": [LECTORAAT, WERKPLAATS],
        "leerateliers": [SOCIALE_BASIS],
        "themas": ["sociale-basis"],
        "voorwaarden": ALLE_VOORWAARDEN,
        "activiteiten": [ONDERZOEK, ONTWIKKELING],
        "licentie": Licentie.CC_BY,
        "pdf": True,
    },
    {
        "slug": "essay-model-van-sociale-kwaliteit-casus-heumen",
        "titel": "Essay over het model van sociale kwaliteit: de casus Heumen",
        "soort": Soort.ESSAY,
        "gepubliceerd_on": datetime.date(2020, 9, 1),
        "samenvatting": "Dit essay legt het model van sociale kwaliteit uit aan de hand van "
        "een voorbeeld uit de praktijk: de aanpak van eenzaamheid in de gemeente Heumen. Zo "
        "wordt zichtbaar hoe de vier voorwaarden helpen om te kijken naar wat mensen nodig "
        "hebben om mee te doen.",
        "inhoud": "",
        "auteurs": ["annica-brummel", "lisbeth-verharen"],
        "organisaties": [WERKPLAATS, "gemeente-heumen"],
        "leerateliers": [CONTACT],
        "themas": ["eenzaamheid", "sociale-basis"],
        "voorwaarden": ALLE_VOORWAARDEN,
        "activiteiten": [ONDERZOEK],
        "licentie": Licentie.CC_BY,
    },
    {
        "slug": "kennisclip-over-sociale-kwaliteit",
        "titel": "Kennisclip over Sociale Kwaliteit",
        "soort": Soort.KENNISCLIP,
        "gepubliceerd_on": datetime.date(2021, 9, 1),
        "samenvatting": "In deze korte video legt lector Lisbeth Verharen van het lectoraat "
        "Versterken van Sociale Kwaliteit uit wat sociale kwaliteit is. Ze laat zien hoe het "
        "gaat om de mogelijkheden van ieder mens om mee te doen op een manier die past en "
        "goed doet.",
        "inhoud": """\
De vier voorwaarden van sociale kwaliteit:

- sociaaleconomische zekerheid;
- sociale inclusie;
- sociale cohesie;
- sociale empowerment.""",
        "auteurs": ["lisbeth-verharen"],
        "organisaties": [LECTORAAT],
        "leerateliers": [SOCIALE_BASIS],
        "themas": ["sociale-basis"],
        "voorwaarden": ALLE_VOORWAARDEN,
        "activiteiten": [ONDERWIJS, ONDERSTEUNING],
        "licentie": Licentie.CC_BY_NC_ND,
    },
    {
        "slug": "keynote-bestaanszekerheid-door-de-bril-van-sociale-kwaliteit",
        "titel": "Keynote: Bestaanszekerheid door de bril van sociale kwaliteit",
        "soort": Soort.KENNISCLIP,
        "gepubliceerd_on": datetime.date(2022, 2, 10),
        "samenvatting": "Op het online event van de landelijke Werkplaatsen Sociaal Domein, "
        "begin 2022, hield lector Lisbeth Verharen een keynote over bestaanszekerheid. Ze "
        "bekeek het onderwerp door de bril van sociale kwaliteit: wat hebben mensen nodig om "
        "zeker te zijn van hun bestaan en volwaardig mee te doen?",
        "inhoud": "",
        "auteurs": ["lisbeth-verharen"],
        "organisaties": [LECTORAAT, WSD],
        "leerateliers": [ARMOEDE, SOCIALE_BASIS],
        "themas": ["bestaanszekerheid", "armoede"],
        "voorwaarden": [ZEKERHEID, INCLUSIE],
        "activiteiten": [ONDERWIJS, ONDERSTEUNING],
        "licentie": Licentie.CC_BY_NC_ND,
    },
    {
        "slug": "podcast-signaleren-bespreken-en-doorbreken-van-armoede",
        "titel": "Signaleren, bespreken en doorbreken van armoede — podcast",
        "soort": Soort.PODCAST,
        "gepubliceerd_on": datetime.date(2020, 10, 12),
        "samenvatting": "Leden van de projectgroepen in Lingewaard, Utrecht en Oldenzaal "
        "vertellen wat het gezamenlijke onderzoek van drie werkplaatsen hun tot nu toe heeft "
        "gebracht. Inwoners met ervaringskennis, vrijwilligers, professionals, docenten en "
        "studenten zoeken daarin samen naar een werkwijze om armoede op te merken, bespreekbaar "
        "te maken en te doorbreken.",
        "inhoud": """\
> Dit onderzoek zou ik beschrijven als een win-win, zowel voor de professionals als voor \
ervaringsdeskundigen.

Het project is een participatief actie- en ontwikkelonderzoek van de werkplaatsen Arnhem en \
Nijmegen, Utrecht en Twente, met in elke regio een lokale projectgroep.""",
        "auteurs": ["carinda-jansen"],
        "organisaties": [
            WERKPLAATS,
            "werkplaats-sociaal-domein-utrecht",
            "werkplaats-sociaal-domein-twente",
            "gemeente-lingewaard",
        ],
        "leerateliers": [ARMOEDE],
        "themas": ["armoede", "ervaringsdeskundigheid"],
        "voorwaarden": [ZEKERHEID, INCLUSIE],
        "activiteiten": [ONDERZOEK, ONTWIKKELING],
        "licentie": Licentie.CC_BY_NC_ND,
    },
    {
        "slug": "verborgen-armoede-een-tussenstand",
        "titel": "Signaleren, bespreekbaar maken en doorbreken van verborgen armoede: "
        "een tussenstand",
        "soort": Soort.ARTIKEL,
        "gepubliceerd_on": datetime.date(2020, 10, 1),
        "samenvatting": "Halverwege het actieonderzoek naar verborgen armoede komen de "
        "deelnemers zelf aan het woord. Professionals en vrijwilligers vertellen wat ze leerden "
        "over luisteren en over de sociale kaart; inwoners met ervaringskennis vertellen hoe "
        "het is om bij instanties om hulp te moeten vragen.",
        "inhoud": """\
Wat deelnemers tot nu toe zeggen:

- *Door gesprekken besef je pas wat armoede eigenlijk is.*
- *Je kunt niet zien of mensen in armoede leven.*
- *Niet advies geven, mensen willen het zelf oplossen.*
- *Er zijn mensen die het oprecht willen snappen en veranderen.*""",
        "auteurs": ["carinda-jansen"],
        "organisaties": [
            WERKPLAATS,
            "werkplaats-sociaal-domein-utrecht",
            "werkplaats-sociaal-domein-twente",
        ],
        "leerateliers": [ARMOEDE],
        "themas": ["armoede", "ervaringsdeskundigheid"],
        "voorwaarden": [ZEKERHEID, INCLUSIE],
        "activiteiten": [ONDERZOEK],
        "licentie": Licentie.CC_BY,
    },
    {
        "slug": "podcast-over-eenzaamheid-onder-jongeren",
        "titel": "Podcast over eenzaamheid onder jongeren",
        "soort": Soort.PODCAST,
        "gepubliceerd_on": datetime.date(2020, 6, 15),
        "samenvatting": "Eenzaamheid is niet alleen iets van ouderen. In deze podcast uit het "
        "programma Betekenisvol contact in de wijk gaat het over eenzaamheid onder jongeren, "
        "en over wat betekenisvol contact voor hen kan doen.",
        "inhoud": "",
        "auteurs": ["annica-brummel", "meike-heessels"],
        "organisaties": [WERKPLAATS],
        "leerateliers": [CONTACT],
        "themas": ["eenzaamheid", "betekenisvol-contact", "jongeren-en-participatie"],
        "voorwaarden": [COHESIE, EMPOWERMENT],
        "activiteiten": [ONDERSTEUNING],
        "licentie": Licentie.CC_BY_NC_ND,
    },
    {
        "slug": "kletsborden",
        "titel": "Kletsborden",
        "soort": Soort.SPEL,
        "gepubliceerd_on": datetime.date(2020, 9, 1),
        "samenvatting": "Kletsborden is een spel om echt contact met elkaar te maken, op je "
        "eigen manier. Met kaarten over horen, zien en voelen ontdek je dat iedereen "
        "beperkingen heeft, en ook mogelijkheden. Er is een nieuwe editie verschenen.",
        "inhoud": """\
**Zo werkt het**

- Je stelt elkaar gewone en ongewone vragen.
- Je deelt verhalen, en als je je echt in elkaar verdiept, ontstaan er verrassingen.

Het spel kun je online spelen of als doos kopen. Interesse? Neem contact op met het programma \
Betekenisvol contact in de wijk.""",
        "auteurs": [],
        "organisaties": [WERKPLAATS],
        "leerateliers": [CONTACT],
        "themas": ["betekenisvol-contact", "eenzaamheid"],
        "voorwaarden": [COHESIE, INCLUSIE],
        "activiteiten": [ONTWIKKELING, ONDERSTEUNING],
        "licentie": Licentie.ALLE_RECHTEN,
    },
    {
        "slug": "in-verbinding-met-de-wijk",
        "titel": "In verbinding met de wijk",
        "soort": Soort.HANDREIKING,
        "gepubliceerd_on": datetime.date(2020, 6, 1),
        "samenvatting": "Een handreiking om betekenisvol contact in de wijk tot stand te "
        "brengen, met werkvormen om er meteen mee aan de slag te gaan. Ze kijkt niet alleen "
        "naar wat één bewoner nodig heeft, maar ook naar wat de buurt te bieden heeft.",
        "inhoud": """\
Vragen die de handreiking helpt beantwoorden:

- Welke voorzieningen en gemeenschappen zijn er in de buurt?
- Zijn die laagdrempelig en toegankelijk voor alle bewoners?
- Met welke werkvormen brengen we bewoners met elkaar in contact?""",
        "auteurs": ["annica-brummel", "meike-heessels"],
        "organisaties": [WERKPLAATS, LECTORAAT],
        "leerateliers": [CONTACT],
        "themas": ["betekenisvol-contact", "sociale-infrastructuur", "eenzaamheid", "zingeving"],
        "voorwaarden": [COHESIE, INCLUSIE],
        "activiteiten": [ONTWIKKELING, ONDERSTEUNING],
        "licentie": Licentie.CC_BY_NC_ND,
        "pdf": True,
    },
    {
        "slug": "routekaart-in-gesprek-over-eenzaamheid",
        "titel": "Routekaart 'In gesprek over eenzaamheid'",
        "soort": Soort.METHODIEK,
        "gepubliceerd_on": datetime.date(2020, 2, 1),
        "samenvatting": "De werkplaats ontwikkelde deze routekaart samen met Movisie. Ze helpt "
        "om eenzaamheid op te merken en bespreekbaar te maken, en om samen te verkennen wat de "
        "situatie kan verbeteren. De routekaart staat centraal in de gelijknamige training.",
        "inhoud": "",
        "auteurs": ["annica-brummel"],
        "organisaties": [WERKPLAATS, "movisie"],
        "leerateliers": [CONTACT],
        "themas": ["eenzaamheid", "betekenisvol-contact"],
        "voorwaarden": [COHESIE, EMPOWERMENT],
        "activiteiten": [ONTWIKKELING, ONDERWIJS],
        "licentie": Licentie.CC_BY_NC_ND,
    },
    {
        "slug": "landelijke-module-eenzaamheid",
        "titel": "Landelijke module eenzaamheid",
        "soort": Soort.ONDERWIJSMODULE,
        "gepubliceerd_on": datetime.date(2020, 9, 1),
        "samenvatting": "Een landelijke module over eenzaamheid, ontwikkeld met Movisie, voor "
        "professionals en studenten in het sociaal domein. Op basis van de module biedt de "
        "werkplaats ook trainingen op maat aan.",
        "inhoud": """\
In de training leer je:

- eenzaamheid signaleren;
- eenzaamheid bespreekbaar maken;
- samen met de ander verkennen wat de situatie kan verbeteren.""",
        "auteurs": [],
        "organisaties": [WERKPLAATS, "movisie", HAN],
        "leerateliers": [CONTACT],
        "themas": ["eenzaamheid"],
        "voorwaarden": [COHESIE, EMPOWERMENT],
        "activiteiten": [ONDERWIJS, ONTWIKKELING],
        "licentie": Licentie.ALLE_RECHTEN,
    },
    {
        "slug": "leren-van-lerende-praktijken-17-leernetwerken",
        "titel": "Leren van lerende praktijken: een rondgang langs 17 leernetwerken",
        "soort": Soort.RAPPORT,
        "gepubliceerd_on": datetime.date(2020, 7, 1),
        "samenvatting": "De landelijke werkgroep Lerende Praktijken vroeg 17 leernetwerken van "
        "de Werkplaatsen Sociaal Domein met een online survey hoe zij werken. Alle netwerken "
        "maken ruimte voor reflectie en ontwikkeling, maar de manier, de deelnemers en de "
        "keuzes verschillen sterk. Een goed leerproces lijkt niet uit een standaardaanpak te "
        "komen, maar uit oog voor de mensen en omstandigheden ter plekke.",
        "inhoud": """\
**Belangrijkste inzichten**

- Deelnemers onderhandelen lokaal over de agenda, de werkwijze, de randvoorwaarden en de \
beoogde uitkomsten.
- Hoe netwerken dat doen, wie er meedoet en welke keuzes ze maken, verschilt sterk.

Op basis hiervan werkt de werkgroep aan een conceptueel kader voor lerende praktijken, als \
ontwerp- of evaluatie-instrument.""",
        "auteurs": ["erik-jansen", Extern("Landelijke werkgroep Lerende Praktijken")],
        "organisaties": [WSD, WERKPLAATS],
        "leerateliers": [EVALUEREN],
        "themas": ["lerende-praktijken"],
        "voorwaarden": [INCLUSIE, EMPOWERMENT],
        "activiteiten": [ONDERZOEK],
        "licentie": Licentie.CC_BY,
        "externe_url": WSD_SITE,
        "pdf": True,
    },
    {
        "slug": "meer-dan-een-baan-alleen",
        "titel": "Meer dan een baan alleen",
        "soort": Soort.ARTIKEL,
        "gepubliceerd_on": datetime.date(2020, 5, 1),
        "samenvatting": "Een deelonderzoek uit het promotieonderzoek van Maritza Gerritsen "
        "binnen JIP, over jongeren met een ondersteuningsbehoefte op weg naar werk en een "
        "eigen plek in de samenleving. In 2020 waren er tribunebijeenkomsten over de "
        "resultaten.",
        "inhoud": "",
        "auteurs": ["maritza-gerritsen", "joos-meesters"],
        "organisaties": [LECTORAAT],
        "leerateliers": [JIP],
        "themas": ["jongeren-en-participatie", "van-onderwijs-naar-werk"],
        "voorwaarden": [ZEKERHEID, INCLUSIE, EMPOWERMENT],
        "activiteiten": [ONDERZOEK],
        "licentie": Licentie.CC_BY,
        "pdf": True,
    },
    {
        "slug": "nieuwsbrief-oktober-2020",
        "titel": "Nieuwsbrief oktober 2020",
        "soort": Soort.NIEUWSBRIEF,
        "gepubliceerd_on": datetime.date(2020, 10, 1),
        "samenvatting": "Lector Lisbeth Verharen kijkt terug op een jaar waarin corona alle "
        "plannen voor de leerateliers overhoop gooide, en waarin toch veel nieuws ontstond. "
        "Per leeratelier lees je wat er loopt, van de armoedepodcast en de Verhalenkamer tot "
        "JIP en Betekenisvol contact in de wijk, en wat de landelijke werkgroep Lerende "
        "Praktijken leerde.",
        "inhoud": """\
**In dit nummer**

- Voorwoord
- Leeratelier Samenwerken aan sociale kwaliteit in de sociale basis
- Leeratelier Armoede
- Leeratelier JIP (Jongeren, inclusie en participatie)
- Leeratelier Betekenisvol contact in de wijk
- Landelijke werkgroep: leren van lerende praktijken in het sociaal domein""",
        "auteurs": ["lisbeth-verharen"],
        "organisaties": [WERKPLAATS],
        "leerateliers": [SOCIALE_BASIS, ARMOEDE, JIP, CONTACT],
        "themas": [
            "impact-van-corona",
            "sociale-basis",
            "armoede",
            "jongeren-en-participatie",
            "betekenisvol-contact",
            "lerende-praktijken",
        ],
        "voorwaarden": ALLE_VOORWAARDEN,
        "activiteiten": [ONDERZOEK, ONTWIKKELING, ONDERWIJS, ONDERSTEUNING],
        "licentie": "",
        "pdf": True,
    },
    {
        "slug": "magazine-op-afstand-nabij",
        "titel": "Magazine 'Op afstand nabij'",
        # There is no soort for a magazine; an artikel is the nearest.
        "soort": Soort.ARTIKEL,
        "gepubliceerd_on": datetime.date(2021, 4, 1),
        "samenvatting": "Alle 15 Werkplaatsen Sociaal Domein schreven mee aan dit magazine "
        "over de gevolgen van de coronacrisis voor het sociaal domein. Welke inzichten deden "
        "zij op, en welke lessen nemen we mee naar de toekomst? Ook de werkplaats Arnhem en "
        "Nijmegen leverde een bijdrage.",
        "inhoud": "",
        "auteurs": [],
        "organisaties": [WSD, WERKPLAATS],
        "leerateliers": [],
        "themas": ["impact-van-corona", "lerende-praktijken"],
        "voorwaarden": [COHESIE, INCLUSIE],
        "activiteiten": [ONDERZOEK, ONDERSTEUNING],
        "licentie": "",
        "externe_url": WSD_SITE,
    },
    {
        "slug": "sociale-basis-op-orde-minder-praten-meer-doen",
        "titel": "Sociale basis op orde: minder praten, meer doen!",
        "soort": Soort.NIEUWS,
        "gepubliceerd_on": datetime.date(2022, 4, 19),
        "samenvatting": "Op 14 april 2022 kwam het netwerk in Fort Lent samen voor het "
        "symposium 'Samen werken aan sociale kwaliteit'. We keken terug op jaren werk aan "
        "armoede, de sociale kant van duurzaamheid, sociale kwaliteit en mantelzorgers, en "
        "vooruit. Gastspreker Guido Walraven en docent-onderzoeker Joos Meesters spraken met "
        "professionals en vrijwilligers uit het werkveld.",
        "inhoud": "",
        "auteurs": [],
        "organisaties": [WERKPLAATS],
        "leerateliers": [SOCIALE_BASIS, ARMOEDE, WONEN],
        "themas": ["sociale-basis", "armoede", "sociale-verduurzaming", "jonge-mantelzorgers"],
        "voorwaarden": ALLE_VOORWAARDEN,
        "activiteiten": [ONDERSTEUNING],
        "licentie": "",
    },
    {
        "slug": "energietransitie-in-kansarme-wijken",
        "titel": "Hoe realiseren we de energietransitie in kansarme wijken?",
        "soort": Soort.NIEUWS,
        "gepubliceerd_on": datetime.date(2022, 3, 1),
        "samenvatting": "Een eerlijke energietransitie in kansarme wijken loopt vast op gebrek "
        "aan kennis: over de uiteenlopende energiepraktijken van bewoners, en over hoe je hen "
        "betrekt bij de renovatie van slecht geïsoleerde huizen. Een consortium van "
        "onderzoekers, met daarin de HAN, gaat die kennis en oplossingen ontwikkelen.",
        "inhoud": "",
        "auteurs": [],
        "organisaties": [HAN],
        "leerateliers": [WONEN],
        "themas": ["energietransitie", "sociale-verduurzaming"],
        "voorwaarden": [ZEKERHEID, INCLUSIE],
        "activiteiten": [ONDERZOEK, ONTWIKKELING],
        "licentie": "",
    },
    {
        "slug": "de-leerateliers-van-de-werkplaats",
        "titel": "De leerateliers van de werkplaats",
        "soort": Soort.KENNISCLIP,
        "gepubliceerd_on": datetime.date(2022, 5, 1),
        "samenvatting": "In deze video vertelt de werkplaats hoe zij in leerateliers werkt aan "
        "thema's als het bespreekbaar maken van armoede, jonge mantelzorgers en betekenisvol "
        "contact. Inwoners, vrijwilligers, professionals en ervaringsdeskundigen zoeken daar "
        "samen uit wat zij in wijken en dorpen kunnen bijdragen.",
        "inhoud": "",
        "auteurs": [],
        "organisaties": [WERKPLAATS],
        "leerateliers": [ARMOEDE, CONTACT, SOCIALE_BASIS],
        "themas": ["armoede", "jonge-mantelzorgers", "betekenisvol-contact"],
        "voorwaarden": ALLE_VOORWAARDEN,
        "activiteiten": [ONDERWIJS, ONDERSTEUNING],
        "licentie": Licentie.CC_BY_NC_ND,
    },
    {
        "slug": "heumense-aanpak-eenzaamheid",
        "titel": "Heumense aanpak eenzaamheid",
        "soort": Soort.METHODIEK,
        "gepubliceerd_on": datetime.date(2019, 3, 1),
        "samenvatting": "De aanpak van eenzaamheid en sociaal isolement die de gemeente Heumen "
        "samen met de werkplaats ontwikkelde. Een belangrijk inzicht: mensen voelen zich minder "
        "eenzaam als ze er voor een ander kunnen zijn. De aanpak wordt verder ontwikkeld, en "
        "andere gemeenten die belangstelling hebben, zijn welkom voor een gesprek.",
        "inhoud": """\
> Ik voel me goed als ik er voor een ander kan zijn. Juist het niet 'nodig' zijn, dat maakt \
me eenzaam.

Uit het onderzoek *Eenzaamheid in Heumen*.""",
        "auteurs": ["meike-heessels", "annica-brummel"],
        "organisaties": ["gemeente-heumen", WERKPLAATS],
        "leerateliers": [CONTACT],
        "themas": ["eenzaamheid", "betekenisvol-contact", "zingeving"],
        "voorwaarden": [COHESIE, EMPOWERMENT],
        "activiteiten": [ONTWIKKELING, ONDERSTEUNING],
        "licentie": Licentie.CC_BY_NC_ND,
    },
    {
        "slug": "eenzaamheid-in-heumen",
        "titel": "Eenzaamheid in Heumen",
        "soort": Soort.RAPPORT,
        "gepubliceerd_on": datetime.date(2018, 6, 1),
        "samenvatting": "Het onderzoek naar eenzaamheid en sociaal isolement dat de werkplaats "
        "van 2016 tot en met 2018 met de gemeente Heumen deed. Het laat zien hoeveel het voor "
        "mensen betekent om van betekenis te zijn voor een ander. Het vormt de basis van de "
        "Heumense aanpak eenzaamheid.",
        "inhoud": "",
        "auteurs": [],
        "organisaties": [LECTORAAT, "gemeente-heumen"],
        "leerateliers": [CONTACT],
        "themas": ["eenzaamheid", "zingeving"],
        "voorwaarden": [COHESIE, EMPOWERMENT],
        "activiteiten": [ONDERZOEK],
        "licentie": Licentie.CC_BY,
    },
    {
        # The one concept: the werkgroep is still writing it.
        "slug": "handreiking-lerende-praktijken",
        "titel": "Handreiking lerende praktijken",
        "soort": Soort.HANDREIKING,
        "status": Status.CONCEPT,
        "gepubliceerd_on": datetime.date(2022, 9, 1),
        "samenvatting": "De landelijke werkgroep Lerende Praktijken bundelt in deze "
        "handreiking wat zij leerde over samen leren in leernetwerken, zodat de inzichten "
        "toegankelijk en toepasbaar worden. Een conceptueel kader helpt om een lerende "
        "praktijk te ontwerpen of te evalueren.",
        "inhoud": "*Concept.* Nog niet publiceren.",
        "auteurs": ["erik-jansen"],
        "organisaties": [WSD],
        "leerateliers": [EVALUEREN],
        "themas": ["lerende-praktijken"],
        "voorwaarden": [INCLUSIE, EMPOWERMENT],
        "activiteiten": [ONTWIKKELING],
        "licentie": Licentie.CC_BY,
    },
]

FIELDS = ("titel", "soort", "samenvatting", "inhoud", "gepubliceerd_on")


# --- A tiny, valid one-page PDF ------------------------------------------------------------


def _pdf_text(text):
    """A PDF literal string in WinAnsiEncoding, in plain ASCII (octal escapes)."""
    out = []
    for byte in text.encode("cp1252", errors="replace"):
        char = chr(byte)
        if char in "\\()":
            out.append("\\" + char)
        elif 32 <= byte < 127:
            out.append(char)
        else:
            out.append(f"\\{byte:03o}")
    return "(" + "".join(out) + ")"


def _wrap(text, width):
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def demo_pdf(titel):
    """One A4 page: the title in Helvetica-Bold and a line saying it is demo content."""
    ops, y = [], 770
    for line in _wrap(titel, 48):
        ops.append(f"BT /F2 18 Tf 72 {y} Td {_pdf_text(line)} Tj ET")
        y -= 24
    ops.append(f"BT /F1 11 Tf 72 {y - 12} Td {_pdf_text(PDF_FOOTER)} Tj ET")
    stream = "\n".join(ops).encode("ascii")
    title = "<FEFF" + titel.encode("utf-16-be").hex().upper() + ">"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang (nl) >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        f"<< /Title {title} /Producer (Werkplaats Sociaal Domein demo) >>".encode("ascii"),
    ]
    data = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        data += b"%010d 00000 n \n" % offset
    data += b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(data)


# --- Loading -------------------------------------------------------------------------------


def _by_slug(model, slugs):
    """The rows of ``model`` with these slugs, by slug; a missing slug is an error."""
    rows = {row.slug: row for row in model.objects.filter(slug__in=set(slugs))}
    missing = set(slugs) - rows.keys()
    if missing:
        raise LookupError(f"{model.__name__} ontbreekt: {', '.join(sorted(missing))}")
    return rows


def ensure_activiteiten():
    """The 4 O's of data migration 0002, also in a database that was emptied since."""
    migration = importlib.import_module("publicaties.migrations.0002_activiteiten")
    migration.create(django_apps, schema_editor=None)


def _has_file(publicatie):
    return bool(publicatie.bestand) and publicatie.bestand.storage.exists(publicatie.bestand.name)


def _upsert(spec):
    """The publicatie for ``spec``, saved only when one of its own fields differs."""
    fields = {field: spec[field] for field in FIELDS}
    fields.update(
        status=spec.get("status", Status.GEPUBLICEERD),
        taal=Taal.NL,
        licentie=spec.get("licentie", ""),
        externe_url=spec.get("externe_url", ""),
    )
    publicatie = Publicatie.objects.filter(slug=spec["slug"]).first()
    if publicatie is None:
        publicatie = Publicatie(slug=spec["slug"], **fields)
        publicatie.save()
        return publicatie
    changed = {name for name, value in fields.items() if getattr(publicatie, name) != value}
    if publicatie.bestand and not _has_file(publicatie):
        # The file is gone from storage (a new MEDIA_ROOT): forget it, a new one follows.
        publicatie.bestand = ""
        changed.add("bestand")
    if changed:
        for name, value in fields.items():
            setattr(publicatie, name, value)
        publicatie.save()
        publicatie.bestand.close()
    return publicatie


def _set_auteurs(publicatie, auteurs, personen):
    wanted = [
        (volgorde, None, auteur.naam)
        if isinstance(auteur, Extern)
        else (volgorde, personen[auteur].pk, "")
        for volgorde, auteur in enumerate(auteurs, start=1)
    ]
    current = list(
        publicatie.auteurschappen.order_by("volgorde", "id").values_list(
            "volgorde", "persoon_id", "naam"
        )
    )
    if current == wanted:
        return
    publicatie.auteurschappen.all().delete()
    Auteurschap.objects.bulk_create(
        Auteurschap(publicatie=publicatie, volgorde=volgorde, persoon_id=persoon_id, naam=naam)
        for volgorde, persoon_id, naam in wanted
    )


def _ensure_pdf(publicatie):
    """A demo PDF for a publicatie without a file; returns whether one was written."""
    if _has_file(publicatie):
        return False
    data = demo_pdf(publicatie.titel)
    storage = publicatie.bestand.storage
    name = publicatie.bestand.field.generate_filename(publicatie, f"{publicatie.slug}.pdf")
    if storage.exists(name):
        with storage.open(name, "rb") as existing:
            same = existing.read() == data
        if same:
            # Left by an earlier run on a database that was emptied since: use it again.
            publicatie.bestand.name = name
            publicatie.save()
            publicatie.bestand.close()
            return False
    publicatie.bestand.save(f"{publicatie.slug}.pdf", ContentFile(data), save=True)
    publicatie.bestand.close()
    return True


def load():
    ensure_activiteiten()
    specs = PUBLICATIES

    def slugs(key):
        return [slug for spec in specs for slug in spec[key]]

    personen = _by_slug(
        Persoon, [a for spec in specs for a in spec["auteurs"] if not isinstance(a, Extern)]
    )
    organisaties = _by_slug(Organisatie, slugs("organisaties"))
    leerateliers = _by_slug(Leeratelier, slugs("leerateliers"))
    themas = _by_slug(Thema, slugs("themas"))
    voorwaarden = _by_slug(Voorwaarde, slugs("voorwaarden"))
    activiteiten = _by_slug(Activiteit, slugs("activiteiten"))
    for spec in specs:
        publicatie = _upsert(spec)
        publicatie.organisaties.set([organisaties[slug] for slug in spec["organisaties"]])
        publicatie.leerateliers.set([leerateliers[slug] for slug in spec["leerateliers"]])
        publicatie.themas.set([themas[slug] for slug in spec["themas"]])
        publicatie.voorwaarden.set([voorwaarden[slug] for slug in spec["voorwaarden"]])
        publicatie.activiteiten.set([activiteiten[slug] for slug in spec["activiteiten"]])
        _set_auteurs(publicatie, spec["auteurs"], personen)
        if spec.get("pdf"):
            _ensure_pdf(publicatie)
    return {
        "publicaties": len(specs),
        "auteurs van publicaties": sum(len(spec["auteurs"]) for spec in specs),
        "pdf-bestanden": sum(1 for spec in specs if spec.get("pdf")),
    }
