"""Reactions of visitors to a leeratelier, a lerende praktijk or a publicatie: someone wants
to join in, shares an experience, asks for a training or orders a game. Each reaction goes to
the trekkers of the atelier it is about and waits in their list until it is dealt with."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerateliers.models import (
    Leeratelier,
    LeeratelierStatus,
    LerendePraktijk,
    PraktijkStatus,
)
from publicaties.models import Publicatie
from publicaties.models import Soort as PublicatieSoort
from publicaties.models import Status as PublicatieStatus
from werkplaats.models import Gemeente
from werkplaats.text import validate_no_control_characters

NAAM_MAX = 150
ORGANISATIE_MAX = 150
BERICHT_MAX = 5000


class Soort(models.TextChoices):
    """What a visitor wants, as the pages invite it."""

    MEEDOEN = "meedoen", _("Meedoen of meepraten")
    ERVARING = "ervaring", _("Ervaring delen")
    TRAINING = "training", _("Training aanvragen")
    SPEL = "spel", _("Spel bestellen")

    @property
    def vraag(self):
        """The invitation on the pages, as a question."""
        return {
            Soort.MEEDOEN: _("Wil je meedoen of meepraten?"),
            Soort.ERVARING: _("Heb je een inspirerende ervaring die je wilt delen?"),
            Soort.TRAINING: _("Wil je een training op maat voor je team of organisatie?"),
            Soort.SPEL: _("Interesse in een spel?"),
        }[self]

    @classmethod
    def voor(cls, doel) -> list["Soort"]:
        """What a visitor can send about ``doel`` (a leeratelier, lerende praktijk or
        publicatie); nothing for a publicatie that is not a training, game or way of working,
        or not published. Once an atelier or praktijk has ended, only experiences."""
        if isinstance(doel, Leeratelier):
            ended = doel.status == LeeratelierStatus.AFGEROND
            return [cls.ERVARING] if ended else [cls.MEEDOEN, cls.ERVARING]
        if isinstance(doel, LerendePraktijk):
            ended = doel.status == PraktijkStatus.AFGEROND
            return [cls.ERVARING] if ended else [cls.MEEDOEN, cls.ERVARING]
        if isinstance(doel, Publicatie) and doel.status == PublicatieStatus.GEPUBLICEERD:
            if doel.soort == PublicatieSoort.ONDERWIJSMODULE:
                return [cls.TRAINING]
            if doel.soort == PublicatieSoort.SPEL:
                return [cls.SPEL]
            if doel.soort in (PublicatieSoort.METHODIEK, PublicatieSoort.WERKVORM):
                return [cls.MEEDOEN, cls.ERVARING, cls.TRAINING]
        return []


class Status(models.TextChoices):
    NIEUW = "nieuw", _("Nieuw")
    IN_BEHANDELING = "in-behandeling", _("In behandeling")
    AFGEROND = "afgerond", _("Afgerond")


class ReactieQuerySet(models.QuerySet):
    def nieuw(self):
        return self.filter(status=Status.NIEUW)

    def voor_leerateliers(self, leerateliers):
        """The reactions about ``leerateliers`` (a queryset), their praktijken and their
        publicaties."""
        publicaties = Publicatie.leerateliers.through.objects.filter(
            leeratelier__in=leerateliers
        ).values("publicatie_id")
        return self.filter(
            Q(leeratelier__in=leerateliers)
            | Q(praktijk__leeratelier__in=leerateliers)
            | Q(publicatie__in=publicaties)
        )

    def for_list(self):
        """Newest first, with what each row names (its target and gemeente)."""
        return self.select_related(
            "leeratelier", "praktijk__leeratelier", "publicatie", "gemeente"
        ).order_by("-aangemaakt_at", "-pk")


class Reactie(models.Model):
    """One message of a visitor about one leeratelier, praktijk or publicatie, with the
    consent it was sent under and how far the trekkers are in dealing with it."""

    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    naam = models.CharField(
        _("naam"), max_length=NAAM_MAX, validators=[validate_no_control_characters]
    )
    email = models.EmailField(_("e-mailadres"))
    organisatie = models.CharField(
        _("organisatie"),
        max_length=ORGANISATIE_MAX,
        blank=True,
        validators=[validate_no_control_characters],
    )
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("gemeente"),
        related_name="reacties",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    bericht = models.TextField(
        _("bericht"),
        max_length=BERICHT_MAX,
        validators=[validate_no_control_characters, MaxLengthValidator(BERICHT_MAX)],
    )
    leeratelier = models.ForeignKey(
        Leeratelier,
        verbose_name=_("leeratelier"),
        related_name="reacties",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    praktijk = models.ForeignKey(
        LerendePraktijk,
        verbose_name=_("lerende praktijk"),
        related_name="reacties",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    publicatie = models.ForeignKey(
        Publicatie,
        verbose_name=_("publicatie"),
        related_name="reacties",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    aangemaakt_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)
    toestemming_tekst = models.TextField(_("tekst van de toestemming"))
    toestemming_versie = models.PositiveIntegerField(_("versie van de toestemmingstekst"))
    privacy_versie = models.PositiveIntegerField(_("versie van de privacyverklaring"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NIEUW
    )
    behandeld_at = models.DateTimeField(_("status gewijzigd op"), null=True, blank=True)
    behandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status gewijzigd door"),
        related_name="behandelde_reacties",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    objects = ReactieQuerySet.as_manager()

    class Meta:
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        ordering = ["-aangemaakt_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(soort__in=Soort.values), name="reactie_soort_valid"),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="reactie_status_valid"
            ),
            models.CheckConstraint(
                condition=(
                    Q(leeratelier__isnull=False, praktijk__isnull=True, publicatie__isnull=True)
                    | Q(leeratelier__isnull=True, praktijk__isnull=False, publicatie__isnull=True)
                    | Q(leeratelier__isnull=True, praktijk__isnull=True, publicatie__isnull=False)
                ),
                name="reactie_exactly_one_target",
                violation_error_message=_(
                    "Een reactie gaat over precies één leeratelier, lerende praktijk of publicatie."
                ),
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("bericht"), BERICHT_MAX),
                name="reactie_bericht_max_length",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-aangemaakt_at"], name="reactie_status_newest"),
        ]

    def __str__(self):
        return f"{self.get_soort_display()}: {self.naam} over {self.doel}"

    def get_absolute_url(self):
        """Where a trekker finds it: its row in the list at /mijn/reacties/."""
        return f"{reverse('reacties:lijst')}#reactie-{self.pk}"

    @property
    def doel(self):
        """What the reaction is about: its leeratelier, praktijk or publicatie."""
        return self.leeratelier or self.praktijk or self.publicatie


def reageren_url(doel) -> str:
    """The address of the form for answering ``doel``."""
    if isinstance(doel, Leeratelier):
        return reverse("reacties:leeratelier", kwargs={"leeratelier_slug": doel.slug})
    if isinstance(doel, LerendePraktijk):
        return reverse(
            "reacties:praktijk",
            kwargs={"leeratelier_slug": doel.leeratelier.slug, "slug": doel.slug},
        )
    return reverse("reacties:publicatie", kwargs={"slug": doel.slug})
