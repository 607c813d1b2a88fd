from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KennisagendaConfig(AppConfig):
    name = "kennisagenda"
    verbose_name = _("Kennisagenda")
