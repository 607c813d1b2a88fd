"""The nieuwsbrief: subscriptions with the consent that proves them, editions composed from
what the network did, the segment each edition goes to, and one delivery row per recipient."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bijeenkomsten.models import Bijeenkomst
from leerateliers.models import GeleerdeLes, Leeratelier, TribuneUpdate
from publicaties.models import Publicatie
from werkplaats.text import validate_no_control_characters

# --- Subscriptions ---------------------------------------------------------------------------


class InschrijvingQuerySet(models.QuerySet):
    def actief(self):
        """Confirmed and not withdrawn: the only ones an edition may go to."""
        return self.filter(bevestigd_at__isnull=False, afgemeld_at__isnull=True)

    def wacht(self):
        """Consent given, the emailed link not yet confirmed, not withdrawn."""
        return self.filter(bevestigd_at__isnull=True, afgemeld_at__isnull=True)

    def geweigerd(self):
        """Active, yet the mail server refused the address for good since it was confirmed:
        every next edition will be refused too."""
        # Lower() on both sides: iexact against a column is a LIKE on SQLite, where an _ or %
        # in an address would match other addresses.
        refused = Bezorging.objects.annotate(adres=Lower("email")).filter(
            adres=Lower(OuterRef("email")),
            geweigerd_at__isnull=False,
            geweigerd_at__gt=OuterRef("bevestigd_at"),
        )
        return self.actief().filter(Exists(refused))

    def eerste_bevestiging(self):
        """When the first subscription was confirmed (None without any)."""
        return self.aggregate(eerste=models.Min("bevestigd_at"))["eerste"]

    def actief_op(self, momenten):
        """How many subscriptions were confirmed and not withdrawn at each of ``momenten``
        (aware datetimes): a list, counted in one query however many moments."""

        def op(moment):
            afgemeld = Q(afgemeld_at__isnull=True) | Q(afgemeld_at__gt=moment)
            return models.Count("pk", filter=Q(bevestigd_at__lte=moment) & afgemeld)

        aantallen = self.aggregate(**{f"op_{n}": op(m) for n, m in enumerate(momenten)})
        return [aantallen[f"op_{n}"] for n in range(len(momenten))]

    def open_van(self, user):
        """The user's subscription that is not withdrawn (active or waiting): by account, or
        under the account's address, newest first."""
        return (
            self.filter(afgemeld_at__isnull=True)
            .filter(Q(user=user) | Q(email__iexact=user.email))
            .order_by("-toestemming_at")
        )


class Inschrijving(models.Model):
    """One subscription of one address, and the consent record behind it: when and on which
    page consent was given, the exact text and its version, the privacy statement's version,
    when the emailed link confirmed it and when it was withdrawn. A new subscription after a
    withdrawal is a new row, so the history stays."""

    email = models.EmailField(_("e-mailadres"))
    naam = models.CharField(
        _("naam"), max_length=150, blank=True, validators=[validate_no_control_characters]
    )
    organisatie = models.CharField(
        _("organisatie"), max_length=150, blank=True, validators=[validate_no_control_characters]
    )
    leerateliers = models.ManyToManyField(
        Leeratelier,
        verbose_name=_("leerateliers van interesse"),
        related_name="inschrijvingen",
        blank=True,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        related_name="inschrijvingen",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    toestemming_at = models.DateTimeField(_("toestemming gegeven op"), default=timezone.now)
    toestemming_pagina = models.CharField(_("toestemming gegeven op pagina"), max_length=300)
    toestemming_tekst = models.TextField(_("tekst van de toestemming"))
    toestemming_versie = models.PositiveIntegerField(_("versie van de toestemmingstekst"))
    privacy_versie = models.PositiveIntegerField(_("versie van de privacyverklaring"))
    bevestigd_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    afgemeld_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)

    objects = InschrijvingQuerySet.as_manager()

    class Meta:
        verbose_name = _("inschrijving voor de nieuwsbrief")
        verbose_name_plural = _("inschrijvingen voor de nieuwsbrief")
        ordering = ["-toestemming_at"]
        constraints = [
            # One subscription at a time per address; withdrawn ones stay as history.
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(afgemeld_at__isnull=True),
                name="inschrijving_one_open_per_email",
            ),
        ]

    def __str__(self):
        return self.email

    @property
    def is_actief(self):
        return self.bevestigd_at is not None and self.afgemeld_at is None


