"""What each count counts: a condition on a child, over the annotations of the
engine (see engine.base_annotations). The engine counts children matching each
condition; the drill-down lists the same children."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from children.ages import ADULT_AGE, years_before
from children.models import FAMILY_FORMS, Child, Placement, PlacementForm, Sector
from reports.indicators.sql import invalid_iin

FAR_FUTURE = datetime.date(9999, 12, 31)


@dataclass(frozen=True)
class Period:
    """Reporting year Y: D is 31 December of Y, P the 31 December before. `on` moves
    D to another day (the data-quality page counts at today)."""

    year: int
    on: datetime.date | None = None

    @property
    def day(self) -> datetime.date:
        return self.on or datetime.date(self.year, 12, 31)

    @property
    def previous_day(self) -> datetime.date:
        from children.ages import years_before

        return years_before(self.day, 1)

    def first_day(self, years: int = 1) -> datetime.date:
        """1 January of the first of the last `years` years."""
        return datetime.date(self.year - years + 1, 1, 1)


@dataclass(frozen=True)
class Condition:
    """Children counted by a key: `q` over the annotations, the district at `at`
    ("d": 31 December of the year, "p": a year before), and any extra annotations
    the condition needs."""

    q: Q
    at: str = "d"
    annotations: dict = field(default_factory=dict)


def in_contingent(period: Period, at: str = "d") -> Q:
    """A status active at the date, and younger than 18 at the date."""
    day = period.day if at == "d" else period.previous_day
    return Q(**{f"cat_{at}__isnull": False, "birth_date__gt": years_before(day, ADULT_AGE)})


def institution_q() -> Q:
    return Q(form_d=PlacementForm.INSTITUTION)


def family_q() -> Q:
    return Q(form_d__in=FAMILY_FORMS)


def overlapping_placements():
    """Exists: two of the child's placements share a day."""
    overlapping = (
        Placement.objects.filter(child=OuterRef("child"), start_date__gte=OuterRef("start_date"))
        .exclude(pk=OuterRef("pk"))
        .filter(start_date__lt=Coalesce(OuterRef("end_date"), Value(FAR_FUTURE)))
    )
    return Exists(Placement.objects.filter(child=OuterRef("pk")).filter(Exists(overlapping)))


def duplicate_suspect():
    """Exists: another child with the same name (in any spelling) and birth date."""
    return Exists(
        Child.objects.filter(
            name_key=OuterRef("name_key"), birth_date=OuterRef("birth_date")
        ).exclude(pk=OuterRef("pk"))
    )


def contingent_conditions(period: Period) -> dict[str, Condition]:
    in_d, in_p = in_contingent(period, "d"), in_contingent(period, "p")
    institution, family = institution_q(), family_q()

    def sector(code):
        return Condition(in_d & institution & Q(sector_d=code))

    return {
        "contingent.total": Condition(in_d),
        "contingent.total_prev": Condition(in_p, at="p"),
        "contingent.orphans": Condition(in_d & Q(cat_d="orphan")),
        "contingent.without_care": Condition(in_d & Q(cat_d="without_care")),
        "contingent.institution": Condition(in_d & institution),
        "contingent.institution_prev": Condition(
            in_p & Q(form_p=PlacementForm.INSTITUTION), at="p"
        ),
        "contingent.institution_education": sector(Sector.EDUCATION),
        "contingent.institution_health": sector(Sector.HEALTH),
        "contingent.institution_social": sector(Sector.SOCIAL),
        "contingent.family": Condition(in_d & family),
        "contingent.guardianship": Condition(in_d & Q(form_d=PlacementForm.GUARDIANSHIP)),
        "contingent.trusteeship": Condition(in_d & Q(form_d=PlacementForm.TRUSTEESHIP)),
        "contingent.patronage": Condition(in_d & Q(form_d=PlacementForm.PATRONAGE)),
        "contingent.foster_family": Condition(in_d & Q(form_d=PlacementForm.FOSTER_FAMILY)),
        "contingent.unplaced": Condition(in_d & Q(form_d__isnull=True)),
    }


def quality_conditions(period: Period) -> dict[str, Condition]:
    in_d = in_contingent(period, "d")
    iin_annotations, iin_invalid = invalid_iin()
    return {
        "quality.without_iin": Condition(in_d & Q(iin__isnull=True)),
        "quality.invalid_iin": Condition(in_d & iin_invalid, annotations=iin_annotations),
        "quality.duplicate_suspects": Condition(
            in_d & Q(_duplicate=True), annotations={"_duplicate": duplicate_suspect()}
        ),
        "quality.overlapping_placements": Condition(
            in_d & Q(_overlapping=True), annotations={"_overlapping": overlapping_placements()}
        ),
        "quality.unplaced": Condition(in_d & Q(form_d__isnull=True)),
    }


def all_conditions(period: Period) -> dict[str, Condition]:
    conditions: dict[str, Condition] = {}
    for provider in PROVIDERS:
        conditions.update(provider(period))
    return conditions


def _active(model, day, **filters):
    return Exists(model.objects.filter(model.active_at_q(day), child=OuterRef("pk"), **filters))


