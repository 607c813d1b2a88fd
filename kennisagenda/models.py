"""The regional kennisagenda: versions of sociale kwesties, kept by the programmacommissie."""

from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from leerateliers.models import Leeratelier
from werkplaats.models import Organisatie, Persoon, SlugFromNaamMixin, Voorwaarde, ends_after_start
from werkplaats.text import validate_no_control_characters


class AgendaStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")
    GEARCHIVEERD = "gearchiveerd", _("Gearchiveerd")


class KennisagendaQuerySet(models.QuerySet):
    def current(self):
        return self.filter(status=AgendaStatus.VASTGESTELD).first()

    def public(self):
        return self.exclude(status=AgendaStatus.CONCEPT)

    def concepts(self):
        """Versions still being drafted: not public until adopted."""
        return self.filter(status=AgendaStatus.CONCEPT)

    def for_detail(self):
        punten = Agendapunt.objects.select_related("kwestie__leeratelier").prefetch_related(
            "kwestie__voorwaarden", "kwestie__leeratelier__voorwaarden"
        )
        return self.prefetch_related(Prefetch("punten", queryset=punten))

    def for_api(self):
        """The public versions as their pages show them, with their previous version and the
        public besluiten about them, newest first."""
        return (
            self.public()
            .for_detail()
            .select_related("vorige")
            .prefetch_related(Prefetch("besluiten", queryset=Besluit.objects.for_api()))
        )


class Kennisagenda(models.Model):
    """One version of the agenda; at most one is vastgesteld (current) at a time."""

    titel = models.CharField(
        _("titel"), max_length=150, validators=[validate_no_control_characters]
    )
    slug = models.SlugField(
        _("versie"), max_length=50, unique=True, help_text=_("In het adres, bijvoorbeeld 2020.")
    )
    periode_van = models.DateField(_("geldt vanaf"), null=True, blank=True)
    periode_tot = models.DateField(_("geldt tot"), null=True, blank=True)
    vastgesteld_on = models.DateField(_("vastgesteld op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=AgendaStatus.choices, default=AgendaStatus.CONCEPT
    )
    introductie = models.TextField(_("introductie"), blank=True, help_text=_("Markdown."))
    vorige = models.ForeignKey(
        "self",
        verbose_name=_("vorige versie"),
        related_name="volgende",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    objects = KennisagendaQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name=_("historie kennisagenda"), verbose_name_plural=_("historie kennisagenda's")
    )

    class Meta:
        verbose_name = _("kennisagenda")
        verbose_name_plural = _("kennisagenda's")
        ordering = [F("periode_van").desc(nulls_last=True), "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=AgendaStatus.values), name="kennisagenda_status_valid"
            ),
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status=AgendaStatus.VASTGESTELD),
                name="kennisagenda_one_current",
                violation_error_message=_("Er is al een vastgestelde kennisagenda."),
            ),
            models.CheckConstraint(
                condition=Q(status=AgendaStatus.CONCEPT) | Q(vastgesteld_on__isnull=False),
                name="kennisagenda_adopted_has_date",
                violation_error_message=_(
                    "Een vastgestelde agenda heeft een datum van vaststelling."
                ),
            ),
            ends_after_start("kennisagenda_period", start="periode_van", end="periode_tot"),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        if self.status == AgendaStatus.VASTGESTELD:
            return reverse("kennisagenda:current")
        return reverse("kennisagenda:version", kwargs={"slug": self.slug})

    def matrix(self, voorwaarden):
        """Kwestie x voorwaarde coverage on rows from for_detail(): rows of booleans and,
        per voorwaarde, how many kwesties work on it (where the agenda is thin)."""
        rows = []
        for punt in self.punten.all():
            covered = {voorwaarde.pk for voorwaarde in punt.kwestie.voorwaarden.all()}
            rows.append((punt, [voorwaarde.pk in covered for voorwaarde in voorwaarden]))
        totals = [sum(cells[index] for _punt, cells in rows) for index in range(len(voorwaarden))]
        return {"voorwaarden": voorwaarden, "rows": rows, "totals": totals}


class KwestieStatus(models.TextChoices):
    ACTIEF = "actief", _("Actief")
    SAMENGEVOEGD = "samengevoegd", _("Samengevoegd")
    VERVALLEN = "vervallen", _("Vervallen")


