from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from housing.models import HousingKind, HousingRightEndReason, ProvisionSource, QueueEndReason
from registry.records.forms import VersionedForm, date_field


class HousingRightFields(forms.Form):
    kind = forms.ChoiceField(label=_("Ownership"), choices=HousingKind.choices)
    share_size = forms.CharField(
        label=_("Share size"),
        max_length=20,
        required=False,
        help_text=_("For ownership of a share: a fraction such as 1/3."),
    )
    address = forms.CharField(label=_("Address"), max_length=300)
    document = forms.CharField(
        label=_("Document"),
        max_length=200,
        required=False,
        help_text=_("Title deed, decision securing the housing."),
    )
    start_date = date_field(_("Secured since"))


class HousingRightAddForm(HousingRightFields):
    pass


class HousingRightEndForm(VersionedForm):
    end_date = date_field(_("End date"), initial=timezone.localdate)
    end_reason = forms.ChoiceField(label=_("Why it ended"), choices=HousingRightEndReason.choices)


class HousingRightCorrectForm(VersionedForm, HousingRightFields):
    end_date = date_field(_("End date"), required=False)
    end_reason = forms.ChoiceField(
        label=_("Why it ended"),
        choices=[("", "—"), *HousingRightEndReason.choices],
        required=False,
    )


class PositionFields(forms.Form):
    position = forms.IntegerField(label=_("Position in the queue"), required=False)
    position_on = date_field(
        _("Position as of"),
        required=False,
        help_text=_("The date the akimat stated the position."),
    )


class QueueOpenForm(PositionFields):
    district = forms.ModelChoiceField(label=_("Queue of the district (akimat)"), queryset=None)
    start_date = date_field(_("On the queue since"), initial=timezone.localdate)
    field_order = ["district", "start_date", "position", "position_on"]

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts


class QueuePositionForm(VersionedForm, PositionFields):
    pass


class QueueCorrectForm(VersionedForm):
    district = forms.ModelChoiceField(label=_("Queue of the district (akimat)"), queryset=None)
    start_date = date_field(_("On the queue since"))
    end_date = date_field(_("End date"), required=False)
    end_reason = forms.ChoiceField(
        label=_("Why it ended"), choices=[("", "—"), *QueueEndReason.choices], required=False
    )
    end_explanation = forms.CharField(
        label=_("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for a removal: the decision and its grounds."),
    )

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts


class QueueEndForm(VersionedForm):
    end_date = date_field(_("End date"), initial=timezone.localdate)
    end_reason = forms.ChoiceField(
        label=_("Why it ended"), choices=QueueEndReason.choices, initial=QueueEndReason.REMOVED
    )
    end_explanation = forms.CharField(
        label=_("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for a removal: the decision and its grounds."),
    )


class ProvisionFields(forms.Form):
    date = date_field(_("Date"), initial=timezone.localdate)
    address = forms.CharField(label=_("Address"), max_length=300)
    source = forms.ChoiceField(
        label=_("Source"), choices=ProvisionSource.choices, initial=ProvisionSource.STATE_FUND
    )


class ProvisionForm(ProvisionFields):
    queue_entry = forms.ModelChoiceField(
        label=_("From the queue entry"),
        queryset=None,
        required=False,
        empty_label=_("none: an exception"),
    )
    exception_reason = forms.CharField(
        label=_("Reason for the exception"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only when the housing was not provided from a queue entry."),
    )

    def __init__(self, *args, queue_entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["queue_entry"].queryset = queue_entries
        open_entry = next(iter(queue_entries), None)
        if open_entry is not None:
            self.fields["queue_entry"].initial = open_entry.pk


class ProvisionCorrectForm(VersionedForm, ProvisionFields):
    exception_reason = forms.CharField(
        label=_("Reason for the exception"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
