"""Demo content for the leerateliers: the six sociale kwesties of the 2020 kennisagenda.

Everything comes from the source texts in ``shared/seeds/``: the leerateliers, their trekkers
and vraagstukken, the lerende praktijken the werkplaats names, the lessons quoted from them and
the tribune updates of 2020-2022. Which partner sits in which arena or on which tribune is a
plausible picture, not a record. ``werkplaats.demo`` runs first; its rows are looked up by slug.
``load()`` is idempotent: rows are keyed by slug or by their natural keys.
"""

import datetime
from zoneinfo import ZoneInfo

from werkplaats.models import Gemeente, Organisatie, Persoon, Thema, Voorwaarde

from .models import (
    Deelname,
    GeleerdeLes,
    Leeratelier,
    LeeratelierStatus,
    LerendePraktijk,
    Niveau,
    PraktijkStatus,
    Rol,
    TrekkerRol,
    Trekkerschap,
    TribuneUpdate,
    UpdateStatus,
    Vraagstuk,
)
from .services import deelname_set_rol

# The four voorwaarden, by the slugs of data migration werkplaats 0002.
ZEKERHEID = "sociaaleconomische-zekerheid"
INCLUSIE = "sociale-inclusie"
COHESIE = "sociale-cohesie"
EMPOWERMENT = "sociale-empowerment"
ALLE_VOORWAARDEN = [ZEKERHEID, INCLUSIE, COHESIE, EMPOWERMENT]

# The leerateliers by slug.
ARMOEDE = "armoede-en-schulden"
CONTACT = "eenzaamheid-en-betekenisvol-contact"
WONEN = "samen-wonen-in-de-wijk"
JIP = "jip"
EVALUEREN = "evalueren-van-sociale-interventies"
SOCIALE_BASIS = "samenwerken-aan-sociale-kwaliteit-in-de-sociale-basis"

