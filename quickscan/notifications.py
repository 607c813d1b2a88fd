"""The email with a respondent's personal link: sent when the gemeente's contactpersoon invites
someone, again (with a new link) when asked, and when someone who came in through the shared
link asks for their link by email. It says what the scan asks and how the answers are used,
and names nobody."""

from django.urls import reverse
from django.utils.translation import gettext as _

from werkplaats import mail
from werkplaats.links import absolute_url

from .models import Respondent, hash_sleutel

# What answering takes, as the email and the pages say it.
MINUTEN = 10


def persoonlijke_link(sleutel: str) -> str:
    """The personal link of a respondent, on the portal's public address."""
    return absolute_url(reverse("quickscan:invullen", kwargs={"sleutel": sleutel}))


def uitnodiging_queue(
    respondent: Respondent, sleutel: str, *, zelf_aangemeld: bool = False
) -> bool:
    """Put the email with the personal link of ``sleutel`` in the outbox, to the respondent's
    address; once per respondent and link (a new link is a new email). Returns whether it was
    new."""
    scan = respondent.scan
    subject = _("Uitnodiging: quick scan sociale kwaliteit %(plek)s") % {"plek": scan.plek}
    if zelf_aangemeld:
        subject = _("Je persoonlijke link voor de quick scan sociale kwaliteit %(plek)s") % {
            "plek": scan.plek
        }
    email = mail.message(
        to=respondent.email,
        subject=subject,
        template="quickscan/email/uitnodiging",
        context={
            "scan": scan,
            "link": persoonlijke_link(sleutel),
            "minuten": MINUTEN,
            "zelf_aangemeld": zelf_aangemeld,
            "organisatie": respondent.organisatie_label,
        },
    )
    # The link's version is named by a piece of its hash: the key itself stays out of the row.
    versie = hash_sleutel(sleutel)[:16]
    return mail.queue(f"quickscan-respondent-{respondent.pk}-link-{versie}", email)
