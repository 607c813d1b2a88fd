"""The accounts in the admin: deleting one reaches every app, so it lives on the top floor."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import (
    AdminPasswordChangeForm,
    ReadOnlyPasswordHashWidget,
    SetUnusablePasswordMixin,
    UserChangeForm,
)
from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from werkplaats import audit
from werkplaats.models import User

from . import services


class PasswordSummary(ReadOnlyPasswordHashWidget):
    """Django's summary of the stored password and its button, without the ``disabled`` the
    read-only field gives it: HTML allows that on form controls, not on the block around
    them."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].pop("disabled", None)
        return context


class AccountForm(UserChangeForm):
    """Django's form without the password's help text: its widget says all there is (the
    hash is never shown; a button sets a new password), and the admin gives that help text
    no id, which the widget would point at."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "password" in self.fields:
            self.fields["password"].help_text = ""
            self.fields["password"].widget = PasswordSummary()


class PasswordForm(AdminPasswordChangeForm):
    """Setting someone's password: Django's warning that switching passwords off loses the
    current one, as a span (the admin puts this help text in a paragraph, where a list may
    not stand). Django's script shows and hides it by its id."""

    usable_password_help_text = format_lazy(
        '{} <span id="id_unusable_warning" class="warning">{}</span>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("Staat dit uit, dan gaat het huidige wachtwoord van dit account verloren."),
    )


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = AccountForm
    change_password_form = PasswordForm
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Persoonlijke gegevens"), {"fields": ["first_name", "last_name"]}),
        (
            _("Rechten"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Belangrijke datums"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]

    def user_change_password(self, request, id, form_url=""):
        """Staff setting someone's password goes into the audit log (never the password)."""
        account = User.objects.filter(pk=id)
        before = account.values_list("password", flat=True).first()
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and account.exclude(password=before).exists():
            audit.record("password.changed", user=int(id))
        return response

    # Deleting an account here is what deleting it on the site does: seats at bijeenkomsten
    # go to the waiting list first, and no personal data stays behind.
    def delete_model(self, request, obj):
        services.account_delete(user=obj)

    @transaction.atomic  # all selected accounts, or none of them
    def delete_queryset(self, request, queryset):
        for user in queryset:
            services.account_delete(user=user)