AGENDA_2020 = datetime.date(2020, 1, 1)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# The contactadres of a leeratelier is the e-mail of its (first) trekker, where there is one.
LEERATELIERS = [
    {
        "slug": ARMOEDE,
        "titel": "Armoede en schulden",
        "samenvatting": "Met inwoners met ervaringskennis, vrijwilligers, professionals en "
        "studenten leren we armoede op te merken, bespreekbaar te maken en te doorbreken.",
        "beschrijving": """\
Armoede zie je vaak niet aan de buitenkant. In dit leeratelier zoeken inwoners met \
ervaringskennis, vrijwilligers, professionals, docenten en studenten samen naar manieren om \
armoede op te merken, erover in gesprek te gaan en de structuren aan te pakken die mensen in \
armoede houden.

Dat gebeurt in verschillende lerende praktijken:

- een actie- en ontwikkelonderzoek met de werkplaatsen in Utrecht en Twente, met een lokale \
projectgroep in Lingewaard;
- de **Verhalenkamer**, met de Zorgalliantie, waarin studenten verhalen ophalen uit de \
leefwereld van mensen die in armoede leven;
- het **Zakg€ldProj€ct**, waarin ouders en kinderen met weinig geld samen leren omgaan met \
zakgeld.

Het perspectief van de inwoner staat steeds voorop: wat ervaren mensen die met schaarste \
leven, en wat hebben zij aan professionals en vrijwilligers?""",
        "status": LeeratelierStatus.ACTIEF,
        "start_on": AGENDA_2020,
        "voorwaarden": [ZEKERHEID, INCLUSIE, EMPOWERMENT],
        "themas": [
            "armoede",
            "schulden",
            "bestaanszekerheid",
            "ervaringsdeskundigheid",
            "gezondheidsongelijkheid",
        ],
        "gemeenten": ["lingewaard"],
        "trekkers": [("carinda-jansen", TrekkerRol.TREKKER)],
        "vraagstukken": [
            "Hoe herkennen vrijwilligers en professionals armoede, ook als die niet te zien is?",
            "Hoe maken we armoede bespreekbaar, vanuit de leefwereld van mensen die met "
            "schaarste leven?",
            "Hoe doorbreken we samen de structuren die tot armoede leiden?",
        ],
    },
    {
        "slug": CONTACT,
        "titel": "Eenzaamheid en betekenisvol contact",
        "samenvatting": "Betekenisvol contact in de wijk versterkt de sociale kwaliteit van "
        "buurten en geeft bewoners meer ruimte voor een menswaardig leven.",
        "beschrijving": """\
Veel aanpakken in het sociaal domein kijken vooral naar wat één persoon nodig heeft om mee te \
doen. Dit leeratelier, in de regio bekend als het programma *Betekenisvol contact in de wijk*, \
kijkt ook naar wat de omgeving biedt: welke voorzieningen en gemeenschappen zijn er in de \
buurt, en zijn die laagdrempelig en toegankelijk voor alle bewoners?

Eenzaamheid, sociale infrastructuur, zingeving en sociale inclusie staan centraal, steeds \
bekeken vanuit de bewoners zelf. Lopende praktijken zijn de Heumense aanpak eenzaamheid, \
Welkome Wijk en Burgers zorgen voor elkaar.

Eerder werk leverde onder meer de routekaart en training *In gesprek over eenzaamheid* (met \
Movisie), het spel Kletsborden en de handreiking *In verbinding met de wijk* op. Wil je \
meedoen of een ervaring delen? Neem contact op met de trekkers.""",
        "status": LeeratelierStatus.ACTIEF,
        "start_on": AGENDA_2020,
        "voorwaarden": [COHESIE, INCLUSIE, EMPOWERMENT],
        "themas": [
            "eenzaamheid",
            "betekenisvol-contact",
            "zingeving",
            "sociale-infrastructuur",
            "stigma-en-vooroordelen",
            "burgers-zorgen-voor-elkaar",
            "impact-van-corona",
        ],
        "gemeenten": ["heumen", "nijmegen"],
        "trekkers": [
            ("annica-brummel", TrekkerRol.TREKKER),
            ("meike-heessels", TrekkerRol.CO_TREKKER),
        ],
        "vraagstukken": [
            "Welke voorzieningen en gemeenschappen zijn er in de buurt, en hoe toegankelijk "
            "zijn die voor alle bewoners?",
            "Hoe kunnen bewoners van betekenis zijn voor elkaar, zodat zij zich minder "
            "eenzaam voelen?",
            "Hoe verminderen we vooroordelen, zodat iedereen zich welkom voelt in de wijk?",
        ],
    },
    {
        "slug": WONEN,
        "titel": "Samen wonen in de wijk",
        "samenvatting": "Dit leeratelier verbindt de fysieke en de sociale kant van wonen, van "
        "sociale verduurzaming tot een rechtvaardige energietransitie in kwetsbare buurten.",
        "beschrijving": """\
Wonen is meer dan een dak boven je hoofd: het gaat ook om de buurt, de buren en de \
voorzieningen om je heen. Dit leeratelier verbindt de fysieke kant van wonen met de sociale \
kant, met aandacht voor bewoners van kwetsbare buurten.

In Nijmegen lopen twee lerende praktijken:

- **Bouwen aan sociale verduurzaming** in de Spoorbuurt, waar een woningcorporatie en een \
welzijnsorganisatie samen optrokken in de fysieke en sociale renovatie van de buurt;
- de **energietransitie in kansarme wijken** zoals de Kolpingwijk, waar onderzoekers met de \
HAN kennis opbouwen over de energiepraktijken van bewoners.""",
        "status": LeeratelierStatus.ACTIEF,
        "start_on": AGENDA_2020,
        "voorwaarden": [ZEKERHEID, COHESIE],
        "themas": ["sociale-verduurzaming", "energietransitie", "sociale-basis"],
        "gemeenten": ["nijmegen"],
        "trekkers": [],
        "vraagstukken": [
            "Hoe gaan de fysieke en de sociale renovatie van een kwetsbare buurt samen op?",
            "Hoe betrekken we bewoners van kansarme wijken bij de energietransitie en de "
            "renovatie van hun huis?",
            "Hoe groeit een geslaagde pilot uit tot een beschreven en onderbouwde methode?",
        ],
    },
    {
        "slug": JIP,
        "titel": "Jongeren, inclusie en participatie (JIP)",
        "samenvatting": "Onderzoekend leren met alle partijen rond jongeren van 12 tot 27 jaar "
        "met een ondersteuningsbehoefte, zodat zij een eigen plek in de samenleving vinden.",
        "beschrijving": """\
Sommige jongeren lukt het niet om op eigen kracht een plek in de samenleving te vinden; voor \
hen staat de sociale kwaliteit onder druk. JIP brengt de partijen rond deze jongeren (12 tot \
27 jaar) samen in een netwerk waarin onderzoekend leren centraal staat.

We willen hun sociale kwaliteit vergroten door:

- jongeren beter toe te rusten;
- professionals beter toe te rusten;
- integraal en over de schotten heen te leren en te werken.

In de arena leggen partners werkbezoeken bij elkaar af om te zien hoe anderen jongeren \
ondersteunen; onderzoekers van de hogeschool lopen mee en bundelen wat er boven tafel komt. \
Het promotieonderzoek van Maritza Gerritsen is onderdeel van JIP.""",
        "status": LeeratelierStatus.ACTIEF,
        "start_on": AGENDA_2020,
        "voorwaarden": [ZEKERHEID, INCLUSIE, EMPOWERMENT],
        "themas": ["jongeren-en-participatie", "van-onderwijs-naar-werk", "ervaringsdeskundigheid"],
        "gemeenten": ["nijmegen"],
        "trekkers": [
            ("joos-meesters", TrekkerRol.TREKKER),
            ("maritza-gerritsen", TrekkerRol.PROMOVENDUS),
        ],
        # Exactly as the October 2020 nieuwsbrief numbers them.
        "vraagstukken": [
            "Hoe samenwerking verbeteren rondom en met jongeren?",
            "Hoe leren jongeren die elementen om klaar te zijn voor de toekomst?",
            "Hoe brengen we de zorgrol en de werkgeversrol meer bij elkaar?",
            "Wat werkt en geeft energie en wat leren we daarvan?",
        ],
    },
    {
        "slug": EVALUEREN,
        "titel": "Evalueren van sociale interventies",
        "samenvatting": "Samen met partners zichtbaar maken wat sociale interventies opleveren, "
        "om er met elkaar van te leren.",
        "beschrijving": """\
Evalueren van sociale interventies is een van de sociale kwesties uit de regionale \
kennisagenda die in 2019 met de partners is opgesteld. Dit leeratelier is nog in \
voorbereiding.

Het bouwt voort op **Evalueren 'Nieuwe Stijl'**, een programma uit 2016-2018 waarin de \
instrumenten *Effectencalculatie* en *Effectenarena* verder zijn ontwikkeld. Evalueren hoort \
bij samen werken en leren: het is een manier om met elkaar te ontdekken wat werkt.

Organisaties die de ontwikkelingen willen volgen, kunnen alvast op de tribune plaatsnemen.""",
        "status": LeeratelierStatus.IN_VOORBEREIDING,
        "start_on": None,
        "voorwaarden": ALLE_VOORWAARDEN,
        "themas": ["evalueren-van-sociale-interventies", "lerende-praktijken"],
        "gemeenten": [],
        "trekkers": [],
        "vraagstukken": [
            "Hoe maken we samen met inwoners en partners zichtbaar wat een sociale interventie "
            "oplevert?",
            "Hoe ontwikkelen we Effectencalculatie en Effectenarena verder voor de sociale basis?",
        ],
    },
    {
        "slug": SOCIALE_BASIS,
        "titel": "Samenwerken aan sociale kwaliteit in de sociale basis",
        "samenvatting": "Met partners uit de regio verkennen we hoe de vier voorwaarden van "
        "sociale kwaliteit helpen om de sociale basis te versterken en te volgen.",
        "beschrijving": """\
De sociale basis is het geheel aan informele en formele diensten, voorzieningen en relaties \
in de leefomgeving van mensen. Dit leeratelier zoekt uit hoe het werken aan de vier \
voorwaarden van sociale kwaliteit bijdraagt aan een sterke sociale basis.

In 2020 deden veel leden van de programmacommissie mee aan online leerkringen. In drie \
gemengde groepen, met inwoners, gemeenten, maatschappelijke organisaties en \
kennisinstellingen, verkenden zij aan de hand van de inbreng van een gemeente hoe sociale \
kwaliteit en de sociale basis samenhangen.

Daaruit volgt een set vragen of indicatoren voor de sociale basis en het welzijnswerk:

- om beleidsdoelen te meten en de inzet van het welzijnswerk te verantwoorden;
- om met partners te bespreken wie wat kan bijdragen;
- om in de uitvoering af te wegen wat er moet gebeuren.""",
        "status": LeeratelierStatus.ACTIEF,
        "start_on": AGENDA_2020,
        "voorwaarden": ALLE_VOORWAARDEN,
        "themas": ["sociale-basis", "lerende-praktijken"],
        "gemeenten": [],
        "trekkers": [("lisbeth-verharen", TrekkerRol.TREKKER)],
        # The three uses of the indicator set in the October 2020 nieuwsbrief.
        "vraagstukken": [
            "Hoe meten we beleidsdoelen en verantwoorden we de inzet van het welzijnswerk met "
            "de voorwaarden van sociale kwaliteit?",
            "Hoe voeren we met partners het gesprek over wie wat kan bijdragen aan de sociale "
            "basis?",
            "Hoe maken we in de uitvoering afwegingen over wat er moet gebeuren?",
        ],
    },
]

