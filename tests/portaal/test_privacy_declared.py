"""Every app declares its personal data in its privacy.py, so the download and account
deletion cannot forget an app, and each declared model really is erased."""

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from werkplaats.discovery import app_modules


def declared():
    found = {}
    for module in app_modules("privacy"):
        for model in module.COVERS:
            found[model] = module.__name__
    return found


def holds_a_user_or_an_email_address(model):
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return any(
        (field.concrete and getattr(field, "related_model", None) is user_model)
        or isinstance(field, models.EmailField)
        for field in model._meta.get_fields()
    )


def test_every_model_with_a_user_or_an_email_field_is_declared_by_some_privacy_module():
    covered = declared()
    missing = [
        model._meta.label
        for model in apps.get_models()
        if holds_a_user_or_an_email_address(model) and model not in covered
    ]
    assert missing == []


def test_the_check_sees_the_models_it_should():
    """The check above would notice a forgotten app: it finds models of several floors."""
    found = {
        model._meta.app_label
        for model in apps.get_models()
        if holds_a_user_or_an_email_address(model)
    }
    assert {"werkplaats", "accounts", "leerateliers", "bijeenkomsten", "kennisagenda"} <= found


@pytest.mark.django_db
def test_deleting_an_account_leaves_no_row_that_points_at_it(world, make_bijeenkomst):
    from allauth.account.models import EmailAddress

    from bijeenkomsten import notifications, services
    from leerateliers.models import Abonnement
    from portaal.services import account_delete

    user = world.trekker
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    Abonnement.objects.create(user=user, leeratelier=world.b)
    bijeenkomst = make_bijeenkomst()
    services.aanmelding_create(bijeenkomst=bijeenkomst, user=user)
    bericht = services.bijeenkomst_message(bijeenkomst=bijeenkomst, onderwerp="Zaal", tekst="2.12")
    notifications.send_bericht(bericht.pk)
    pk, email = user.pk, user.email
    account_delete(user=user)
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for model in declared():
        for field in model._meta.get_fields():
            if field.concrete and getattr(field, "related_model", None) is user_model:
                assert not model._default_manager.filter(**{field.name: pk}).exists()
            elif isinstance(field, models.EmailField):
                rows = model._default_manager.filter(**{f"{field.name}__iexact": email})
                assert not rows.exists(), model._meta.label
