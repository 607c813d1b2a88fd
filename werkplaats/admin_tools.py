"""Admin building blocks shared by the apps: checked inlines, confirmed actions, the log, CSV
downloads."""

from collections.abc import Iterable

from django import forms
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from . import audit
from .forms import met_leesbaarheid
from .spreadsheet import csv_text


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record the site writes itself (a log, a refusal, a grafsteen): shown, never edited,
    added or deleted in the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class QuerySetFilter(admin.SimpleListFilter):
    """A list filter whose choices are methods of the model's QuerySet, so the rule lives in
    one place and a count made elsewhere (the workbench's "te doen") matches the list:
    ``methods = {value: (label, method name)}``."""

    methods: dict = {}

    def lookups(self, request, model_admin):
        return [(value, label) for value, (label, _method) in self.methods.items()]

    def queryset(self, request, queryset):
        if self.value() in self.methods:
            return getattr(queryset, self.methods[self.value()][1])()
        return queryset


class LeesbaarheidAdmin:
    """For a ModelAdmin or an inline: the leesbaarheidsindicatie under the text fields named in
    ``leesbaarheid_velden``, as on the site's own forms (``forms.LeesbaarheidMixin``)."""

    leesbaarheid_velden: tuple[str, ...] = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and db_field.name in self.leesbaarheid_velden:
            met_leesbaarheid(formfield)
        return formfield


class CheckboxesAdmin:
    """For a ModelAdmin or an inline: the many-to-many fields named in ``checkbox_velden`` as a
    list of checkboxes, for the short lists (voorwaarden, thema's, gemeenten, the 4 O's): each
    choice visible and labelled, without the two boxes of ``filter_horizontal`` or a search
    (``autocomplete_fields``) for a list that fits on the screen; in columns (static/css/admin.css,
    class ``vinkjes``)."""

    checkbox_velden: tuple[str, ...] = ()

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.checkbox_velden:
            kwargs.setdefault("widget", forms.CheckboxSelectMultiple(attrs={"class": "vinkjes"}))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in self.checkbox_velden:
            # A list of checkboxes is a group, as Django's forms treat it, also inside the
            # admin's wrapper with its add link: no checkbox then points at a help text by an
            # id the admin's fieldset never gives (it names help texts after the label's
            # target, which a group has not).
            formfield.widget.use_fieldset = True
        return formfield


class ConstraintCheckingFormSet(BaseInlineFormSet):
    """Inline rows are checked against the model's constraints as a whole.

    Django leaves the parent's foreign key out of an inline form's constraint check, so a
    conditional unique constraint would only be noticed by the database (a 500). Here it
    becomes a form error on the row.
    """

    def clean(self):
        super().clean()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form) or form.errors:
                continue
            setattr(form.instance, self.fk.name, self.instance)
            try:
                form.instance.validate_constraints()
            except ValidationError as error:
                form.add_error(None, error)


class ActionForm(forms.Form):
    """The details a confirmed action asks for; ``selection`` holds the rows it acts on."""

    def __init__(self, *args, selection=None, **kwargs):
        self.selection = selection
        super().__init__(*args, **kwargs)


def confirmed_action(description, question, form_class=None, single=False):
    """An admin action for users with change permission that first shows a confirmation page.

    With ``form_class`` the page also asks for details (a date, a note, a target); the action
    function then receives the cleaned data. Errors the action raises as ValidationError are
    shown on that page, nothing is changed.
    """

    def decorator(function):
        @admin.action(description=description, permissions=["change"])
        def action(modeladmin, request, queryset):
            form = None
            if form_class is not None:
                data = request.POST if request.POST.get("bevestigd") else None
                form = form_class(data, selection=queryset)
            error = None
            if single and queryset.count() != 1:
                error = _("Kies precies één regel voor deze stap.")
            elif request.POST.get("bevestigd") and (form is None or form.is_valid()):
                try:
                    data = form.cleaned_data if form is not None else {}
                    with transaction.atomic():  # all selected rows, or none of them
                        return function(modeladmin, request, queryset, **data)
                except ValidationError as validation:
                    error = " ".join(validation.messages)
            context = {
                **modeladmin.admin_site.each_context(request),
                "title": description,
                "question": question,
                "queryset": queryset,
                "form": form,
                "error": error,
                "opts": modeladmin.model._meta,
                "action": request.POST.get("action"),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/confirm_action.html", context)

        action.__name__ = function.__name__
        return action

    return decorator


def forget_in_admin_log(model, pks) -> None:
    """The admin's log names the objects it changed; a deleted or erased person's name goes."""
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in pks],
    ).update(object_repr=_("(verwijderd)"))


def csv_download(filename: str, header: list[str], rows: Iterable[Iterable[str]]) -> HttpResponse:
    """A CSV file for Excel in a Dutch locale (see werkplaats.spreadsheet), as a download;
    the audit log records who downloaded which file."""
    audit.record("data.downloaded", download=filename)
    response = HttpResponse(csv_text(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class HistoryAdmin(SimpleHistoryAdmin):
    """An admin with the history of its rows, read only: a version is shown, never saved
    back (reverting is off for the whole site). django-simple-history saves a version posted
    to its history page when the user may only view the row, which would change an adopted
    kennisagenda or question set that the change form refuses to touch."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


def account_text(field: str, description):
    """A read-only account (a foreign key to the user) as text, for ``readonly_fields`` and
    ``fieldsets`` in place of ``field``. Django links a read-only foreign key to the admin page
    it points to without asking whether the reader may open it; an account's page is the
    beheerder's alone, so a member of the programmacommissie would follow the link to a 403.
    ``account = account_text("user", _("account"))`` in a ModelAdmin or an inline."""

    @admin.display(description=description)
    def shown(model_admin, obj):
        return getattr(obj, field) or model_admin.get_empty_value_display()

    return shown


class ListEditableForm(forms.ModelForm):
    """One row of a list's editable columns (``list_editable``): each field named after its
    column and its row, since a list's cells have no label of their own and Django leaves
    them nameless (WCAG 4.1.2). ``get_changelist_form(request, form=ListEditableForm)``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            name = _("%(kolom)s van “%(rij)s”") % {
                "kolom": capfirst(field.label),
                "rij": self.instance,
            }
            field.widget.attrs.setdefault("aria-label", name)
