"""Small helpers for the site's forms."""

from django import forms
from django.core.exceptions import ValidationError


def posted(request, part="POST"):
    """The submitted ``request.POST`` (or ``FILES``) of a POST, even an empty one, and None
    for any other method: a form is bound exactly when it was sent, so an empty submission
    shows its errors instead of a fresh form."""
    return getattr(request, part) if request.method == "POST" else None


def date_input():
    """A date field's widget: the browser's date picker, with the ISO value it posts."""
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def add_errors(form, error: ValidationError) -> None:
    """A service's refusal on ``form``: at its field where the form has one, else above it."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


# The largest key a database column of ids holds; a larger number typed into a form would make
# SQLite raise instead of answering "no such row".
LARGEST_ID = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, but an id too large for the database is an invalid choice like any
    other unknown id, on every database."""

    def _check_values(self, value):
        if self.to_field_name is None:
            for pk in value:
                try:
                    too_large = abs(int(pk)) > LARGEST_ID
                except (TypeError, ValueError):
                    continue  # Django's own check names it
                if too_large:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super()._check_values(value)
