from django import forms
from django.utils.translation import gettext_lazy as _


class CloseYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000)
    confirm = forms.BooleanField(
        label=_("I confirm that these are the figures the region submits for this year."),
    )
