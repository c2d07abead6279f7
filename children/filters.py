import django_filters
from django import forms
from django.db.models import Case, Exists, Q, When
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from children.ages import ADULT_AGE, years_before
from children.models import Category, Child, Placement, PlacementForm
from children.names import fold_words
from children.selectors import active_placement_at, active_status_at, with_situation
from registry.ordering import by_name
from registry.records.gaps import children_with_gap, gap_named, gaps
from registry.records.rules import today

UNPLACED = "none"
AGE_BANDS = [
    ("0-2", _("0–2 years")),
    ("3-6", _("3–6 years")),
    ("7-13", _("7–13 years")),
    ("14-17", _("14–17 years")),
    ("18-", _("18 and older")),
]
STATES = [("active", _("in the register (status, under 18)")), ("ended", _("left the register"))]

SORT_FIELDS = (
    ("last_name", "name"),
    ("birth_date", "birth_date"),
    ("registered_on", "registered_on"),
)
SORT_LABELS = {
    "name": _("name"),
    "birth_date": _("birth date"),
    "registered_on": _("date registered"),
}


def sort_choices() -> list[tuple[str, str]]:
    """The list's orders, each way, in the current language."""
    choices = []
    for _field, param in SORT_FIELDS:
        label = str(SORT_LABELS[param])
        choices.append((param, label))
        choices.append((f"-{param}", gettext("%(field)s (descending)") % {"field": label}))
    return choices


class AlphabetOrderingFilter(django_filters.OrderingFilter):
    """Sorting by name follows the alphabet (`registry.ordering.by_name`): the last
    name, then the first."""

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        ordering = []
        for param in value:
            if param in EMPTY_VALUES:
                continue
            field = self.get_ordering_value(param)
            if field.lstrip("-") == "last_name":
                ordering += [by_name(field), by_name(field.replace("last_name", "first_name"))]
            else:
                ordering.append(field)
        return qs.order_by(*ordering)


def search_children(queryset, value: str):
    """The children `value` finds: digits are the beginning of an IIN (or the whole of
    it), the child's or a carer's of one of its placements; words, in any order, letter
    case and Kazakh or Russian spelling, are each a part of the child's name, or each of
    the name of a carer of one of its placements.
    The children are annotated with `search_rank`: 0 the whole name as written (the
    middle name may be left out), 1 every word a whole word of the name, 2 the
    beginning of one, 3 found otherwise (inside a word, or by the carer's name or IIN);
    by digits, 0 the child's IIN, 3 a carer's."""
    digits = value.replace(" ", "")
    if digits.isdigit():
        carers = (
            Placement.objects.filter(carer_iin__startswith=digits).order_by().values("child_id")
        )
        own = Q(iin__startswith=digits)
        return queryset.filter(own | Q(pk__in=carers)).annotate(
            search_rank=Case(When(own, then=0), default=3)
        )
    words = fold_words(value)
    if not words:
        return queryset.none()

    def every(pattern: str, field: str = "search_key") -> Q:
        return Q(*(Q(**{f"{field}__contains": pattern.format(word)}) for word in words))

    # The children whose name, or whose carer's, has every word: one set of ids, which
    # PostgreSQL reads from the two trigram indexes.
    named = Child.objects.filter(every("{}")).order_by().values("pk")
    cared = Placement.objects.filter(every("{}", "carer_key")).order_by().values("child_id")
    phrase = " ".join(words)
    exact = Q(search_key=f" {phrase} ")
    if len(words) >= 2:  # the last and first names, without the middle name
        exact |= Q(search_key__startswith=f" {phrase} ")
    rank = Case(
        When(exact, then=0),
        When(every(" {} "), then=1),
        When(every(" {}"), then=2),
        default=3,
    )
    return queryset.filter(pk__in=named.union(cared)).annotate(search_rank=rank)


