"""The portal's form renderer writes select boxes in Python: the same elements, attributes and
text as Django's own templates, escaped the same way."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from werkplaats.form_renderer import Renderer
from werkplaats.models import Thema


def normalised(html):
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", str(html))).strip()


class Keuzes(forms.Form):
    groepen = forms.ChoiceField(
        choices=[
            ("", "Alle"),
            ("x", '<Armoede> & "schulden"'),
            ("Zorg", [("1", "Wijkteam"), ("2", "Mantelzorg")]),
        ],
        initial="2",
    )
    meer = forms.MultipleChoiceField(
        choices=[("1", "een"), ("2", "twee")], initial=["1", "2"], required=False
    )
    ja_nee = forms.NullBooleanField()
    uit = forms.ChoiceField(
        choices=[("1", "een")],
        widget=forms.Select(attrs={"aria-describedby": "hulp", "disabled": True, "data-x": False}),
    )
    thema = forms.ModelChoiceField(Thema.objects.all(), required=False, to_field_name="slug")


@pytest.mark.django_db
@pytest.mark.parametrize("data", [None, {"groepen": "x", "meer": ["2"], "ja_nee": "true"}])
def test_select_boxes_come_out_as_django_writes_them(data, make_thema):
    make_thema("Wonen & <zorg>")
    ours, django = Keuzes(data, renderer=Renderer()), Keuzes(data, renderer=DjangoTemplates())
    for name in ours.fields:
        assert normalised(ours[name]) == normalised(django[name]), name
    assert "selected>Mantelzorg</option>" in str(Keuzes(renderer=Renderer())["groepen"])
    assert "&lt;Armoede&gt; &amp; &quot;schulden&quot;" in str(ours["groepen"])
