from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WerkplaatsConfig(AppConfig):
    name = "werkplaats"
    verbose_name = _("Netwerk")

    def ready(self):
        # Every process that writes (web, tasks, commands) starts a new generation of the
        # cached public pages when it changes what they show.
        from . import pagecache

        pagecache.private_tables()  # a misnamed model fails here, not in the middle of a write
