"""The landelijke werkgroepen of the Werkplaatsen Sociaal Domein: the national working groups
in which the werkplaatsen bring in what their leerateliers learn, connect it to what other
regions learn, and take the insights back home; sometimes with joint publicaties.

A werkgroep has members (personen, each for the werkplaats or organisation they come from),
the werkplaatsen taking part, the leerateliers that bring knowledge in, its activities, and
the publicaties and bijeenkomsten that came from it. Everything here is public: the pages show
the published publicaties only."""

from django.db import models
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bijeenkomsten.models import Bijeenkomst
from leerateliers.models import Leeratelier
from publicaties.models import Publicatie
from publicaties.models import Status as PublicatieStatus
from werkplaats.models import (
    Organisatie,
    Persoon,
    SlugFromNaamMixin,
    Soort,
    Thema,
    URLField,
    ends_after_start,
)
from werkplaats.text import validate_no_control_characters

MARKDOWN_HELP = _("Markdown: **vet**, *cursief*, [link](https://…), lijstjes met -.")


class WerkgroepStatus(models.TextChoices):
    ACTIEF = "actief", _("Actief")
    AFGEROND = "afgerond", _("Afgerond")


class ActiviteitStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    LOPEND = "lopend", _("Loopt")
    AFGEROND = "afgerond", _("Afgerond")


def _gepubliceerd():
    return Publicatie.objects.newest().only(
        "titel", "slug", "soort", "status", "gepubliceerd_on", "taal"
    )


class WerkgroepQuerySet(models.QuerySet):
    def for_list(self):
        """/werkgroepen/: each with its hoofdthema, werkplaatsen and number of members."""
        return (
            self.select_related("hoofdthema")
            .annotate(aantal_leden=Count("lidmaatschappen", distinct=True))
            .prefetch_related(
                Prefetch("werkplaatsen", queryset=Organisatie.objects.order_by("naam"))
            )
            .order_by("naam")
        )

    def for_detail(self):
        """/werkgroepen/<slug>/: every row the page shows, in a fixed number of queries; only
        published publicaties (``gepubliceerde_publicaties``), also as an activity's result."""
        return self.select_related("hoofdthema", "thema").prefetch_related(
            Prefetch(
                "lidmaatschappen",
                queryset=Lidmaatschap.objects.select_related(
                    "persoon", "persoon__organisatie", "werkplaats"
                ),
            ),
            Prefetch("werkplaatsen", queryset=Organisatie.objects.order_by("naam")),
            Prefetch("leerateliers", queryset=Leeratelier.objects.order_by("titel")),
            Prefetch(
                "activiteiten",
                queryset=WerkgroepActiviteit.objects.select_related("publicatie").defer(
                    "publicatie__inhoud", "publicatie__search_vector"
                ),
            ),
            Prefetch("publicaties", queryset=_gepubliceerd(), to_attr="gepubliceerde_publicaties"),
            Prefetch(
                "bijeenkomsten",
                queryset=Bijeenkomst.objects.for_list().order_by("-start_at", "-pk"),
            ),
        )

    def for_api(self):
        """/api/v1/werkgroepen/: what the page shows, by name, with a tiebreaker."""
        return self.for_detail().order_by("naam", "pk")

    def for_search(self):
        """For site search: the rows with what a result shows (fields to search: ``naam``,
        ``volledige_naam``, ``samenvatting``, ``beschrijving``)."""
        return self.select_related("hoofdthema")

    def met_werkplaats(self, organisatie):
        """The werkgroepen ``organisatie`` takes part in: as a werkplaats of the werkgroep,
        or through a member who comes from it."""
        return self.filter(
            pk__in=Werkgroep.objects.filter(
                Q(werkplaatsen=organisatie) | Q(lidmaatschappen__werkplaats=organisatie)
            ).values("pk")
        ).order_by("naam")