# The lerende praktijken, keyed by leeratelier and slug.
PRAKTIJKEN = [
    {
        "leeratelier": ARMOEDE,
        "slug": "verhalenkamer-armoede",
        "titel": "Verhalenkamer armoede",
        "gemeenten": [],
        "partners": ["zorgalliantie"],
        "start_on": datetime.date(2020, 9, 1),
        "end_on": None,
        "status": PraktijkStatus.LOPEND,
        "beschrijving": """\
Sinds september 2020 werken de werkplaats en de Zorgalliantie samen volgens het principe van \
de Verhalenkamer. Studenten van verschillende opleidingen verdiepen zich een semester lang in \
één kant van armoede; tot februari 2021 waren dat gezondheidsongelijkheid en armoede onder \
agrariërs.

Ze leren 'het goede gesprek' te voeren en gaan dan in duo's, het liefst met een professional \
of beleidsmedewerker, in gesprek met inwoners uit de regio. In regionale leerkringen met \
professionals, inwoners en gemeente worden de verhalen geanalyseerd en aan theorie verbonden.

Het resultaat is een (online) expositie van blogs, gedichten of foto's. Zo wil de \
Verhalenkamer leefwereld en systeemwereld beter op elkaar laten aansluiten.""",
    },
    {
        "leeratelier": ARMOEDE,
        "slug": "signaleren-bespreken-en-doorbreken-van-armoede",
        "titel": "Signaleren, bespreken en doorbreken van armoede",
        "gemeenten": ["lingewaard"],
        "partners": [
            "gemeente-lingewaard",
            "werkplaats-sociaal-domein-utrecht",
            "werkplaats-sociaal-domein-twente",
        ],
        "start_on": AGENDA_2020,
        "end_on": None,
        "status": PraktijkStatus.LOPEND,
        "beschrijving": """\
De werkplaatsen van Arnhem en Nijmegen, Utrecht en Twente ontwikkelen samen een werkwijze \
waarmee vrijwilligers en professionals armoede kunnen signaleren, bespreekbaar maken en de \
structuren erachter kunnen doorbreken.

Het is een participatief actie- en ontwikkelonderzoek met een lokale projectgroep in elke \
regio: Lingewaard, Utrecht en Oldenzaal. Daarin werken inwoners met ervaringskennis, \
vrijwilligers, professionals, docenten en studenten samen. In een podcast vertellen leden van \
de drie projectgroepen wat het onderzoek hun tot nu toe heeft gebracht.""",
    },
    {
        "leeratelier": ARMOEDE,
        "slug": "zakgeldproject",
        "titel": "Het Zakg€ldProj€ct",
        "gemeenten": [],
        "partners": [],
        "start_on": None,
        "end_on": None,
        "status": PraktijkStatus.LOPEND,
        "beschrijving": """\
In het Zakg€ldProj€ct krijgen ouders en kinderen die van weinig moeten rondkomen zakgeld, en \
leren ze met en van elkaar hoe ze daarmee omgaan.

Het project loopt met een aantal lokale partners. Samen zoeken zij uit hoe het zo kan worden \
beschreven dat ook anderen het in hun eigen omgeving kunnen starten.""",
    },
    {
        "leeratelier": CONTACT,
        "slug": "heumense-aanpak-eenzaamheid",
        "titel": "Heumense aanpak eenzaamheid",
        "gemeenten": ["heumen"],
        "partners": ["gemeente-heumen"],
        "start_on": datetime.date(2016, 1, 1),
        "end_on": None,
        "status": PraktijkStatus.LOPEND,
        "beschrijving": """\
Van 2016 tot en met 2018 werkte de gemeente Heumen met de werkplaats aan de aanpak van \
eenzaamheid en sociaal isolement. Het onderzoek *Eenzaamheid in Heumen* liet zien hoeveel het \
voor mensen betekent om er voor een ander te kunnen zijn.

De aanpak wordt verder doorontwikkeld, en ook andere gemeenten tonen belangstelling. De \
casus Heumen is uitgewerkt in een essay over het model van sociale kwaliteit.""",
    },
    {
        "leeratelier": CONTACT,
        "slug": "welkome-wijk",
        "titel": "Welkome Wijk",
        "gemeenten": [],
        "partners": ["samen-sterk-zonder-stigma"],
        "start_on": None,
        "end_on": None,
        "status": PraktijkStatus.LOPEND,
        "beschrijving": """\
Samen Sterk zonder Stigma ontwikkelde bewustwordingsbijeenkomsten om vooroordelen in de wijk \
te verminderen. In Welkome Wijk verbeteren we die aanpak met een actieonderzoek.

In de loop van 2021 delen we wat dat oplevert in een regionale kennisdeelsessie.""",
    },
    {
        "leeratelier": CONTACT,
        "slug": "burgers-zorgen-voor-elkaar",
        "titel": "Burgers zorgen voor elkaar",
        "gemeenten": ["nijmegen"],
        "partners": ["hogeschool-van-arnhem-en-nijmegen"],
        "start_on": datetime.date(2020, 3, 1),
        "end_on": datetime.date(2020, 12, 31),
        "status": PraktijkStatus.AFGEROND,
        "beschrijving": """\
Studenten van verschillende labs en werkplaatsen van de HAN in de regio Nijmegen volgden \
(bewoners)initiatieven die in coronatijd de solidariteit in de buurt versterkten.

In het najaar van 2020 keken we met wijkbewoners en professionals terug op de gevolgen van \
de coronamaatregelen en op de lessen die ze opleveren.""",
    },
    {
        "leeratelier": WONEN,
        "slug": "bouwen-aan-sociale-verduurzaming-in-de-spoorbuurt",
        "titel": "Bouwen aan sociale verduurzaming in de Spoorbuurt",
        "gemeenten": ["nijmegen"],
        "partners": ["gemeente-nijmegen"],
        "start_on": None,
        "end_on": None,
        "status": PraktijkStatus.LOPEND,
        "beschrijving": """\
In de Spoorbuurt in Nijmegen trokken een woningcorporatie en een welzijnsorganisatie samen op \
in de fysieke en sociale renovatie van een kwetsbare buurt.

Met partners uit Nijmegen verkennen we hoe deze pilot kan uitgroeien tot een goed beschreven \
en onderbouwde methode. Een student van de master Social Work (MSW) evalueert de pilot.""",
    },
    {
        "leeratelier": WONEN,
        "slug": "energietransitie-in-kansarme-wijken",
        "titel": "Energietransitie in kansarme wijken",
        "gemeenten": ["nijmegen"],
        "partners": ["hogeschool-van-arnhem-en-nijmegen"],
        "start_on": None,
        "end_on": None,
        "status": PraktijkStatus.LOPEND,
        "beschrijving": """\
Een effectieve en rechtvaardige energietransitie in kansarme wijken loopt vast op gebrek aan \
kennis: over de verschillende energiepraktijken van bewoners, en over hoe je hen betrekt bij \
de renovatie van slecht geïsoleerde huizen.

Een consortium van onderzoekers, met daarin de HAN, ontwikkelt die kennis en zoekt \
oplossingen, onder meer in de Kolpingwijk in Nijmegen.""",
    },
    {
        "leeratelier": JIP,
        "slug": "werkzame-factoren-van-dynamisch-op-weg",
        "titel": "Werkzame factoren van Dynamisch op Weg",
        "gemeenten": [],
        "partners": [
            "dynamisch-op-weg",
            "lectoraat-arbeid-en-gezondheid",
            "roc-twente",
            "sallandse-wegenbouw",
        ],
        "start_on": AGENDA_2020,
        "end_on": None,
        "status": PraktijkStatus.LOPEND,
        "beschrijving": """\
Werkleerbedrijf Dynamisch op Weg is een samenwerking van Sallandse Wegenbouw, ROC Twente en \
Stichting de Kern. Het bereidt jongeren zonder startkwalificatie voor op een BBL-opleiding.

Samen met het lectoraat Arbeid en Gezondheid onderzoekt JIP wat er in deze aanpak werkt.""",
    },
    {
        "leeratelier": JIP,
        "slug": "werklab-en-jobcoaches-in-nijmegen",
        "titel": "Werklab en jobcoaches in Nijmegen",
        "gemeenten": ["nijmegen"],
        "partners": ["werklab-nijmegen"],
        "start_on": AGENDA_2020,
        "end_on": None,
        "status": PraktijkStatus.LOPEND,
        "beschrijving": """\
JIP onderzoekt wat er werkt aan het Werklab en aan de inzet van jobcoaches in Nijmegen, \
gezien vanuit de jongeren zelf.

Daarbij willen we de inzet van ervaringsdeskundigheid in het onderzoek verbreden.""",
    },
    {
        "leeratelier": JIP,
        "slug": "flexibel-onderwijs-en-summerschool",
        "titel": "Flexibel onderwijs en summerschool",
        "gemeenten": [],
        "partners": ["graafschapcollege"],
        "start_on": AGENDA_2020,
        "end_on": None,
        "status": PraktijkStatus.LOPEND,
        "beschrijving": """\
Samen met het Graafschapcollege verzamelen we goede voorbeelden van flexibeler onderwijs en \
van een 'summerschool'.

Wat helpt jongeren met een ondersteuningsbehoefte om klaar te zijn voor de toekomst?""",
    },
    {
        "leeratelier": JIP,
        "slug": "van-school-naar-werk-met-kristallis",
        "titel": "Van school naar werk met Kristallis",
        "gemeenten": [],
        "partners": ["kristallis"],
        "start_on": AGENDA_2020,
        "end_on": None,
        "status": PraktijkStatus.LOPEND,
        "beschrijving": """\
We volgen jongeren van Kristallis in hun overgang van school naar werk.

Wat helpt hen daarbij, en waar lopen ze tegenaan?""",
    },
    {
        "leeratelier": EVALUEREN,
        "slug": "evalueren-nieuwe-stijl",
        "titel": "Evalueren 'Nieuwe Stijl'",
        "gemeenten": [],
        "partners": ["lectoraat-versterken-van-sociale-kwaliteit"],
        "start_on": datetime.date(2016, 1, 1),
        "end_on": datetime.date(2018, 12, 31),
        "status": PraktijkStatus.AFGEROND,
        "beschrijving": """\
Van 2016 tot en met 2018 ontwierp de werkplaats het programma Evalueren 'Nieuwe Stijl', met \
een doorontwikkeling van de instrumenten Effectencalculatie en Effectenarena.

Het leeratelier Evalueren van sociale interventies bouwt op deze ervaringen voort.""",
    },
    {
        "leeratelier": SOCIALE_BASIS,
        "slug": "online-leerkringen-sociale-kwaliteit",
        "titel": "Online leerkringen sociale kwaliteit",
        "gemeenten": [],
        "partners": [
            "gemeente-nijmegen",
            "gemeente-heumen",
            "zorgalliantie",
            "krachtige-kernen",
            "academische-werkplaats-jeugd",
        ],
        "start_on": datetime.date(2020, 4, 1),
        "end_on": datetime.date(2020, 10, 1),
        "status": PraktijkStatus.AFGEROND,
        "beschrijving": """\
In 2020 namen veel leden van de programmacommissie deel aan online leerkringen over sociale \
kwaliteit in de sociale basis. De drie leerkringen waren divers samengesteld: inwoners, \
gemeenten, maatschappelijke organisaties en kennisinstellingen.

Aan de hand van de inbreng van een gemeente verkenden de deelnemers of en hoe sociale \
kwaliteit te verbinden is aan het versterken van de sociale basis. Het resultaat: we \
ontwikkelen een set vragen of indicatoren voor de sociale basis en het welzijnswerk.""",
    },
]

