"""Leerateliers: per sociale kwestie trekkers, arena and tribune, praktijken and lessen, and
who follows them and was emailed about their tribune updates."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, Value, When
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from werkplaats.aggregates import NameList
from werkplaats.inline import inline
from werkplaats.models import (
    Gemeente,
    Organisatie,
    Persoon,
    SlugFromNaamMixin,
    Soort,
    Thema,
    URLField,
    Voorwaarde,
    ends_after_start,
)
from werkplaats.text import validate_no_control_characters
from werkplaats.uploads import SafeFileField, SafeImageField, UnguessablePath, file_kind


class LeeratelierStatus(models.TextChoices):
    IN_VOORBEREIDING = "in-voorbereiding", _("In voorbereiding")
    ACTIEF = "actief", _("Actief")
    AFGEROND = "afgerond", _("Afgerond")


class Rol(models.TextChoices):
    """Where an organisation stands in a leeratelier."""

    ARENA = "arena", _("Arena")
    TRIBUNE = "tribune", _("Tribune")

    @property
    def plaats(self):
        """Where an organisation in this role is: "in de arena", "op de tribune"."""
        return _("in de arena") if self is Rol.ARENA else _("op de tribune")

    @property
    def naam(self):
        """The place itself, to move from or to: "de arena", "de tribune"."""
        return _("de arena") if self is Rol.ARENA else _("de tribune")


class TrekkerRol(models.TextChoices):
    TREKKER = "trekker", _("Trekker")
    CO_TREKKER = "co-trekker", _("Co-trekker")
    ONDERZOEKER = "onderzoeker", _("Onderzoeker")
    PROMOVENDUS = "promovendus", _("Promovendus")

    @classmethod
    def leidend(cls):
        """The roles that lead an atelier (shown as its trekkers)."""
        return [cls.TREKKER, cls.CO_TREKKER]

    @classmethod
    def ordering(cls):
        """An expression that sorts rows by role in the order above."""
        return Case(
            *(When(rol=rol, then=Value(position)) for position, rol in enumerate(cls.values)),
            default=Value(len(cls.values)),
        )


def published_updates():
    return TribuneUpdate.objects.published().select_related("auteur")


class LeeratelierQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(status=LeeratelierStatus.ACTIEF)

    def with_counts(self):
        current = Q(deelnames__tot__isnull=True)
        return self.annotate(
            aantal_arena=Count(
                "deelnames", filter=current & Q(deelnames__rol=Rol.ARENA), distinct=True
            ),
            aantal_tribune=Count(
                "deelnames", filter=current & Q(deelnames__rol=Rol.TRIBUNE), distinct=True
            ),
        )

    def in_gemeente(self, gemeente):
        """The leerateliers that run in ``gemeente``: named for it, or with a lerende praktijk
        there. The one meaning of "runs in a gemeente", for lists, filters and the picture."""
        return self.filter(
            pk__in=Leeratelier.objects.filter(
                Q(gemeenten=gemeente) | Q(praktijken__gemeenten=gemeente)
            ).values("pk")
        )

    def for_home(self):
        return self.actief().with_counts().order_by("titel")

    def for_list(self):
        return (
            self.with_counts()
            .prefetch_related(
                "voorwaarden",
                Prefetch(
                    "trekkerschappen",
                    queryset=Trekkerschap.objects.leidend().select_related("persoon"),
                    to_attr="leiding",
                ),
            )
            .order_by("titel")
        )

    def with_following(self, user):
        """Annotate ``volgt``: whether ``user`` (possibly anonymous) follows each atelier."""
        if not user.is_authenticated:
            return self.annotate(volgt=Value(False))
        return self.annotate(
            volgt=Exists(
                Abonnement.objects.filter(leeratelier=OuterRef("pk"), user=user, volgt=True)
            )
        )

    def for_detail(self):
        # The short lists beside the atelier come in its own query (``inline``).
        return inline(self, "voorwaarden", "themas", "gemeenten", "vraagstukken").prefetch_related(
            Prefetch(
                "trekkerschappen",
                queryset=Trekkerschap.objects.select_related("persoon", "persoon__organisatie"),
            ),
            # Every deelname, ended ones too: the timeline reads the history, the page the
            # current ones (``arena`` and ``tribune``).
            Prefetch(
                "deelnames",
                queryset=Deelname.objects.select_related("organisatie", "contactpersoon"),
                to_attr="alle_deelnames",
            ),
            Prefetch(
                "praktijken",
                # The cards name their gemeenten; one column instead of a query of its own.
                queryset=LerendePraktijk.objects.annotate(
                    gemeente_namen=NameList("gemeenten__naam")
                ).order_by("titel"),
            ),
            # Every les once, a local one with the ids of the regional lessen that took it up
            # (a column, not a query): ``lessen``, ``regionale_lessen`` and ``losse_lessen``.
            Prefetch(
                "geleerde_lessen",
                queryset=inline(GeleerdeLes.objects.all(), "voorwaarden")
                .annotate(opgepakt_in_ids=NameList(Cast("opgepakt_in__id", models.CharField())))
                .order_by("-geleerd_on", "pk"),  # Meta.ordering is not used with GROUP BY
                to_attr="alle_lessen",
            ),
            Prefetch("updates", queryset=published_updates(), to_attr="gepubliceerde_updates"),
        )

    def for_api(self):
        """For /api/v1/leerateliers/: what its page shows of the atelier itself (vraagstukken,
        voorwaarden, thema's, gemeenten, trekkers and onderzoekers, the current arena and
        tribune from the same ``alle_deelnames`` as the page, its praktijken), by title."""
        return self.prefetch_related(
            "voorwaarden",
            "themas",
            "gemeenten",
            "vraagstukken",
            Prefetch(
                "trekkerschappen",
                queryset=Trekkerschap.objects.select_related("persoon__organisatie"),
            ),
            Prefetch(
                "deelnames",
                queryset=Deelname.objects.select_related("organisatie"),
                to_attr="alle_deelnames",
            ),
            Prefetch("praktijken", queryset=LerendePraktijk.objects.order_by("titel", "pk")),
        ).order_by("titel", "pk")


class Leeratelier(SlugFromNaamMixin, models.Model):
    """Where partners work, evaluate and learn together on one sociale kwestie."""

    titel = models.CharField(
        _("titel"), max_length=150, validators=[validate_no_control_characters]
    )
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    samenvatting = models.CharField(_("samenvatting"), max_length=300)
    beschrijving = models.TextField(
        _("beschrijving"),
        blank=True,
        help_text=_("Markdown: **vet**, *cursief*, [link](https://…), lijstjes met -."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=LeeratelierStatus.choices,
        default=LeeratelierStatus.ACTIEF,
    )
    start_on = models.DateField(_("gestart op"), null=True, blank=True)
    end_on = models.DateField(_("afgerond op"), null=True, blank=True)
    voorwaarden = models.ManyToManyField(
        Voorwaarde, verbose_name=_("voorwaarden"), related_name="leerateliers", blank=True
    )
    themas = models.ManyToManyField(
        Thema, verbose_name=_("thema's"), related_name="leerateliers", blank=True
    )
    gemeenten = models.ManyToManyField(
        Gemeente, verbose_name=_("gemeenten"), related_name="leerateliers", blank=True
    )
    afbeelding = SafeImageField(_("afbeelding"), upload_to="leerateliers/", blank=True)
    afbeelding_alt = models.CharField(
        _("beschrijving van de afbeelding"),
        max_length=200,
        blank=True,
        help_text=_("Wat er op de afbeelding te zien is, voor wie hem niet kan zien."),
    )
    contact_email = models.EmailField(_("contactadres"), blank=True)

    objects = LeeratelierQuerySet.as_manager()

    slug_source = "titel"

    class Meta:
        verbose_name = _("leeratelier")
        verbose_name_plural = _("leerateliers")
        ordering = ["titel"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=LeeratelierStatus.values), name="leeratelier_status_valid"
            ),
            ends_after_start("leeratelier_ends_after_start"),
            models.CheckConstraint(
                condition=~Q(status=LeeratelierStatus.AFGEROND) | Q(end_on__isnull=False),
                name="leeratelier_afgerond_has_end",
                violation_error_message=_("Vul de datum in waarop het leeratelier is afgerond."),
            ),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("portaal:leeratelier_detail", kwargs={"slug": self.slug})

    def get_feed_url(self):
        return reverse("leerateliers:feed", kwargs={"slug": self.slug})

    # On rows from for_detail(): the current partners per role, without further queries.
    def clean(self):
        if self.afbeelding and not self.afbeelding_alt.strip():
            raise ValidationError(
                {
                    "afbeelding_alt": _(
                        "Beschrijf wat er op de afbeelding staat, voor wie hem niet ziet."
                    )
                }
            )

    @property
    def arena(self):
        return [d for d in self.alle_deelnames if d.is_current and d.rol == Rol.ARENA]

    @property
    def tribune(self):
        return [d for d in self.alle_deelnames if d.is_current and d.rol == Rol.TRIBUNE]

    @property
    def laatste_updates(self):
        return self.gepubliceerde_updates[:5]

    @cached_property
    def lessen(self):
        """Every les, newest first, each with its praktijk (which names its gemeenten) and
        its leeratelier at hand, so their links need no query."""
        praktijken = {praktijk.pk: praktijk for praktijk in self.praktijken.all()}
        for les in self.alle_lessen:
            if les.praktijk_id in praktijken:
                les.praktijk = praktijken[les.praktijk_id]
        return self.alle_lessen

    @property
    def regionale_lessen(self):
        """Its regional lessen, newest first, each with ``lokale_lessen``: the local lessen it
        brings together."""
        return self._lessen_overzicht[0]

    @property
    def losse_lessen(self):
        """Its local lessen that no regional les has taken up (yet), newest first."""
        return self._lessen_overzicht[1]

    @cached_property
    def _lessen_overzicht(self):
        regionaal = {les.pk: les for les in self.lessen if les.is_regionaal}
        for les in regionaal.values():
            les.lokale_lessen = []
        los = []
        for les in self.lessen:
            if les.is_regionaal:
                continue
            ids = {int(pk) for pk in (les.opgepakt_in_ids or "").split(",") if pk.strip()}
            opgepakt = [regionaal[pk] for pk in ids if pk in regionaal]
            for regionale_les in opgepakt:
                regionale_les.lokale_lessen.append(les)
            if not opgepakt:
                los.append(les)
        return list(regionaal.values()), los


class Vraagstuk(models.Model):
    leeratelier = models.ForeignKey(
        Leeratelier,
        verbose_name=_("leeratelier"),
        related_name="vraagstukken",
        on_delete=models.CASCADE,
    )
    tekst = models.CharField(_("vraagstuk"), max_length=300)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("vraagstuk")
        verbose_name_plural = _("vraagstukken")
        ordering = ["volgorde", "id"]

    def __str__(self):
        return self.tekst


class TrekkerschapQuerySet(models.QuerySet):
    def leidend(self):
        return self.filter(rol__in=TrekkerRol.leidend())


class Trekkerschap(models.Model):
    """A persoon's role in a leeratelier: trekker, co-trekker, onderzoeker or promovendus."""

    persoon = models.ForeignKey(
        Persoon, verbose_name=_("persoon"), related_name="trekkerschappen", on_delete=models.CASCADE
    )
    leeratelier = models.ForeignKey(
        Leeratelier,
        verbose_name=_("leeratelier"),
        related_name="trekkerschappen",
        on_delete=models.CASCADE,
    )
    rol = models.CharField(
        _("rol"), max_length=20, choices=TrekkerRol.choices, default=TrekkerRol.TREKKER
    )

    objects = TrekkerschapQuerySet.as_manager()

    class Meta:
        verbose_name = _("trekker of onderzoeker")
        verbose_name_plural = _("trekkers en onderzoekers")
        ordering = [TrekkerRol.ordering(), "persoon__naam"]
        constraints = [
            models.UniqueConstraint(fields=["persoon", "leeratelier"], name="trekkerschap_unique"),
            models.CheckConstraint(
                condition=Q(rol__in=TrekkerRol.values), name="trekkerschap_rol_valid"
            ),
        ]

    def __str__(self):
        return f"{self.persoon} — {self.get_rol_display().lower()} van {self.leeratelier}"


