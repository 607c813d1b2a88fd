"""Who may do what with a scan. A gemeente's scans are run by its contactpersonen: the users
with an approved koppeling as contactpersoon of an organisation of the kind gemeente in that
gemeente. They and the programmacommissie (who may view scans) see the results; everyone
sees them once the gemeente has published them."""

from accounts.permissions import represented_by
from werkplaats.models import Gemeente, Soort

from .models import Scan, Vragenset


def gemeenten_run_by(user):
    """The gemeenten whose scans ``user`` runs (none for a visitor)."""
    return Gemeente.objects.filter(
        organisaties__in=represented_by(user).filter(soort=Soort.GEMEENTE)
    ).distinct()


def sees_every_scan(user) -> bool:
    return user.is_active and user.has_perm("quickscan.view_scan")


def can_run(user, scan: Scan) -> bool:
    """Invite respondents, close, publish: the gemeente's contactpersonen."""
    return gemeenten_run_by(user).filter(pk=scan.gemeente_id).exists()


def can_see_results(user, scan: Scan) -> bool:
    if scan.is_gepubliceerd or sees_every_scan(user):
        return True
    return can_run(user, scan)


def private_scans(user):
    """The scans whose unpublished side ``user`` sees: every one for the programmacommissie,
    their gemeenten's for a contactpersoon, none for anyone else."""
    if sees_every_scan(user):
        return Scan.objects.all()
    return Scan.objects.of_gemeenten(gemeenten_run_by(user))


def can_see_vragenset(user, vragenset: Vragenset) -> bool:
    """Every version but a concept, which only those who keep the set see."""
    return not vragenset.is_concept or user.has_perm("quickscan.view_vragenset")
