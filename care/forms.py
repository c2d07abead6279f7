from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from care.models import (
    Conclusion,
    StayEndReason,
    VisitKind,
    WaitingEndReason,
)
from registry.records.forms import VersionedForm, date_field, text_field
from registry.records.views import record_values


class PlacementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class VisitFields(forms.Form):
    placement = PlacementChoiceField(label=_("Placement"), queryset=None, empty_label=None)
    date = date_field(_("Date of the visit"), initial=timezone.localdate)
    kind = forms.ChoiceField(label=_("Kind of visit"), choices=VisitKind.choices)
    visited_by = forms.CharField(
        label=_("Visited by"), max_length=300, help_text=_("Names and positions.")
    )
    living_conditions = text_field(_("Living conditions"))
    upbringing = text_field(_("Upbringing"))
    health = text_field(_("Health"))
    schooling = text_field(_("Schooling"))
    conclusion = forms.ChoiceField(
        label=_("Conclusion"), choices=Conclusion.choices, widget=forms.RadioSelect
    )
    action_description = text_field(
        _("Follow-up action"),
        help_text=_("Required when the child is in danger."),
    )
    action_due_date = date_field(_("Action due by"), required=False)
    action_responsible = forms.CharField(
        label=_("Responsible for the action"), max_length=300, required=False
    )

    def __init__(self, *args, placements, with_action=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placement"].queryset = placements
        if not with_action:
            for name in ("action_description", "action_due_date", "action_responsible"):
                del self.fields[name]


class VisitRecordForm(VisitFields):
    pass


class VisitCorrectForm(VersionedForm, VisitFields):
    pass


class ActionForm(forms.Form):
    description = text_field(_("Action"), required=True)
    due_date = date_field(_("Due by"))
    responsible = forms.CharField(label=_("Responsible"), max_length=300)


class ActionCompleteForm(VersionedForm):
    done_on = date_field(_("Done on"), initial=timezone.localdate)
    result = text_field(_("Result"))


class ActionCorrectForm(VersionedForm):
    description = text_field(_("Action"), required=True)
    due_date = date_field(_("Due by"))
    responsible = forms.CharField(label=_("Responsible"), max_length=300)
    done_on = date_field(_("Done on"), required=False)
    result = text_field(_("Result"))


class LifePlanFields(forms.Form):
    start_date = date_field(_("Since"), initial=timezone.localdate)
    education_goal = text_field(_("Education goal"), required=True)
    career_goal = text_field(_("Career goal"))
    independent_living_skills = text_field(
        _("Skills for independent life"),
        rows=3,
        help_text=_("Cooking, money, documents, housekeeping: what is learnt, what is next."),
    )
    responsible_person = forms.CharField(label=_("Responsible person"), max_length=300)
    next_review_date = date_field(_("Next review"))


class LifePlanStartForm(LifePlanFields):
    pass


class LifePlanCorrectForm(VersionedForm, LifePlanFields):
    end_date = date_field(_("End date"), required=False)
    field_order = ["start_date", "end_date"]


class LifePlanEndForm(VersionedForm):
    end_date = date_field(_("End date"), initial=timezone.localdate)


class LifePlanReviewForm(VersionedForm):
    date = date_field(_("Date of the review"), initial=timezone.localdate)
    notes = text_field(_("What was achieved, what changes"), required=True, rows=4)
    next_review_date = date_field(_("Next review"))


class GraduateFields(forms.Form):
    left_care_on = date_field(_("Left the institution on"))
    study_or_work = text_field(_("Study or work"))
    housing_situation = text_field(_("Housing situation"))
    contacts = forms.CharField(
        label=_("Contacts"), max_length=300, required=False, help_text=_("Phone, address.")
    )
    notes = text_field(_("Notes"))


class GraduateOpenForm(GraduateFields):
    pass


class GraduateEditForm(VersionedForm, GraduateFields):
    pass


class GraduateNoteForm(forms.Form):
    date = date_field(_("Date"), initial=timezone.localdate)
    text = text_field(_("Note"), required=True, rows=3)


class YouthHomeChoiceMixin:
    def set_homes(self, homes, required=True):
        self.fields["institution"].queryset = homes
        self.fields["institution"].required = required


class StayStartForm(YouthHomeChoiceMixin, forms.Form):
    institution = forms.ModelChoiceField(label=_("Youth home"), queryset=None)
    start_date = date_field(_("Since"), initial=timezone.localdate)

    def __init__(self, *args, homes, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_homes(homes)


class StayEndForm(VersionedForm):
    end_date = date_field(_("End date"), initial=timezone.localdate)
    end_reason = forms.ChoiceField(label=_("Why it ended"), choices=StayEndReason.choices)


class StayCorrectForm(YouthHomeChoiceMixin, VersionedForm):
    institution = forms.ModelChoiceField(label=_("Youth home"), queryset=None)
    start_date = date_field(_("Since"))
    end_date = date_field(_("End date"), required=False)
    end_reason = forms.ChoiceField(
        label=_("Why it ended"), choices=[("", "—"), *StayEndReason.choices], required=False
    )

    def __init__(self, *args, homes, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_homes(homes)


class WaitingAddForm(YouthHomeChoiceMixin, forms.Form):
    start_date = date_field(
        _("On the list since"),
        initial=timezone.localdate,
    )
    institution = forms.ModelChoiceField(
        label=_("Preferred youth home"), queryset=None, required=False
    )

    def __init__(self, *args, homes, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_homes(homes, required=False)


class WaitingEndForm(VersionedForm):
    end_date = date_field(_("End date"), initial=timezone.localdate)
    end_reason = forms.ChoiceField(label=_("Why it ended"), choices=WaitingEndReason.choices)


class ScheduleRuleForm(VersionedForm):
    first_visit_days = forms.IntegerField(
        label=_("First visit within (days)"),
        min_value=1,
        help_text=_("Days after the placement starts by which the first visit is due."),
    )
    interval_months = forms.IntegerField(
        label=_("Then every (months)"),
        min_value=1,
        help_text=_("Months between one due visit and the next."),
    )
    duration_months = forms.IntegerField(
        label=_("For (months)"),
        min_value=1,
        required=False,
        help_text=_(
            "Months after the start during which visits are due; empty: as long as the "
            "placement lasts."
        ),
    )
    is_active = forms.BooleanField(label=_("Visits are scheduled"), required=False)

    def __init__(self, *args, record, **kwargs):
        kwargs.setdefault("initial", record_values(record, type(self)))
        super().__init__(*args, record=record, **kwargs)