# The consent record of an Inschrijving: what the admin shows and the download holds.
TOESTEMMING_VELDEN = (
    "toestemming_at",
    "toestemming_pagina",
    "toestemming_tekst",
    "toestemming_versie",
    "privacy_versie",
    "bevestigd_at",
    "afgemeld_at",
)


class Afmelding(models.Model):
    """An address that wants no edition at all any more, whatever segment it would be in (an
    account in the tribune of a leeratelier, say). A new confirmed subscription lifts it."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    afgemeld_at = models.DateTimeField(_("afgemeld op"), default=timezone.now)

    class Meta:
        verbose_name = _("afmelding voor de nieuwsbrief")
        verbose_name_plural = _("afmeldingen voor de nieuwsbrief")
        ordering = ["-afgemeld_at"]

    def __str__(self):
        return self.email


class Afmeldsleutel(models.Model):
    """The key in an address's unsubscribe link: random, so the link names no address (links
    end up in logs and in the history of mail programs). Made the first time a link is."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    sleutel = models.CharField(_("sleutel"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("afmeldsleutel")
        verbose_name_plural = _("afmeldsleutels")

    def __str__(self):
        return self.email


# --- Editions --------------------------------------------------------------------------------


class EditieStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    VERZENDEN = "verzenden", _("Wordt verzonden")
    VERZONDEN = "verzonden", _("Verzonden")


# A delivery that failed for now: tried, not sent, not refused for good (the next run tries
# it again). The admin's progress, the sending run's tally and the workbench count the same.
MISLUKT = {"geclaimd_at__isnull": True, "pogingen__gt": 0}

# How long after sending an edition its failed deliveries are worth a look.
MISLUKT_RECENT = datetime.timedelta(days=30)


class EditieQuerySet(models.QuerySet):
    def concepts(self):
        return self.filter(status=EditieStatus.CONCEPT)

    def with_failed_deliveries(self, now=None):
        """Sent in the last month, with deliveries that failed for now (not refused for good):
        the catch-up run tries them again, but an address may be mistyped or a server down."""
        failed = Bezorging.objects.filter(editie=OuterRef("pk"), **MISLUKT)
        since = (now or timezone.now()) - MISLUKT_RECENT
        return self.filter(verzonden_at__gte=since).filter(Exists(failed))

    def archief(self):
        """The public archive: sent editions that went to every subscriber, newest first.
        An edition for a segment only is not in it."""
        return (
            self.exclude(status=EditieStatus.CONCEPT)
            .filter(aan_alle_abonnees=True)
            .order_by("-verzonden_at", "-pk")
        )


