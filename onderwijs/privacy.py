"""Personal data of education: the names of students whose work is in an expositie (see
``werkplaats.privacy`` for what these modules declare).

Students have no account here: their work is entered by the programmacommissie, with the
student's name (who made it and gave consent), when and how the consent was recorded, and
whether the name may be shown. What is kept and for how long:

- the name is on the site only if the student chose so (``naam_tonen``), and never in the API
  otherwise; a student's work is shown at all only with the consent recorded;
- a student who withdraws consent: the programmacommissie erases the work with the admin
  action "Toestemming ingetrokken" (``services.studentwerk_erase``): the row with the name and
  the consent, the image with every rendition, the file, and the admin log's memory of it;
- a concept whose consent was never recorded is erased a year after it was added
  (``services.studentwerk_vergeten``, run daily by ``manage.py forget_studentwerk``);
- uploaded photos keep no camera or place data: only clean renditions are stored.

So there is nothing to export or erase for an account."""

from werkplaats.models import User

from .models import Studentwerk

COVERS = {
    Studentwerk: (
        "a student's name, consent (when and how) and work, entered by the programmacommissie, "
        "never linked to an account; shown only with consent, the name only by the student's "
        "choice; erased with its files when consent is withdrawn (admin action), and a year "
        "after it was added when consent never came (manage.py forget_studentwerk)"
    ),
}


def export(user: User) -> dict:
    return {}


def erase(user: User) -> None:
    return None