class KwestieQuerySet(models.QuerySet):
    def public(self):
        """The kwesties a visitor can read about: on a public version of the agenda, or merged
        or lapsed (the history names those). A kwestie only on a concept version stays private."""
        on_public_version = Agendapunt.objects.filter(kwestie=OuterRef("pk")).exclude(
            agenda__status=AgendaStatus.CONCEPT
        )
        return self.filter(Exists(on_public_version) | ~Q(status=KwestieStatus.ACTIEF))

    def with_place(self):
        """Annotate where each kwestie stands on a public page (see get_absolute_url):
        ``op_huidige_agenda``, and ``laatste_versie``, the newest archived version it is on."""
        punten = Agendapunt.objects.filter(kwestie=OuterRef("pk"))
        archived = punten.filter(agenda__status=AgendaStatus.GEARCHIVEERD).order_by(
            F("agenda__periode_van").desc(nulls_last=True), "-agenda_id"
        )
        return self.annotate(
            op_huidige_agenda=Exists(punten.filter(agenda__status=AgendaStatus.VASTGESTELD)),
            laatste_versie=Subquery(archived.values("agenda__slug")[:1]),
        )

    def for_search(self):
        return self.public().with_place()

    def for_api(self):
        """The public kwesties, with their place (``with_place``), ``op_openbare_versie``
        (whether a public version carries them: only there the pages show their beschrijving
        and voorwaarden), the public versions they are on (``openbare_punten``, newest first)
        and the public besluiten that name them (``openbare_besluiten``, as kwestie or as
        the one merged into: ``openbare_besluiten_als_doel``)."""
        punten = (
            Agendapunt.objects.exclude(agenda__status=AgendaStatus.CONCEPT)
            .select_related("agenda")
            .order_by(F("agenda__periode_van").desc(nulls_last=True), "-agenda_id")
        )
        on_public_version = Agendapunt.objects.filter(kwestie=OuterRef("pk")).exclude(
            agenda__status=AgendaStatus.CONCEPT
        )
        # A prefetched besluit knows the kwestie it was fetched for (Django sets that side of
        # the relation), so only the other kwestie it names is read.
        return (
            self.public()
            .with_place()
            .annotate(op_openbare_versie=Exists(on_public_version))
            .select_related("leeratelier")
            .prefetch_related(
                "voorwaarden",
                Prefetch("samengevoegd_in", queryset=Kwestie.objects.with_place()),
                Prefetch("agendapunten", queryset=punten, to_attr="openbare_punten"),
                Prefetch(
                    "besluiten",
                    queryset=Besluit.objects.for_api(kwesties=["doel"]),
                    to_attr="openbare_besluiten",
                ),
                Prefetch(
                    "besluiten_als_doel",
                    queryset=Besluit.objects.for_api(kwesties=["kwestie"]),
                    to_attr="openbare_besluiten_als_doel",
                ),
            )
            .order_by("naam", "pk")
        )


