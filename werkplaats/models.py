"""The network core: voorwaarden, thema's, gemeenten, organisaties, personen and users.

The querysets here touch only these rows; the pages that show what runs in the network
(leerateliers, praktijken, deelnames) add their own rows in ``portaal``."""

import calendar
import datetime

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Lower
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from . import i18n
from .inline import inline
from .text import validate_no_control_characters
from .uploads import SafeImageField


class UserManager(BaseUserManager):
    """Users sign in with their email address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("Een gebruiker heeft een e-mailadres nodig.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("Een beheerder moet is_staff en is_superuser hebben.")
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_case_insensitive"),
        ]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class URLField(models.URLField):
    """A URL field whose forms read an address without scheme as https (Django 6's default)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


def ends_after_start(name, start="start_on", end="end_on", message=None):
    """A check that a period does not end before it starts (either end may be open)."""
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True})
        | Q(**{f"{start}__isnull": True})
        | Q(**{f"{end}__gte": models.F(start)}),
        name=name,
        violation_error_message=message or _("De einddatum ligt voor de begindatum."),
    )


class SlugFromNaamMixin:
    """Derives an empty ``slug`` from the ``slug_source`` field when the row is saved."""

    slug_source = "naam"

    def save(self, *args, **kwargs):
        if not self.slug:
            source = getattr(self, self.slug_source)
            self.slug = slugify(source)[: self._meta.get_field("slug").max_length]
        super().save(*args, **kwargs)


class VoorwaardeQuerySet(models.QuerySet):
    def for_list(self):
        return inline(self, themas=Thema.objects.order_by("naam"))

    def for_detail(self):
        return self.for_list()

    def for_api(self):
        """For /api/v1/voorwaarden/: each with its thema's."""
        return self.for_list().order_by("volgorde")


class Voorwaarde(SlugFromNaamMixin, models.Model):
    """One of the four conditions of social quality (created by a data migration)."""

    naam = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), unique=True)
    samenvatting = models.CharField(
        _("samenvatting"),
        max_length=200,
        help_text=_("Eén regel, bijvoorbeeld: basisbehoeften zoals werk, inkomen, wonen."),
    )
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    # The English interface shows these where they are filled (werkplaats/i18n.py).
    naam_en = models.CharField(_("naam in het Engels"), max_length=100, blank=True)
    samenvatting_en = models.CharField(_("samenvatting in het Engels"), max_length=200, blank=True)
    beschrijving_en = models.TextField(_("beschrijving in het Engels"), blank=True)

    objects = VoorwaardeQuerySet.as_manager()

    class Meta:
        verbose_name = _("voorwaarde")
        verbose_name_plural = _("voorwaarden")
        ordering = ["volgorde"]

    def __str__(self):
        # In the interface's language where there is a version in it (the filters' choices).
        return i18n.vertaald(self, "naam")

    def get_absolute_url(self):
        return reverse("portaal:voorwaarde_detail", kwargs={"slug": self.slug})


class ThemaQuerySet(models.QuerySet):
    def for_list(self):
        return inline(self, "voorwaarden")

    def for_detail(self):
        return self.for_list()

    def landelijk(self):
        return self.filter(is_landelijk_hoofdthema=True)

    def for_api(self):
        """For /api/v1/themas/: each with its voorwaarden, by name."""
        return self.prefetch_related(
            Prefetch("voorwaarden", queryset=Voorwaarde.objects.order_by("volgorde"))
        ).order_by("naam", "pk")


class Thema(SlugFromNaamMixin, models.Model):
    naam = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    voorwaarden = models.ManyToManyField(
        Voorwaarde, verbose_name=_("voorwaarden"), related_name="themas", blank=True
    )
    is_landelijk_hoofdthema = models.BooleanField(
        _("landelijk hoofdthema"),
        default=False,
        help_text=_("Een van de vier hoofdthema's van de landelijke Werkplaatsen Sociaal Domein."),
    )

    objects = ThemaQuerySet.as_manager()

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("portaal:thema_detail", kwargs={"slug": self.slug})


class Subregio(models.TextChoices):
    RIJK_VAN_NIJMEGEN = "rijk-van-nijmegen", _("Rijk van Nijmegen")
    ARNHEM = "arnhem", _("Arnhem")
    BETUWE = "betuwe", _("Overbetuwe en Lingewaard")
    DE_LIEMERS = "de-liemers", _("De Liemers")
    CGM = "cgm", _("CGM (Cuijk, Grave, Mill en Sint Hubert)")
    NOORD_LIMBURG = "noord-limburg", _("Noord-Limburg")


