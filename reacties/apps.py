from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReactiesConfig(AppConfig):
    name = "reacties"
    verbose_name = _("Reacties van bezoekers")

    def ready(self):
        from werkplaats import plekken

        from . import uitnodiging

        # The invitation to answer, where the pages of leerateliers, praktijken and
        # publicaties leave room for it.
        plekken.vul("reageren", uitnodiging.reageren)
