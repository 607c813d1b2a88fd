"""The quick scan sociale kwaliteit: a versioned set of statements under the four voorwaarden,
and the scans in which a gemeente's partners answer them.

The programmacommissie keeps the set (``Vragenset``, its ``Vraag`` rows); a version is concept
until it is adopted, and an adopted version never changes again: a new version starts as a
copy. A gemeente's contactpersoon starts a ``Scan`` on the current version and invites
respondents, who answer through a personal link without an account (``Respondent``,
``Antwoord``, ``Opmerking``). What the scan shows of them is computed in ``scores``."""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from werkplaats.models import Gemeente, Organisatie, Voorwaarde, ends_after_start
from werkplaats.text import validate_no_control_characters

OPMERKING_MAX = 2000


class Waarde(models.IntegerChoices):
    """The fixed answer scale of every statement, and "weet niet", which no score counts."""

    HELEMAAL_ONEENS = 1, _("Helemaal oneens")
    ONEENS = 2, _("Oneens")
    NEUTRAAL = 3, _("Niet eens, niet oneens")
    EENS = 4, _("Eens")
    HELEMAAL_EENS = 5, _("Helemaal eens")
    WEET_NIET = 0, _("Weet niet")

    @classmethod
    def schaal(cls):
        """The values that count, low to high."""
        return [waarde for waarde in cls if waarde != cls.WEET_NIET]


SCHAAL_MIN = min(Waarde.schaal())
SCHAAL_MAX = max(Waarde.schaal())


class Niveau(models.TextChoices):
    """The levels of the sociale basis a statement can be about."""

    PERSOONLIJK = "persoonlijk", _("Persoonlijk")
    GEMEENSCHAPPELIJK = "gemeenschappelijk", _("Gemeenschappelijk")
    INSTITUTIONEEL = "institutioneel", _("Institutioneel")


class SetStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")
    VERVANGEN = "vervangen", _("Vervangen door een nieuwere versie")


class VragensetQuerySet(models.QuerySet):
    def current(self):
        """The version new scans use, or None."""
        return self.filter(status=SetStatus.VASTGESTELD).first()

    def public(self):
        """Versions anyone may read: all but concepts."""
        return self.exclude(status=SetStatus.CONCEPT)


class Vragenset(models.Model):
    """One version of the question set."""

    titel = models.CharField(
        _("titel"), max_length=150, validators=[validate_no_control_characters]
    )
    slug = models.SlugField(
        _("versie"),
        max_length=50,
        unique=True,
        help_text=_("In het adres, bijvoorbeeld 2026-1."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SetStatus.choices, default=SetStatus.CONCEPT
    )
    is_voorbeeld = models.BooleanField(
        _("voorbeeldset"),
        default=False,
        help_text=_(
            "Aan: een set om het instrument te laten zien, nog niet de set die de "
            "programmacommissie heeft ontwikkeld. Elke pagina met deze set zegt dat."
        ),
    )
    toelichting = models.TextField(_("toelichting"), blank=True, help_text=_("Markdown."))
    vorige = models.ForeignKey(
        "self",
        verbose_name=_("vorige versie"),
        related_name="volgende",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    vastgesteld_on = models.DateField(_("vastgesteld op"), null=True, blank=True)

    objects = VragensetQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name=_("historie vragenset"), verbose_name_plural=_("historie vragensets")
    )

    class Meta:
        verbose_name = _("vragenset")
        verbose_name_plural = _("vragensets")
        ordering = [F("vastgesteld_on").desc(nulls_first=True), "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=SetStatus.values), name="vragenset_status_valid"
            ),
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status=SetStatus.VASTGESTELD),
                name="vragenset_one_current",
                violation_error_message=_("Er is al een vastgestelde vragenset."),
            ),
            models.CheckConstraint(
                condition=Q(status=SetStatus.CONCEPT) | Q(vastgesteld_on__isnull=False),
                name="vragenset_adopted_has_date",
                violation_error_message=_("Een vastgestelde vragenset heeft een datum."),
            ),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("quickscan:vragenset", kwargs={"slug": self.slug})

    @property
    def is_concept(self):
        return self.status == SetStatus.CONCEPT


def check_concept(vragenset: Vragenset) -> None:
    """Only a concept version changes: an adopted one is what scans were answered on."""
    status = Vragenset.objects.filter(pk=vragenset.pk).values_list("status", flat=True).first()
    if status is not None and status != SetStatus.CONCEPT:
        raise ValidationError(
            _(
                "“%(titel)s” is vastgesteld en verandert niet meer: maak er een nieuwe "
                "conceptversie van."
            )
            % {"titel": vragenset.titel}
        )


class VraagQuerySet(models.QuerySet):
    def in_order(self):
        return self.select_related("voorwaarde").order_by("voorwaarde__volgorde", "volgorde", "pk")


