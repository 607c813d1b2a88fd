from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LandelijkConfig(AppConfig):
    name = "landelijk"
    verbose_name = _("Landelijk netwerk")

    def ready(self):
        from werkplaats import plekken

        from . import plekken as landelijke_plekken

        # The werkgroepen a werkplaats takes part in, where its page leaves room for them, and
        # the werkgroepen as nodes of the network picture.
        plekken.vul("werkgroepen", landelijke_plekken.werkgroepen)
        plekken.vul("netwerk-werkgroepen", landelijke_plekken.netwerk_werkgroepen)

        # The cached map of werkgroepen per leeratelier is made again after every change.
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from leerateliers.models import Leeratelier

        from .models import Werkgroep

        for model in (Werkgroep, Leeratelier):
            post_save.connect(landelijke_plekken.refresh, sender=model, weak=False)
            post_delete.connect(landelijke_plekken.refresh, sender=model, weak=False)
        m2m_changed.connect(
            landelijke_plekken.refresh, sender=Werkgroep.leerateliers.through, weak=False
        )