class Werkgroep(SlugFromNaamMixin, models.Model):
    """A landelijke werkgroep of the Werkplaatsen Sociaal Domein."""

    naam = models.CharField(
        _("naam"),
        max_length=150,
        unique=True,
        validators=[validate_no_control_characters],
        help_text=_("Kort, zoals de werkgroep genoemd wordt, bijvoorbeeld: Lerende Praktijken."),
    )
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    volledige_naam = models.CharField(
        _("naam voluit"),
        max_length=250,
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_("De titel van de werkgroep of haar programma, als die langer is."),
    )
    samenvatting = models.CharField(
        _("samenvatting"),
        max_length=300,
        validators=[validate_no_control_characters],
        help_text=_("Eén of twee zinnen, voor de lijst en voor zoekmachines."),
    )
    beschrijving = models.TextField(
        _("beschrijving"),
        blank=True,
        validators=[validate_no_control_characters],
        help_text=MARKDOWN_HELP,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=WerkgroepStatus.choices, default=WerkgroepStatus.ACTIEF
    )
    hoofdthema = models.ForeignKey(
        Thema,
        verbose_name=_("landelijk hoofdthema"),
        related_name="landelijke_werkgroepen",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        limit_choices_to={"is_landelijk_hoofdthema": True},
        help_text=_("Een van de vier hoofdthema's van de Werkplaatsen Sociaal Domein."),
    )
    thema = models.ForeignKey(
        Thema,
        verbose_name=_("thema"),
        related_name="werkgroepen",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("Het thema van de werkgroep, als dat een ander is dan het hoofdthema."),
    )
    website = URLField(
        _("website"), blank=True, help_text=_("De pagina van de werkgroep elders, als die er is.")
    )
    leden = models.ManyToManyField(
        Persoon,
        through="Lidmaatschap",
        verbose_name=_("leden"),
        related_name="werkgroepen",
        blank=True,
    )
    werkplaatsen = models.ManyToManyField(
        Organisatie,
        verbose_name=_("werkplaatsen"),
        related_name="werkgroepen",
        blank=True,
        limit_choices_to={"soort": Soort.WERKPLAATS_SOCIAAL_DOMEIN},
        help_text=_("De Werkplaatsen Sociaal Domein die aan de werkgroep deelnemen."),
    )
    leerateliers = models.ManyToManyField(
        Leeratelier,
        verbose_name=_("leerateliers"),
        related_name="werkgroepen",
        blank=True,
        help_text=_("De leerateliers van de werkplaats die kennis in de werkgroep inbrengen."),
    )
    publicaties = models.ManyToManyField(
        Publicatie,
        verbose_name=_("publicaties"),
        related_name="werkgroepen",
        blank=True,
        help_text=_("Wat de werkgroep (mede) maakte. Alleen gepubliceerde staan op de site."),
    )
    bijeenkomsten = models.ManyToManyField(
        Bijeenkomst,
        verbose_name=_("bijeenkomsten"),
        related_name="werkgroepen",
        blank=True,
    )
    gewijzigd_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = WerkgroepQuerySet.as_manager()

    class Meta:
        verbose_name = _("landelijke werkgroep")
        verbose_name_plural = _("landelijke werkgroepen")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=WerkgroepStatus.values), name="werkgroep_status_valid"
            ),
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("landelijk:werkgroep_detail", kwargs={"slug": self.slug})

    @property
    def themas(self):
        """The hoofdthema and the thema, each once (on rows with both selected)."""
        found = [self.hoofdthema, self.thema]
        return [t for i, t in enumerate(found) if t and t not in found[:i]]


class Lidmaatschap(models.Model):
    """A persoon in a werkgroep, for the werkplaats or organisation they come from."""

    werkgroep = models.ForeignKey(
        Werkgroep,
        verbose_name=_("werkgroep"),
        related_name="lidmaatschappen",
        on_delete=models.CASCADE,
    )
    persoon = models.ForeignKey(
        Persoon,
        verbose_name=_("persoon"),
        related_name="werkgroep_lidmaatschappen",
        on_delete=models.CASCADE,
    )
    werkplaats = models.ForeignKey(
        Organisatie,
        verbose_name=_("namens"),
        related_name="werkgroep_lidmaatschappen",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("De werkplaats (of organisatie) waar het lid vandaan komt."),
    )
    rol = models.CharField(
        _("rol"),
        max_length=100,
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_("Alleen als de rol bekend is, bijvoorbeeld: voorzitter of contactpersoon."),
    )

    class Meta:
        verbose_name = _("lid")
        verbose_name_plural = _("leden")
        ordering = ["persoon__naam", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["werkgroep", "persoon"],
                name="werkgroep_lidmaatschap_unique",
                violation_error_message=_("Deze persoon is al lid van de werkgroep."),
            ),
        ]

    def __str__(self):
        return f"{self.persoon} — {self.werkgroep}"


class WerkgroepActiviteit(models.Model):
    """Something a werkgroep does or did: a survey, a framework, a handreiking in the making."""

    werkgroep = models.ForeignKey(
        Werkgroep,
        verbose_name=_("werkgroep"),
        related_name="activiteiten",
        on_delete=models.CASCADE,
    )
    titel = models.CharField(
        _("titel"), max_length=200, validators=[validate_no_control_characters]
    )
    beschrijving = models.TextField(
        _("beschrijving"),
        blank=True,
        validators=[validate_no_control_characters],
        help_text=MARKDOWN_HELP,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ActiviteitStatus.choices,
        default=ActiviteitStatus.LOPEND,
    )
    start_on = models.DateField(
        _("vanaf"), null=True, blank=True, help_text=_("Leeg als de datum niet bekend is.")
    )
    end_on = models.DateField(
        _("tot en met"), null=True, blank=True, help_text=_("Leeg voor één dag of onbekend.")
    )
    publicatie = models.ForeignKey(
        Publicatie,
        verbose_name=_("resultaat"),
        related_name="werkgroep_activiteiten",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_(
            "De publicatie die eruit voortkwam; op de site alleen als die gepubliceerd is."
        ),
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("activiteit van een werkgroep")
        verbose_name_plural = _("activiteiten van werkgroepen")
        ordering = ["volgorde", "start_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ActiviteitStatus.values),
                name="werkgroepactiviteit_status_valid",
            ),
            ends_after_start("werkgroepactiviteit_ends_after_start"),
        ]

    def __str__(self):
        return self.titel

    @property
    def openbare_publicatie(self):
        """The result, when it is published (a concept is never shown)."""
        publicatie = self.publicatie
        if publicatie is None or publicatie.status != PublicatieStatus.GEPUBLICEERD:
            return None
        return publicatie
