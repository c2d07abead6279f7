from django import forms
from django.utils.translation import gettext_lazy as _

from documents.models import DocumentKind
from documents.records import record_choices
from registry.records.forms import date_field, text_field

ACCEPTED = "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"


class DocumentAttachForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=DocumentKind.choices)
    number = forms.CharField(label=_("Number"), max_length=100, required=False)
    date = date_field(_("Date of the document"))
    record = forms.ChoiceField(
        label=_("About the record"),
        required=False,
        help_text=_("Leave empty for a document about the child as a whole."),
    )
    # Empty and oversized files are refused by the service, with its messages.
    upload = forms.FileField(
        label=_("File (PDF, JPEG or PNG)"),
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED}),
    )

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record"].choices = [("", "—"), *record_choices(child)]


class DocumentWithdrawForm(forms.Form):
    reason = text_field(_("Why it is withdrawn"), required=True, max_length=1000)