class DeelnameQuerySet(models.QuerySet):
    def current(self):
        return self.filter(tot__isnull=True)

    def for_gemeente(self, gemeente):
        """The current arena and tribune places of the organisations based in ``gemeente``."""
        return (
            self.current()
            .filter(organisatie__gemeente=gemeente)
            .select_related("organisatie", "leeratelier")
            .order_by("organisatie__naam", "leeratelier__titel")
        )

    def eerste_dag(self):
        """The day the first deelname started (None without any)."""
        return self.aggregate(eerste=models.Min("sinds"))["eerste"]

    def organisaties_per_rol(self, dagen):
        """Per rol, how many distinct organisations took part at the end of each of ``dagen``
        (a deelname runs from ``sinds`` up to, not on, ``tot``): ``{rol: [aantal per dag]}``,
        counted in one query however many days."""

        def op(dag, rol):
            loopt = Q(tot__isnull=True) | Q(tot__gt=dag)
            return Count("organisatie", distinct=True, filter=Q(rol=rol, sinds__lte=dag) & loopt)

        kolommen = {f"{rol}_{n}": op(dag, rol) for n, dag in enumerate(dagen) for rol in Rol}
        aantallen = self.aggregate(**kolommen) if kolommen else {}
        return {rol: [aantallen[f"{rol}_{n}"] for n in range(len(dagen))] for rol in Rol}

    def for_api(self):
        """For /api/v1/deelnames/: every row of the history (the organisation pages show them
        all), each with its organisatie and leeratelier, by atelier, organisation and date."""
        return self.select_related("organisatie", "leeratelier").order_by(
            "leeratelier__titel", "organisatie__naam", "-sinds", "pk"
        )


