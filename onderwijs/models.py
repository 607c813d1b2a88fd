"""Education: the opleidingen of the hogeschool, the onderwijsactiviteiten in which the
knowledge of the leerateliers and their praktijken reaches students (a semester programme, an
evaluation, a graduation project …), the work those students make (the expositie), and which of
the 4 O's a lerende praktijk stands for.

Student work is shown only with the student's consent recorded (when and how), and with the
student's name only if they chose so (``naam_tonen``); see ``privacy.py``."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerateliers.models import Leeratelier, LerendePraktijk
from publicaties.models import Activiteit
from werkplaats.models import (
    Organisatie,
    SlugFromNaamMixin,
    Thema,
    URLField,
    ends_after_start,
)
from werkplaats.models import Soort as OrganisatieSoort
from werkplaats.text import validate_no_control_characters
from werkplaats.uploads import SafeFileField, SafeImageField, UnguessablePath, file_kind

# The O of the 4 O's that education is (its slug, from publicaties' data migration 0002): a
# praktijk linked to a public onderwijsactiviteit counts for it without a row of its own.
ONDERWIJS = "onderwijs"


class Niveau(models.TextChoices):
    ASSOCIATE_DEGREE = "associate-degree", _("Associate degree")
    BACHELOR = "bachelor", _("Bachelor")
    MASTER = "master", _("Master")
    POSTHBO = "post-hbo", _("Post-hbo of nascholing")


class OpleidingQuerySet(models.QuerySet):
    def for_list(self):
        """With the hogeschool, by name (for /onderwijs/ and the filter)."""
        return self.select_related("organisatie").order_by("naam")


class Opleiding(SlugFromNaamMixin, models.Model):
    """An opleiding of a hogeschool whose students take part in the werkplaats."""

    naam = models.CharField(_("naam"), max_length=150, validators=[validate_no_control_characters])
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    afkorting = models.CharField(
        _("afkorting"), max_length=20, blank=True, help_text=_("Bijvoorbeeld: MSW.")
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("hogeschool"),
        related_name="opleidingen",
        on_delete=models.PROTECT,
        limit_choices_to={"soort": OrganisatieSoort.HOGESCHOOL},
    )
    niveau = models.CharField(_("niveau"), max_length=20, choices=Niveau.choices)
    url = URLField(_("website van de opleiding"), blank=True)

    objects = OpleidingQuerySet.as_manager()

    class Meta:
        verbose_name = _("opleiding")
        verbose_name_plural = _("opleidingen")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(niveau__in=Niveau.values), name="opleiding_niveau_valid"
            ),
            models.UniqueConstraint(
                fields=["organisatie", "naam"], name="opleiding_naam_unique_per_hogeschool"
            ),
        ]

    def __str__(self):
        return f"{self.naam} ({self.afkorting})" if self.afkorting else self.naam

    def get_absolute_url(self):
        """The onderwijsactiviteiten of this opleiding: /onderwijs/ filtered on it."""
        return f"{reverse('onderwijs:index')}?opleiding={self.slug}"


class Soort(models.TextChoices):
    SEMESTERPROGRAMMA = "semesterprogramma", _("Semesterprogramma")
    MINOR = "minor", _("Minor")
    LEERKRING = "leerkring", _("Leerkring")
    AFSTUDEERONDERZOEK = "afstudeeronderzoek", _("Afstudeerproject of -onderzoek")
    EVALUATIE = "evaluatie", _("Evaluatie door studenten")
    PRAKTIJKONDERZOEK = "praktijkonderzoek", _("Praktijkonderzoek door studenten")
    STAGE = "stage", _("Stage")
    BIJSCHOLING = "bijscholing", _("Bijscholing van professionals")


class Status(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")


class OnderwijsactiviteitQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.GEPUBLICEERD)

    def for_list(self):
        """Published, with what a list row names: its opleidingen, leerateliers and
        praktijken (each one query, however many rows), newest first."""
        return (
            self.published()
            .prefetch_related(
                Prefetch("opleidingen", queryset=Opleiding.objects.order_by("naam")),
                Prefetch("leerateliers", queryset=Leeratelier.objects.order_by("titel")),
                Prefetch(
                    "praktijken",
                    queryset=LerendePraktijk.objects.select_related("leeratelier").order_by(
                        "titel"
                    ),
                ),
            )
            .order_by(models.F("start_on").desc(nulls_last=True), "titel")
        )

    def for_detail(self):
        """Published, with everything its page shows, the public student work included."""
        return self.published().prefetch_related(
            Prefetch("opleidingen", queryset=Opleiding.objects.for_list()),
            Prefetch("organisaties", queryset=Organisatie.objects.order_by("naam")),
            Prefetch("leerateliers", queryset=Leeratelier.objects.order_by("titel")),
            Prefetch(
                "praktijken",
                queryset=LerendePraktijk.objects.select_related("leeratelier").order_by("titel"),
            ),
            Prefetch("themas", queryset=Thema.objects.order_by("naam")),
            Prefetch("studentwerk", queryset=Studentwerk.objects.openbaar(), to_attr="expositie"),
        )

    def for_api(self):
        """For /api/v1/onderwijsactiviteiten/: what the pages show, in the list's order with a
        tiebreaker."""
        return self.for_detail().order_by(models.F("start_on").desc(nulls_last=True), "titel", "pk")

    def for_praktijk(self, praktijk):
        return self.published().filter(praktijken=praktijk).order_by("titel")

    def for_leeratelier(self, leeratelier):
        return self.published().filter(leerateliers=leeratelier).order_by("titel")

    def for_thema(self, thema):
        return self.published().filter(themas=thema).order_by("titel")


class Onderwijsactiviteit(SlugFromNaamMixin, models.Model):
    """Where knowledge of the werkplaats reaches education: students working in a praktijk,
    a semester programme, a minor, a leerkring, a graduation project or an evaluation."""

    titel = models.CharField(
        _("titel"), max_length=200, validators=[validate_no_control_characters]
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    samenvatting = models.CharField(
        _("samenvatting"),
        max_length=300,
        validators=[validate_no_control_characters],
        help_text=_("Eén of twee zinnen, voor lijsten en zoekmachines."),
    )
    beschrijving = models.TextField(
        _("beschrijving"),
        blank=True,
        help_text=_("Markdown: **vet**, *cursief*, [link](https://…), lijstjes met -."),
        validators=[validate_no_control_characters],
    )
    opleidingen = models.ManyToManyField(
        Opleiding, verbose_name=_("opleidingen"), related_name="onderwijsactiviteiten", blank=True
    )
    organisaties = models.ManyToManyField(
        Organisatie,
        verbose_name=_("samen met"),
        related_name="onderwijsactiviteiten",
        blank=True,
        help_text=_("De hogeschool en de partners met wie de werkplaats dit doet."),
    )
    leerateliers = models.ManyToManyField(
        Leeratelier,
        verbose_name=_("leerateliers"),
        related_name="onderwijsactiviteiten",
        blank=True,
        help_text=_("Het leeratelier van een gekozen praktijk komt er vanzelf bij."),
    )
    praktijken = models.ManyToManyField(
        LerendePraktijk,
        verbose_name=_("lerende praktijken"),
        related_name="onderwijsactiviteiten",
        blank=True,
    )
    themas = models.ManyToManyField(
        Thema, verbose_name=_("thema's"), related_name="onderwijsactiviteiten", blank=True
    )
    start_on = models.DateField(_("van"), null=True, blank=True)
    end_on = models.DateField(_("tot"), null=True, blank=True)
    deelnemers = models.CharField(
        _("wie er meedoen"),
        max_length=300,
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_("Bijvoorbeeld: studenten van verschillende opleidingen. Nooit namen."),
    )
    aantal_studenten = models.PositiveSmallIntegerField(
        _("aantal studenten"),
        null=True,
        blank=True,
        help_text=_("Alleen als het bekend is."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    aangemaakt_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = OnderwijsactiviteitQuerySet.as_manager()

    slug_source = "titel"

    class Meta:
        verbose_name = _("onderwijsactiviteit")
        verbose_name_plural = _("onderwijsactiviteiten")
        ordering = ["titel"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort__in=Soort.values), name="onderwijsactiviteit_soort_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="onderwijsactiviteit_status_valid"
            ),
            ends_after_start("onderwijsactiviteit_ends_after_start"),
            models.CheckConstraint(
                condition=Q(aantal_studenten__isnull=True) | Q(aantal_studenten__gt=0),
                name="onderwijsactiviteit_aantal_studenten_positive",
                violation_error_message=_(
                    "Vul een aantal studenten van 1 of meer in, of laat het veld leeg."
                ),
            ),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("onderwijs:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return self.status == Status.GEPUBLICEERD


class WerkSoort(models.TextChoices):
    BLOG = "blog", _("Blog")
    GEDICHT = "gedicht", _("Gedicht")
    FOTO = "foto", _("Foto")
    VERSLAG = "verslag", _("Verslag of rapport")


class Toestemming(models.TextChoices):
    """How the student's consent to show the work was recorded."""

    FORMULIER = "formulier", _("Ondertekend toestemmingsformulier")
    EMAIL = "e-mail", _("Per e-mail van de student")
    DIGITAAL = "digitaal", _("Digitaal formulier van de opleiding")
    ANDERS = "anders", _("Anders (zie toelichting)")


class StudentwerkQuerySet(models.QuerySet):
    def met_toestemming(self):
        """Work whose student's consent is recorded: when, and how."""
        return self.filter(toestemming_at__isnull=False).exclude(toestemming_wijze="")

    def openbaar(self):
        """What the expositie shows: published work with the student's consent recorded, of a
        published onderwijsactiviteit, in the order the programmacommissie set. Work without
        recorded consent is never shown, whatever its status says."""
        return (
            self.met_toestemming()
            .filter(
                status=Status.GEPUBLICEERD,
                activiteit__status=Status.GEPUBLICEERD,
            )
            .order_by("volgorde", "pk")
        )


class Studentwerk(models.Model):
    """A blog, poem, photo or report a student made in an onderwijsactiviteit, shown in its
    (online) expositie once the student's consent is recorded."""

    activiteit = models.ForeignKey(
        Onderwijsactiviteit,
        verbose_name=_("onderwijsactiviteit"),
        related_name="studentwerk",
        on_delete=models.CASCADE,
    )
    soort = models.CharField(_("soort"), max_length=20, choices=WerkSoort.choices)
    titel = models.CharField(
        _("titel"), max_length=200, validators=[validate_no_control_characters]
    )
    tekst = models.TextField(
        _("tekst"),
        blank=True,
        help_text=_("Markdown. De blog, het gedicht of een toelichting bij de foto."),
        validators=[validate_no_control_characters],
    )
    afbeelding = SafeImageField(
        _("afbeelding"),
        upload_to=UnguessablePath("onderwijs/studentwerk"),
        blank=True,
        help_text=_(
            "JPEG, PNG, WebP of GIF; hoogstens 25 MB. Gegevens in de foto (camera, plaats) "
            "worden verwijderd."
        ),
    )
    afbeelding_alt = models.CharField(
        _("beschrijving van de afbeelding"),
        max_length=300,
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_("Wat er op de afbeelding te zien is, voor wie hem niet kan zien. Verplicht."),
    )
    afbeelding_varianten = models.JSONField(
        _("afbeeldingsformaten"), default=list, blank=True, editable=False
    )
    bestand = SafeFileField(
        _("bestand"),
        upload_to=UnguessablePath("onderwijs/studentwerk"),
        blank=True,
        help_text=_("Een verslag of rapport: PDF, Word of OpenDocument; hoogstens 25 MB."),
    )
    naam = models.CharField(
        _("naam van de student"),
        max_length=200,
        validators=[validate_no_control_characters],
        help_text=_(
            "Wie het maakte en toestemming gaf (bij een duo beide namen). Staat alleen op de "
            "site als de student daarvoor koos."
        ),
    )
    naam_tonen = models.BooleanField(
        _("naam tonen"),
        default=False,
        help_text=_('Alleen aanvinken als de student dat wil; anders staat er "een student".'),
    )
    toestemming_at = models.DateTimeField(
        _("toestemming gegeven op"),
        null=True,
        blank=True,
        help_text=_("Wanneer de student toestemming gaf om het werk te tonen."),
    )
    toestemming_wijze = models.CharField(
        _("toestemming vastgelegd via"), max_length=20, choices=Toestemming.choices, blank=True
    )
    toestemming_toelichting = models.CharField(
        _("toelichting bij de toestemming"),
        max_length=300,
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_("Bijvoorbeeld waar het formulier bewaard wordt."),
    )
    is_voorbeeld = models.BooleanField(
        _("voorbeeld"),
        default=False,
        help_text=_('Een voorbeeld, geen werk van een echte student: de site zegt "Voorbeeld".'),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    aangemaakt_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now, editable=False)

    objects = StudentwerkQuerySet.as_manager()

    class Meta:
        verbose_name = _("werk van een student")
        verbose_name_plural = _("werken van studenten")
        ordering = ["activiteit__titel", "volgorde", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort__in=WerkSoort.values), name="studentwerk_soort_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="studentwerk_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(toestemming_wijze="") | Q(toestemming_wijze__in=Toestemming.values),
                name="studentwerk_toestemming_wijze_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=Status.CONCEPT)
                | (Q(toestemming_at__isnull=False) & ~Q(toestemming_wijze="")),
                name="studentwerk_published_has_consent",
                violation_error_message=_(
                    "Werk van een student wordt pas gepubliceerd als is vastgelegd wanneer en "
                    "hoe de student toestemming gaf."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(tekst="") | ~Q(afbeelding="") | ~Q(bestand=""),
                name="studentwerk_has_content",
                violation_error_message=_("Voeg een tekst, een afbeelding of een bestand toe."),
            ),
            models.CheckConstraint(
                condition=Q(afbeelding="") | ~Q(afbeelding_alt=""),
                name="studentwerk_afbeelding_has_alt",
                violation_error_message=_(
                    "Beschrijf wat er op de afbeelding staat, voor wie hem niet ziet."
                ),
            ),
        ]

    def __str__(self):
        # No student name: this text ends up in the admin's log.
        return self.titel

    def get_absolute_url(self):
        return f"{self.activiteit.get_absolute_url()}#werk-{self.pk}"

    def clean(self):
        errors = {}
        if self.afbeelding and not self.afbeelding_alt.strip():
            errors["afbeelding_alt"] = _(
                "Beschrijf wat er op de afbeelding staat, voor wie hem niet ziet."
            )
        if self.toestemming_at and self.toestemming_at > timezone.now():
            errors["toestemming_at"] = _("De toestemming kan niet in de toekomst gegeven zijn.")
        if self.status == Status.GEPUBLICEERD:
            if not self.toestemming_at:
                errors["toestemming_at"] = _(
                    "Vul in wanneer de student toestemming gaf; zonder toestemming blijft het "
                    "werk een concept."
                )
            if not self.toestemming_wijze:
                errors["toestemming_wijze"] = _(
                    "Kies hoe de toestemming is vastgelegd; zonder toestemming blijft het werk "
                    "een concept."
                )
        if self.toestemming_wijze == Toestemming.ANDERS and not self.toestemming_toelichting:
            errors["toestemming_toelichting"] = _("Licht toe hoe de toestemming is vastgelegd.")
        if errors:
            raise ValidationError(errors)

    @property
    def heeft_toestemming(self):
        return bool(self.toestemming_at and self.toestemming_wijze)

    @property
    def maker(self):
        """Who made it, as the site says it: the name only if the student chose so (and
        consent is recorded), otherwise "een student"."""
        if self.naam_tonen and self.heeft_toestemming and self.naam:
            return self.naam
        return _("een student")

    @property
    def openbare_naam(self):
        """The name for the API and metadata: None unless the student chose to show it."""
        if self.naam_tonen and self.heeft_toestemming and self.naam:
            return self.naam
        return None

    @property
    def bestand_soort(self):
        return file_kind(self.bestand)


