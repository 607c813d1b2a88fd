"""The network core: voorwaarden, thema's, gemeenten, organisaties, personen and users.

The querysets here touch only these rows; the pages that show what runs in the network
(leerateliers, praktijken, deelnames) add their own rows in ``portaal``."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Lower
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

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

    objects = VoorwaardeQuerySet.as_manager()

    class Meta:
        verbose_name = _("voorwaarde")
        verbose_name_plural = _("voorwaarden")
        ordering = ["volgorde"]

    def __str__(self):
        return self.naam

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
