"""Accounts in the network: who a user is (koppeling), what they follow and what they were sent."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from leerateliers.models import Leeratelier, TribuneUpdate
from werkplaats.models import Organisatie, Persoon
from werkplaats.text import validate_no_control_characters


class KoppelingStatus(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", _("Aangevraagd")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class KoppelingQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=KoppelingStatus.GOEDGEKEURD, user__is_active=True)

    def pending(self):
        return self.filter(status=KoppelingStatus.AANGEVRAAGD)


class Koppeling(models.Model):
    """A user's claim to be a persoon of the network, and perhaps the contactpersoon of an
    organisatie. Nothing is allowed on the strength of a claim until staff approve it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        related_name="koppelingen",
        on_delete=models.CASCADE,
    )
    persoon = models.ForeignKey(
        Persoon,
        verbose_name=_("bestaand profiel"),
        related_name="koppelingen",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Het profiel op de website dat de gebruiker als het zijne claimt."),
    )
    naam = models.CharField(
        _("naam"),
        max_length=150,
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_("Voor een nieuw profiel, als er nog geen bestaat."),
    )
    functie = models.CharField(
        _("functie"), max_length=200, blank=True, validators=[validate_no_control_characters]
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        related_name="koppelingen",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    is_contactpersoon = models.BooleanField(
        _("contactpersoon van de organisatie"),
        default=False,
        help_text=_("Mag de deelname van de organisatie aan leerateliers beheren."),
    )
    toelichting = models.TextField(
        _("toelichting"), blank=True, validators=[validate_no_control_characters]
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=KoppelingStatus.choices,
        default=KoppelingStatus.AANGEVRAAGD,
    )
    aangevraagd_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    beoordeeld_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    objects = KoppelingQuerySet.as_manager()

    class Meta:
        verbose_name = _("koppeling van een account")
        verbose_name_plural = _("koppelingen van accounts")
        ordering = ["-aangevraagd_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=KoppelingStatus.values), name="koppeling_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(persoon__isnull=False) | ~Q(naam=""),
                name="koppeling_persoon_or_naam",
                violation_error_message=_("Kies je profiel of vul je naam in."),
            ),
            models.CheckConstraint(
                condition=Q(is_contactpersoon=False) | Q(organisatie__isnull=False),
                name="koppeling_contact_has_organisatie",
                violation_error_message=_("Kies de organisatie waarvan je contactpersoon bent."),
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status="aangevraagd"),
                name="koppeling_one_pending_per_user",
                violation_error_message=_("Je hebt al een aanvraag die nog wordt beoordeeld."),
            ),
        ]

    def __str__(self):
        # No email address here: this text ends up in the admin's log.
        return _("Koppeling %(nummer)s: %(naam)s") % {
            "nummer": self.pk,
            "naam": self.persoon or self.naam or self.organisatie,
        }

    @property
    def is_pending(self):
        return self.status == KoppelingStatus.AANGEVRAAGD


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
        return f"{self.user} — {self.leeratelier}"


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
        return f"{self.user} — {self.update}"
