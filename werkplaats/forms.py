"""Small helpers for the site's forms, and the leesbaarheidsindicatie under a text field."""

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .leesbaarheid import MAX_TEKENS, MAX_WOORDEN_PER_ZIN, leesbaarheid


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


# --- Leesbaarheidsindicatie ----------------------------------------------------------------------

# At most this many long sentences are listed (a count says how many more there are).
LANGE_ZINNEN_GETOOND = 10


def te_lang_voor_leesbaarheid() -> str:
    """Why a text gets no indication: it is longer than ``MAX_TEKENS``."""
    return gettext(
        "Leesbaarheidsindicatie: bij een tekst van meer dan %(max)s tekens geven we geen "
        "indicatie. Opslaan kan gewoon."
    ) % {"max": number_format(MAX_TEKENS, force_grouping=True)}


def leesbaarheid_delen(tekst: str) -> dict[str, str]:
    """The two parts of the indication of ``tekst`` as HTML: ``uitslag`` (the score in words,
    read out by screen readers when it changes) and ``details`` (the long sentences, the
    caveat and a tip). The same for the page and for the endpoint that renews it."""
    uitslag = leesbaarheid(tekst)
    context = {
        "leesbaarheid": uitslag,
        "max_woorden": MAX_WOORDEN_PER_ZIN,
        "te_lang": te_lang_voor_leesbaarheid(),
        "getoond": LANGE_ZINNEN_GETOOND,
        "niet_getoond": max(0, len(uitslag.lange_zinnen) - LANGE_ZINNEN_GETOOND),
    }
    return {
        # Rendered, so safe; without the template's blank lines around it.
        deel: mark_safe(render_to_string(f"werkplaats/leesbaarheid/{deel}.html", context).strip())
        for deel in ("uitslag", "details")
    }


class LeesbaarheidWidget(forms.Widget):
    """Wraps a text field's widget and shows the leesbaarheidsindicatie of its value under it:
    rendered with the page (so it works without JavaScript) and renewed while typing by
    static/js/leesbaarheid.js, which asks the endpoint ``leerateliers:leesbaarheid``. Advice
    only: the field itself, its value and its checks stay the wrapped widget's."""

    template_name = "werkplaats/widgets/leesbaarheid.html"

    def __init__(self, widget):
        super().__init__()
        self.widget = widget
        self.attrs = widget.attrs

    def __deepcopy__(self, memo):
        obj = copy.copy(self)
        obj.widget = copy.deepcopy(self.widget, memo)
        obj.attrs = obj.widget.attrs
        memo[id(self)] = obj
        return obj

    @property
    def media(self):
        return self.widget.media + forms.Media(
            css={"all": ["css/leesbaarheid.css"]},
            js=[forms.Script("js/leesbaarheid.js", defer=True)],
        )

    @property
    def is_hidden(self):
        return self.widget.is_hidden

    @property
    def needs_multipart_form(self):
        return self.widget.needs_multipart_form

    def use_required_attribute(self, initial):
        return self.widget.use_required_attribute(initial)

    def value_from_datadict(self, data, files, name):
        return self.widget.value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return self.widget.value_omitted_from_data(data, files, name)

    def id_for_label(self, id_):
        return self.widget.id_for_label(id_)

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        context["veld"] = self.widget.render(name, value, attrs, renderer)
        context["delen"] = leesbaarheid_delen(self.widget.format_value(value) or "")
        context["url"] = reverse("leerateliers:leesbaarheid")
        context["max_tekens"] = MAX_TEKENS
        context["te_lang"] = te_lang_voor_leesbaarheid()
        return self._render(self.template_name, context, renderer)


def met_leesbaarheid(field: forms.Field) -> None:
    """Show the leesbaarheidsindicatie under ``field`` (once, however often it is asked)."""
    if not isinstance(field.widget, LeesbaarheidWidget):
        field.widget = LeesbaarheidWidget(field.widget)


class LeesbaarheidMixin:
    """A form that shows the leesbaarheidsindicatie under the text fields named in
    ``leesbaarheid_velden`` (the admin's forms through ``admin_tools.LeesbaarheidAdmin``)."""

    leesbaarheid_velden: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for naam in self.leesbaarheid_velden:
            if naam in self.fields:
                met_leesbaarheid(self.fields[naam])
