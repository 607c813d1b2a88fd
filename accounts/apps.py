from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts en deelname")

    def ready(self):
        from . import audit  # noqa: F401  (connects the audit log's receivers)
