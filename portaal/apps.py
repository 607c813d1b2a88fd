from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PortaalConfig(AppConfig):
    name = "portaal"
    verbose_name = _("Portaal")


class BeheerConfig(admin_apps.AdminConfig):
    """Django's admin with the programmacommissie's workbench as its front page
    (portaal/beheer.py): it reads every app, so it lives on the top floor. Named in
    INSTALLED_APPS in place of django.contrib.admin."""

    default = False  # "portaal" itself stays PortaalConfig
    default_site = "portaal.beheer.BeheerSite"
