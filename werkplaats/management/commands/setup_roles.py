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
    """One query reads every permission, one more renames those whose name is not yet the
    Dutch one (none, once it has run)."""
    wanted = {}
    with translation.override("nl"):
        for model in apps.get_models():
            opts = model._meta
            for action, template in ACTIONS.items():
                if action in opts.default_permissions:
                    key = (opts.app_label, f"{action}_{opts.model_name}")
                    wanted[key] = (template % {"model": opts.verbose_name})[:255]
    renamed = []
    for permission in Permission.objects.select_related("content_type"):
        name = wanted.get((permission.content_type.app_label, permission.codename))
        if name is not None and permission.name != name:
            permission.name = name
            renamed.append(permission)
    Permission.objects.bulk_update(renamed, ["name"], batch_size=500)


def apply_roles():
    for app in apps.get_app_configs():
        create_permissions(app, verbosity=0)
    name_permissions_in_dutch()
    by_name = {
        f"{permission.content_type.app_label}.{permission.codename}": permission
        for permission in Permission.objects.select_related("content_type")
    }
    result = {}
    with transaction.atomic():
        for name, wanted in declared_roles().items():
            group, _created = Group.objects.get_or_create(name=name)
            unknown = sorted(wanted - by_name.keys())
            if unknown:
                raise CommandError(f"Onbekende permissie {unknown[0]} voor de groep {name}.")
            group.permissions.set([by_name[dotted] for dotted in wanted])
            result[name] = len(wanted)
    return result


class Command(BaseCommand):
    help = "Maakt de rollen (groepen) met hun rechten aan of zet ze recht."

    def handle(self, *args, **options):
        for name, count in apply_roles().items():
            self.stdout.write(f"Groep {name}: {count} rechten.")