class Deelname(models.Model):
    """An organisation in the arena or on the tribune of a leeratelier, from ``sinds`` to ``tot``.

    A role change ends the current row and starts a new one (see services), so the history stays.
    """

    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        related_name="deelnames",
        on_delete=models.CASCADE,
    )
    leeratelier = models.ForeignKey(
        Leeratelier,
        verbose_name=_("leeratelier"),
        related_name="deelnames",
        on_delete=models.CASCADE,
    )
    rol = models.CharField(_("rol"), max_length=10, choices=Rol.choices)
    contactpersoon = models.ForeignKey(
        Persoon,
        verbose_name=_("contactpersoon"),
        related_name="deelnames",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    sinds = models.DateField(_("sinds"), default=timezone.localdate)
    tot = models.DateField(
        _("tot"), null=True, blank=True, help_text=_("Leeg zolang de deelname loopt.")
    )

    objects = DeelnameQuerySet.as_manager()

    class Meta:
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        ordering = ["leeratelier__titel", "organisatie__naam", "-sinds"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "leeratelier"],
                condition=Q(tot__isnull=True),
                name="deelname_one_current_per_organisatie",
                violation_error_message=_(
                    "Deze organisatie doet al mee aan dit leeratelier. "
                    "Beëindig eerst de huidige deelname."
                ),
            ),
            models.CheckConstraint(condition=Q(rol__in=Rol.values), name="deelname_rol_valid"),
            ends_after_start("deelname_ends_after_start", start="sinds", end="tot"),
        ]

    def __str__(self):
        return f"{self.organisatie} — {self.get_rol_display().lower()} — {self.leeratelier}"

    @property
    def is_current(self):
        return self.tot is None


class PraktijkStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    LOPEND = "lopend", _("Lopend")
    AFGEROND = "afgerond", _("Afgerond")


class LerendePraktijkQuerySet(models.QuerySet):
    def for_beheer(self):
        """For the trekkers' overview: with the names of its gemeenten, by title."""
        return (
            self.select_related("leeratelier")
            .annotate(gemeente_namen=NameList("gemeenten__naam"))
            .order_by("titel")
        )

    def for_detail(self):
        """With its lessen and where they went: the regional lessen that took a local one up,
        and the local lessen a regional one brings together (with their praktijken)."""
        elders = GeleerdeLes.objects.select_related("leeratelier", "praktijk__leeratelier")
        beside = ("gemeenten", "partners", "werkplaatsen")
        return (
            inline(self, *beside)
            .select_related("leeratelier")
            .prefetch_related(
                Prefetch(
                    "lessen",
                    queryset=inline(GeleerdeLes.objects.all(), "voorwaarden").prefetch_related(
                        Prefetch("opgepakt_in", queryset=elders),
                        Prefetch(
                            "bronnen", queryset=elders.prefetch_related("praktijk__gemeenten")
                        ),
                    ),
                ),
            )
        )

    def for_api(self):
        """For /api/v1/lerende-praktijken/: each with its leeratelier, gemeenten, partners
        and the other werkplaatsen it runs with, by leeratelier and title."""
        return (
            self.select_related("leeratelier")
            .prefetch_related(
                Prefetch("gemeenten", queryset=Gemeente.objects.order_by("naam")),
                Prefetch("partners", queryset=Organisatie.objects.order_by("naam")),
                Prefetch("werkplaatsen", queryset=Organisatie.objects.order_by("naam")),
            )
            .order_by("leeratelier__titel", "titel", "pk")
        )

    def gezamenlijk(self, werkplaats=None, *, eigen=None):
        """The praktijken that run with other Werkplaatsen Sociaal Domein: with
        ``werkplaats``, or (without one, or when it is ``eigen``, this werkplaats' own
        organisation) with any werkplaats but this one."""
        if werkplaats is not None and werkplaats != eigen:
            return self.filter(werkplaatsen=werkplaats)
        others = Organisatie.objects.werkplaatsen()
        if eigen is not None:
            others = others.exclude(pk=eigen.pk)
        return self.filter(pk__in=self.model.objects.filter(werkplaatsen__in=others).values("pk"))

    def for_werkplaats(self, werkplaats, *, eigen=None):
        """For a werkplaats' page: the praktijken it shares with us (see ``gezamenlijk``),
        each with its leeratelier, gemeenten and werkplaatsen, by title."""
        return (
            self.gezamenlijk(werkplaats, eigen=eigen)
            .select_related("leeratelier")
            .prefetch_related(
                Prefetch("gemeenten", queryset=Gemeente.objects.order_by("naam")),
                Prefetch("werkplaatsen", queryset=Organisatie.objects.order_by("naam")),
            )
            .order_by("titel", "pk")
        )


