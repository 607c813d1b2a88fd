from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReactiesConfig(AppConfig):
    name = "reacties"
    verbose_name = _("Reacties van bezoekers")