class Vraag(models.Model):
    """A statement of the set, under one voorwaarde, optionally about one level."""

    vragenset = models.ForeignKey(
        Vragenset, verbose_name=_("vragenset"), related_name="vragen", on_delete=models.CASCADE
    )
    voorwaarde = models.ForeignKey(
        Voorwaarde,
        verbose_name=_("voorwaarde"),
        related_name="quickscan_vragen",
        on_delete=models.PROTECT,
    )
    niveau = models.CharField(
        _("niveau"),
        max_length=20,
        choices=Niveau.choices,
        blank=True,
        help_text=_("Het niveau van de sociale basis waar de stelling over gaat; mag leeg."),
    )
    stelling = models.CharField(
        _("stelling"), max_length=300, validators=[validate_no_control_characters]
    )
    toelichting = models.CharField(
        _("toelichting"),
        max_length=300,
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_("Staat onder de stelling, bijvoorbeeld uit welke omschrijving ze komt."),
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = VraagQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name=_("historie vraag"), verbose_name_plural=_("historie vragen")
    )

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["voorwaarde__volgorde", "volgorde", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(niveau="") | Q(niveau__in=Niveau.values), name="vraag_niveau_valid"
            ),
            models.UniqueConstraint(
                fields=["vragenset", "stelling"],
                name="vraag_stelling_unique_in_set",
                violation_error_message=_("Deze stelling staat al in de vragenset."),
            ),
        ]

    def __str__(self):
        return self.stelling

    def save(self, *args, **kwargs):
        check_concept(self.vragenset)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        check_concept(self.vragenset)
        return super().delete(*args, **kwargs)

    def clean(self):
        if self.vragenset_id:
            check_concept(self.vragenset)


class ScanStatus(models.TextChoices):
    OPEN = "open", _("Open voor antwoorden")
    GESLOTEN = "gesloten", _("Gesloten")


# A scan is published only with answers of at least this many respondents, so no published
# figure is one partner's answer.
MIN_RESPONDENTEN_OPENBAAR = 3


class ScanQuerySet(models.QuerySet):
    def by_deelsleutel(self, sleutel: str):
        """The scan of a shared link; none for a key no link has (PostgreSQL refuses to
        compare text with a NUL character in it)."""
        if "\x00" in sleutel:
            return self.none()
        return self.filter(deelsleutel=sleutel)

    def published(self):
        return self.filter(gepubliceerd_at__isnull=False)

    def awaiting_publication(self):
        """Closed with enough sent answers to be published, and not published yet: the
        gemeente's contactpersoon can make the results public."""
        ingediend = (
            Respondent.objects.ingediend()
            .filter(scan=OuterRef("pk"))
            .values("scan")
            .annotate(aantal=Count("pk"))
            .values("aantal")
        )
        return (
            self.filter(status=ScanStatus.GESLOTEN, gepubliceerd_at__isnull=True)
            .alias(aantal_ingediend_voor_publicatie=Subquery(ingediend))
            .filter(aantal_ingediend_voor_publicatie__gte=MIN_RESPONDENTEN_OPENBAAR)
        )

    def of_gemeenten(self, gemeenten):
        return self.filter(gemeente__in=gemeenten)

    def comparable_with(self, scan):
        """The other closed scans of ``scan``'s gemeente with sent answers: what its results
        set beside it."""
        return (
            self.filter(gemeente_id=scan.gemeente_id, status=ScanStatus.GESLOTEN)
            .exclude(pk=scan.pk)
            .filter(Exists(Respondent.objects.ingediend().filter(scan=OuterRef("pk"))))
            .select_related("gemeente", "vragenset")
        )

    def for_list(self):
        return (
            self.select_related("gemeente", "vragenset")
            .annotate(
                aantal_respondenten=Count("respondenten", distinct=True),
                aantal_ingediend=Count(
                    "respondenten",
                    filter=Q(respondenten__ingediend_at__isnull=False),
                    distinct=True,
                ),
            )
            .order_by("-periode_van", "-pk")
        )


class Scan(models.Model):
    """One scan of a gemeente (or a wijk in it) over a period, on one version of the set."""

    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("gemeente"), related_name="scans", on_delete=models.PROTECT
    )
    wijk = models.CharField(
        _("wijk of dorp"),
        max_length=100,
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_("Leeg voor de hele gemeente."),
    )
    vragenset = models.ForeignKey(
        Vragenset,
        verbose_name=_("vragenset"),
        related_name="scans",
        on_delete=models.PROTECT,
        limit_choices_to=~Q(status=SetStatus.CONCEPT),
    )
    periode_van = models.DateField(_("van"))
    periode_tot = models.DateField(_("tot en met"))
    status = models.CharField(
        _("status"), max_length=20, choices=ScanStatus.choices, default=ScanStatus.OPEN
    )
    gepubliceerd_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    is_voorbeeld = models.BooleanField(
        _("voorbeeld"),
        default=False,
        help_text=_("Aan: verzonnen antwoorden om de scan te laten zien; elke pagina zegt dat."),
    )
    deelsleutel = models.CharField(max_length=64, unique=True, editable=False)
    gestart_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gestart door"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    aangemaakt_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)

    objects = ScanQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name=_("historie scan"),
        verbose_name_plural=_("historie scans"),
        excluded_fields=["deelsleutel"],
    )

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        ordering = ["-periode_van", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ScanStatus.values), name="scan_status_valid"
            ),
            ends_after_start("scan_period", start="periode_van", end="periode_tot"),
            models.CheckConstraint(
                condition=Q(gepubliceerd_at__isnull=True) | Q(status=ScanStatus.GESLOTEN),
                name="scan_published_only_when_closed",
                violation_error_message=_("Alleen een gesloten scan kan openbaar zijn."),
            ),
        ]

    def __str__(self):
        return self.naam

    def save(self, *args, **kwargs):
        if not self.deelsleutel:
            self.deelsleutel = secrets.token_urlsafe(24)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("quickscan:resultaten", kwargs={"pk": self.pk})

    @property
    def plek(self):
        """The gemeente, or the wijk in it."""
        return f"{self.wijk}, {self.gemeente.naam}" if self.wijk else self.gemeente.naam

    @property
    def naam(self):
        return f"{self.plek} ({self.periode_van:%m-%Y})"

    @property
    def is_open(self):
        return self.status == ScanStatus.OPEN

    @property
    def is_gepubliceerd(self):
        return self.gepubliceerd_at is not None


