"""Publicaties: rapporten, methodieken, podcasts, essays … with Dutch full-text search."""

from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from leerateliers.models import Leeratelier
from werkplaats.inline import inline
from werkplaats.media import media_info, validate_webvtt
from werkplaats.models import (
    Organisatie,
    Persoon,
    SlugFromNaamMixin,
    Thema,
    URLField,
    Voorwaarde,
)
from werkplaats.text import validate_no_control_characters
from werkplaats.uploads import (
    BY_LABEL,
    MEDIA,
    SafeFileField,
    SafeImageField,
    content_name,
    detect_document_type,
    is_media,
)
from werkplaats.video import ExternalVideo, external_video

from .search import related_publicaties, search_publicaties

MEDIA_EXTENSIONS = tuple(MEDIA)  # the stored names of audio and video end so


class Soort(models.TextChoices):
    RAPPORT = "rapport", _("Rapport")
    ADVIES = "advies", _("Advies")
    BOEK = "boek", _("Boek")
    METHODIEK = "methodiek", _("Methodiek")
    WERKVORM = "werkvorm", _("Werkvorm")
    ONDERWIJSMODULE = "onderwijsmodule", _("Onderwijsmodule")
    HANDREIKING = "handreiking", _("Handreiking")
    ESSAY = "essay", _("Essay")
    ARTIKEL = "artikel", _("Artikel")
    PODCAST = "podcast", _("Podcast")
    KENNISCLIP = "kennisclip", _("Kennisclip of video")
    NIEUWSBRIEF = "nieuwsbrief", _("Nieuwsbrief")
    SPEL = "spel", _("Spel")
    NIEUWS = "nieuws", _("Nieuws")
    MAGAZINE = "magazine", _("Magazine")


# The soorten that appear as a periodical does: a part of one is an article in it (cited with
# the journal title), a part of any other whole is a chapter (cited "In … (Red.)").
PERIODICALS = {Soort.MAGAZINE, Soort.NIEUWSBRIEF}


# The soorten with a podcast feed: their publicaties with an uploaded audio or video file.
PODCAST_FEEDS = {
    Soort.PODCAST: "publicaties:podcast_feed",
    Soort.KENNISCLIP: "publicaties:kennisclips_feed",
}


class Taal(models.TextChoices):
    NL = "nl", _("Nederlands")
    EN = "en", _("Engels")


class Licentie(models.TextChoices):
    CC_BY = "cc-by-4.0", _("CC BY 4.0")
    CC_BY_SA = "cc-by-sa-4.0", _("CC BY-SA 4.0")
    CC_BY_NC = "cc-by-nc-4.0", _("CC BY-NC 4.0")
    CC_BY_NC_ND = "cc-by-nc-nd-4.0", _("CC BY-NC-ND 4.0")
    ALLE_RECHTEN = "alle-rechten", _("Alle rechten voorbehouden")


class Status(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")


class LinkSoort(models.TextChoices):
    """What a visitor does at the other end of a link; the link says it ("Online spelen")."""

    LEZEN = "lezen", _("Online lezen")
    BEKIJKEN = "bekijken", _("Bekijken")
    BELUISTEREN = "beluisteren", _("Beluisteren")
    ONLINE_SPELEN = "online-spelen", _("Online spelen")
    BESTELLEN = "bestellen", _("Bestellen")
    MEER_INFORMATIE = "meer-informatie", _("Meer informatie")


class Activiteit(models.Model):
    """One of the 4 O's of the werkplaatsen: onderzoek, ontwikkeling, onderwijs, ondersteuning."""

    naam = models.CharField(_("naam"), max_length=50, unique=True)
    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), unique=True)

    class Meta:
        verbose_name = _("activiteit (O)")
        verbose_name_plural = _("activiteiten (de 4 O's)")
        ordering = ["volgorde"]

    def __str__(self):
        return self.naam


class PublicatieQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.GEPUBLICEERD)

    def newest(self):
        """Published, newest first: for the short lists on other pages."""
        return self.published().order_by("-gepubliceerd_on", "titel")

    def for_list(self):
        # Lists show titel, soort, date, authors and samenvatting; the body and the search
        # vector can be large and stay in the database.
        # The authors' names come in the same query (``inline``; ``auteurs``).
        return inline(self.published().defer("inhoud", "search_vector"), "auteurschappen")

    def year_range(self):
        """Years from the newest to the oldest published publicatie (two index lookups)."""
        bounds = self.published().aggregate(
            first=models.Min("gepubliceerd_on"), last=models.Max("gepubliceerd_on")
        )
        if bounds["first"] is None:
            return []
        return list(range(bounds["last"].year, bounds["first"].year - 1, -1))

    def per_jaar(self):
        """Published publicaties per year of appearance, as rows of ``jaar`` and ``aantal``
        (one query, years without any left out)."""
        return (
            self.published()
            .annotate(jaar=ExtractYear("gepubliceerd_on"))
            .values("jaar")
            .annotate(aantal=Count("pk"))
            .order_by("jaar")
        )

    def per_voorwaarde(self):
        """The four voorwaarden in their order, each with ``aantal``: how many published
        publicaties are mapped to it (one query; a publicatie may count for several)."""
        return Voorwaarde.objects.order_by("volgorde").annotate(
            aantal=Count("publicaties", filter=Q(publicaties__in=self.published().values("pk")))
        )

    def in_order(self):
        """Published parts as their whole lists them: by volgorde (those without one last),
        then by title."""
        return self.published().order_by(F("volgorde").asc(nulls_last=True), "titel")

    def for_detail(self):
        # The whole comes with the row; its authors and organisaties (the citation of a part
        # names its editors and publisher) cost queries only on a part. The published parts
        # (one query, and two more only when there are parts) are ``onderdelen``.
        parts = (
            Publicatie.objects.in_order()
            .defer("inhoud", "transcript", "search_vector")
            .prefetch_related("auteurschappen", "organisaties")
        )
        # The short lists beside it come in its own query (``inline``).
        beside = ("organisaties", "leerateliers", "themas", "voorwaarden", "activiteiten", "links")
        return (
            inline(self.published(), *beside)
            .select_related("deel_van")
            .prefetch_related(
                Prefetch(
                    "auteurschappen",
                    queryset=Auteurschap.objects.select_related("persoon", "persoon__organisatie"),
                ),
                "deel_van__auteurschappen",
                "deel_van__organisaties",
                Prefetch("delen", queryset=parts, to_attr="_onderdelen"),
            )
        )

    def for_api(self):
        """What the API gives of each published publicatie: the rows of its page (without the
        search vector), newest first, with a tiebreaker so that pages never overlap."""
        return self.for_detail().defer("search_vector").order_by("-gepubliceerd_on", "titel", "pk")

    def playing_media(self):
        """Those with an uploaded audio or video file (stored names follow the content)."""
        return self.filter(
            reduce(or_, (Q(bestand__iendswith=f".{ext}") for ext in MEDIA_EXTENSIONS))
        )

    def for_podcast(self, soort):
        """Published ``soort`` publicaties that podcast apps can play, newest first."""
        return (
            self.for_list().filter(soort=soort).playing_media().order_by("-gepubliceerd_on", "-id")
        )

    def for_feed(self):
        return self.for_list().order_by("-gepubliceerd_on", "-id")

    def for_thema(self, thema):
        """The published publicaties about ``thema``, newest first (for its page)."""
        return self.for_list().filter(themas=thema).order_by("-gepubliceerd_on", "titel")

    def for_voorwaarde(self, voorwaarde):
        """The published publicaties mapped to ``voorwaarde``, newest first (for its page)."""
        return self.for_list().filter(voorwaarden=voorwaarde).order_by("-gepubliceerd_on", "titel")

    def search(self, query):
        """Ranked matches for what a person typed; see publicaties.search."""
        return search_publicaties(self, query)

    def related_to(self, publicatie, limit=4):
        """Published publicaties sharing leerateliers or thema's, most shared first."""
        return related_publicaties(self, publicatie, limit)


