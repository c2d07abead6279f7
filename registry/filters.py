import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from registry.models import AccessLog, AuditEntry


class DateRangeFilterMixin(django_filters.FilterSet):
    date_from = django_filters.DateFilter(
        field_name="timestamp",
        lookup_expr="date__gte",
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = django_filters.DateFilter(
        field_name="timestamp",
        lookup_expr="date__lte",
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class AuditEntryFilter(DateRangeFilterMixin):
    actor = django_filters.ModelChoiceFilter(label=_("User"), queryset=None)
    district = django_filters.ModelChoiceFilter(label=_("District"), queryset=None)
    child = django_filters.NumberFilter(field_name="child_id", label=_("Child (record number)"))
    action = django_filters.ChoiceFilter(choices=AuditEntry.Action.choices, label=_("Action"))

    class Meta:
        model = AuditEntry
        fields = ["actor", "district", "child", "action", "date_from", "date_to"]

    def __init__(self, *args, users, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["actor"].queryset = users
        self.filters["district"].queryset = districts


class AccessLogFilter(DateRangeFilterMixin):
    user = django_filters.ModelChoiceFilter(label=_("User"), queryset=None)
    child = django_filters.NumberFilter(field_name="child_id", label=_("Child (record number)"))
    action = django_filters.ChoiceFilter(choices=AccessLog.Action.choices, label=_("Action"))

    class Meta:
        model = AccessLog
        fields = ["user", "child", "action", "date_from", "date_to"]

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["user"].queryset = users