class GemeenteQuerySet(models.QuerySet):
    def for_list(self):
        # Meta.ordering does not apply to aggregating queries: order explicitly.
        return self.annotate(aantal_partners=Count("organisaties", distinct=True)).order_by("naam")

    def for_detail(self):
        return self.prefetch_related(
            Prefetch("organisaties", queryset=Organisatie.objects.order_by("naam"))
        )

    def werkgebied(self):
        """The gemeenten of the werkgebied, former ones too: not those outside it where a
        joint praktijk with another werkplaats runs (Utrecht, Oldenzaal). The one meaning of
        "our gemeenten" for lists, coverage tables, filters and counts."""
        return self.filter(in_werkgebied=True)

    def deelnemend(self):
        return self.werkgebied().filter(is_deelnemer=True)

    def for_api(self):
        """For /api/v1/gemeenten/: every gemeente (former ones and those outside the
        werkgebied too, as their pages show them) with its number of partners, by name."""
        return self.for_list().order_by("naam", "pk")

    def grouped_by_subregio(self):
        """``[(Subregio, [gemeente, …]), …]`` in the order of Subregio, empty ones left out
        (and gemeenten without a subregio: those outside the werkgebied have none)."""
        groups = {subregio: [] for subregio in Subregio}
        for gemeente in self:
            if gemeente.subregio:
                groups[Subregio(gemeente.subregio)].append(gemeente)
        return [(subregio, gemeenten) for subregio, gemeenten in groups.items() if gemeenten]


class Gemeente(SlugFromNaamMixin, models.Model):
    naam = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    subregio = models.CharField(
        _("subregio"),
        max_length=30,
        choices=Subregio.choices,
        blank=True,
        help_text=_("Leeg alleen bij een gemeente buiten het werkgebied."),
    )
    cbs_code = models.CharField(
        _("CBS-code"),
        max_length=6,
        unique=True,
        help_text=_("De gemeentecode van het CBS, bijvoorbeeld GM0268 voor Nijmegen."),
    )
    is_deelnemer = models.BooleanField(
        _("deelnemende gemeente"),
        default=True,
        help_text=_("Uit: de gemeente was eerder bij de werkplaats betrokken."),
    )
    in_werkgebied = models.BooleanField(
        _("in het werkgebied"),
        default=True,
        help_text=_(
            "Uit: een gemeente buiten het werkgebied, waar een praktijk samen met een andere "
            "werkplaats loopt. Ze staat dan niet in het werkgebied, de overzichten en de "
            "filters, wel bij die praktijk."
        ),
    )
    toelichting = models.TextField(_("toelichting"), blank=True)

    objects = GemeenteQuerySet.as_manager()

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(subregio__in=Subregio.values) | Q(subregio="", in_werkgebied=False),
                name="gemeente_subregio_valid",
                violation_error_message=_("Kies de subregio van deze gemeente in het werkgebied."),
            ),
            models.CheckConstraint(
                condition=Q(in_werkgebied=True) | Q(is_deelnemer=False),
                name="gemeente_deelnemer_in_werkgebied",
                violation_error_message=_(
                    "Een deelnemende gemeente hoort bij het werkgebied: zet ‘in het werkgebied’ "
                    "aan of ‘deelnemende gemeente’ uit."
                ),
            ),
            models.CheckConstraint(
                condition=Q(cbs_code__regex=r"^GM[0-9]{4}$"), name="gemeente_cbs_code_format"
            ),
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("portaal:gemeente_detail", kwargs={"slug": self.slug})


