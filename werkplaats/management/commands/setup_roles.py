"""``manage.py setup_roles``: create the groups of every app's ``roles.py`` with exactly their
permissions, and name Django's default permissions in Dutch ("Kan gemeente wijzigen", not "Can
change gemeente"), as the admin shows them. Idempotent: run it after every migrate (``make run``
and deployments do)."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from werkplaats.discovery import app_modules


def declared_roles():
    roles = {}
    for module in app_modules("roles"):
        for group, permissions in module.ROLES.items():
            roles.setdefault(group, set()).update(permissions)
    return roles


# Django's default actions, as the admin's permission lists name them.
ACTIONS = {
    "add": "Kan %(model)s toevoegen",
    "change": "Kan %(model)s wijzigen",
    "delete": "Kan %(model)s verwijderen",
    "view": "Kan %(model)s bekijken",
}


def name_permissions_in_dutch():
    with translation.override("nl"):
        for model in apps.get_models():
            opts = model._meta
            for action, template in ACTIONS.items():
                if action not in opts.default_permissions:
                    continue
                name = (template % {"model": opts.verbose_name})[:255]
                Permission.objects.filter(
                    content_type__app_label=opts.app_label,
                    codename=f"{action}_{opts.model_name}",
                ).exclude(name=name).update(name=name)


def apply_roles():
    for app in apps.get_app_configs():
        create_permissions(app, verbosity=0)
    name_permissions_in_dutch()
    result = {}
    with transaction.atomic():
        for name, wanted in declared_roles().items():
            group, _created = Group.objects.get_or_create(name=name)
            permissions = []
            for dotted in sorted(wanted):
                app_label, codename = dotted.split(".", 1)
                permission = Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                ).first()
                if permission is None:
                    raise CommandError(f"Onbekende permissie {dotted} voor de groep {name}.")
                permissions.append(permission)
            group.permissions.set(permissions)
            result[name] = len(permissions)
    return result


class Command(BaseCommand):
    help = "Maakt de rollen (groepen) met hun rechten aan of zet ze recht."

    def handle(self, *args, **options):
        for name, count in apply_roles().items():
            self.stdout.write(f"Groep {name}: {count} rechten.")
