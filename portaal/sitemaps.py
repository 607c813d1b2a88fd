"""/sitemap.xml: the sections every app declares in its ``sitemaps.py`` (``SITEMAPS``), lowest
floor first, and portaal's own pages. Search engines find it through robots.txt."""

from werkplaats.discovery import app_modules
from werkplaats.sitemaps import PagesSitemap


class PortaalPages(PagesSitemap):
    url_names = (
        "portaal:home",
        "portaal:voorwaarde_list",
        "portaal:thema_list",
        "portaal:gemeente_list",
        "portaal:organisatie_list",
        "portaal:werkplaats_list",
        "portaal:persoon_list",
        "portaal:contact",
        "portaal:api_docs",
        "opendata:index",
    )


def all_sitemaps():
    """Every app's sections by name (names are unique across the apps)."""
    sections = {"portaal": PortaalPages}
    for module in app_modules("sitemaps"):
        for name, sitemap in getattr(module, "SITEMAPS", {}).items():
            if name in sections:
                raise ValueError(f"Two sitemap sections are called {name!r}.")
            sections[name] = sitemap
    return sections
