from django import template
from django.urls import reverse

from werkplaats import plekken
from werkplaats.text import render_markdown

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


@register.filter
def markdown(text):
    """``{{ leeratelier.beschrijving|markdown }}``: sanitised HTML from Markdown."""
    return render_markdown(text)


@register.simple_tag
def plek(naam, *args, **kwargs):
    """What an app on a higher floor puts in the place ``naam`` (see ``werkplaats.plekken``)."""
    return plekken.render(naam, *args, **kwargs)
