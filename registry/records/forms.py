"""The fields and forms that edit a dated record: a date typed in the browser's date
input, the version a form carries against lost updates."""

from __future__ import annotations

from django import forms

from registry.forms import VersionedFormMixin


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label, required=True, **kwargs):
    return forms.DateField(label=label, required=required, widget=DateInput(), **kwargs)


def text_field(label, required=False, rows=2, **kwargs):
    """Free text over a few lines (a finding, an explanation)."""
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


class VersionedForm(VersionedFormMixin, forms.Form):
    """A form editing one record: carries the version the user opened."""

    def __init__(self, *args, record=None, **kwargs):
        super().__init__(*args, **kwargs)
        if record is not None:
            self.add_version_field(record)