SIGNALEREN = (ARMOEDE, "signaleren-bespreken-en-doorbreken-van-armoede")
VERHALENKAMER = (ARMOEDE, "verhalenkamer-armoede")
HEUMEN = (CONTACT, "heumense-aanpak-eenzaamheid")
SPOORBUURT = (WONEN, "bouwen-aan-sociale-verduurzaming-in-de-spoorbuurt")
WERKLAB = (JIP, "werklab-en-jobcoaches-in-nijmegen")
LEERKRINGEN = (SOCIALE_BASIS, "online-leerkringen-sociale-kwaliteit")

# (praktijk, niveau, geleerd op, voorwaarden, les); keyed by praktijk and tekst.
LESSEN = [
    (
        SIGNALEREN,
        Niveau.LOKAAL,
        datetime.date(2020, 10, 1),
        [EMPOWERMENT],
        "Niet advies geven, mensen willen het zelf oplossen.",
    ),
    (
        SIGNALEREN,
        Niveau.LOKAAL,
        datetime.date(2020, 10, 1),
        [ZEKERHEID, INCLUSIE],
        "Je kunt niet zien of mensen in armoede leven.",
    ),
    (
        SIGNALEREN,
        Niveau.LOKAAL,
        datetime.date(2020, 10, 1),
        [ZEKERHEID, INCLUSIE],
        "Mensen in armoede moeten enorm leuren voor hulp.",
    ),
    (
        SIGNALEREN,
        Niveau.LOKAAL,
        datetime.date(2020, 10, 1),
        [INCLUSIE],
        "Soms kan iets heel goed bedoeld zijn, maar heel anders beleefd worden.",
    ),
    (
        SIGNALEREN,
        Niveau.LOKAAL,
        datetime.date(2020, 10, 1),
        [INCLUSIE, EMPOWERMENT],
        "De sleutel is: oprecht betrokken zijn en onbevooroordeeld zijn. Dat is heel "
        "belangrijk om iemand echt te kunnen helpen.",
    ),
    (
        SIGNALEREN,
        Niveau.REGIONAAL,
        datetime.date(2021, 1, 15),
        [COHESIE],
        "Er wordt héél verschillend gedacht over armoede, maar je kunt met elkaar tot "
        "consensus komen.",
    ),
    (
        SIGNALEREN,
        Niveau.REGIONAAL,
        datetime.date(2021, 1, 15),
        [COHESIE, EMPOWERMENT],
        "Het is heel inspirerend om samen te zijn met allerlei mensen; inwoners, vrijwilligers "
        "en professionals. Je leert van elkaar.",
    ),
    (
        VERHALENKAMER,
        Niveau.LOKAAL,
        datetime.date(2021, 2, 1),
        [ZEKERHEID, INCLUSIE],
        "Wie armoede wil helpen doorbreken, moet eerst de leefwereld begrijpen van mensen die "
        "met schaarste leven. Daarom oefenen studenten eerst 'het goede gesprek' voordat ze "
        "verhalen ophalen.",
    ),
    (
        HEUMEN,
        Niveau.LOKAAL,
        datetime.date(2020, 10, 1),
        [COHESIE, EMPOWERMENT],
        "Ik voel me goed als ik er voor een ander kan zijn. Juist het niet 'nodig' zijn, dat "
        "maakt me eenzaam.",
    ),
    (
        SPOORBUURT,
        Niveau.LOKAAL,
        datetime.date(2021, 9, 1),
        [ZEKERHEID, COHESIE],
        "Een woningcorporatie en een welzijnsorganisatie die samen optrekken, kunnen de "
        "fysieke en de sociale renovatie van een kwetsbare buurt met elkaar verbinden.",
    ),
    (
        WERKLAB,
        Niveau.REGIONAAL,
        datetime.date(2021, 6, 1),
        [INCLUSIE],
        "Werkbezoeken bij elkaar laten zien hoe andere partners jongeren ondersteunen. Zo "
        "leer je van wat er in de regio al gebeurt, in plaats van opnieuw te beginnen.",
    ),
    (
        LEERKRINGEN,
        Niveau.REGIONAAL,
        datetime.date(2020, 10, 1),
        ALLE_VOORWAARDEN,
        "Sociale kwaliteit verbinden aan de sociale basis vraagt om een gedeelde set vragen of "
        "indicatoren, bruikbaar voor beleid, voor het gesprek met partners en in de uitvoering.",
    ),
    (
        LEERKRINGEN,
        Niveau.REGIONAAL,
        datetime.date(2020, 10, 1),
        [INCLUSIE, EMPOWERMENT],
        "De kwaliteit van een leerproces komt niet uit een gestandaardiseerde aanpak, maar "
        "uit responsiviteit voor de lokale belanghebbenden en omstandigheden (landelijke "
        "werkgroep Lerende Praktijken).",
    ),
    (
        LEERKRINGEN,
        Niveau.REGIONAAL,
        datetime.date(2020, 10, 1),
        [INCLUSIE, COHESIE],
        "Alle lerende netwerken van de werkplaatsen maken op hun eigen manier ruimte voor "
        "reflectie en ontwikkeling: de deelnemers onderhandelen lokaal over de agenda, de "
        "werkwijze, de randvoorwaarden en de beoogde uitkomsten. Hoe ze dat doen, verschilt "
        "sterk.",
    ),
]

