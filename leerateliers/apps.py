from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeerateliersConfig(AppConfig):
    name = "leerateliers"
    verbose_name = _("Leerateliers")
