"""An onderwijsactiviteit as schema.org sees it, for the JSON-LD on its page.

It is a ``Course``: schema.org's type for education offered by an organisation that may run
as distinct instances at different times, which is what a semester programme, a minor or a
leerkring is (each semester another instance; the Verhalenkamer's each with other aspects of
armoede). ``EducationEvent`` would fit a single lecture or workshop at a place and time, and
search engines expect a location and a start for it; an activity here often has neither. The
period goes in a ``CourseInstance``; the hogeschool of its opleidingen (and the werkplaats) is
the provider; its thema's and praktijken are what it is about; the public student work of the
expositie are its ``workExample`` (with a name only where the student chose so, and never the
examples that stand in for real work)."""

from django.core.files.storage import default_storage

from werkplaats import metadata
from werkplaats.models import Profiel

from .models import WerkSoort

WORK_TYPES = {
    WerkSoort.BLOG: "BlogPosting",
    WerkSoort.GEDICHT: "CreativeWork",
    WerkSoort.FOTO: "Photograph",
    WerkSoort.VERSLAG: "Report",
}


def _absolute(request, url):
    return request.build_absolute_uri(url)


def _work(werk, activiteit_url, request):
    data = {
        "@type": WORK_TYPES.get(werk.soort, "CreativeWork"),
        "name": werk.titel,
        "url": f"{activiteit_url}#werk-{werk.pk}",
        "genre": werk.get_soort_display(),
        "inLanguage": "nl",
    }
    if werk.soort == WerkSoort.BLOG:
        data["headline"] = werk.titel[:110]
    if naam := werk.openbare_naam:  # otherwise no author: the student chose not to be named
        data["author"] = {"@type": "Person", "name": naam}
    if werk.afbeelding_varianten:
        largest = werk.afbeelding_varianten[-1]
        data["image"] = {
            "@type": "ImageObject",
            "contentUrl": _absolute(request, default_storage.url(largest["jpeg"])),
            "width": largest["width"],
            "height": largest["height"],
            "description": werk.afbeelding_alt,
        }
    return data


def course(activiteit, request):
    """On a row from Onderwijsactiviteit.objects.for_detail() (no further queries)."""
    url = _absolute(request, activiteit.get_absolute_url())
    werkplaats = metadata.werkplaats_organization(Profiel.objects.current(), request)
    hogescholen = {o.organisatie_id: o.organisatie for o in activiteit.opleidingen.all()}
    data = {
        "@type": "Course",
        "name": activiteit.titel,
        "description": activiteit.samenvatting,
        "url": url,
        "inLanguage": "nl",
        "provider": [
            *(metadata.organization(hogeschool, request) for hogeschool in hogescholen.values()),
            werkplaats,
        ],
        "audience": {"@type": "EducationalAudience", "educationalRole": "student"},
        "about": [
            *(
                {
                    "@type": "DefinedTerm",
                    "name": thema.naam,
                    "url": _absolute(request, thema.get_absolute_url()),
                }
                for thema in activiteit.themas.all()
            ),
            *(
                {
                    "@type": "Project",
                    "name": praktijk.titel,
                    "url": _absolute(request, praktijk.get_absolute_url()),
                }
                for praktijk in activiteit.praktijken.all()
            ),
        ],
    }
    niveaus = sorted({o.get_niveau_display() for o in activiteit.opleidingen.all()})
    if niveaus:
        data["educationalLevel"] = ", ".join(niveaus)
    if activiteit.start_on or activiteit.end_on:
        instance = {"@type": "CourseInstance", "name": activiteit.titel}
        if activiteit.start_on:
            instance["startDate"] = activiteit.start_on.isoformat()
        if activiteit.end_on:
            instance["endDate"] = activiteit.end_on.isoformat()
        data["hasCourseInstance"] = instance
    partners = [
        metadata.organization(organisatie, request)
        for organisatie in activiteit.organisaties.all()
        if organisatie.pk not in hogescholen
    ]
    if partners:
        data["contributor"] = partners
    works = [_work(werk, url, request) for werk in activiteit.expositie if not werk.is_voorbeeld]
    if works:
        data["workExample"] = works
    return metadata.with_context(data)