class ChildFilter(django_filters.FilterSet):
    """The children list's search and filters, all relative to one date (`on`,
    today by default), so that a report figure links to exactly its children."""

    q = django_filters.CharFilter(method="search", label=_("IIN or name of the child or carer"))
    on = django_filters.DateFilter(
        method="keep",
        label=_("As of"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    district = django_filters.ModelChoiceFilter(label=_("District"), queryset=None)
    state = django_filters.ChoiceFilter(method="filter_state", choices=STATES, label=_("Status"))
    category = django_filters.ChoiceFilter(
        method="filter_category", choices=Category.choices, label=_("Category")
    )
    form = django_filters.ChoiceFilter(
        method="filter_form",
        choices=[*PlacementForm.choices, (UNPLACED, _("no placement"))],
        label=_("Form of care"),
    )
    institution = django_filters.ModelChoiceFilter(
        method="filter_institution", queryset=None, label=_("Institution")
    )
    age = django_filters.ChoiceFilter(method="filter_age", choices=AGE_BANDS, label=_("Age"))
    iin = django_filters.ChoiceFilter(
        method="filter_iin", choices=[("missing", _("IIN not known"))], label=_("IIN")
    )
    gap = django_filters.ChoiceFilter(
        method="filter_gap", choices=[], label=_("A record does not state")
    )
    sort = AlphabetOrderingFilter(fields=SORT_FIELDS, field_labels=SORT_LABELS, label=_("Sort by"))

    def __init__(self, *args, districts, institutions, show_district: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["district"].queryset = districts
        self.filters["institution"].queryset = institutions
        if not show_district:
            del self.filters["district"]
        self.filters["gap"].extra["choices"] = [(gap.code, gap.label) for gap in gaps()]
        # django-filter writes the sort choices once, in the language of the first
        # request: they are written again for each list, in the reader's language.
        self.filters["sort"].extra["choices"] = sort_choices()
        self.day = today()

    def filter_queryset(self, queryset):
        self.day = getattr(self.form, "cleaned_data", {}).get("on") or today()
        queryset = with_situation(queryset, self.day)
        queryset = super().filter_queryset(queryset)
        if "search_rank" in queryset.query.annotations:  # the best matches first
            order = queryset.query.order_by or Child._meta.ordering
            queryset = queryset.order_by("search_rank", *order)
        return queryset

    def keep(self, queryset, name, value):
        return queryset  # `on` is applied in filter_queryset

    def search(self, queryset, name, value):
        value = value.strip()
        return search_children(queryset, value) if value else queryset

    # Filters on the situation at the date ask whether a matching status or placement
    # exists (a semi-join over the matching records) rather than comparing each child's
    # latest one (a subquery per child of the area). They differ only for overlapping
    # records, which the services refuse: such a child is listed under both, and the
    # data quality page names it.

    def filter_state(self, queryset, name, value):
        has_status = Exists(active_status_at(self.day))
        adult = Q(birth_date__lte=years_before(self.day, ADULT_AGE))
        if value == "active":
            return queryset.filter(has_status).exclude(adult)
        return queryset.filter(~has_status | adult)

    def filter_category(self, queryset, name, value):
        return queryset.filter(Exists(active_status_at(self.day).filter(category=value)))

    def filter_form(self, queryset, name, value):
        placements = active_placement_at(self.day)
        if value == UNPLACED:
            return queryset.filter(~Exists(placements))
        return queryset.filter(Exists(placements.filter(form=value)))

    def filter_institution(self, queryset, name, value):
        return queryset.filter(Exists(active_placement_at(self.day).filter(institution=value)))

    def filter_age(self, queryset, name, value):
        low, _sep, high = value.partition("-")
        queryset = queryset.filter(birth_date__lte=years_before(self.day, int(low)))
        if high:
            queryset = queryset.filter(birth_date__gt=years_before(self.day, int(high) + 1))
        return queryset

    def filter_iin(self, queryset, name, value):
        return queryset.filter(iin__isnull=True)

    def filter_gap(self, queryset, name, value):
        return children_with_gap(queryset, gap_named(value))