class Kwestie(SlugFromNaamMixin, models.Model):
    """A sociale kwestie that lives across agenda versions: new, active, merged or lapsed."""

    naam = models.CharField(_("naam"), max_length=200, validators=[validate_no_control_characters])
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    voorwaarden = models.ManyToManyField(
        Voorwaarde, verbose_name=_("voorwaarden"), related_name="kwesties", blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=KwestieStatus.choices, default=KwestieStatus.ACTIEF
    )
    samengevoegd_in = models.ForeignKey(
        "self",
        verbose_name=_("samengevoegd in"),
        related_name="opgegaan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    leeratelier = models.ForeignKey(
        Leeratelier,
        verbose_name=_("leeratelier"),
        related_name="kwesties",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    objects = KwestieQuerySet.as_manager()
    history = HistoricalRecords(
        m2m_fields=[voorwaarden],
        verbose_name=_("historie kwestie"),
        verbose_name_plural=_("historie kwesties"),
    )

    class Meta:
        verbose_name = _("kwestie")
        verbose_name_plural = _("kwesties")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=KwestieStatus.values), name="kwestie_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=KwestieStatus.SAMENGEVOEGD, samengevoegd_in__isnull=False)
                | (~Q(status=KwestieStatus.SAMENGEVOEGD) & Q(samengevoegd_in__isnull=True)),
                name="kwestie_merged_has_target",
                violation_error_message=_(
                    "Een samengevoegde kwestie verwijst naar de kwestie waarin zij is opgegaan."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(samengevoegd_in=F("id")), name="kwestie_not_merged_into_itself"
            ),
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        """Its place on a public page (a kwestie has no page of its own): the current agenda,
        else the history for a merged or lapsed one, else the newest archived version it is on.
        Rows from ``with_place()`` know it without a query."""
        anchor = f"#kwestie-{self.slug}"
        place = self
        if self.pk and not hasattr(self, "op_huidige_agenda"):
            place = Kwestie.objects.with_place().get(pk=self.pk)
        if getattr(place, "op_huidige_agenda", False):
            return reverse("kennisagenda:current") + anchor
        if self.status == KwestieStatus.ACTIEF and getattr(place, "laatste_versie", None):
            return reverse("kennisagenda:version", kwargs={"slug": place.laatste_versie}) + anchor
        return reverse("kennisagenda:history") + anchor

    def voorwaarden_van_leeratelier_als_anders(self):
        """The voorwaarden its leeratelier works on now, when they differ from those the agenda
        set for the kwestie (the agenda is a record; the leeratelier moves on); else ``[]``."""
        if self.leeratelier is None:
            return []
        eigen = {voorwaarde.pk for voorwaarde in self.voorwaarden.all()}
        atelier = list(self.leeratelier.voorwaarden.all())
        return atelier if {voorwaarde.pk for voorwaarde in atelier} != eigen else []


