"""Places in the pages of a lower floor that an app on a higher floor fills in, so that no
template or module of a lower floor names something above it.

A template marks the place with ``{% plek "reageren" praktijk %}`` (``werkplaats_tags``); an
app registers what goes there in its ``AppConfig.ready`` with ``vul("reageren", render)``,
where ``render(*args, **kwargs)`` returns HTML (safe, from a template). A place nobody fills
stays empty. The same registry carries data as well as HTML: ``verzamel(naam, …)`` gives what
every filler returns, in a list (the network picture collects its werkgroepen so).
"""

from collections.abc import Callable

from django.utils.html import format_html_join
from django.utils.safestring import SafeString

_vullers: dict[str, list[Callable[..., SafeString]]] = {}


def vul(naam: str, render: Callable[..., SafeString]) -> None:
    """Put what ``render`` returns in every place called ``naam`` (once per function)."""
    vullers = _vullers.setdefault(naam, [])
    if render not in vullers:
        vullers.append(render)


def render(naam: str, *args, **kwargs) -> SafeString:
    return format_html_join("", "{}", ((fill(*args, **kwargs),) for fill in _vullers.get(naam, [])))


def verzamel(naam: str, *args, **kwargs) -> list:
    """What every filler of ``naam`` returns, in the order they were registered."""
    return [fill(*args, **kwargs) for fill in _vullers.get(naam, [])]