class LerendePraktijk(SlugFromNaamMixin, models.Model):
    """A local practice where a leeratelier works on its questions."""

    leeratelier = models.ForeignKey(
        Leeratelier,
        verbose_name=_("leeratelier"),
        related_name="praktijken",
        on_delete=models.CASCADE,
    )
    titel = models.CharField(
        _("titel"), max_length=150, validators=[validate_no_control_characters]
    )
    slug = models.SlugField(_("slug"), max_length=150)
    gemeenten = models.ManyToManyField(
        Gemeente, verbose_name=_("gemeenten"), related_name="praktijken", blank=True
    )
    partners = models.ManyToManyField(
        Organisatie, verbose_name=_("partners"), related_name="praktijken", blank=True
    )
    werkplaatsen = models.ManyToManyField(
        Organisatie,
        verbose_name=_("samen met werkplaatsen"),
        related_name="gezamenlijke_praktijken",
        blank=True,
        limit_choices_to={"soort": Soort.WERKPLAATS_SOCIAAL_DOMEIN},
        help_text=_("Andere Werkplaatsen Sociaal Domein waarmee deze praktijk loopt."),
    )
    beschrijving = models.TextField(_("beschrijving"), blank=True, help_text=_("Markdown."))
    start_on = models.DateField(_("van"), null=True, blank=True)
    end_on = models.DateField(_("tot"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PraktijkStatus.choices, default=PraktijkStatus.LOPEND
    )
    externe_link = URLField(_("externe link"), blank=True)

    objects = LerendePraktijkQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name=_("historie lerende praktijk"),
        verbose_name_plural=_("historie lerende praktijken"),
        m2m_fields=[gemeenten, partners, werkplaatsen],
    )

    slug_source = "titel"

    class Meta:
        verbose_name = _("lerende praktijk")
        verbose_name_plural = _("lerende praktijken")
        ordering = ["titel"]
        constraints = [
            models.UniqueConstraint(
                fields=["leeratelier", "slug"], name="praktijk_slug_unique_per_leeratelier"
            ),
            models.CheckConstraint(
                condition=Q(status__in=PraktijkStatus.values), name="praktijk_status_valid"
            ),
            ends_after_start("praktijk_ends_after_start"),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse(
            "leerateliers:praktijk_detail",
            kwargs={"leeratelier_slug": self.leeratelier.slug, "slug": self.slug},
        )

    # Praktijken of the werkplaats started this century; an earlier date is a typing error
    # (and would stretch the coverage over the years back to it).
    EARLIEST = datetime.date(2000, 1, 1)

    def clean(self):
        for field in ("start_on", "end_on"):
            value = getattr(self, field)
            if value is not None and value < self.EARLIEST:
                raise ValidationError({field: _("Kies een datum vanaf 1 januari 2000.")})

    @property
    def gemeenten_in_werkgebied(self):
        """Its (prefetched) gemeenten in the werkgebied."""
        return [gemeente for gemeente in self.gemeenten.all() if gemeente.in_werkgebied]

    @property
    def gemeenten_elders(self):
        """Its (prefetched) gemeenten outside the werkgebied: where it runs with another
        werkplaats."""
        return [gemeente for gemeente in self.gemeenten.all() if not gemeente.in_werkgebied]

    @property
    def gemeenten_tekst(self):
        """Its gemeenten as one line: from the ``gemeente_namen`` column where a page asked
        for it, else from its (prefetched) gemeenten."""
        if hasattr(self, "gemeente_namen"):
            return self.gemeente_namen or ""
        return ", ".join(gemeente.naam for gemeente in self.gemeenten.all())


class Niveau(models.TextChoices):
    LOKAAL = "lokaal", _("Lokaal")
    REGIONAAL = "regionaal", _("Regionaal")


class GeleerdeLesQuerySet(models.QuerySet):
    def with_praktijk(self):
        """Each les with its leeratelier and praktijk (for the links) and its voorwaarden."""
        return self.select_related("leeratelier", "praktijk__leeratelier").prefetch_related(
            "voorwaarden"
        )

    def lokaal(self):
        return self.filter(niveau=Niveau.LOKAAL)

    def for_beheer(self):
        """For the trekkers' overview, newest first: each les with its praktijk, how many local
        lessen it brings together and how many regional lessen took it up."""
        return (
            self.select_related("praktijk", "aankondiging")
            .annotate(
                aantal_bronnen=Count("bronnen", distinct=True),
                aantal_opgepakt=Count("opgepakt_in", distinct=True),
            )
            .order_by("-geleerd_on", "pk")
        )

    def regionaal(self):
        return self.filter(niveau=Niveau.REGIONAAL)

    def for_thema(self, thema):
        """The lessen of the leerateliers about ``thema``, newest first."""
        return self.with_praktijk().filter(leeratelier__themas=thema)

    def for_voorwaarde(self, voorwaarde):
        """The lessen mapped to ``voorwaarde``, newest first."""
        return self.with_praktijk().filter(voorwaarden=voorwaarde)

    def for_api(self):
        """For /api/v1/lessen/: each les with its leeratelier, praktijk and voorwaarden, and
        the lessen it brings together or that took it up, newest first as on the pages."""
        linked = GeleerdeLes.objects.only("pk").order_by("-geleerd_on", "pk")
        return (
            self.with_praktijk()
            .prefetch_related(
                Prefetch("bronnen", queryset=linked), Prefetch("opgepakt_in", queryset=linked)
            )
            .order_by("-geleerd_on", "pk")
        )


class GeleerdeLes(models.Model):
    """A lesson of a leeratelier. A local les comes from one of its praktijken; a regional les
    brings local lessen together (``bronnen``, from praktijken in different gemeenten), lifting
    them from local to regional knowledge in the arena."""

    leeratelier = models.ForeignKey(
        Leeratelier,
        verbose_name=_("leeratelier"),
        related_name="geleerde_lessen",
        on_delete=models.CASCADE,
    )
    praktijk = models.ForeignKey(
        LerendePraktijk,
        verbose_name=_("lerende praktijk"),
        related_name="lessen",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_(
            "Verplicht voor een lokale les; een regionale les mag boven de praktijken staan."
        ),
    )
    tekst = models.TextField(_("les"), validators=[validate_no_control_characters])
    voorwaarden = models.ManyToManyField(
        Voorwaarde, verbose_name=_("voorwaarden"), related_name="lessen", blank=True
    )
    niveau = models.CharField(
        _("niveau"), max_length=10, choices=Niveau.choices, default=Niveau.LOKAAL
    )
    bronnen = models.ManyToManyField(
        "self",
        verbose_name=_("lokale lessen"),
        related_name="opgepakt_in",
        symmetrical=False,
        blank=True,
        help_text=_("De lokale lessen uit de praktijken die deze regionale les samenbrengt."),
    )
    geleerd_on = models.DateField(_("datum"), default=timezone.localdate)
    aangemaakt_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now, editable=False)
    aankondiging = models.OneToOneField(
        "TribuneUpdate",
        verbose_name=_("aangekondigd met"),
        related_name="les",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        help_text=_("De tribune-update die deze regionale les aankondigde."),
    )

    objects = GeleerdeLesQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name=_("historie geleerde les"),
        verbose_name_plural=_("historie geleerde lessen"),
        m2m_fields=[voorwaarden, bronnen],
    )

    class Meta:
        verbose_name = _("geleerde les")
        verbose_name_plural = _("geleerde lessen")
        ordering = ["-geleerd_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(niveau__in=Niveau.values), name="les_niveau_valid"),
            models.CheckConstraint(
                condition=Q(niveau=Niveau.REGIONAAL) | Q(praktijk__isnull=False),
                name="les_lokaal_has_praktijk",
                violation_error_message=_("Kies de praktijk waar deze lokale les geleerd is."),
            ),
        ]

    def __str__(self):
        return self.tekst[:80]

    def save(self, *args, **kwargs):
        if self.praktijk_id and self.leeratelier_id is None:
            self.leeratelier_id = self.praktijk.leeratelier_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """Where the les is shown: on its praktijk's page, or (regional) its leeratelier's."""
        owner = self.praktijk if self.praktijk_id else self.leeratelier
        return f"{owner.get_absolute_url()}#les-{self.pk}"

    def clean(self):
        if self.praktijk_id and self.leeratelier_id is None:
            self.leeratelier_id = self.praktijk.leeratelier_id
        if self.praktijk_id and self.praktijk.leeratelier_id != self.leeratelier_id:
            raise ValidationError({"praktijk": _("Kies een praktijk van dit leeratelier.")})

    @property
    def is_regionaal(self):
        return self.niveau == Niveau.REGIONAAL


class UpdateStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")


# A concept update older than this waits in the programmacommissie's workbench.
CONCEPT_VERGETEN = datetime.timedelta(days=30)


class TribuneUpdateQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=UpdateStatus.GEPUBLICEERD, gepubliceerd_at__lte=timezone.now())

    def for_detail(self):
        return self.published().select_related("leeratelier", "auteur", "auteur__organisatie")

    def stale_concepts(self, now=None):
        """Concepts begun more than a month ago: forgotten, or waiting for a push."""
        since = (now or timezone.now()) - CONCEPT_VERGETEN
        return self.filter(status=UpdateStatus.CONCEPT, aangemaakt_at__lt=since)


class TribuneUpdate(models.Model):
    """A dated post by a trekker for everyone on the tribune of a leeratelier."""

    leeratelier = models.ForeignKey(
        Leeratelier, verbose_name=_("leeratelier"), related_name="updates", on_delete=models.CASCADE
    )
    auteur = models.ForeignKey(
        Persoon,
        verbose_name=_("auteur"),
        related_name="tribune_updates",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    titel = models.CharField(
        _("titel"), max_length=200, validators=[validate_no_control_characters]
    )
    tekst = models.TextField(
        _("tekst"), help_text=_("Markdown."), validators=[validate_no_control_characters]
    )
    bijlage = SafeFileField(
        _("bijlage"),
        upload_to=UnguessablePath("leerateliers/updates"),
        blank=True,
        help_text=_(
            "PDF, Word, OpenDocument, PowerPoint, Excel, EPUB, MP3, M4A, MP4 of WebM; "
            "hoogstens 25 MB."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=UpdateStatus.choices, default=UpdateStatus.CONCEPT
    )
    gepubliceerd_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    aangekondigd_at = models.DateTimeField(
        _("lezers ingelicht op"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Wanneer is bepaald wie een e-mail over deze update krijgt."),
    )
    aangemaakt_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)

    objects = TribuneUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("tribune-update")
        verbose_name_plural = _("tribune-updates")
        ordering = ["-gepubliceerd_at", "-id"]
        get_latest_by = "gepubliceerd_at"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=UpdateStatus.values), name="update_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=UpdateStatus.CONCEPT) | Q(gepubliceerd_at__isnull=False),
                name="update_published_has_date",
                violation_error_message=_("Een gepubliceerde update heeft een publicatiedatum."),
            ),
        ]

    def __str__(self):
        return self.titel

    def save(self, *args, **kwargs):
        self.stamp_publication()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "leerateliers:update_detail",
            kwargs={"leeratelier_slug": self.leeratelier.slug, "pk": self.pk},
        )

    def clean(self):
        self.stamp_publication()

    @property
    def is_published(self):
        return self.status == UpdateStatus.GEPUBLICEERD

    @property
    def bijlage_soort(self):
        """The attachment's kind as people know it: PDF, DOCX, … (its name follows its content)."""
        return file_kind(self.bijlage)

    def stamp_publication(self):
        """A published update without a date is published now (before forms check constraints)."""
        if self.status == UpdateStatus.GEPUBLICEERD and self.gepubliceerd_at is None:
            self.gepubliceerd_at = timezone.now()


