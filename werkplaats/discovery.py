"""Finding what each app declares in a module of a known name: ``demo``, ``roles``,
``privacy``."""

import importlib
import importlib.util
from types import ModuleType

from django.apps import apps


def app_modules(name: str) -> list[ModuleType]:
    """The ``<app>.<name>`` modules of the installed apps that have one, in ``INSTALLED_APPS``
    order: the lowest floor first."""
    found = []
    for app in apps.get_app_configs():
        dotted = f"{app.name}.{name}"
        try:
            spec = importlib.util.find_spec(dotted)
        except ModuleNotFoundError:  # the app is a plain module, not a package
            spec = None
        if spec is not None:
            found.append(importlib.import_module(dotted))
    return found