def hash_sleutel(sleutel: str) -> str:
    """What the database keeps of a respondent's personal link: its hash, so a copy of the
    database opens nobody's answers."""
    return hashlib.sha256(sleutel.encode()).hexdigest()


class RespondentQuerySet(models.QuerySet):
    def by_sleutel(self, sleutel: str):
        return self.filter(sleutel_hash=hash_sleutel(sleutel))

    def ingediend(self):
        return self.filter(ingediend_at__isnull=False)

    def for_list(self):
        return (
            self.select_related("organisatie")
            .annotate(aantal_antwoorden=Count("antwoorden"))
            .order_by("organisatie__naam", "organisatie_naam", "pk")
        )


class Respondent(models.Model):
    """Someone from a partner organisation who answers the set once, through a personal link.
    Who answered is recorded by organisation; the name and address only serve the invitation
    and are cleared when the scan closes."""

    scan = models.ForeignKey(
        Scan, verbose_name=_("scan"), related_name="respondenten", on_delete=models.CASCADE
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        related_name="quickscan_respondenten",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    organisatie_naam = models.CharField(
        _("organisatie (als ze niet in het netwerk staat)"),
        max_length=150,
        blank=True,
        validators=[validate_no_control_characters],
    )
    naam = models.CharField(
        _("naam"), max_length=150, blank=True, validators=[validate_no_control_characters]
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    sleutel_hash = models.CharField(max_length=64, unique=True, editable=False)
    uitgenodigd_at = models.DateTimeField(_("uitgenodigd op"), default=timezone.now)
    gewijzigd_at = models.DateTimeField(_("laatst opgeslagen"), null=True, blank=True)
    ingediend_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    objects = RespondentQuerySet.as_manager()

    class Meta:
        verbose_name = _("respondent")
        verbose_name_plural = _("respondenten")
        ordering = ["scan", "pk"]

    def __str__(self):
        return self.organisatie_label

    @property
    def organisatie_label(self):
        if self.organisatie_id:
            return self.organisatie.naam
        return self.organisatie_naam or str(_("Organisatie onbekend"))

    def nieuwe_sleutel(self) -> str:
        """A fresh personal link (the old one stops working); returns the key for the URL."""
        sleutel = secrets.token_urlsafe(24)
        self.sleutel_hash = hash_sleutel(sleutel)
        return sleutel


class Antwoord(models.Model):
    respondent = models.ForeignKey(
        Respondent,
        verbose_name=_("respondent"),
        related_name="antwoorden",
        on_delete=models.CASCADE,
    )
    vraag = models.ForeignKey(
        Vraag, verbose_name=_("vraag"), related_name="antwoorden", on_delete=models.PROTECT
    )
    waarde = models.PositiveSmallIntegerField(_("antwoord"), choices=Waarde.choices)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(fields=["respondent", "vraag"], name="antwoord_once_per_vraag"),
            models.CheckConstraint(
                condition=Q(waarde__in=Waarde.values), name="antwoord_waarde_on_scale"
            ),
        ]

    def __str__(self):
        return f"{self.vraag}: {self.get_waarde_display()}"


class Opmerking(models.Model):
    """What a respondent adds about one voorwaarde."""

    respondent = models.ForeignKey(
        Respondent,
        verbose_name=_("respondent"),
        related_name="opmerkingen",
        on_delete=models.CASCADE,
    )
    voorwaarde = models.ForeignKey(
        Voorwaarde, verbose_name=_("voorwaarde"), related_name="+", on_delete=models.PROTECT
    )
    tekst = models.TextField(_("opmerking"), validators=[MaxLengthValidator(OPMERKING_MAX)])

    class Meta:
        verbose_name = _("opmerking")
        verbose_name_plural = _("opmerkingen")
        ordering = ["voorwaarde__volgorde", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["respondent", "voorwaarde"], name="opmerking_once_per_voorwaarde"
            ),
        ]

    def __str__(self):
        return self.tekst[:60]
