"""Metadata for machines that read pages: schema.org JSON-LD, written so that no value can end
its ``<script>`` element, and the network core (the werkplaats, partners, personen, thema's,
voorwaarden, gemeenten) as schema.org sees it. Apps on higher floors build on these."""

import json

from django.utils.safestring import mark_safe

# What Django's json_script escapes: inside <script> the HTML parser ends the element at
# "</script" whatever the JSON means, so <, > and & never appear as themselves.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_text(data) -> str:
    """``data`` as JSON that can stand inside a ``<script type="application/ld+json">``."""
    return json.dumps(data, ensure_ascii=False, default=str).translate(_ESCAPES)


def json_ld_script(data):
    """The whole data block, safe HTML. CSP does not run it: a data block is not a script."""
    return mark_safe(f'<script type="application/ld+json">{json_ld_text(data)}</script>')


def werkplaats_organization(profiel, request):
    """The werkplaats itself as a schema.org Organization (organizer, publisher)."""
    organization = {
        "@type": "Organization",
        "name": profiel.volledige_naam,
        "url": request.build_absolute_uri("/"),
    }
    if profiel.email:
        organization["email"] = profiel.email
    return organization


def _page(request, row):
    return request.build_absolute_uri(row.get_absolute_url())


def person(persoon, request, *, full=False):
    """A persoon as a schema.org Person: name and page, and with ``full`` (their own page)
    functie, organisatie, public email address and bio."""
    data = {"@type": "Person", "name": persoon.naam, "url": _page(request, persoon)}
    if not full:
        return data
    if persoon.functie:
        data["jobTitle"] = persoon.functie
    if persoon.organisatie:
        data["worksFor"] = organization(persoon.organisatie, request)
    if persoon.email:  # only an address the persoon chose to show on the site
        data["email"] = persoon.email
    if persoon.bio:
        data["description"] = persoon.bio
    return data


def place(gemeente, request):
    return {"@type": "AdministrativeArea", "name": gemeente.naam, "url": _page(request, gemeente)}


def organization(organisatie, request, *, full=False):
    """A netwerkpartner as a schema.org Organization; with ``full`` (its own page) also its
    website, logo, description, gemeente and the organisation it is part of."""
    data = {"@type": "Organization", "name": organisatie.naam, "url": _page(request, organisatie)}
    if not full:
        return data
    if organisatie.afkorting:
        data["alternateName"] = organisatie.afkorting
    if organisatie.website:
        data["sameAs"] = organisatie.website
    if organisatie.logo:
        data["logo"] = request.build_absolute_uri(organisatie.logo.url)
    if organisatie.beschrijving:
        data["description"] = organisatie.beschrijving
    if organisatie.gemeente:
        data["location"] = place(organisatie.gemeente, request)
    if organisatie.onderdeel_van:
        data["parentOrganization"] = organization(organisatie.onderdeel_van, request)
    return data


def with_context(data):
    return {"@context": "https://schema.org", **data}


def defined_term(row, request, term_set, description=""):
    """A voorwaarde or thema as a schema.org DefinedTerm in the werkplaats' set of them."""
    data = {
        "@type": "DefinedTerm",
        "name": row.naam,
        "url": _page(request, row),
        "inDefinedTermSet": term_set,
    }
    if description:
        data["description"] = description
    return with_context(data)


def administrative_area(gemeente, request):
    """A gemeente of the werkgebied, with its CBS code."""
    data = place(gemeente, request)
    if gemeente.cbs_code:
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "CBS-gemeentecode",
            "value": gemeente.cbs_code,
        }
    return with_context(data)
