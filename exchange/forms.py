"""The register workbook's forms: the upload to check, and the export's area."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

UPLOAD_LIMIT = 25 * 1024 * 1024


class WorkbookUploadForm(forms.Form):
    workbook = forms.FileField(
        label=_("Workbook (.xlsx)"),
        help_text=_("The sheets and columns of the register workbook; at most 25 MB."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_workbook(self):
        upload = self.cleaned_data["workbook"]
        if upload.size > UPLOAD_LIMIT:
            raise forms.ValidationError(
                _("The file is %(size)s; a workbook of at most 25 MB can be imported.")
                % {"size": filesizeformat(upload.size)}
            )
        return upload


class WorkbookExportForm(forms.Form):
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=None,
        required=False,
        empty_label=_("All districts of my area"),
    )

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts
