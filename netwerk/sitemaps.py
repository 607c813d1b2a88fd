"""Sitemap section of the netwerk: the picture of the network (see werkplaats/sitemaps.py)."""

from werkplaats.sitemaps import PagesSitemap


class NetwerkPages(PagesSitemap):
    url_names = ("netwerk:picture",)


SITEMAPS = {"netwerk": NetwerkPages}