class PraktijkActiviteitQuerySet(models.QuerySet):
    def for_admin(self):
        return self.select_related("praktijk__leeratelier", "activiteit")


class PraktijkActiviteit(models.Model):
    """One of the 4 O's a lerende praktijk stands for (onderzoek, ontwikkeling, onderwijs,
    ondersteuning). A praktijk linked to a public onderwijsactiviteit counts for onderwijs
    without a row here; see ``praktijken_van``."""

    praktijk = models.ForeignKey(
        LerendePraktijk,
        verbose_name=_("lerende praktijk"),
        related_name="o_koppelingen",
        on_delete=models.CASCADE,
    )
    activiteit = models.ForeignKey(
        Activiteit,
        verbose_name=_("O"),
        related_name="praktijk_koppelingen",
        on_delete=models.CASCADE,
    )

    objects = PraktijkActiviteitQuerySet.as_manager()

    class Meta:
        verbose_name = _("O van een lerende praktijk")
        verbose_name_plural = _("O's van lerende praktijken")
        ordering = ["praktijk__titel", "activiteit__volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["praktijk", "activiteit"],
                name="praktijkactiviteit_once_per_praktijk",
                violation_error_message=_("Deze praktijk heeft deze O al."),
            ),
        ]

    def __str__(self):
        return f"{self.praktijk} — {self.activiteit}"


def praktijken_van(activiteit: Activiteit):
    """The lerende praktijken of one of the 4 O's: those given it in the admin and, for
    onderwijs, those linked to a public onderwijsactiviteit; by title, each with its
    leeratelier (one query)."""
    condition = Exists(
        PraktijkActiviteit.objects.filter(praktijk=OuterRef("pk"), activiteit=activiteit)
    )
    if activiteit.slug == ONDERWIJS:
        condition |= Exists(
            Onderwijsactiviteit.objects.published().filter(praktijken=OuterRef("pk"))
        )
    return (
        LerendePraktijk.objects.filter(condition)
        .select_related("leeratelier")
        .order_by("titel", "pk")
    )
