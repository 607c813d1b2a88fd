from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnderwijsConfig(AppConfig):
    name = "onderwijs"
    verbose_name = _("Onderwijs")

    def ready(self):
        from werkplaats import plekken

        from .plekken import onderwijs

        # On the pages of leerateliers and praktijken: where their knowledge reaches education.
        plekken.vul("onderwijs", onderwijs)
