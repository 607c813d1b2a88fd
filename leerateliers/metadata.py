"""A leeratelier as schema.org sees it: a ResearchProject of the werkplaats, with its trekkers,
thema's and gemeenten (for the JSON-LD on its page)."""

from werkplaats import metadata
from werkplaats.models import Profiel


def research_project(leeratelier, request):
    """On a row from Leeratelier.objects.for_detail() (no further queries)."""
    data = {
        "@type": "ResearchProject",
        "name": leeratelier.titel,
        "description": leeratelier.samenvatting,
        "url": request.build_absolute_uri(leeratelier.get_absolute_url()),
        "parentOrganization": metadata.werkplaats_organization(Profiel.objects.current(), request),
        "member": [
            metadata.person(trekkerschap.persoon, request)
            for trekkerschap in leeratelier.trekkerschappen.all()
        ],
        "knowsAbout": [thema.naam for thema in leeratelier.themas.all()],
        "areaServed": [
            metadata.place(gemeente, request) for gemeente in leeratelier.gemeenten.all()
        ],
    }
    if leeratelier.start_on:
        data["foundingDate"] = leeratelier.start_on.isoformat()
    if leeratelier.end_on:
        data["dissolutionDate"] = leeratelier.end_on.isoformat()
    if leeratelier.afbeelding:
        data["image"] = request.build_absolute_uri(leeratelier.afbeelding.url)
    if leeratelier.contact_email:
        data["email"] = leeratelier.contact_email
    return metadata.with_context(data)


def _atelier(leeratelier, request):
    return {
        "@type": "ResearchProject",
        "name": leeratelier.titel,
        "url": request.build_absolute_uri(leeratelier.get_absolute_url()),
    }


def praktijk_project(praktijk, request):
    """A lerende praktijk as a schema.org Project of its leeratelier (on a row from
    LerendePraktijk.objects.for_detail())."""
    data = {
        "@type": "Project",
        "name": praktijk.titel,
        "url": request.build_absolute_uri(praktijk.get_absolute_url()),
        "parentOrganization": _atelier(praktijk.leeratelier, request),
        "areaServed": [metadata.place(gemeente, request) for gemeente in praktijk.gemeenten.all()],
        "member": [
            metadata.organization(organisatie, request)
            for organisatie in [*praktijk.partners.all(), *praktijk.werkplaatsen.all()]
        ],
    }
    if praktijk.start_on:
        data["foundingDate"] = praktijk.start_on.isoformat()
    if praktijk.end_on:
        data["dissolutionDate"] = praktijk.end_on.isoformat()
    if praktijk.externe_link:
        data["sameAs"] = praktijk.externe_link
    return metadata.with_context(data)


def update_posting(update, request):
    """A tribune update as a schema.org BlogPosting in its leeratelier's series."""
    data = {
        "@type": "BlogPosting",
        "headline": update.titel[:110],
        "name": update.titel,
        "url": request.build_absolute_uri(update.get_absolute_url()),
        "datePublished": update.gepubliceerd_at.isoformat(),
        "inLanguage": "nl",
        "about": _atelier(update.leeratelier, request),
        "publisher": metadata.werkplaats_organization(Profiel.objects.current(), request),
    }
    if update.auteur:
        data["author"] = metadata.person(update.auteur, request)
    return metadata.with_context(data)