ARENA = Rol.ARENA
TRIBUNE = Rol.TRIBUNE

# (leeratelier, organisatie, rol, sinds); a later row for the same pair is a change of role,
# which ends the row before it (Gemeente Nijmegen moved from the tribune of JIP to the arena).
DEELNAMES = [
    (ARMOEDE, "gemeente-lingewaard", ARENA, datetime.date(2020, 1, 1)),
    (ARMOEDE, "werkplaats-sociaal-domein-utrecht", ARENA, datetime.date(2020, 1, 1)),
    (ARMOEDE, "werkplaats-sociaal-domein-twente", ARENA, datetime.date(2020, 1, 1)),
    (ARMOEDE, "zorgalliantie", ARENA, datetime.date(2020, 9, 1)),
    (ARMOEDE, "gemeente-nijmegen", TRIBUNE, datetime.date(2020, 1, 1)),
    (ARMOEDE, "krachtige-kernen", TRIBUNE, datetime.date(2020, 9, 1)),
    (ARMOEDE, "gemeente-overbetuwe", TRIBUNE, datetime.date(2021, 1, 15)),
    (CONTACT, "gemeente-heumen", ARENA, datetime.date(2020, 1, 1)),
    (CONTACT, "gemeente-nijmegen", ARENA, datetime.date(2020, 1, 1)),
    (CONTACT, "movisie", ARENA, datetime.date(2020, 1, 1)),
    (CONTACT, "samen-sterk-zonder-stigma", ARENA, datetime.date(2020, 1, 1)),
    (CONTACT, "coalitie-erbij", TRIBUNE, datetime.date(2020, 1, 1)),
    (CONTACT, "gemeente-venlo", TRIBUNE, datetime.date(2020, 11, 1)),
    (WONEN, "gemeente-nijmegen", ARENA, datetime.date(2020, 1, 1)),
    (WONEN, "gemeente-arnhem", TRIBUNE, datetime.date(2020, 1, 1)),
    (WONEN, "gemeente-zevenaar", TRIBUNE, datetime.date(2021, 4, 1)),
    (JIP, "gemeente-nijmegen", TRIBUNE, datetime.date(2020, 1, 1)),
    (JIP, "gemeente-nijmegen", ARENA, datetime.date(2021, 3, 1)),
    (JIP, "werklab-nijmegen", ARENA, datetime.date(2020, 1, 1)),
    (JIP, "roc-nijmegen", ARENA, datetime.date(2020, 1, 1)),
    (JIP, "lectoraat-arbeid-en-gezondheid", ARENA, datetime.date(2020, 3, 1)),
    (JIP, "dynamisch-op-weg", ARENA, datetime.date(2020, 3, 1)),
    (JIP, "graafschapcollege", ARENA, datetime.date(2020, 6, 1)),
    (JIP, "kristallis", ARENA, datetime.date(2020, 6, 1)),
    (JIP, "academische-werkplaats-jeugd", TRIBUNE, datetime.date(2020, 1, 1)),
    (EVALUEREN, "gemeente-venlo", TRIBUNE, datetime.date(2020, 1, 1)),
    (EVALUEREN, "gemeente-heumen", TRIBUNE, datetime.date(2020, 1, 1)),
    (EVALUEREN, "movisie", TRIBUNE, datetime.date(2021, 1, 1)),
    (SOCIALE_BASIS, "gemeente-nijmegen", ARENA, datetime.date(2020, 1, 1)),
    (SOCIALE_BASIS, "gemeente-heumen", ARENA, datetime.date(2020, 1, 1)),
    (SOCIALE_BASIS, "zorgalliantie", ARENA, datetime.date(2020, 1, 1)),
    (SOCIALE_BASIS, "krachtige-kernen", ARENA, datetime.date(2020, 1, 1)),
    (SOCIALE_BASIS, "academische-werkplaats-jeugd", ARENA, datetime.date(2020, 1, 1)),
    (SOCIALE_BASIS, "werkplaatsen-sociaal-domein", TRIBUNE, datetime.date(2020, 1, 1)),
]


