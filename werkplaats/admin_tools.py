"""Admin building blocks shared by the apps: checked inlines and confirmed actions."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse


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


def confirmed_action(description, question):
    """An admin action for change permission that first shows a confirmation page."""

    def decorator(function):
        @admin.action(description=description, permissions=["change"])
        def action(modeladmin, request, queryset):
            if request.POST.get("bevestigd"):
                return function(modeladmin, request, queryset)
            context = {
                **modeladmin.admin_site.each_context(request),
                "title": description,
                "question": question,
                "queryset": queryset,
                "opts": modeladmin.model._meta,
                "action": request.POST.get("action"),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/confirm_action.html", context)

        action.__name__ = function.__name__
        return action

    return decorator