def _provisions(first: datetime.date, last: datetime.date):
    """Housing provided to the child between two dates, each with the form of care the
    person was in: their latest placement that started on or before that date."""
    from housing.models import HousingProvision

    origin = Placement.objects.filter(
        child=OuterRef("child"), start_date__lte=OuterRef("date")
    ).order_by("-start_date", "-pk")
    return HousingProvision.objects.filter(
        child=OuterRef("pk"), date__gte=first, date__lte=last
    ).annotate(origin=Subquery(origin.values("form")[:1]))


def housing_conditions(period: Period) -> dict[str, Condition]:
    from housing.models import HousingKind, HousingQueueEntry, HousingRight

    day, in_d = period.day, in_contingent(period, "d")
    institution, family = institution_q(), family_q()
    annotations = {
        "_right": _active(HousingRight, day),
        "_right_full": _active(HousingRight, day, kind=HousingKind.FULL),
        "_right_share": _active(HousingRight, day, kind=HousingKind.SHARE),
        "_queue": _active(HousingQueueEntry, day),
    }
    graduate_forms, family_forms = (
        [PlacementForm.INSTITUTION],
        [*FAMILY_FORMS, PlacementForm.ADOPTION],
    )

    def provided(years: int, origins=None) -> Condition:
        name = f"_provided_{years}_{'any' if origins is None else origins[0]}"
        provisions = _provisions(period.first_day(years), period.day)
        if origins is not None:
            provisions = provisions.filter(origin__in=origins)
        return Condition(Q(**{name: True}), annotations={name: Exists(provisions)})

    def with_annotations(q):
        return Condition(q, annotations=annotations)

    return {
        "housing.secured_institution": with_annotations(
            in_d & institution & Q(sector_d=Sector.EDUCATION, _right=True)
        ),
        "housing.secured_family": with_annotations(in_d & family & Q(_right=True)),
        "housing.full_ownership": with_annotations(in_d & Q(_right_full=True)),
        "housing.share_ownership": with_annotations(in_d & Q(_right_share=True)),
        "housing.queue_institution": with_annotations(in_d & institution & Q(_queue=True)),
        "housing.queue_family": with_annotations(in_d & family & Q(_queue=True)),
        "housing.provided_year": provided(1),
        "housing.provided_year_graduates": provided(1, graduate_forms),
        "housing.provided_year_family": provided(1, family_forms),
        "housing.provided_3y": provided(3),
        "housing.provided_3y_graduates": provided(3, graduate_forms),
        "housing.provided_3y_family": provided(3, family_forms),
    }


def benefits_conditions(period: Period) -> dict[str, Condition]:
    from benefits.models import AlimonyOrder, AlimonyPayment, Allowance, AllowanceKind

    day, in_d = period.day, in_contingent(period, "d")
    paid_in_year = AlimonyPayment.objects.filter(
        order__child=OuterRef("pk"), date__gte=period.first_day(1), date__lte=day
    )
    never_paid = AlimonyOrder.objects.filter(
        AlimonyOrder.active_at_q(day), child=OuterRef("pk")
    ).exclude(Exists(AlimonyPayment.objects.filter(order=OuterRef("pk"), date__lte=day)))
    annotations = {
        "_survivor": _active(
            Allowance, day, kind__in=[AllowanceKind.SURVIVOR, AllowanceKind.PARENT_DISABILITY]
        ),
        "_guardian": _active(Allowance, day, kind=AllowanceKind.GUARDIAN_ALLOWANCE),
        "_alimony": _active(AlimonyOrder, day),
        "_alimony_paid": Exists(paid_in_year),
        "_alimony_never_paid": Exists(never_paid),
    }

    def condition(q):
        return Condition(q, annotations=annotations)

    return {
        "benefits.survivor_allowance": condition(in_d & Q(_survivor=True)),
        "benefits.guardian_allowance": condition(in_d & Q(_guardian=True)),
        "benefits.alimony_ordered": condition(in_d & Q(_alimony=True)),
        "benefits.alimony_received": condition(in_d & Q(_alimony=True, _alimony_paid=True)),
        "quality.alimony_without_payment": condition(in_d & Q(_alimony_never_paid=True)),
    }


def care_conditions(period: Period) -> dict[str, Condition]:
    from care.models import LifePlan, MonitoringVisit, ScheduledVisit
    from care.selectors import overdue_q

    day, in_d = period.day, in_contingent(period, "d")
    family = family_q()
    pupil_14 = in_d & institution_q() & Q(birth_date__lte=years_before(day, 14))
    overdue = ScheduledVisit.objects.filter(
        overdue_q(day), child=OuterRef("pk"), placement__form__in=FAMILY_FORMS
    )
    visited = MonitoringVisit.objects.filter(child=OuterRef("pk"), date__lte=day).filter(
        Q(placement__start_date__lte=day)
        & (Q(placement__end_date__isnull=True) | Q(placement__end_date__gt=day))
    )
    return {
        "monitoring.overdue": Condition(
            family & Q(_overdue=True), annotations={"_overdue": Exists(overdue)}
        ),
        "aftercare.pupils_14": Condition(pupil_14),
        "aftercare.life_plan": Condition(
            pupil_14 & Q(_life_plan=True), annotations={"_life_plan": _active(LifePlan, day)}
        ),
        "quality.family_without_visit": Condition(
            in_d & family & Q(_visited=False), annotations={"_visited": Exists(visited)}
        ),
    }


# Each provider gives the conditions of one part of the spec.
PROVIDERS = [
    contingent_conditions,
    quality_conditions,
    housing_conditions,
    benefits_conditions,
    care_conditions,
]