def ondertiteling_path(instance, filename):
    """Captions are stored as .vtt whatever the name they came with (they were validated)."""
    return f"publicaties/ondertiteling/{content_name(filename, 'vtt')}"


class Publicatie(SlugFromNaamMixin, models.Model):
    titel = models.CharField(
        _("titel"), max_length=250, validators=[validate_no_control_characters]
    )
    slug = models.SlugField(_("slug"), max_length=250, unique=True)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    samenvatting = models.TextField(_("samenvatting"), validators=[validate_no_control_characters])
    inhoud = models.TextField(
        _("inhoud"),
        blank=True,
        help_text=_("Markdown."),
        validators=[validate_no_control_characters],
    )
    gepubliceerd_on = models.DateField(_("verschenen op"))
    organisaties = models.ManyToManyField(
        Organisatie, verbose_name=_("organisaties"), related_name="publicaties", blank=True
    )
    bestand = SafeFileField(
        _("bestand"),
        upload_to="publicaties/bestanden/",
        blank=True,
        help_text=_(
            "PDF, Word, OpenDocument, PowerPoint, Excel, EPUB, MP3, M4A, MP4 of WebM; hoogstens "
            "25 MB. Audio en video spelen op de pagina af."
        ),
    )
    bestand_type = models.CharField(_("bestandstype"), max_length=50, blank=True, editable=False)
    bestand_grootte = models.PositiveBigIntegerField(
        _("bestandsgrootte"), null=True, blank=True, editable=False
    )
    duur = models.PositiveIntegerField(_("duur in seconden"), null=True, blank=True, editable=False)
    transcript = models.TextField(
        _("uitgeschreven tekst"),
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_(
            "Markdown. Wat er in de audio of video gezegd wordt en wat er te zien is, voor wie "
            "niet kan luisteren of kijken. Nodig voordat audio of video gepubliceerd wordt."
        ),
    )
    ondertiteling = models.FileField(
        _("ondertiteling (WebVTT)"),
        upload_to=ondertiteling_path,
        blank=True,
        validators=[validate_webvtt],
        help_text=_(
            "Een .vtt-bestand met de ondertiteling van de video; nodig voordat een geüploade "
            "video gepubliceerd wordt."
        ),
    )
    omslag = SafeImageField(
        _("omslagafbeelding"),
        upload_to="publicaties/omslag/",
        blank=True,
        help_text=_("JPEG, PNG, WebP of GIF; hoogstens 25 MB."),
    )
    omslag_alt = models.CharField(_("beschrijving van de omslag"), max_length=200, blank=True)
    omslag_varianten = models.JSONField(
        _("omslagformaten"), default=list, blank=True, editable=False
    )
    leerateliers = models.ManyToManyField(
        Leeratelier, verbose_name=_("leerateliers"), related_name="publicaties", blank=True
    )
    themas = models.ManyToManyField(
        Thema, verbose_name=_("thema's"), related_name="publicaties", blank=True
    )
    voorwaarden = models.ManyToManyField(
        Voorwaarde, verbose_name=_("voorwaarden"), related_name="publicaties", blank=True
    )
    activiteiten = models.ManyToManyField(
        Activiteit, verbose_name=_("de 4 O's"), related_name="publicaties", blank=True
    )
    taal = models.CharField(_("taal"), max_length=5, choices=Taal.choices, default=Taal.NL)
    licentie = models.CharField(_("licentie"), max_length=20, choices=Licentie.choices, blank=True)
    doi = models.CharField(
        _("DOI"),
        max_length=200,
        blank=True,
        validators=[
            RegexValidator(
                r"^10\.\d{4,9}/\S+$",
                _("Een DOI begint met 10. en een nummer, bijvoorbeeld 10.1234/abcd."),
            )
        ],
        help_text=_("Bijvoorbeeld 10.1234/abcd, zonder https://doi.org/ ervoor."),
    )
    handle = models.CharField(
        _("handle"),
        max_length=200,
        blank=True,
        validators=[
            RegexValidator(
                r"^(?!10\.)\d+(\.\d+)*/\S+$",
                _("Een handle ziet eruit als 20.500.12345/678; een DOI hoort in het veld DOI."),
            )
        ],
        help_text=_("De vaste verwijzing van een repository, bijvoorbeeld 20.500.12345/678."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    # A whole cannot be deleted while it has parts (their citations name it); a whole and
    # all its parts can be deleted together.
    deel_van = models.ForeignKey(
        "self",
        verbose_name=_("onderdeel van"),
        related_name="delen",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        help_text=_(
            "Voor een bijdrage of hoofdstuk: het magazine, boek of de bundel waarin het "
            "verscheen. Dat geheel is zelf geen onderdeel van iets anders."
        ),
    )
    volgorde = models.PositiveSmallIntegerField(
        _("volgorde in het geheel"),
        null=True,
        blank=True,
        help_text=_(
            "De plaats van dit onderdeel in de lijst van het geheel; laag eerst, zonder "
            "volgorde achteraan."
        ),
    )
    eerste_pagina = models.PositiveIntegerField(_("eerste pagina"), null=True, blank=True)
    laatste_pagina = models.PositiveIntegerField(_("laatste pagina"), null=True, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    # Harvesters (OAI-PMH) ask what changed since a moment: every save moves gewijzigd_at.
    aangemaakt_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_at = models.DateTimeField(_("gewijzigd op"), auto_now=True, db_index=True)

    objects = PublicatieQuerySet.as_manager()

    slug_source = "titel"

    class Meta:
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")
        ordering = ["-gepubliceerd_on", "titel"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort__in=Soort.values), name="publicatie_soort_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="publicatie_status_valid"
            ),
            models.CheckConstraint(condition=Q(taal__in=Taal.values), name="publicatie_taal_valid"),
            models.CheckConstraint(
                condition=Q(licentie="") | Q(licentie__in=Licentie.values),
                name="publicatie_licentie_valid",
            ),
            models.CheckConstraint(
                condition=~Q(deel_van=F("id")),
                name="publicatie_not_part_of_itself",
                violation_error_message=_("Een publicatie kan geen onderdeel van zichzelf zijn."),
            ),
            models.CheckConstraint(
                condition=Q(deel_van__isnull=False)
                | Q(eerste_pagina__isnull=True, laatste_pagina__isnull=True),
                name="publicatie_pages_only_of_a_part",
                violation_error_message=_(
                    "Pagina's horen bij een onderdeel: kies ook het geheel waarin het verscheen."
                ),
            ),
            models.CheckConstraint(
                condition=Q(laatste_pagina__isnull=True)
                | Q(eerste_pagina__isnull=False, laatste_pagina__gte=F("eerste_pagina")),
                name="publicatie_pages_in_order",
                violation_error_message=_(
                    "De laatste pagina komt na de eerste (en met een laatste pagina hoort ook "
                    "een eerste)."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["-gepubliceerd_on"], name="publicatie_newest_first"),
            # The published ones in the order of the lists: counting them and reading a page
            # of them read this small index only (at 50,000 publicaties 40 -> 6 ms a count).
            models.Index(
                fields=["-gepubliceerd_on", "titel"],
                condition=Q(status="gepubliceerd"),
                name="publicatie_published_newest",
            ),
        ]
        # The GIN index on search_vector and the triggers that keep it current are
        # PostgreSQL-only; migration 0003 creates them there (SQLite has no GIN).

    def __str__(self):
        return self.titel

    def save(self, *args, **kwargs):
        # Type, size and duration of the file, shown with the player and the download link
        # (read from the content).
        if self.bestand and (not self.bestand._committed or self.bestand_grootte is None):
            document = detect_document_type(self.bestand)
            self.bestand_type = document.label if document else ""
            self.bestand_grootte = self.bestand.size
            self.duur = self._read_duration() if document else None
        elif not self.bestand:
            self.bestand_type, self.bestand_grootte, self.duur = "", None, None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("publicaties:detail", kwargs={"slug": self.slug})

    def _read_duration(self):
        try:
            info = media_info(self.bestand)
        except ValidationError:  # refused when it was uploaded; a stored file is read as is
            return None
        return round(info.duration) if info and info.duration else None

    def clean(self):
        # With its stored links; links being edited are checked in the admin's inline.
        errors = self.publish_blockers()
        if problem := self.part_problem():
            errors["deel_van"] = problem
        if self.omslag and not self.omslag_alt.strip():
            errors["omslag_alt"] = _("Beschrijf wat er op de omslag staat, voor wie hem niet ziet.")
        if errors:
            raise ValidationError(errors)

    def publish_blockers(self, video_urls=None) -> dict:
        """Why this publicatie may not be public (yet), per field; empty when it may. Audio and
        video need a transcript, an uploaded video its captions too (WCAG 1.2). ``video_urls``
        are the links as they are about to be saved; by default the stored ones."""
        if self.status != Status.GEPUBLICEERD:
            return {}
        if video_urls is None:
            video_urls = [link.url for link in self.links.all()] if self.pk else []
        plays_video = any(external_video(url) for url in video_urls)
        errors = {}
        if (self.media or plays_video) and not self.transcript.strip():
            errors["transcript"] = _(
                "Audio en video worden pas gepubliceerd met een uitgeschreven tekst, voor wie "
                "niet kan luisteren of kijken. Vul de uitgeschreven tekst in, of laat de "
                "publicatie op concept staan."
            )
        if self.media and self.media[0] == "video" and not self.ondertiteling:
            errors["ondertiteling"] = _(
                "Een video wordt pas gepubliceerd met ondertiteling. Upload een WebVTT-bestand "
                "(.vtt), of laat de publicatie op concept staan."
            )
        return errors

    def part_problem(self) -> str:
        """Why ``deel_van`` cannot be this whole, or "": one level only (a whole is no part,
        a part has no parts), so parts can never go round in a circle."""
        if self.deel_van_id is None:
            return ""
        whole = self.deel_van
        if self.pk is not None and whole.pk == self.pk:
            return _("Een publicatie kan geen onderdeel van zichzelf zijn.")
        if self.pk is not None and whole.deel_van_id == self.pk:
            return _(
                "Dat wordt een kring: “%(geheel)s” is zelf een onderdeel van deze publicatie."
            ) % {"geheel": whole.titel}
        if whole.deel_van_id is not None:
            return _("“%(geheel)s” is zelf een onderdeel van “%(groter)s”; kies het geheel.") % {
                "geheel": whole.titel,
                "groter": whole.deel_van.titel,
            }
        if self.pk is not None and self.delen.exists():
            return _(
                "Deze publicatie heeft zelf onderdelen, en kan daarom geen onderdeel van een "
                "andere zijn."
            )
        return ""

    @property
    def geheel(self):
        """The whole this publicatie is a part of, when that is published; else None (on rows
        from for_detail without a query)."""
        if self.deel_van_id is None:
            return None
        whole = self.deel_van
        return whole if whole.status == Status.GEPUBLICEERD else None

    @property
    def onderdelen(self):
        """The published parts in order (on rows from for_detail without a query)."""
        if hasattr(self, "_onderdelen"):
            return self._onderdelen
        if self.pk is None:
            return []
        return list(self.delen.in_order().prefetch_related("auteurschappen", "organisaties"))

    @property
    def is_periodical(self):
        """A magazine or newsletter: its parts are contributions (articles) in it."""
        return self.soort in PERIODICALS

    @property
    def in_periodical(self):
        """A part of a magazine or newsletter (an article in it) rather than of a book."""
        whole = self.geheel
        return whole is not None and whole.is_periodical

    @property
    def paginas(self):
        """ "12–15", "12" or ""."""
        if self.eerste_pagina is None:
            return ""
        if self.laatste_pagina is None or self.laatste_pagina == self.eerste_pagina:
            return str(self.eerste_pagina)
        return f"{self.eerste_pagina}–{self.laatste_pagina}"

    @property
    def media(self):
        """("audio" or "video", MIME type) of an uploaded file that plays (by what its content
        was found to be when it was uploaded); None otherwise."""
        document_type = BY_LABEL.get(self.bestand_type) if self.bestand else None
        if not is_media(document_type):
            return None
        return document_type.mime.split("/")[0], document_type.mime

    @property
    def externe_video(self) -> ExternalVideo | None:
        """The first YouTube or Vimeo link, played on the page after a click."""
        return next(filter(None, (external_video(link.url) for link in self.links.all())), None)

    @property
    def speler(self) -> str:
        """What plays on the page: "audio" or "video" (the uploaded file), "extern" (the
        YouTube or Vimeo video of a link, after a click), or "" (nothing)."""
        if self.media:
            return self.media[0]
        return "extern" if self.externe_video else ""

    @property
    def podcast_feed_url(self) -> str:
        """The podcast feed this publicatie is in (see ``for_podcast``); "" when none."""
        if self.media and self.soort in PODCAST_FEEDS:
            return reverse(PODCAST_FEEDS[self.soort])
        return ""

    @property
    def oai_sets(self):
        """The OAI-PMH sets this publicatie is in: its soort and each of its leerateliers."""
        return [
            f"soort:{self.soort}",
            *(f"leeratelier:{leeratelier.slug}" for leeratelier in self.leerateliers.all()),
        ]

    @property
    def auteurs(self):
        """Author names in order (on rows from for_list/for_detail, without queries)."""
        return [auteurschap.weergave for auteurschap in self.auteurschappen.all()]


TUSSENVOEGSELS = {"van", "de", "der", "den", "het", "ten", "ter", "te", "in", "op", "'t", "d'"}


def split_naam(naam: str) -> tuple[str, str, str]:
    """``("Jan Pieter", "van der", "Berg")`` from "Jan Pieter van der Berg"; "Jansen-de Vries"
    stays one achternaam."""
    parts = naam.split()
    if len(parts) < 2:
        return "", "", naam.strip()
    start = len(parts) - 1
    # "van der Berg" and "Jansen-de Vries": tussenvoegsels (also after a hyphen) belong to
    # the last name.
    while start > 1 and (
        parts[start - 1].lower() in TUSSENVOEGSELS
        or parts[start - 1].lower().rsplit("-", 1)[-1] in TUSSENVOEGSELS
    ):
        start -= 1
    voornamen, rest = parts[:start], parts[start:]
    tussen = []
    while len(rest) > 1 and rest[0].lower() in TUSSENVOEGSELS:
        tussen.append(rest.pop(0))
    return " ".join(voornamen), " ".join(tussen), " ".join(rest)


class Auteurschap(models.Model):
    """An author of a publicatie as it was published: a person by name (voornaam or initialen,
    tussenvoegsel, achternaam), optionally linked to a persoon of the network, or an
    organisation as a whole (a werkgroep, a redactie)."""

    publicatie = models.ForeignKey(
        Publicatie,
        verbose_name=_("publicatie"),
        related_name="auteurschappen",
        on_delete=models.CASCADE,
    )
    persoon = models.ForeignKey(
        Persoon,
        verbose_name=_("persoon"),
        related_name="auteurschappen",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Leeg voor auteurs die geen persoon in het netwerk zijn."),
    )
    voornaam = models.CharField(
        _("voornaam of initialen"),
        max_length=100,
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_("Leeg bij een persoon: dan gelden de naamdelen van het profiel."),
    )
    tussenvoegsel = models.CharField(
        _("tussenvoegsel"),
        max_length=30,
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_("Bijvoorbeeld: van der."),
    )
    achternaam = models.CharField(
        _("achternaam"), max_length=100, blank=True, validators=[validate_no_control_characters]
    )
    groep = models.CharField(
        _("organisatie als auteur"),
        max_length=200,
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_("Een organisatie, werkgroep of redactie die als geheel auteur is."),
    )
    naam = models.CharField(_("naam zoals vermeld"), max_length=250, editable=False)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("auteur")
        verbose_name_plural = _("auteurs")
        ordering = ["volgorde", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(~Q(achternaam="") & Q(groep="")) | (Q(achternaam="") & ~Q(groep="")),
                name="auteurschap_persoon_or_groep",
                violation_error_message=_(
                    "Vul een achternaam (of kies een persoon) of een organisatie als auteur in, "
                    "niet allebei."
                ),
            ),
        ]

    def __str__(self):
        return self.weergave

    def save(self, *args, **kwargs):
        self.fill_in()
        super().save(*args, **kwargs)
        self._persoon_as_loaded = self.persoon_id

    def clean(self):
        self.fill_in()

    @classmethod
    def from_db(cls, db, field_names, values):
        row = super().from_db(db, field_names, values)
        row._persoon_as_loaded = row.__dict__.get("persoon_id")
        return row

    def fill_in(self):
        """A persoon without name parts, or another persoon than before, gets the name parts of
        the profile; ``naam`` is the name as it is shown (before forms check the constraints)."""
        other_persoon = self.persoon_id != getattr(self, "_persoon_as_loaded", self.persoon_id)
        if self.persoon_id and (other_persoon or not (self.achternaam or self.groep)):
            self.voornaam, self.tussenvoegsel, self.achternaam = split_naam(self.persoon.naam)
            self.groep = ""
        parts = (self.voornaam, self.tussenvoegsel, self.achternaam)
        self.naam = self.groep or " ".join(part for part in parts if part)

    @property
    def weergave(self):
        return self.naam

    @property
    def is_groep(self):
        return bool(self.groep)

    @property
    def initialen(self):
        """ "J. P." from "Jan Pieter" (or from initials typed as "J.P." or "J. P.")."""
        return " ".join(f"{part[0]}." for part in self.voornaam.replace(".", " ").split())


class Link(models.Model):
    """A link to the publicatie elsewhere, with what a visitor does there: read it online,
    watch it, listen to it, play it, order it. A YouTube or Vimeo link plays on the page."""

    publicatie = models.ForeignKey(
        Publicatie, verbose_name=_("publicatie"), related_name="links", on_delete=models.CASCADE
    )
    soort = models.CharField(_("soort link"), max_length=20, choices=LinkSoort.choices)
    url = URLField(
        _("adres"),
        help_text=_(
            "Een video op YouTube of Vimeo speelt op de pagina af, pas nadat de bezoeker op "
            "afspelen klikt."
        ),
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("externe link")
        verbose_name_plural = _("externe links")
        ordering = ["volgorde", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort__in=LinkSoort.values), name="publicatie_link_soort_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()}: {self.url}"


class Grafsteen(models.Model):
    """What harvesters still need to know of a publicatie that was public and no longer is
    (unpublished or deleted): its identifier, the sets it was in and when it went. OAI-PMH
    reports it as a deleted record, for ever (``deletedRecord`` persistent). Publishing the
    publicatie again removes its grafsteen."""

    publicatie_id = models.PositiveBigIntegerField(_("nummer van de publicatie"), unique=True)
    titel = models.CharField(_("titel"), max_length=250, blank=True)
    sets = models.JSONField(_("sets"), default=list, blank=True)
    verwijderd_at = models.DateTimeField(_("verwijderd op"), db_index=True)

    class Meta:
        verbose_name = _("grafsteen")
        verbose_name_plural = _("grafstenen")
        ordering = ["verwijderd_at", "publicatie_id"]

    def __str__(self):
        return f"{self.publicatie_id}: {self.titel}"