class Frequentie(models.TextChoices):
    DIRECT = "direct", _("Meteen, bij elke update")
    WEKELIJKS = "wekelijks", _("Eén keer per week, in een overzicht")
    NOOIT = "nooit", _("Nooit")


class AbonnementQuerySet(models.QuerySet):
    def following(self):
        return self.filter(volgt=True)


class Abonnement(models.Model):
    """What a user wants from one leeratelier: following it, and how often to get its updates.

    A contactpersoon of an organisation in the arena or on the tribune gets updates without
    following; their row (if any) only holds the chosen frequency."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        related_name="abonnementen",
        on_delete=models.CASCADE,
    )
    leeratelier = models.ForeignKey(
        Leeratelier,
        verbose_name=_("leeratelier"),
        related_name="abonnementen",
        on_delete=models.CASCADE,
    )
    volgt = models.BooleanField(_("volgt"), default=True)
    frequentie = models.CharField(
        _("e-mail bij updates"),
        max_length=20,
        choices=Frequentie.choices,
        default=Frequentie.DIRECT,
    )
    sinds = models.DateTimeField(_("sinds"), auto_now_add=True)

    objects = AbonnementQuerySet.as_manager()

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementen")
        ordering = ["leeratelier__titel"]
        constraints = [
            models.UniqueConstraint(fields=["user", "leeratelier"], name="abonnement_unique"),
            models.CheckConstraint(
                condition=Q(frequentie__in=Frequentie.values), name="abonnement_frequentie_valid"
            ),
        ]

    def __str__(self):
        # No email address here: this text ends up in the admin's log.
        return _("Abonnement %(nummer)s: %(leeratelier)s") % {
            "nummer": self.pk,
            "leeratelier": self.leeratelier,
        }


class Melding(models.Model):
    """One email about one tribune update for one user: the row exists once, so nobody is sent
    the same update twice, however often it is published or a task is retried."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        related_name="meldingen",
        on_delete=models.CASCADE,
    )
    update = models.ForeignKey(
        TribuneUpdate,
        verbose_name=_("tribune-update"),
        related_name="meldingen",
        on_delete=models.CASCADE,
    )
    frequentie = models.CharField(
        _("verzending"),
        max_length=20,
        choices=[(Frequentie.DIRECT.value, _("Meteen")), (Frequentie.WEKELIJKS.value, _("Week"))],
    )
    aangemaakt_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    verstuurd_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    geweigerd_at = models.DateTimeField(
        _("geweigerd op"),
        null=True,
        blank=True,
        help_text=_("De mailserver weigerde het adres; deze e-mail wordt niet opnieuw verstuurd."),
    )

    class Meta:
        verbose_name = _("e-mailmelding")
        verbose_name_plural = _("e-mailmeldingen")
        ordering = ["-aangemaakt_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "update"], name="melding_once_per_update"),
            models.CheckConstraint(
                condition=Q(frequentie__in=[Frequentie.DIRECT, Frequentie.WEKELIJKS]),
                name="melding_frequentie_valid",
            ),
        ]

    def __str__(self):
        # No email address here: this text ends up in the admin's log.
        return _("Melding %(nummer)s: %(update)s") % {"nummer": self.pk, "update": self.update}
