"""A landelijke werkgroep as schema.org sees it (the JSON-LD on its page).

Its type is ``Project``: schema.org's "enterprise (potentially individual but typically
collaborative), planned to achieve a particular aim". A werkgroep is exactly that, a group of
people from several werkplaatsen with a programme (describe lerende praktijken, make a
handreiking). ``Project`` is a kind of ``Organization``, so its members, the werkplaatsen
taking part and its events keep the properties an Organization has (``member``, ``event``,
``knowsAbout``); a plain ``Organization`` would lose the "with an aim" that sets a werkgroep
apart from the werkplaatsen themselves. Not ``ResearchProject``: that is what a leeratelier
is, and a werkgroep exchanges and connects knowledge more than it researches."""

from werkplaats import metadata


def _member(lidmaatschap, request):
    person = metadata.person(lidmaatschap.persoon, request)
    if lidmaatschap.werkplaats:
        person["affiliation"] = metadata.organization(lidmaatschap.werkplaats, request)
    if not lidmaatschap.rol:
        return person
    return {"@type": "OrganizationRole", "member": person, "roleName": lidmaatschap.rol}


def project(werkgroep, request):
    """On a row from Werkgroep.objects.for_detail() (no further queries)."""
    data = {
        "@type": "Project",
        "name": werkgroep.naam,
        "description": werkgroep.samenvatting,
        "url": request.build_absolute_uri(werkgroep.get_absolute_url()),
        "member": [
            *(_member(lidmaatschap, request) for lidmaatschap in werkgroep.lidmaatschappen.all()),
            *(
                metadata.organization(werkplaats, request)
                for werkplaats in werkgroep.werkplaatsen.all()
            ),
        ],
        "knowsAbout": [thema.naam for thema in werkgroep.themas],
        "subjectOf": [
            {
                "@type": "CreativeWork",
                "name": publicatie.titel,
                "url": request.build_absolute_uri(publicatie.get_absolute_url()),
            }
            for publicatie in werkgroep.gepubliceerde_publicaties
        ],
        "event": [
            {
                "@type": "Event",
                "name": bijeenkomst.titel,
                "startDate": bijeenkomst.start_at.isoformat(),
                "url": request.build_absolute_uri(bijeenkomst.get_absolute_url()),
            }
            for bijeenkomst in werkgroep.bijeenkomsten.all()
        ],
    }
    if werkgroep.volledige_naam:
        data["alternateName"] = werkgroep.volledige_naam
    if werkgroep.website:
        data["sameAs"] = werkgroep.website
    return metadata.with_context({key: value for key, value in data.items() if value != []})