def _at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, 0, tzinfo=AMSTERDAM)


# (leeratelier, titel, auteur, status, gepubliceerd op, tekst); keyed by leeratelier and titel.
UPDATES = [
    (
        ARMOEDE,
        "De Verhalenkamer armoede is begonnen",
        "carinda-jansen",
        UpdateStatus.GEPUBLICEERD,
        _at(2020, 9, 14),
        """\
Samen met de Zorgalliantie zijn we deze maand gestart met de **Verhalenkamer**. Studenten \
van verschillende opleidingen verdiepen zich dit semester in gezondheidsongelijkheid en in \
armoede onder agrariërs.

Na een training in 'het goede gesprek' gaan ze in duo's op pad om verhalen op te halen bij \
inwoners in de regio. Die verhalen bespreken we in de regionale leerkringen, met \
professionals, inwoners en de gemeente.""",
    ),
    (
        JIP,
        "Tribunebijeenkomsten over 'Meer dan een baan alleen'",
        "maritza-gerritsen",
        UpdateStatus.GEPUBLICEERD,
        _at(2020, 10, 5),
        """\
De afgelopen maanden organiseerden we tribunebijeenkomsten over de resultaten van *Meer dan \
een baan alleen*, een van de deelonderzoeken van mijn promotieonderzoek binnen JIP.

Dank aan iedereen die kwam luisteren, vragen stelde en meedacht. We nemen de reacties mee in \
de arena en in de volgende stappen van het onderzoek.""",
    ),
    (
        ARMOEDE,
        "Podcast: signaleren, bespreken en doorbreken van armoede",
        "carinda-jansen",
        UpdateStatus.GEPUBLICEERD,
        _at(2020, 10, 12),
        """\
In een nieuwe podcast vertellen leden van de projectgroepen in Lingewaard, Utrecht en \
Oldenzaal wat het onderzoek naar het signaleren, bespreken en doorbreken van armoede hun tot \
nu toe heeft gebracht.

> Dit onderzoek zou ik beschrijven als een win-win, zowel voor de professionals als voor \
ervaringsdeskundigen.

Luister mee en laat ons weten wat het jou oplevert.""",
    ),
    (
        SOCIALE_BASIS,
        "Uit de leerkringen: een set indicatoren voor de sociale basis",
        "lisbeth-verharen",
        UpdateStatus.GEPUBLICEERD,
        _at(2020, 10, 19),
        """\
De online leerkringen over sociale kwaliteit in de sociale basis zijn afgerond. Veel leden \
van de programmacommissie deden mee, in drie gemengde groepen.

We gaan nu aan de slag met een set vragen of indicatoren, gebaseerd op de voorwaarden van \
sociale kwaliteit, voor de sociale basis en het welzijnswerk. Denk je mee? Laat het weten.""",
    ),
    (
        CONTACT,
        "Regionale kennisdeelsessie Welkome Wijk",
        "annica-brummel",
        UpdateStatus.GEPUBLICEERD,
        _at(2021, 2, 15),
        """\
In het project **Welkome Wijk** verbeteren we met een actieonderzoek de \
bewustwordingsbijeenkomsten van Samen Sterk zonder Stigma, die vooroordelen in de wijk \
verminderen.

In de loop van dit jaar delen we de opbrengst in een regionale kennisdeelsessie. De datum en \
de aanmelding volgen in de agenda van de werkplaats.""",
    ),
    (
        SOCIALE_BASIS,
        "Terugblik op het symposium 'Samen werken aan sociale kwaliteit'",
        "lisbeth-verharen",
        UpdateStatus.GEPUBLICEERD,
        _at(2022, 4, 21),
        """\
Op 14 april 2022 blikten we in Fort Lent terug en vooruit, onder het motto *Sociale basis op \
orde: minder praten, meer doen!*

Met gastspreker Guido Walraven, docent-onderzoeker Joos Meesters en professionals en \
vrijwilligers uit het werkveld spraken we over armoede, de sociale kant van duurzaamheid, \
sociale kwaliteit en mantelzorgers. Dank aan iedereen die erbij was.""",
    ),
    (
        JIP,
        "Werkbezoek bij Werklab Nijmegen",
        "joos-meesters",
        UpdateStatus.CONCEPT,
        None,
        """\
*Concept.* Een verslag van het werkbezoek van de arena bij Werklab Nijmegen volgt.""",
    ),
]


