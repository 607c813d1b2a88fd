from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WerkplaatsConfig(AppConfig):
    name = "werkplaats"
    verbose_name = _("Netwerk")
