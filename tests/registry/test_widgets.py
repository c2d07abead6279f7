"""The project's select template writes the options in place; its HTML is Django's own."""

import re
from pathlib import Path

from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer

ROOT = Path(__file__).resolve().parents[2]


class Choices(forms.Form):
    one = forms.ChoiceField(choices=[("", "—"), ("a", "A & B"), ("b", "Б")], required=False)
    grouped = forms.MultipleChoiceField(
        choices=[("Кітап", [("1", "бір"), ("2", "екі")]), ("3", "үш")],
        widget=forms.SelectMultiple(attrs={"class": "form-select", "data-x": "y"}),
    )


def html(form) -> str:
    return re.sub(r">\s+<", "><", str(form)).strip()


def test_selects_render_as_djangos_own_templates_render_them():
    template = get_default_renderer().get_template("django/forms/widgets/select.html")
    assert Path(template.origin.name) == ROOT / "templates/django/forms/widgets/select.html"
    ours = html(Choices({"one": "a", "grouped": ["2", "3"]}))
    assert 'value="a" selected>A &amp; B</option>' in ours
    assert '<optgroup label="Кітап">' in ours and 'value="2" selected>екі' in ours
    assert ours == html(Choices({"one": "a", "grouped": ["2", "3"]}, renderer=DjangoTemplates()))