def _by_slug(model, slugs):
    """The rows of ``model`` with these slugs, by slug; a missing slug is an error."""
    rows = {row.slug: row for row in model.objects.filter(slug__in=set(slugs))}
    missing = set(slugs) - rows.keys()
    if missing:
        raise LookupError(f"{model.__name__} ontbreekt: {', '.join(sorted(missing))}")
    return rows


def _trekker_email(trekkers, personen):
    for slug, rol in trekkers:
        if rol == TrekkerRol.TREKKER:
            return personen[slug].email
    return ""


def load_leerateliers():
    voorwaarden = _by_slug(Voorwaarde, ALLE_VOORWAARDEN)
    themas = _by_slug(Thema, [slug for spec in LEERATELIERS for slug in spec["themas"]])
    gemeenten = _by_slug(Gemeente, [slug for spec in LEERATELIERS for slug in spec["gemeenten"]])
    personen = _by_slug(
        Persoon,
        [slug for spec in LEERATELIERS for slug, _ in spec["trekkers"]]
        + [row[2] for row in UPDATES],
    )
    leerateliers = {}
    for spec in LEERATELIERS:
        leeratelier, _ = Leeratelier.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "titel": spec["titel"],
                "samenvatting": spec["samenvatting"],
                "beschrijving": spec["beschrijving"],
                "status": spec["status"],
                "start_on": spec["start_on"],
                "contact_email": _trekker_email(spec["trekkers"], personen),
            },
        )
        leeratelier.voorwaarden.set([voorwaarden[slug] for slug in spec["voorwaarden"]])
        leeratelier.themas.set([themas[slug] for slug in spec["themas"]])
        leeratelier.gemeenten.set([gemeenten[slug] for slug in spec["gemeenten"]])
        for slug, rol in spec["trekkers"]:
            Trekkerschap.objects.update_or_create(
                persoon=personen[slug], leeratelier=leeratelier, defaults={"rol": rol}
            )
        for volgorde, tekst in enumerate(spec["vraagstukken"], start=1):
            Vraagstuk.objects.update_or_create(
                leeratelier=leeratelier, volgorde=volgorde, defaults={"tekst": tekst}
            )
        leerateliers[spec["slug"]] = leeratelier
    return leerateliers, personen


