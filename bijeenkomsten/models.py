"""Bijeenkomsten: arena and tribune meetings, symposia and sessions, with registration."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce, ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from leerateliers.models import Leeratelier
from werkplaats.models import Gemeente, Persoon, URLField
from werkplaats.text import validate_no_control_characters
from werkplaats.uploads import SafeFileField, file_kind

# Dates outside these years are typing errors (and would make calendars very long).
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100
# Everyone with a seat is reminded this long before the start.
REMINDER_BEFORE = datetime.timedelta(days=2)
# A guest's name and email address are kept this long after the bijeenkomst (AVG), then erased.
GUEST_DATA_KEPT = datetime.timedelta(days=365)


class Soort(models.TextChoices):
    ARENABIJEENKOMST = "arenabijeenkomst", _("Arenabijeenkomst")
    TRIBUNEBIJEENKOMST = "tribunebijeenkomst", _("Tribunebijeenkomst")
    NETWERKBIJEENKOMST = "netwerkbijeenkomst", _("Netwerkbijeenkomst")
    THEMABESPREKING = "themabespreking", _("Themabespreking")
    LEERSESSIE = "leer-en-ontwikkelsessie", _("Leer- en ontwikkelsessie")
    SYMPOSIUM = "symposium", _("Symposium")
    TRAINING = "training", _("Training")


class Status(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    GEANNULEERD = "geannuleerd", _("Geannuleerd")


class AanmeldingStatus(models.TextChoices):
    AANGEMELD = "aangemeld", _("Aangemeld")
    WACHTLIJST = "wachtlijst", _("Op de wachtlijst")
    AFGEMELD = "afgemeld", _("Afgemeld")

    @classmethod
    def active(cls):
        """The registrations that still expect something: a seat or a place in the queue."""
        return [cls.AANGEMELD, cls.WACHTLIJST]


def _count(status):
    return Count("aanmeldingen", filter=Q(aanmeldingen__status=status), distinct=True)


class BijeenkomstQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        """Not yet over (one that is going on now still counts), soonest first."""
        return self.filter(end_at__gte=now or timezone.now()).order_by("start_at", "pk")

    def past(self, now=None):
        """Over, most recent first: the archive."""
        return self.filter(end_at__lt=now or timezone.now()).order_by("-start_at", "-pk")

    def awaiting_verslag(self, now=None):
        """Took place (not cancelled) and no verslag has gone out yet: the programmacommissie's
        next step after a bijeenkomst."""
        sent = Bericht.objects.filter(bijeenkomst=OuterRef("pk"), soort=BerichtSoort.VERSLAG)
        return self.past(now).filter(status=Status.GEPLAND).exclude(Exists(sent))

    def with_counts(self):
        return self.annotate(
            aantal_aangemeld=_count(AanmeldingStatus.AANGEMELD),
            aantal_wachtlijst=_count(AanmeldingStatus.WACHTLIJST),
        )

    def for_list(self):
        return self.select_related("leeratelier", "gemeente").with_counts()

    def for_detail(self):
        return self.for_list().prefetch_related("bijlagen", "sprekers")

    def in_gemeente(self, gemeente, now=None):
        """Those held in ``gemeente``, for its page: the coming ones soonest first, then the
        past ones, the latest first."""
        now = now or timezone.now()
        return (
            self.for_list()
            .filter(gemeente=gemeente)
            .annotate(is_voorbij=Case(When(end_at__lt=now, then=1), default=0))
            .order_by(
                "is_voorbij",
                Case(When(end_at__gte=now, then="start_at")).asc(),
                Case(When(end_at__lt=now, then="start_at")).desc(),
                "pk",
            )
        )

    def for_calendar(self, now=None):
        """What a calendar feed carries: everything from a year ago on, cancelled ones too
        (so that calendars that had them learn of the cancellation)."""
        since = (now or timezone.now()) - datetime.timedelta(days=365)
        return self.filter(end_at__gte=since).select_related("leeratelier").order_by("start_at")


class Bijeenkomst(models.Model):
    """A meeting of the werkplaats that people can register for."""

    titel = models.CharField(
        _("titel"), max_length=200, validators=[validate_no_control_characters]
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Leeg laten: het adres wordt gemaakt uit de titel en de datum."),
    )
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    leeratelier = models.ForeignKey(
        Leeratelier,
        verbose_name=_("leeratelier"),
        related_name="bijeenkomsten",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    samenvatting = models.CharField(
        _("samenvatting"), max_length=300, validators=[validate_no_control_characters]
    )
    beschrijving = models.TextField(
        _("beschrijving"),
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_("Markdown: **vet**, *cursief*, [link](https://…), lijstjes met -."),
    )
    sprekers = models.ManyToManyField(
        Persoon,
        verbose_name=_("sprekers"),
        related_name="bijeenkomsten",
        blank=True,
        help_text=_(
            "Wie spreekt, presenteert of de bijeenkomst leidt. De bijeenkomst staat dan ook "
            "op hun profiel."
        ),
    )
    start_at = models.DateTimeField(_("begint op"))
    end_at = models.DateTimeField(_("eindigt op"))
    locatie = models.CharField(
        _("locatie"),
        max_length=150,
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_("De naam van de plek, bijvoorbeeld Fort Lent."),
    )
    adres = models.CharField(
        _("adres"), max_length=300, blank=True, validators=[validate_no_control_characters]
    )
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("gemeente"),
        related_name="bijeenkomsten",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("Waar de bijeenkomst is; leeg voor een online bijeenkomst."),
    )
    online_link = URLField(
        _("online link"),
        blank=True,
        help_text=_("Alleen zichtbaar voor wie een plaats heeft, en in hun bevestiging."),
    )
    capaciteit = models.PositiveIntegerField(
        _("aantal plaatsen"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1, _("Er is minstens één plaats nodig."))],
        help_text=_("Leeg: onbeperkt. Wie zich aanmeldt als het vol is, komt op de wachtlijst."),
    )
    aanmelding_sluit_at = models.DateTimeField(
        _("aanmelden kan tot"),
        null=True,
        blank=True,
        help_text=_("Leeg: tot het begin van de bijeenkomst."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.GEPLAND
    )
    annulering_reden = models.TextField(
        _("reden van de annulering"), blank=True, validators=[validate_no_control_characters]
    )
    verslag = models.TextField(
        _("verslag"),
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_(
            "Na afloop: wat er besproken en geleerd is (Markdown). Verschijnt op de pagina van "
            "de bijeenkomst; versturen gaat met de actie ‘Verslag versturen’."
        ),
    )
    revisie = models.PositiveIntegerField(
        _("revisie"),
        default=0,
        editable=False,
        help_text=_("Telt op bij elke wijziging van tijd, plaats of status (voor agenda's)."),
    )
    aangemaakt_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = BijeenkomstQuerySet.as_manager()

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["-start_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort__in=Soort.values), name="bijeenkomst_soort_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="bijeenkomst_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(end_at__gt=F("start_at")),
                name="bijeenkomst_ends_after_start",
                violation_error_message=_("De bijeenkomst moet eindigen na het begin."),
            ),
            models.CheckConstraint(
                condition=Q(capaciteit__isnull=True) | Q(capaciteit__gte=1),
                name="bijeenkomst_capaciteit_positive",
                violation_error_message=_("Er is minstens één plaats nodig, of laat het leeg."),
            ),
            models.CheckConstraint(
                condition=~Q(adres="") | ~Q(online_link=""),
                name="bijeenkomst_has_place",
                violation_error_message=_("Vul een adres of een online link in (of allebei)."),
            ),
            models.CheckConstraint(
                condition=Q(aanmelding_sluit_at__isnull=True)
                | Q(aanmelding_sluit_at__lte=F("start_at")),
                name="bijeenkomst_registration_closes_by_start",
                violation_error_message=_(
                    "De aanmelding sluit uiterlijk bij het begin van de bijeenkomst."
                ),
            ),
        ]
        indexes = [models.Index(fields=["end_at", "start_at"], name="bijeenkomst_when_idx")]

    def __str__(self):
        return self.titel

    def save(self, *args, **kwargs):
        self.derive_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("bijeenkomsten:detail", kwargs={"slug": self.slug})

    def get_ics_url(self):
        return reverse("bijeenkomsten:ics", kwargs={"slug": self.slug})

    def clean(self):
        for name in ("start_at", "end_at", "aanmelding_sluit_at"):
            moment = getattr(self, name)
            if moment is not None and not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
                raise ValidationError(
                    {
                        name: _("Kies een datum tussen %(van)s en %(tot)s.")
                        % {"van": EARLIEST_YEAR, "tot": LATEST_YEAR}
                    }
                )
        # Before the uniqueness check, so a clash becomes a form error on the slug.
        self.derive_slug()

    def derive_slug(self):
        if not self.slug and self.titel and self.start_at:
            day = timezone.localdate(self.start_at)
            self.slug = slugify(f"{self.titel} {day:%Y-%m-%d}")[:200]

    @property
    def is_cancelled(self):
        return self.status == Status.GEANNULEERD

    @property
    def registration_closes_at(self):
        return self.aanmelding_sluit_at or self.start_at

    @property
    def is_over(self):
        return self.is_past()

    @property
    def is_started(self):
        return self.has_started()

    def is_past(self, now=None):
        return self.end_at < (now or timezone.now())

    def has_started(self, now=None):
        return self.start_at <= (now or timezone.now())

    def registration_refusal(self, now=None):
        """Why nobody can register now, in Dutch; None when registering is possible."""
        now = now or timezone.now()
        if self.is_cancelled:
            return _("Deze bijeenkomst is geannuleerd; aanmelden kan niet meer.")
        if self.is_past(now):
            return _("Deze bijeenkomst is voorbij.")
        if now >= self.registration_closes_at:
            return _("De aanmelding voor deze bijeenkomst is gesloten.")
        return None

    # On rows from with_counts().
    @property
    def plaatsen_vrij(self):
        """Free seats, or None when there is no limit."""
        if self.capaciteit is None:
            return None
        return max(self.capaciteit - self.aantal_aangemeld, 0)

    @property
    def is_vol(self):
        return self.plaatsen_vrij == 0


class AanmeldingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=AanmeldingStatus.active())

    def seated(self):
        return self.filter(status=AanmeldingStatus.AANGEMELD)

    def reachable(self):
        """Those who can be emailed: not guests whose address has been erased."""
        return self.filter(gegevens_verwijderd_at__isnull=True)

    def waiting(self):
        """The waiting list in its order: first registered, first seated."""
        return self.filter(status=AanmeldingStatus.WACHTLIJST).order_by("aangemeld_at", "pk")

    def with_position(self):
        """Annotate ``positie``: the place on the waiting list (1 is next), for waiting rows."""
        ahead = (
            Aanmelding.objects.waiting()
            .filter(bijeenkomst=OuterRef("bijeenkomst"))
            .filter(
                Q(aangemeld_at__lt=OuterRef("aangemeld_at"))
                | Q(aangemeld_at=OuterRef("aangemeld_at"), pk__lt=OuterRef("pk"))
            )
            .order_by()
            .values("bijeenkomst")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(positie=Coalesce(Subquery(ahead), 0) + 1)

    def per_jaar(self):
        """Per year in which the bijeenkomst starts (local time), the registrations with a
        seat or on the waiting list (``actief``) and those withdrawn (``afgemeld``), for
        bijeenkomsten that were not cancelled; one query, years without any left out."""
        return (
            self.exclude(bijeenkomst__status=Status.GEANNULEERD)
            .annotate(jaar=ExtractYear("bijeenkomst__start_at"))
            .values("jaar")
            .annotate(
                actief=Count("pk", filter=Q(status__in=AanmeldingStatus.active())),
                afgemeld=Count("pk", filter=Q(status=AanmeldingStatus.AFGEMELD)),
            )
            .order_by("jaar")
        )

    def of(self, user):
        """The user's registrations: by account, and made as a guest with the account's
        address (both confirmed that address, so they are the same person)."""
        return self.filter(Q(user=user) | Q(user__isnull=True, email=user.email.lower()))

    def for_user(self, user):
        return (
            self.of(user)
            .select_related("bijeenkomst")
            .with_position()
            .order_by("bijeenkomst__start_at")
        )


class Aanmelding(models.Model):
    """One person's registration for a bijeenkomst: a signed-in user, or a guest who confirmed
    their email address. One row per person and bijeenkomst; registering again after
    cancelling reuses it."""

    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        verbose_name=_("bijeenkomst"),
        related_name="aanmeldingen",
        on_delete=models.CASCADE,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        related_name="aanmeldingen",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    naam = models.CharField(
        _("naam"), max_length=150, blank=True, validators=[validate_no_control_characters]
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    organisatie = models.CharField(
        _("organisatie"), max_length=150, blank=True, validators=[validate_no_control_characters]
    )
    status = models.CharField(_("status"), max_length=20, choices=AanmeldingStatus.choices)
    aangemeld_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    afgemeld_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    herinnerd_at = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)
    gegevens_verwijderd_at = models.DateTimeField(
        _("gegevens verwijderd op"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Van een gast: naam en e-mailadres zijn een jaar na de bijeenkomst gewist."),
    )
    gemeld_status = models.CharField(
        _("gemaild over"),
        max_length=20,
        blank=True,
        editable=False,
        help_text=_("De status waarover de persoon het laatst een e-mail kreeg."),
    )

    objects = AanmeldingQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["bijeenkomst", "aangemeld_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=AanmeldingStatus.values), name="aanmelding_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | (~Q(naam="") & ~Q(email="")),
                name="aanmelding_user_or_guest",
                violation_error_message=_("Vul je naam en e-mailadres in."),
            ),
            models.UniqueConstraint(
                fields=["bijeenkomst", "user"],
                condition=Q(user__isnull=False),
                name="aanmelding_once_per_user",
                violation_error_message=_("Je bent al aangemeld voor deze bijeenkomst."),
            ),
            models.UniqueConstraint(
                fields=["bijeenkomst", "email"],
                condition=Q(user__isnull=True),
                name="aanmelding_once_per_guest",
                violation_error_message=_(
                    "Met dit e-mailadres is al iemand aangemeld voor deze bijeenkomst."
                ),
            ),
        ]
        indexes = [
            models.Index(
                fields=["bijeenkomst", "status", "aangemeld_at"], name="aanmelding_queue_idx"
            )
        ]

    def __str__(self):
        # No email address: this text ends up in the admin's log.
        wie = self.naam_zonder_adres or _("aanmelding %(pk)s") % {"pk": self.pk}
        return f"{wie} — {self.bijeenkomst}"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def clean(self):
        self.email = self.email.strip().lower()
        if self.user_id is None and not (self.naam.strip() and self.email):
            raise ValidationError(_("Vul je naam en e-mailadres in."))

    @property
    def naam_zonder_adres(self):
        """The person's name if the portal knows one (typed, of their profile or account)."""
        if self.naam or self.user_id is None:
            return self.naam
        persoon = getattr(self.user, "persoon", None)
        return persoon.naam if persoon else self.user.get_full_name()

    @property
    def display_naam(self):
        return self.naam_zonder_adres or self.adres

    @property
    def organisatie_naam(self):
        """The organisation the person named when registering, else that of their profile."""
        if self.organisatie or self.user_id is None:
            return self.organisatie
        persoon = getattr(self.user, "persoon", None)
        return persoon.organisatie.naam if persoon and persoon.organisatie else ""

    @property
    def adres(self):
        """Where emails about this registration go."""
        return self.user.email if self.user_id is not None else self.email

    @property
    def is_seated(self):
        return self.status == AanmeldingStatus.AANGEMELD

    @property
    def is_waiting(self):
        return self.status == AanmeldingStatus.WACHTLIJST

    @property
    def is_active(self):
        return self.status in AanmeldingStatus.active()


