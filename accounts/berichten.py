"""Emails about koppelingen: to the staff who decide when a claim comes in (a choice in
``Meldingsvoorkeur``), and to the applicant when it is approved, rejected or revoked (always).

Each goes through the outbox of the one mail path (``werkplaats.mail.queue``) under a key that
names the event and the recipient, so reporting an event twice tells nobody twice.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkplaats import mail
from werkplaats.links import absolute_url
from werkplaats.models import User

from .models import Koppeling, KoppelingStatus

SUBJECTS = {
    KoppelingStatus.GOEDGEKEURD: gettext_lazy("Je koppeling is goedgekeurd"),
    KoppelingStatus.AFGEWEZEN: gettext_lazy("Je aanvraag voor een koppeling is afgewezen"),
    KoppelingStatus.INGETROKKEN: gettext_lazy("Je koppeling is ingetrokken"),
}


def _preferences_url() -> str:
    return absolute_url(reverse("leerateliers:preferences"))


def _claimed(koppeling: Koppeling) -> str:
    """What the claim is about, in words: the profile, the new name, the organisation."""
    return str(koppeling.persoon or koppeling.naam or koppeling.organisatie or "")


def koppeling_requested(koppeling: Koppeling, *, reviewers) -> None:
    """Tell each of ``reviewers`` (users) that ``koppeling`` waits for a decision."""
    context = {
        "koppeling": koppeling,
        "profiel_naam": _claimed(koppeling),
        "admin_url": absolute_url(reverse("admin:accounts_koppeling_change", args=[koppeling.pk])),
        "preferences_url": _preferences_url(),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Nieuwe aanvraag voor een koppeling: %(naam)s") % {
            "naam": context["profiel_naam"]
        }
    for user in reviewers:
        mail.queue(
            f"koppeling-{koppeling.pk}-aangevraagd-aan-{user.pk}",
            mail.message(
                to=user.email,
                subject=subject,
                template="accounts/email/koppeling_aangevraagd",
                context=context,
            ),
            user=user,
        )


def koppeling_decided(koppeling: Koppeling) -> None:
    """Tell the applicant that ``koppeling`` was approved, rejected or revoked."""
    user: User = koppeling.user
    if koppeling.status not in SUBJECTS or not user.is_active:
        return
    context = {
        "koppeling": koppeling,
        "profiel_naam": _claimed(koppeling),
        "dashboard_url": absolute_url(reverse("portaal:dashboard")),
        "koppelen_url": absolute_url(reverse("accounts:koppeling")),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = str(SUBJECTS[koppeling.status])
    mail.queue(
        f"koppeling-{koppeling.pk}-{koppeling.status}",
        mail.message(
            to=user.email,
            subject=subject,
            template=f"accounts/email/koppeling_{koppeling.status}",
            context=context,
        ),
        user=user,
    )