class Agendapunt(models.Model):
    agenda = models.ForeignKey(
        Kennisagenda,
        verbose_name=_("kennisagenda"),
        related_name="punten",
        on_delete=models.CASCADE,
    )
    kwestie = models.ForeignKey(
        Kwestie, verbose_name=_("kwestie"), related_name="agendapunten", on_delete=models.PROTECT
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    toelichting = models.TextField(_("toelichting bij deze versie"), blank=True)

    history = HistoricalRecords(
        verbose_name=_("historie agendapunt"), verbose_name_plural=_("historie agendapunten")
    )

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["volgorde", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agenda", "kwestie"], name="agendapunt_unique"),
        ]

    def __str__(self):
        return f"{self.agenda}: {self.kwestie}"


class Vertegenwoordiging(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    OPLEIDING = "opleiding", _("Opleiding")
    ERVARINGSDESKUNDIGEN = "ervaringsdeskundigen", _("Ervaringsdeskundigen")
    MAATSCHAPPELIJK = "maatschappelijk", _("Maatschappelijke organisatie")
    ZORGALLIANTIE = "zorgalliantie", _("Zorgalliantie / Krachtige Kernen")
    ACADEMISCHE_WERKPLAATS = "academische-werkplaats", _("Academische werkplaats")
    LECTORAAT = "lectoraat", _("Lectoraat")


class CommissieRol(models.TextChoices):
    VOORZITTER = "voorzitter", _("Voorzitter")
    LID = "lid", _("Lid")
    SECRETARIS = "secretaris", _("Secretaris")


class CommissielidQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(
            Q(van__isnull=True) | Q(van__lte=on), Q(tot__isnull=True) | Q(tot__gte=on)
        )

    def for_list(self):
        return self.select_related("persoon", "organisatie")


class Commissielid(models.Model):
    """A seat in the programmacommissie: whom it represents, and who holds it (if public)."""

    vertegenwoordigt = models.CharField(
        _("vertegenwoordigt"), max_length=30, choices=Vertegenwoordiging.choices
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("namens"),
        related_name="commissieleden",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    persoon = models.ForeignKey(
        Persoon,
        verbose_name=_("persoon"),
        related_name="commissieleden",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Leeg als de naam niet openbaar is."),
    )
    rol = models.CharField(
        _("rol"), max_length=20, choices=CommissieRol.choices, default=CommissieRol.LID
    )
    van = models.DateField(_("van"), null=True, blank=True)
    tot = models.DateField(_("tot"), null=True, blank=True)

    objects = CommissielidQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name=_("historie commissielid"), verbose_name_plural=_("historie commissieleden")
    )

    class Meta:
        verbose_name = _("lid van de programmacommissie")
        verbose_name_plural = _("programmacommissie")
        ordering = ["vertegenwoordigt", "organisatie__naam", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(vertegenwoordigt__in=Vertegenwoordiging.values),
                name="commissielid_vertegenwoordigt_valid",
            ),
            models.CheckConstraint(
                condition=Q(rol__in=CommissieRol.values), name="commissielid_rol_valid"
            ),
            ends_after_start("commissielid_period", start="van", end="tot"),
        ]

    def __str__(self):
        wie = self.persoon.naam if self.persoon_id else _("vertegenwoordiger")
        namens = (
            self.organisatie.naam if self.organisatie_id else self.get_vertegenwoordigt_display()
        )
        return f"{wie} ({namens})"


class BesluitSoort(models.TextChoices):
    NIEUWE_VERSIE = "nieuwe-versie", _("Nieuwe conceptversie")
    VASTGESTELD = "vastgesteld", _("Agenda vastgesteld")
    SAMENGEVOEGD = "samengevoegd", _("Kwesties samengevoegd")
    VERVALLEN = "vervallen", _("Kwestie vervallen")
    NIEUWE_KWESTIE = "nieuwe-kwestie", _("Nieuwe kwestie")


class BesluitQuerySet(models.QuerySet):
    def about_concepts(self):
        """Decisions about a concept version: private until the version is adopted."""
        return self.filter(agenda__status=AgendaStatus.CONCEPT)

    def for_timeline(self):
        """Public decisions, newest first; those about concept versions stay private."""
        return (
            self.exclude(agenda__status=AgendaStatus.CONCEPT)
            .select_related("agenda", "kwestie", "doel")
            .order_by("-genomen_on", "-id")
        )

    def for_api(self, *, kwesties=("kwestie", "doel")):
        """The public besluiten (``for_timeline``), the kwesties they name (``kwesties``: those
        of the two that are not already known, as the kwestie whose besluiten these are)
        knowing their place on the public pages (``Kwestie.get_absolute_url`` without a
        query)."""
        with_place = Kwestie.objects.with_place()
        return (
            self.for_timeline()
            .select_related(None)
            .select_related("agenda")
            .prefetch_related(*(Prefetch(name, queryset=with_place) for name in kwesties))
        )


class Besluit(models.Model):
    """A decision of the programmacommissie, shown publicly on the agenda's history."""

    soort = models.CharField(_("soort"), max_length=20, choices=BesluitSoort.choices)
    genomen_on = models.DateField(_("datum van het besluit"), default=timezone.localdate)
    toelichting = models.TextField(
        _("toelichting"), blank=True, validators=[validate_no_control_characters]
    )
    agenda = models.ForeignKey(
        Kennisagenda, verbose_name=_("kennisagenda"), related_name="besluiten",
        on_delete=models.CASCADE, null=True, blank=True,
    )  # fmt: skip
    kwestie = models.ForeignKey(
        Kwestie, verbose_name=_("kwestie"), related_name="besluiten",
        on_delete=models.CASCADE, null=True, blank=True,
    )  # fmt: skip
    doel = models.ForeignKey(
        Kwestie, verbose_name=_("opgegaan in"), related_name="besluiten_als_doel",
        on_delete=models.CASCADE, null=True, blank=True,
    )  # fmt: skip

    objects = BesluitQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name=_("historie besluit"), verbose_name_plural=_("historie besluiten")
    )

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["-genomen_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort__in=BesluitSoort.values), name="besluit_soort_valid"
            ),
            models.CheckConstraint(
                condition=~Q(soort=BesluitSoort.SAMENGEVOEGD)
                | Q(kwestie__isnull=False, doel__isnull=False),
                name="besluit_merge_names_both",
            ),
            models.CheckConstraint(
                condition=~Q(soort__in=[BesluitSoort.NIEUWE_VERSIE, BesluitSoort.VASTGESTELD])
                | Q(agenda__isnull=False),
                name="besluit_version_names_agenda",
            ),
        ]

    def __str__(self):
        return f"{self.genomen_on:%d-%m-%Y} {self.get_soort_display()}"