class VerslagBijlage(models.Model):
    """A file that belongs to the verslag of a bijeenkomst (slides, a report)."""

    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        verbose_name=_("bijeenkomst"),
        related_name="bijlagen",
        on_delete=models.CASCADE,
    )
    titel = models.CharField(
        _("titel"), max_length=200, validators=[validate_no_control_characters]
    )
    bestand = SafeFileField(
        _("bestand"),
        upload_to="bijeenkomsten/verslagen/",
        help_text=_(
            "PDF, Word, OpenDocument, PowerPoint, Excel, EPUB, MP3, M4A, MP4 of WebM; "
            "hoogstens 25 MB."
        ),
    )

    class Meta:
        verbose_name = _("bijlage bij het verslag")
        verbose_name_plural = _("bijlagen bij het verslag")
        ordering = ["pk"]

    def __str__(self):
        return self.titel

    @property
    def soort(self):
        """The file's kind as people know it: PDF, DOCX, … (its name follows its content)."""
        return file_kind(self.bestand)


class BerichtSoort(models.TextChoices):
    BERICHT = "bericht", _("Bericht")
    WIJZIGING = "wijziging", _("Wijziging van tijd of plaats")
    ANNULERING = "annulering", _("Annulering")
    VERSLAG = "verslag", _("Verslag")