class Soort(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    HOGESCHOOL = "hogeschool", _("Hogeschool of opleiding")
    LECTORAAT = "lectoraat", _("Lectoraat of kenniscentrum")
    MBO = "mbo", _("ROC of mbo")
    ONDERWIJS = "onderwijs", _("Ander onderwijs")
    WELZIJN = "welzijn", _("Welzijn")
    ZORG = "zorg", _("Zorg")
    WONEN = "wonen", _("Wonen")
    WERK = "werk", _("Werk en inkomen")
    ERVARINGSDESKUNDIGEN = "ervaringsdeskundigen", _("Cliënten en ervaringsdeskundigen")
    KENNISINSTELLING = "kennisinstelling", _("Kennisinstelling")
    WERKPLAATS = "werkplaats", _("Werkplaats of leernetwerk")
    # The regional Werkplaatsen Sociaal Domein (this one among them) and their national
    # network: on /werkplaatsen/, with their regio, hogeschool, lectoraat and gemeenten.
    WERKPLAATS_SOCIAAL_DOMEIN = "werkplaats-sociaal-domein", _("Werkplaats Sociaal Domein")
    SAMENWERKING = "samenwerking", _("Samenwerkingsverband")


class OrganisatieQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("gemeente")

    def for_detail(self):
        return self.select_related("gemeente", "onderdeel_van").prefetch_related(
            Prefetch("personen", queryset=Persoon.objects.order_by("naam")),
            Prefetch("onderdelen", queryset=Organisatie.objects.order_by("naam")),
        )

    def for_api(self):
        """For /api/v1/organisaties/: what its page shows of the organisation itself (its
        gemeente, parent, parts and contactpersonen, and a werkplaats' regio, hogeschool,
        lectoraat and gemeenten; ``is_eigen`` for this werkplaats' own), by name."""
        return (
            self.for_detail()
            .select_related("hogeschool", "lectoraat")
            .prefetch_related(
                Prefetch("regio_gemeenten", queryset=Gemeente.objects.order_by("naam"))
            )
            .annotate(is_eigen=Exists(Profiel.objects.filter(organisatie=OuterRef("pk"))))
            .order_by("naam", "pk")
        )

    def werkplaatsen(self):
        """The Werkplaatsen Sociaal Domein: the regional ones and their national network."""
        return self.filter(soort=Soort.WERKPLAATS_SOCIAAL_DOMEIN)

    def for_werkplaatsen(self):
        """For /werkplaatsen/ and a werkplaats' page: each werkplaats with its hogeschool,
        lectoraat and the gemeenten of its region, by name."""
        return (
            self.werkplaatsen()
            .select_related("gemeente", "onderdeel_van", "hogeschool", "lectoraat")
            .prefetch_related(
                Prefetch("regio_gemeenten", queryset=Gemeente.objects.order_by("naam"))
            )
            .order_by("naam")
        )


class Organisatie(SlugFromNaamMixin, models.Model):
    """A netwerkpartner: gemeente, hogeschool, welzijn, zorg, …"""

    naam = models.CharField(_("naam"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    afkorting = models.CharField(_("afkorting"), max_length=30, blank=True)
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("gemeente"),
        related_name="organisaties",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("Waar de organisatie gevestigd is of werkt; leeg voor regionaal of landelijk."),
    )
    onderdeel_van = models.ForeignKey(
        "self",
        verbose_name=_("onderdeel van"),
        related_name="onderdelen",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    website = URLField(_("website"), blank=True)
    logo = SafeImageField(_("logo"), upload_to="organisaties/logo/", blank=True)
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    # Only for a Werkplaats Sociaal Domein (a constraint and clean() hold that): what
    # /werkplaatsen/ shows of it, as far as a source gives it.
    regio = models.CharField(
        _("regio"),
        max_length=150,
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_(
            "Alleen bij een Werkplaats Sociaal Domein: de regio, bijvoorbeeld Twente. Leeg bij "
            "het landelijke netwerk."
        ),
    )
    hogeschool = models.ForeignKey(
        "self",
        verbose_name=_("hogeschool"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        limit_choices_to={"soort": Soort.HOGESCHOOL},
        help_text=_("Alleen bij een Werkplaats Sociaal Domein: de hogeschool waar ze bij hoort."),
    )
    lectoraat = models.ForeignKey(
        "self",
        verbose_name=_("lectoraat"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        limit_choices_to={"soort": Soort.LECTORAAT},
        help_text=_("Alleen bij een Werkplaats Sociaal Domein: het lectoraat dat haar draagt."),
    )
    regio_gemeenten = models.ManyToManyField(
        Gemeente,
        verbose_name=_("gemeenten in de regio"),
        related_name="werkplaatsen",
        blank=True,
        help_text=_(
            "Alleen bij een Werkplaats Sociaal Domein: de gemeenten van haar regio, voor zover "
            "bekend."
        ),
    )

    objects = OrganisatieQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort__in=Soort.values), name="organisatie_soort_valid"
            ),
            models.CheckConstraint(
                condition=~Q(onderdeel_van=models.F("id")), name="organisatie_not_part_of_itself"
            ),
            models.CheckConstraint(
                condition=Q(soort=Soort.WERKPLAATS_SOCIAAL_DOMEIN)
                | Q(regio="", hogeschool__isnull=True, lectoraat__isnull=True),
                name="organisatie_werkplaats_fields_only_for_werkplaatsen",
                violation_error_message=_(
                    "Regio, hogeschool en lectoraat horen alleen bij een Werkplaats Sociaal Domein."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(hogeschool=models.F("id")) & ~Q(lectoraat=models.F("id")),
                name="organisatie_werkplaats_not_its_own_hogeschool",
                violation_error_message=_(
                    "Een werkplaats is niet haar eigen hogeschool of lectoraat."
                ),
            ),
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("portaal:organisatie_detail", kwargs={"slug": self.slug})

    def clean(self):
        # The constraint, where forms can show it: they leave out constraints on the id.
        if self.pk is not None and self.pk in (self.hogeschool_id, self.lectoraat_id):
            field = "hogeschool" if self.hogeschool_id == self.pk else "lectoraat"
            raise ValidationError(
                {field: _("Een werkplaats is niet haar eigen hogeschool of lectoraat.")}
            )

    @property
    def is_werkplaats_sociaal_domein(self):
        return self.soort == Soort.WERKPLAATS_SOCIAAL_DOMEIN

    def get_werkplaats_url(self):
        """The page of a Werkplaats Sociaal Domein among the werkplaatsen, or None."""
        if not self.is_werkplaats_sociaal_domein:
            return None
        return reverse("portaal:werkplaats_detail", kwargs={"slug": self.slug})


class PersoonQuerySet(models.QuerySet):
    def for_list(self):
        """Name, functie and organisatie of every persoon (the list sorts them by achternaam)."""
        return self.select_related("organisatie")

    def for_detail(self):
        """The profile's own rows; the pages that show what it does elsewhere add theirs."""
        return self.select_related("organisatie", "organisatie__onderdeel_van")

    def for_api(self):
        """For /api/v1/personen/: every persoon with their organisatie, by name (the page
        sorts by achternaam, which a database cannot page through)."""
        return self.for_list().order_by("naam", "pk")


class Persoon(SlugFromNaamMixin, models.Model):
    """A public contact: a trekker, onderzoeker, lector or partner contact."""

    naam = models.CharField(_("naam"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    functie = models.CharField(_("functie"), max_length=200, blank=True)
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        related_name="personen",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    email = models.EmailField(
        _("openbaar e-mailadres"),
        blank=True,
        help_text=_("Staat op de website. Laat leeg als de persoon dat niet wil."),
    )
    user = models.OneToOneField(
        User,
        verbose_name=_("account"),
        related_name="persoon",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    bio = models.TextField(_("over deze persoon"), blank=True)

    objects = PersoonQuerySet.as_manager()

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("portaal:persoon_detail", kwargs={"slug": self.slug})


PROFIEL_CACHE_KEY = "werkplaats:profiel"
# A change reaches a process that keeps its own cache (no REDIS_URL) within this time.
PROFIEL_CACHE_SECONDS = 60


class ProfielQuerySet(models.QuerySet):
    def current(self):
        """The werkplaats' profile; until the beheerder fills it in, an unsaved one that names
        no region or person. Every page shows it, so it is kept in the cache for a minute, and
        forgotten as soon as it or a row it names changes (see ``forget_profiel``)."""
        profiel = cache.get(PROFIEL_CACHE_KEY)
        if profiel is None:
            profiel = (
                self.select_related(
                    "organisatie", "lectoraat", "penvoerder", "contactpersoon__organisatie"
                ).first()
                or Profiel()
            )
            cache.set(PROFIEL_CACHE_KEY, profiel, timeout=PROFIEL_CACHE_SECONDS)
        return profiel


class Profiel(models.Model):
    """Who the werkplaats is: its name and region, lectoraat and penvoerder, how to reach it.
    The header, footer, home page, contact page, feeds, calendars, citations and emails read
    it, so another werkplaats can run the portal with a profile of its own. One row."""

    sleutel = models.CharField(max_length=10, default="profiel", unique=True, editable=False)
    naam = models.CharField(
        _("naam"),
        max_length=150,
        default="Werkplaats Sociaal Domein",
        validators=[validate_no_control_characters],
    )
    regio = models.CharField(
        _("regio"),
        max_length=150,
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_("De steden of de streek van het werkgebied; staat achter de naam."),
    )
    omschrijving = models.CharField(
        _("korte omschrijving"),
        max_length=300,
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_("Eén of twee zinnen, voor de voettekst en voor zoekmachines."),
    )
    introductie = models.TextField(
        _("introductie op de startpagina"), blank=True, help_text=_("Markdown.")
    )
    over = models.TextField(
        _("over de werkplaats"),
        blank=True,
        help_text=_("Markdown; staat op de contactpagina."),
    )
    # The English interface shows these where they are filled (werkplaats/i18n.py).
    omschrijving_en = models.CharField(
        _("korte omschrijving in het Engels"),
        max_length=300,
        blank=True,
        validators=[validate_no_control_characters],
    )
    introductie_en = models.TextField(
        _("introductie in het Engels"), blank=True, help_text=_("Markdown.")
    )
    over_en = models.TextField(
        _("over de werkplaats, in het Engels"), blank=True, help_text=_("Markdown.")
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("de werkplaats als organisatie"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        limit_choices_to={"soort": Soort.WERKPLAATS_SOCIAAL_DOMEIN},
        help_text=_(
            "Deze werkplaats tussen de andere Werkplaatsen Sociaal Domein: op /werkplaatsen/ "
            "staat ze als de onze."
        ),
    )
    lectoraat = models.ForeignKey(
        Organisatie,
        verbose_name=_("lectoraat"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    penvoerder = models.ForeignKey(
        Organisatie,
        verbose_name=_("penvoerder"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    contactpersoon = models.ForeignKey(
        Persoon,
        verbose_name=_("contactpersoon"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoon = models.CharField(
        _("telefoonnummer"),
        max_length=30,
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_("Een algemeen nummer; nooit een privénummer."),
    )
    postadres = models.TextField(
        _("postadres"), blank=True, validators=[validate_no_control_characters]
    )
    website = URLField(_("website"), blank=True)
    # The colofon's "laatst gewijzigd": saving the profile (its links too) in the admin.
    gewijzigd_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    objects = ProfielQuerySet.as_manager()

    class Meta:
        verbose_name = _("profiel van de werkplaats")
        verbose_name_plural = _("profiel van de werkplaats")
        constraints = [
            models.CheckConstraint(condition=Q(sleutel="profiel"), name="profiel_one_row"),
        ]

    def __str__(self):
        return self.volledige_naam

    def get_absolute_url(self):
        return reverse("portaal:contact")

    @property
    def volledige_naam(self):
        """The name followed by the region, or the name alone."""
        return f"{self.naam} {self.regio}".strip()


class Link(models.Model):
    """Where else the werkplaats can be found: a website, social media."""

    profiel = models.ForeignKey(
        Profiel, verbose_name=_("profiel"), related_name="links", on_delete=models.CASCADE
    )
    naam = models.CharField(
        _("naam"),
        max_length=60,
        validators=[validate_no_control_characters],
        help_text=_("Zoals hij op de site staat, bijvoorbeeld: LinkedIn."),
    )
    url = URLField(_("adres"))
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["volgorde", "id"]

    def __str__(self):
        return self.naam


def forget_profiel(sender, instance, **kwargs):
    """The cached profile is out of date once the profile or its links change, or a row it
    shows: its organisation, lectoraat, penvoerder, contact person or that person's
    organisation. Forgotten when the change is committed, so no page caches the row as it
    was before."""
    if sender in (Organisatie, Persoon):
        profiel = cache.get(PROFIEL_CACHE_KEY)
        if profiel is None:
            return
        contact = profiel.contactpersoon
        if sender is Organisatie:
            shown = {profiel.organisatie_id, profiel.lectoraat_id, profiel.penvoerder_id}
            shown.add(contact and contact.organisatie_id)
        else:
            shown = {profiel.contactpersoon_id}
        if instance.pk not in shown:
            return
    transaction.on_commit(lambda: cache.delete(PROFIEL_CACHE_KEY))


for _model in (Profiel, Link, Organisatie, Persoon):
    post_save.connect(
        forget_profiel, sender=_model, dispatch_uid=f"forget_profiel_{_model.__name__}"
    )
    post_delete.connect(
        forget_profiel, sender=_model, dispatch_uid=f"forget_profiel_del_{_model.__name__}"
    )


class PrivacyverklaringQuerySet(models.QuerySet):
    def geldend(self):
        """The statement in force: the newest version whose date has come."""
        return self.filter(geldig_vanaf__lte=timezone.localdate()).order_by("-versie").first()


class Privacyverklaring(models.Model):
    """One version of the privacyverklaring. Consent records name the version they were given
    under, so an old version stays readable and is never changed once it is in force."""

    versie = models.PositiveIntegerField(_("versie"), unique=True)
    geldig_vanaf = models.DateField(_("geldig vanaf"))
    tekst = models.TextField(_("tekst"), help_text=_("Markdown."))

    objects = PrivacyverklaringQuerySet.as_manager()

    class Meta:
        verbose_name = _("privacyverklaring")
        verbose_name_plural = _("privacyverklaringen")
        ordering = ["-versie"]

    def __str__(self):
        return _("Privacyverklaring, versie %(versie)s") % {"versie": self.versie}

    def get_absolute_url(self):
        return reverse("werkplaats:privacy_versie", kwargs={"versie": self.versie})


# --- The toegankelijkheidsverklaring ---------------------------------------------------------


def maanden_eerder(datum: datetime.date, maanden: int) -> datetime.date:
    """The same day ``maanden`` months before ``datum``; the last day of that month when it is
    shorter (31 August, six months back, is 28 or 29 February)."""
    index = datum.year * 12 + datum.month - 1 - maanden
    jaar, maand = divmod(index, 12)
    laatste = calendar.monthrange(jaar, maand + 1)[1]
    return datetime.date(jaar, maand + 1, min(datum.day, laatste))


# How long an accessibility research report counts, and how long a statement with status C
# holds (digitoegankelijk.nl, "De status"): three years, and six months after publication.
ONDERZOEK_GELDIG_MAANDEN = 36
STATUS_C_GELDIG_MAANDEN = 6


class Nalevingsstatus(models.TextChoices):
    """The status of the Dutch model statement (digitoegankelijk.nl, "De status"). E, no
    statement at all, is never stored: it is what the page says while there is none."""

    A = "A", _("A: voldoet volledig")
    B = "B", _("B: voldoet gedeeltelijk")
    C = "C", _("C: eerste maatregelen genomen")
    D = "D", _("D: voldoet niet")

    @property
    def uitleg(self):
        """What the status means, after the table on digitoegankelijk.nl."""
        return {
            "A": _(
                "Een volledig en goed uitgevoerd toegankelijkheidsonderzoek van hooguit drie "
                "jaar oud laat zien dat de website aan alle 50 eisen voldoet. De website "
                "voldoet aan de wet."
            ),
            "B": _(
                "Een volledig en goed uitgevoerd toegankelijkheidsonderzoek van hooguit drie "
                "jaar oud laat zien dat de website nog niet aan alle 50 eisen voldoet. De "
                "website voldoet aan de wet als de maatregelen beschreven zijn en er elk jaar "
                "verbetering is."
            ),
            "C": _(
                "Er is nog geen volledig en goed uitgevoerd onderzoek van hooguit drie jaar "
                "oud, maar binnen zes maanden is er een gepland. De website voldoet aan de "
                "wet, tot zes maanden nadat de verklaring is gepubliceerd."
            ),
            "D": _(
                "Er is geen volledig en goed uitgevoerd onderzoek van hooguit drie jaar oud, "
                "en er is ook geen onderzoek binnen zes maanden gepland. De website voldoet "
                "niet aan de wet."
            ),
        }[self.value]


class Succescriterium(models.TextChoices):
    """The 50 success criteria of WCAG 2.1 at level A and AA, the requirements of the Dutch
    law (through EN 301 549), with their Dutch names."""

    SC_1_1_1 = "1.1.1", _("1.1.1 Niet-tekstuele content (A)")
    SC_1_2_1 = "1.2.1", _("1.2.1 Louter-geluid en louter-videobeeld (vooraf opgenomen) (A)")
    SC_1_2_2 = "1.2.2", _("1.2.2 Ondertitels voor doven en slechthorenden (vooraf opgenomen) (A)")
    SC_1_2_3 = "1.2.3", _("1.2.3 Audiodescriptie of media-alternatief (vooraf opgenomen) (A)")
    SC_1_2_4 = "1.2.4", _("1.2.4 Ondertitels voor doven en slechthorenden (live) (AA)")
    SC_1_2_5 = "1.2.5", _("1.2.5 Audiodescriptie (vooraf opgenomen) (AA)")
    SC_1_3_1 = "1.3.1", _("1.3.1 Info en relaties (A)")
    SC_1_3_2 = "1.3.2", _("1.3.2 Betekenisvolle volgorde (A)")
    SC_1_3_3 = "1.3.3", _("1.3.3 Zintuiglijke eigenschappen (A)")
    SC_1_3_4 = "1.3.4", _("1.3.4 Weergavestand (AA)")
    SC_1_3_5 = "1.3.5", _("1.3.5 Identificeer het doel van de input (AA)")
    SC_1_4_1 = "1.4.1", _("1.4.1 Gebruik van kleur (A)")
    SC_1_4_2 = "1.4.2", _("1.4.2 Geluidsbediening (A)")
    SC_1_4_3 = "1.4.3", _("1.4.3 Contrast (minimum) (AA)")
    SC_1_4_4 = "1.4.4", _("1.4.4 Herschalen van tekst (AA)")
    SC_1_4_5 = "1.4.5", _("1.4.5 Afbeeldingen van tekst (AA)")
    SC_1_4_10 = "1.4.10", _("1.4.10 Reflow (AA)")
    SC_1_4_11 = "1.4.11", _("1.4.11 Contrast van niet-tekstuele content (AA)")
    SC_1_4_12 = "1.4.12", _("1.4.12 Tekstafstand (AA)")
    SC_1_4_13 = "1.4.13", _("1.4.13 Content bij hover of focus (AA)")
    SC_2_1_1 = "2.1.1", _("2.1.1 Toetsenbord (A)")
    SC_2_1_2 = "2.1.2", _("2.1.2 Geen toetsenbordval (A)")
    SC_2_1_4 = "2.1.4", _("2.1.4 Enkel teken sneltoetsen (A)")
    SC_2_2_1 = "2.2.1", _("2.2.1 Timing aanpasbaar (A)")
    SC_2_2_2 = "2.2.2", _("2.2.2 Pauzeren, stoppen, verbergen (A)")
    SC_2_3_1 = "2.3.1", _("2.3.1 Drie flitsen of beneden drempelwaarde (A)")
    SC_2_4_1 = "2.4.1", _("2.4.1 Blokken omzeilen (A)")
    SC_2_4_2 = "2.4.2", _("2.4.2 Paginatitel (A)")
    SC_2_4_3 = "2.4.3", _("2.4.3 Focusvolgorde (A)")
    SC_2_4_4 = "2.4.4", _("2.4.4 Linkdoel (in context) (A)")
    SC_2_4_5 = "2.4.5", _("2.4.5 Meerdere manieren (AA)")
    SC_2_4_6 = "2.4.6", _("2.4.6 Koppen en labels (AA)")
    SC_2_4_7 = "2.4.7", _("2.4.7 Focus zichtbaar (AA)")
    SC_2_5_1 = "2.5.1", _("2.5.1 Aanwijzergebaren (A)")
    SC_2_5_2 = "2.5.2", _("2.5.2 Aanwijzerannulering (A)")
    SC_2_5_3 = "2.5.3", _("2.5.3 Label in naam (A)")
    SC_2_5_4 = "2.5.4", _("2.5.4 Bewegingsactivering (A)")
    SC_3_1_1 = "3.1.1", _("3.1.1 Taal van de pagina (A)")
    SC_3_1_2 = "3.1.2", _("3.1.2 Taal van onderdelen (AA)")
    SC_3_2_1 = "3.2.1", _("3.2.1 Bij focus (A)")
    SC_3_2_2 = "3.2.2", _("3.2.2 Bij input (A)")
    SC_3_2_3 = "3.2.3", _("3.2.3 Consistente navigatie (AA)")
    SC_3_2_4 = "3.2.4", _("3.2.4 Consistente identificatie (AA)")
    SC_3_3_1 = "3.3.1", _("3.3.1 Foutidentificatie (A)")
    SC_3_3_2 = "3.3.2", _("3.3.2 Labels of instructies (A)")
    SC_3_3_3 = "3.3.3", _("3.3.3 Foutsuggestie (AA)")
    SC_3_3_4 = "3.3.4", _("3.3.4 Foutpreventie (wettelijk, financieel, gegevens) (AA)")
    SC_4_1_1 = "4.1.1", _("4.1.1 Parsen (A)")
    SC_4_1_2 = "4.1.2", _("4.1.2 Naam, rol, waarde (A)")
    SC_4_1_3 = "4.1.3", _("4.1.3 Statusberichten (AA)")


class ToegankelijkheidsverklaringQuerySet(models.QuerySet):
    def geldend(self, op: datetime.date | None = None):
        """The statement on the page: the newest whose date has come, with its problems."""
        op = op or timezone.localdate()
        return (
            self.filter(opgesteld_on__lte=op)
            .prefetch_related("problemen")
            .order_by("-opgesteld_on", "-pk")
            .first()
        )

    def met_verouderd_onderzoek(self, op: datetime.date | None = None):
        """Statements whose research report is more than three years old on ``op``."""
        grens = maanden_eerder(op or timezone.localdate(), ONDERZOEK_GELDIG_MAANDEN)
        return self.filter(onderzoek_on__lt=grens)

    def met_verlopen_status_c(self, op: datetime.date | None = None):
        """Statements with status C dated more than six months before ``op``."""
        grens = maanden_eerder(op or timezone.localdate(), STATUS_C_GELDIG_MAANDEN)
        return self.filter(status=Nalevingsstatus.C, opgesteld_on__lt=grens)

    def verouderd(self, op: datetime.date | None = None):
        """Statements the page warns about (either rule above)."""
        return self.met_verouderd_onderzoek(op) | self.met_verlopen_status_c(op)


class Toegankelijkheidsverklaring(models.Model):
    """The toegankelijkheidsverklaring at /toegankelijkheid/, after the Dutch model statement:
    the status, the research it rests on, the known problems (``Toegankelijkheidsprobleem``),
    the measures, where to report a problem and who signed it off. The page shows the newest;
    earlier ones stay in the admin as a record."""

    status = models.CharField(
        _("status"),
        max_length=1,
        choices=Nalevingsstatus.choices,
        help_text=_(
            "Volgens de uitleg op digitoegankelijk.nl. A en B vragen een onderzoeksrapport van "
            "hooguit drie jaar oud; C een onderzoek dat binnen zes maanden gepland is."
        ),
    )
    opgesteld_on = models.DateField(
        _("datum van de verklaring"),
        help_text=_("Vanaf deze datum staat de verklaring op de website."),
    )
    geldt_voor = models.TextField(
        _("geldt voor"),
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_(
            "De website(s) en domeinen waarvoor de verklaring geldt. Leeg: deze website, op het "
            "adres waarop ze bezocht wordt."
        ),
    )
    onderzoek_on = models.DateField(
        _("datum van het laatste onderzoek"),
        null=True,
        blank=True,
        help_text=_("Het meest recente toegankelijkheidsonderzoek van de hele website."),
    )
    onderzoek_door = models.CharField(
        _("onderzoek uitgevoerd door"),
        max_length=200,
        blank=True,
        validators=[validate_no_control_characters],
    )
    onderzoek_url = URLField(_("link naar het onderzoeksrapport"), blank=True)
    onderzoek_gepland_on = models.DateField(
        _("volgend onderzoek gepland vóór"),
        null=True,
        blank=True,
        help_text=_("Nodig bij status C: uiterlijk zes maanden na de datum van de verklaring."),
    )
    maatregelen = models.TextField(
        _("maatregelen"),
        blank=True,
        help_text=_(
            "Markdown. Wat de werkplaats doet en van plan is om de website toegankelijk te "
            "maken en te houden, naast de maatregelen per probleem."
        ),
    )
    contact_email = models.EmailField(
        _("e-mailadres voor meldingen"),
        blank=True,
        help_text=_("Leeg: het e-mailadres uit het profiel van de werkplaats."),
    )
    contact_url = URLField(
        _("pagina voor meldingen"),
        blank=True,
        help_text=_("Een formulier of contactpagina; staat vóór het e-mailadres."),
    )
    reactietermijn = models.PositiveSmallIntegerField(
        _("reactietermijn in werkdagen"),
        default=5,
        validators=[MinValueValidator(1)],
        help_text=_("Binnen zoveel werkdagen krijgt wie een probleem meldt een reactie."),
    )
    akkoord_naam = models.CharField(
        _("akkoord gegeven door"),
        max_length=150,
        validators=[validate_no_control_characters],
        help_text=_("De naam van wie namens de werkplaats voor de verklaring tekende."),
    )
    akkoord_functie = models.CharField(
        _("functie"), max_length=150, validators=[validate_no_control_characters]
    )
    akkoord_on = models.DateField(_("datum van akkoord"))

    objects = ToegankelijkheidsverklaringQuerySet.as_manager()

    class Meta:
        verbose_name = _("toegankelijkheidsverklaring")
        verbose_name_plural = _("toegankelijkheidsverklaringen")
        ordering = ["-opgesteld_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Nalevingsstatus.values),
                name="toegankelijkheidsverklaring_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[Nalevingsstatus.A, Nalevingsstatus.B])
                | (Q(onderzoek_on__isnull=False) & ~Q(onderzoek_door="") & ~Q(onderzoek_url="")),
                name="toegankelijkheidsverklaring_a_b_need_research",
                violation_error_message=_(
                    "Status A en B vragen een onderzoek: vul de datum in, wie het deed en de "
                    "link naar het rapport."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status=Nalevingsstatus.C) | Q(onderzoek_gepland_on__isnull=False),
                name="toegankelijkheidsverklaring_c_needs_planned_research",
                violation_error_message=_(
                    "Status C vraagt een gepland onderzoek: vul in vóór welke datum."
                ),
            ),
            models.CheckConstraint(
                condition=Q(onderzoek_on__isnull=True) | ~Q(onderzoek_door=""),
                name="toegankelijkheidsverklaring_research_names_who",
                violation_error_message=_("Vul in wie het onderzoek uitvoerde."),
            ),
        ]

    def __str__(self):
        return _("Toegankelijkheidsverklaring van %(datum)s") % {
            "datum": self.opgesteld_on.strftime("%d-%m-%Y") if self.opgesteld_on else "…"
        }

    def get_absolute_url(self):
        return reverse("werkplaats:toegankelijkheid")

    def clean(self):
        super().clean()
        errors = {}
        vandaag = timezone.localdate()
        if self.onderzoek_on and self.onderzoek_on > vandaag:
            errors["onderzoek_on"] = _(
                "Een onderzoek dat nog moet komen, staat bij 'volgend onderzoek gepland vóór'."
            )
        if (
            self.status == Nalevingsstatus.C
            and self.onderzoek_gepland_on
            and self.opgesteld_on
            and maanden_eerder(self.onderzoek_gepland_on, STATUS_C_GELDIG_MAANDEN)
            > self.opgesteld_on
        ):
            errors["onderzoek_gepland_on"] = _(
                "Bij status C is het onderzoek gepland binnen zes maanden na de datum van de "
                "verklaring."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def status_naam(self):
        return Nalevingsstatus(self.status).label

    @property
    def status_uitleg(self):
        return Nalevingsstatus(self.status).uitleg

    def is_onderzoek_verouderd(self, op: datetime.date | None = None) -> bool:
        """The research report is more than three years old on ``op`` (today)."""
        grens = maanden_eerder(op or timezone.localdate(), ONDERZOEK_GELDIG_MAANDEN)
        return self.onderzoek_on is not None and self.onderzoek_on < grens

    def is_status_c_verlopen(self, op: datetime.date | None = None) -> bool:
        """Status C, and the statement is more than six months old on ``op`` (today)."""
        grens = maanden_eerder(op or timezone.localdate(), STATUS_C_GELDIG_MAANDEN)
        return self.status == Nalevingsstatus.C and self.opgesteld_on < grens

    def is_verouderd(self, op: datetime.date | None = None) -> bool:
        return self.is_onderzoek_verouderd(op) or self.is_status_c_verlopen(op)

    def meldadres(self, profiel: "Profiel") -> tuple[str, str]:
        """Where an accessibility problem is reported, as (link, text): the page for it, the
        statement's address, or the werkplaats' own address; the contact page when none is
        known."""
        if self.contact_url:
            return self.contact_url, self.contact_url
        email = self.contact_email or profiel.email
        if email:
            return f"mailto:{email}", email
        return reverse("portaal:contact"), _("de contactpagina")


class Toegankelijkheidsprobleem(models.Model):
    """A known problem on the website: what does not work and for whom, which success
    criterion it fails, what the werkplaats will do about it and when."""

    verklaring = models.ForeignKey(
        Toegankelijkheidsverklaring,
        verbose_name=_("verklaring"),
        related_name="problemen",
        on_delete=models.CASCADE,
    )
    omschrijving = models.TextField(
        _("wat werkt er niet"),
        validators=[validate_no_control_characters],
        help_text=_("Waar op de website, en wat het betekent voor wie het treft."),
    )
    succescriterium = models.CharField(
        _("succescriterium"), max_length=6, choices=Succescriterium.choices
    )
    maatregel = models.TextField(
        _("maatregel"),
        validators=[validate_no_control_characters],
        help_text=_("Wat de werkplaats eraan doet."),
    )
    opgelost_on = models.DateField(
        _("opgelost vóór"), help_text=_("Wanneer de maatregel uitgevoerd is.")
    )

    class Meta:
        verbose_name = _("bekend probleem")
        verbose_name_plural = _("bekende problemen")
        ordering = ["opgelost_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(succescriterium__in=Succescriterium.values),
                name="toegankelijkheidsprobleem_succescriterium_valid",
            ),
        ]

    def __str__(self):
        return self.get_succescriterium_display()


class UitgaandeMailQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(verstuurd_at__isnull=True, geweigerd_at__isnull=True)


class UitgaandeMail(models.Model):
    """One email about one event, stored before it is sent: the row exists once per
    ``sleutel`` (the event and its recipient), so reporting the event again, or retrying a
    failed run, never sends the email twice. Sent rows are forgotten after a month."""

    sleutel = models.CharField(_("sleutel"), max_length=200, unique=True)
    user = models.ForeignKey(
        "User",
        verbose_name=_("account"),
        related_name="uitgaande_mails",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    aan = models.EmailField(_("aan"))
    onderwerp = models.CharField(_("onderwerp"), max_length=300)
    tekst = models.TextField(_("tekst"))
    html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("kopregels"), default=dict, blank=True)
    aangemaakt_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    verstuurd_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    geweigerd_at = models.DateTimeField(_("geweigerd op"), null=True, blank=True)

    objects = UitgaandeMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        ordering = ["-aangemaakt_at"]

    def __str__(self):
        # No email address here: this text ends up in the admin's log.
        return _("E-mail %(nummer)s: %(onderwerp)s") % {
            "nummer": self.pk,
            "onderwerp": self.onderwerp,
        }


class GeplandeTaak(models.Model):
    """The last run of one periodic job (``werkplaats.scheduler``): the slot it ran for, when
    it started and ended, and whether it failed. A run takes its slot by one UPDATE of this
    row, so a slot is run once however many schedulers start."""

    naam = models.CharField(_("naam"), max_length=100, unique=True)
    ingepland_at = models.DateTimeField(_("ingepland voor"), null=True, blank=True)
    gestart_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    klaar_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    is_mislukt = models.BooleanField(_("mislukt"), default=False)
    fout = models.TextField(_("fout"), blank=True)

    class Meta:
        verbose_name = _("geplande taak")
        verbose_name_plural = _("geplande taken")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ingepland_at__isnull=True, gestart_at__isnull=True)
                | Q(ingepland_at__isnull=False, gestart_at__isnull=False),
                name="geplandetaak_started_when_planned",
            ),
        ]

    def __str__(self):
        return self.naam