class Editie(models.Model):
    """One edition of the nieuwsbrief: a voorwoord, then items grouped per leeratelier and free
    sections; who it goes to (the segment); once sent, locked, with its recipients fixed."""

    titel = models.CharField(
        _("titel"), max_length=200, validators=[validate_no_control_characters]
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    voorwoord = models.TextField(_("voorwoord"), blank=True, help_text=_("Markdown."))
    status = models.CharField(
        _("status"), max_length=20, choices=EditieStatus.choices, default=EditieStatus.CONCEPT
    )
    # The segment: the union of what is ticked here. Only active subscriptions, and accounts
    # that did not say "nooit" for a leeratelier, are ever in it.
    aan_alle_abonnees = models.BooleanField(
        _("alle abonnees"),
        default=True,
        help_text=_("Alleen een editie voor alle abonnees komt in het openbare archief."),
    )
    interesse_in = models.ManyToManyField(
        Leeratelier,
        verbose_name=_("abonnees met interesse in"),
        related_name="+",
        blank=True,
    )
    tribune_van = models.ManyToManyField(
        Leeratelier,
        verbose_name=_("de tribune van"),
        related_name="+",
        blank=True,
        help_text=_("De contactpersonen van de organisaties op de tribune."),
    )
    arena_van = models.ManyToManyField(
        Leeratelier,
        verbose_name=_("de arena van"),
        related_name="+",
        blank=True,
        help_text=_("De contactpersonen van de organisaties in de arena."),
    )
    volgers_van = models.ManyToManyField(
        Leeratelier, verbose_name=_("de volgers van"), related_name="+", blank=True
    )
    sinds = models.DateTimeField(
        _("nieuws vanaf"),
        null=True,
        blank=True,
        help_text=_(
            "Wat sinds dit moment verscheen, wordt voorgesteld. Leeg: sinds de vorige editie."
        ),
    )
    aangemaakt_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    verzonden_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    verzonden_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verzonden door"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    objects = EditieQuerySet.as_manager()

    class Meta:
        verbose_name = _("editie van de nieuwsbrief")
        verbose_name_plural = _("edities van de nieuwsbrief")
        ordering = ["-aangemaakt_at"]
        permissions = [("send_editie", _("Kan een editie verzenden"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=EditieStatus.values), name="editie_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=EditieStatus.CONCEPT) | Q(verzonden_at__isnull=False),
                name="editie_sent_has_date",
            ),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("nieuwsbrief:editie", kwargs={"slug": self.slug})

    @property
    def is_locked(self):
        return self.status != EditieStatus.CONCEPT


class ItemSoort(models.TextChoices):
    PUBLICATIE = "publicatie", _("Publicatie")
    UPDATE = "update", _("Tribune-update")
    BIJEENKOMST = "bijeenkomst", _("Bijeenkomst")
    LES = "les", _("Geleerde les")
    VRIJ = "vrij", _("Vrije tekst")


class Item(models.Model):
    """One item of an edition: something the network published (linked, so the edition shows
    it as it is) or a free section in Markdown; grouped per leeratelier, in the editor's order."""

    editie = models.ForeignKey(
        Editie, verbose_name=_("editie"), related_name="items", on_delete=models.CASCADE
    )
    volgorde = models.PositiveIntegerField(_("volgorde"), default=0)
    soort = models.CharField(_("soort"), max_length=20, choices=ItemSoort.choices)
    leeratelier = models.ForeignKey(
        Leeratelier,
        verbose_name=_("leeratelier"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("De rubriek; leeg: algemeen."),
    )
    publicatie = models.ForeignKey(
        Publicatie, related_name="+", on_delete=models.CASCADE, null=True, blank=True
    )
    update = models.ForeignKey(
        TribuneUpdate, related_name="+", on_delete=models.CASCADE, null=True, blank=True
    )
    bijeenkomst = models.ForeignKey(
        Bijeenkomst, related_name="+", on_delete=models.CASCADE, null=True, blank=True
    )
    les = models.ForeignKey(
        GeleerdeLes, related_name="+", on_delete=models.CASCADE, null=True, blank=True
    )
    titel = models.CharField(
        _("titel"), max_length=200, blank=True, validators=[validate_no_control_characters]
    )
    tekst = models.TextField(_("tekst"), blank=True, help_text=_("Markdown."))
    is_opgenomen = models.BooleanField(_("opnemen"), default=True)

    class Meta:
        verbose_name = _("onderdeel")
        verbose_name_plural = _("onderdelen")
        ordering = ["volgorde", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort__in=ItemSoort.values), name="item_soort_valid"
            ),
            models.CheckConstraint(
                condition=(
                    Q(soort=ItemSoort.PUBLICATIE, publicatie__isnull=False)
                    | Q(soort=ItemSoort.UPDATE, update__isnull=False)
                    | Q(soort=ItemSoort.BIJEENKOMST, bijeenkomst__isnull=False)
                    | Q(soort=ItemSoort.LES, les__isnull=False)
                    | Q(soort=ItemSoort.VRIJ)
                ),
                name="item_links_its_soort",
            ),
        ]

    def __str__(self):
        return self.titel or self.get_soort_display()


# --- Delivery --------------------------------------------------------------------------------


class Bezorging(models.Model):
    """One recipient of a sent edition, fixed when it was sent, and whether the email went out:
    claimed before sending (``geclaimd_at``), never twice (``verzonden_at``), refused for good
    (``geweigerd_at``); a failure for now leaves it waiting for the next run."""

    editie = models.ForeignKey(
        Editie, verbose_name=_("editie"), related_name="bezorgingen", on_delete=models.CASCADE
    )
    email = models.EmailField(_("e-mailadres"))
    inschrijving = models.ForeignKey(
        Inschrijving, related_name="bezorgingen", on_delete=models.SET_NULL, null=True, blank=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        related_name="nieuwsbrief_bezorgingen",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    geclaimd_at = models.DateTimeField(_("geclaimd op"), null=True, blank=True)
    verzonden_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    geweigerd_at = models.DateTimeField(_("geweigerd op"), null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)

    class Meta:
        verbose_name = _("bezorging")
        verbose_name_plural = _("bezorgingen")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["editie", "email"], name="bezorging_once_per_email"),
        ]

    def __str__(self):
        return self.email
