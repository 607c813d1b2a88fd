from urllib.parse import urlsplit

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from werkplaats import i18n, plekken
from werkplaats.metadata import json_ld_script
from werkplaats.text import plain_text, render_markdown

register = template.Library()


@register.inclusion_tag("includes/nav_item.html", takes_context=True)
def nav_item(context, url_name, label):
    """A main-menu link, marked as the current page for its whole section."""
    url = reverse(url_name)
    request = context.get("request")
    path = request.path if request else ""
    if path == url:
        current = "page"
    elif url != "/" and path.startswith(url):
        current = "true"
    else:
        current = None
    return {"url": url, "label": label, "current": current}


@register.simple_tag(takes_context=True)
def page_url(context, page_number):
    """The current URL's query string with another page number (filters kept)."""
    query = context["request"].GET.copy()
    query["page"] = page_number
    return "?" + query.urlencode()


@register.simple_tag
def page_numbers(page_obj):
    """The page numbers to link: the first and last, and two on each side of the current one,
    with "…" between (50,000 publicaties are 2,500 pages: a link to each made the page 300 KB
    and took 100 ms)."""
    return list(
        page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    )


@register.filter
def markdown(text):
    """``{{ leeratelier.beschrijving|markdown }}``: sanitised HTML from Markdown."""
    return render_markdown(text)


@register.filter
def host(url):
    """ "youtube.com" from "https://www.youtube.com/watch?v=…": where a link leads."""
    hostname = urlsplit(str(url)).hostname or ""
    return hostname.removeprefix("www.")


@register.filter
def plain(text):
    """Markdown as plain text (for a description in a meta tag), escaped as any text is."""
    return plain_text(text)


@register.simple_tag
def plek(naam, *args, **kwargs):
    """What an app on a higher floor puts in the place ``naam`` (see ``werkplaats.plekken``)."""
    return plekken.render(naam, *args, **kwargs)


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)  # blocks inside stay overridable by child templates

    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        # Rendered once, escaped as any template output is.
        context[self.name] = mark_safe(self.nodelist.render(context).strip())
        return ""


@register.tag
def capture(parser, token):
    """``{% capture page_title %}{% block title %}{% endblock %}{% endcapture %}``: what the
    tags inside render, as a variable, so that one block (a page's title) can be shown in
    several places (<title>, og:title)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("capture takes one variable name")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])


@register.simple_tag
def json_ld(data):
    """``{% json_ld data %}``: a schema.org data block; no value can end the element."""
    return json_ld_script(data) if data else ""


@register.simple_tag(takes_context=True)
def absolute_url(context, path=None):
    """The absolute address of ``path`` (the current page without its query string when no
    path is given), for og:url and the like."""
    request = context.get("request")
    if request is None:
        return ""
    return request.build_absolute_uri(path if path is not None else request.path)


@register.filter
def vertaald(obj, field):
    """``obj.<field>`` in the interface's language where it has a version in it."""
    return i18n.vertaald(obj, field)


@register.filter
def taal_van(obj, field):
    """The language of ``obj|vertaald:field``, for its ``lang`` attribute."""
    return i18n.taal_van(obj, field)


@register.filter
def inhoud(value):
    """``value`` (escaped) in a ``<span lang="nl">`` on a page whose interface is not Dutch:
    Dutch content inside a translated sentence, ``{% blocktranslate with naam=x.naam|inhoud %}``.
    Text only, never in an attribute; nothing for an empty value (so ``|default:`` still works)."""
    if value is None or value == "":
        return ""
    attribute = i18n.nl_inhoud()
    if not attribute:
        return conditional_escape(value)
    return format_html("<span{}>{}</span>", attribute, value)
