"""Django's form renderer, with the select box written out in Python.

Django's select template includes a template per option and one more for its attributes:
about 70 µs an option, which a filter on 300 leerateliers turns into 20 ms of every list
page. The HTML is the same element for element (settings.FORM_RENDERER)."""

from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
EMPTY_LABEL = BLANK_CHOICE_DASH[0][1]  # Django's own empty choice, "---------"


class Renderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT:
            return select(context["widget"])
        return super().render(template_name, context, request=request)


def attributes(attrs):
    """` name="value"` per attribute; ` name` alone for True, nothing for False."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


def needs_placeholder(widget):
    """A required select of one choice shown as a list of one row must begin with an empty
    choice (the HTML standard's placeholder label option)."""
    attrs = widget["attrs"]
    if not attrs.get("required") or attrs.get("multiple") or int(attrs.get("size") or 1) > 1:
        return False
    first = next((options[0] for _g, options, _i in widget["optgroups"] if options), None)
    return first is None or first["value"] not in ("", None)


def select(widget):
    lines = [format_html('<select name="{}"{}>', widget["name"], attributes(widget["attrs"]))]
    if needs_placeholder(widget):
        lines.append(format_html('<option value="">{}</option>', EMPTY_LABEL))
    for group, options, _index in widget["optgroups"]:
        if group:
            lines.append(format_html('<optgroup label="{}">', group))
        lines.extend(
            format_html(
                '<option value="{}"{}>{}</option>',
                option["value"],
                attributes(option["attrs"]),
                option["label"] if str(option["label"]) else EMPTY_LABEL,
            )
            for option in options
        )
        if group:
            lines.append("</optgroup>")
    lines.append("</select>")
    return mark_safe("\n".join(lines))  # every part went through format_html