class Bericht(models.Model):
    """An email to everyone registered for a bijeenkomst (and, for the verslag of a
    tribunebijeenkomst, its leeratelier's tribune). Who gets it is decided once, when it is
    first sent out (``verstuurd_at``): one ``Ontvanger`` per address, each sent once."""

    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        verbose_name=_("bijeenkomst"),
        related_name="berichten",
        on_delete=models.CASCADE,
    )
    soort = models.CharField(_("soort"), max_length=20, choices=BerichtSoort.choices)
    onderwerp = models.CharField(
        _("onderwerp"), max_length=300, validators=[validate_no_control_characters]
    )
    tekst = models.TextField(_("tekst"), blank=True, validators=[validate_no_control_characters])
    aangemaakt_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    verstuurd_at = models.DateTimeField(
        _("ontvangers bepaald op"),
        null=True,
        blank=True,
        help_text=_("Vanaf dit moment gaat het bericht naar ieder van zijn ontvangers."),
    )
    aantal_ontvangers = models.PositiveIntegerField(_("verstuurd aan"), default=0)

    class Meta:
        verbose_name = _("bericht aan de aangemelden")
        verbose_name_plural = _("berichten aan de aangemelden")
        ordering = ["-aangemaakt_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort__in=BerichtSoort.values), name="bericht_soort_valid"
            ),
            models.UniqueConstraint(
                fields=["bijeenkomst", "soort"],
                condition=Q(soort__in=[BerichtSoort.ANNULERING, BerichtSoort.VERSLAG]),
                name="bericht_once_per_annulering_and_verslag",
                violation_error_message=_("Dit bericht is voor deze bijeenkomst al verstuurd."),
            ),
        ]

    def __str__(self):
        return self.onderwerp


class Ontvanger(models.Model):
    """One address a message goes to, decided once. Its email is claimed and sent on its own
    (``werkplaats.mail``), so an address that fails for now is tried again without anybody
    else getting the message twice."""

    bericht = models.ForeignKey(
        Bericht,
        verbose_name=_("bericht"),
        related_name="ontvangers",
        on_delete=models.CASCADE,
    )
    email = models.EmailField(_("e-mailadres"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        related_name="+",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    aanmelding = models.ForeignKey(
        Aanmelding,
        verbose_name=_("aanmelding"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("Leeg voor wie de tribune volgt zonder aangemeld te zijn."),
    )
    verstuurd_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    geweigerd_at = models.DateTimeField(
        _("geweigerd op"),
        null=True,
        blank=True,
        help_text=_("De mailserver weigerde het adres; het bericht wordt niet opnieuw verstuurd."),
    )

    class Meta:
        verbose_name = _("ontvanger")
        verbose_name_plural = _("ontvangers")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["bericht", "email"], name="ontvanger_once_per_bericht")
        ]

    def __str__(self):
        return _("Ontvanger %(nummer)s van %(bericht)s") % {
            "nummer": self.pk,
            "bericht": self.bericht_id,
        }
