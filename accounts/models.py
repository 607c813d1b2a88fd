"""Who a user is in the network: the koppeling of an account to a persoon or organisatie."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

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

    def to_decide_by(self, user):
        """The claims waiting for ``user`` to decide: not their own (nobody decides about
        their own claim, see ``accounts.admin``)."""
        return self.pending().exclude(user=user)

    def approved_or_pending(self):
        """Both, newest claim first: tell them apart with ``is_approved`` and ``is_pending``."""
        return self.approved() | self.pending()


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

    @property
    def is_approved(self):
        """Approved by staff (``approved()`` also asks for an active account)."""
        return self.status == KoppelingStatus.GOEDGEKEURD


class MeldingsvoorkeurQuerySet(models.QuerySet):
    def declining(self, soort: str):
        """The rows of users who turned off the emails of ``soort``."""
        return self.filter(**{Meldingsvoorkeur.check_soort(soort): False})


class Meldingsvoorkeur(models.Model):
    """Which emails about events a user wants, where a person might not want them. A user
    without a row wants them all (the defaults). Emails about one's own requests and
    registrations are always sent and have no choice here."""

    SOORTEN = ("deelnames", "reacties_overzicht", "koppelingen")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        related_name="meldingsvoorkeur",
        on_delete=models.CASCADE,
    )
    deelnames = models.BooleanField(
        _("Wijzigingen in de arena en op de tribune van mijn leerateliers"),
        default=True,
        help_text=_(
            "Een e-mail als een organisatie in de arena of op de tribune komt, van plaats "
            "wisselt of stopt. Voor trekkers."
        ),
    )
    reacties_overzicht = models.BooleanField(
        _("Wekelijks overzicht van nieuwe reacties"),
        default=True,
        help_text=_(
            "Eén e-mail per week met de nieuwe reacties van bezoekers op je leerateliers. "
            "Voor trekkers."
        ),
    )
    koppelingen = models.BooleanField(
        _("Nieuwe aanvragen voor een koppeling"),
        default=True,
        help_text=_(
            "Een e-mail als iemand vraagt om een account aan een profiel of organisatie te "
            "koppelen. Voor wie aanvragen beoordeelt."
        ),
    )
    gewijzigd_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = MeldingsvoorkeurQuerySet.as_manager()

    class Meta:
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")

    def __str__(self):
        # No email address here: this text ends up in the admin's log.
        return _("Meldingsvoorkeuren van account %(nummer)s") % {"nummer": self.user_id}

    @classmethod
    def check_soort(cls, soort: str) -> str:
        if soort not in cls.SOORTEN:
            raise ValueError(f"Onbekende soort melding: {soort}")
        return soort
