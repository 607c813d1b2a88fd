from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuickscanConfig(AppConfig):
    name = "quickscan"
    verbose_name = _("Quick scan sociale kwaliteit")