def load_praktijken(leerateliers):
    gemeenten = _by_slug(Gemeente, [slug for spec in PRAKTIJKEN for slug in spec["gemeenten"]])
    partners = _by_slug(Organisatie, [slug for spec in PRAKTIJKEN for slug in spec["partners"]])
    praktijken = {}
    for spec in PRAKTIJKEN:
        praktijk, _ = LerendePraktijk.objects.update_or_create(
            leeratelier=leerateliers[spec["leeratelier"]],
            slug=spec["slug"],
            defaults={
                field: spec[field]
                for field in ("titel", "beschrijving", "start_on", "end_on", "status")
            },
        )
        praktijk.gemeenten.set([gemeenten[slug] for slug in spec["gemeenten"]])
        praktijk.partners.set([partners[slug] for slug in spec["partners"]])
        praktijken[(spec["leeratelier"], spec["slug"])] = praktijk
    return praktijken


def load_lessen(praktijken):
    voorwaarden = _by_slug(Voorwaarde, ALLE_VOORWAARDEN)
    for praktijk, niveau, geleerd_on, les_voorwaarden, tekst in LESSEN:
        les, _ = GeleerdeLes.objects.update_or_create(
            praktijk=praktijken[praktijk],
            tekst=tekst,
            defaults={"niveau": niveau, "geleerd_on": geleerd_on},
        )
        les.voorwaarden.set([voorwaarden[slug] for slug in les_voorwaarden])


def load_deelnames(leerateliers):
    organisaties = _by_slug(Organisatie, [row[1] for row in DEELNAMES])
    for leeratelier, organisatie, rol, sinds in DEELNAMES:
        pair = {"organisatie": organisaties[organisatie], "leeratelier": leerateliers[leeratelier]}
        # Loaded before, or the role changed on the site since: the history stays as it is.
        if Deelname.objects.filter(**pair, sinds__gte=sinds).exists():
            continue
        deelname_set_rol(**pair, rol=rol, on=sinds)


def load_updates(leerateliers, personen):
    for leeratelier, titel, auteur, status, gepubliceerd_at, tekst in UPDATES:
        TribuneUpdate.objects.update_or_create(
            leeratelier=leerateliers[leeratelier],
            titel=titel,
            defaults={
                "auteur": personen[auteur],
                "tekst": tekst,
                "status": status,
                "gepubliceerd_at": gepubliceerd_at,
            },
        )


def load():
    leerateliers, personen = load_leerateliers()
    praktijken = load_praktijken(leerateliers)
    load_lessen(praktijken)
    load_deelnames(leerateliers)
    load_updates(leerateliers, personen)
    return {
        "leerateliers": len(LEERATELIERS),
        "vraagstukken": sum(len(spec["vraagstukken"]) for spec in LEERATELIERS),
        "trekkers en onderzoekers": sum(len(spec["trekkers"]) for spec in LEERATELIERS),
        "lerende praktijken": len(PRAKTIJKEN),
        "geleerde lessen": len(LESSEN),
        "deelnames": len(DEELNAMES),
        "tribune-updates": len(UPDATES),
    }
