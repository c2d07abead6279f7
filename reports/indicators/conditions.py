"""What each count counts.

Each child is described by *columns* (reports.indicators.columns): its district at 31
December, a year before and on the day it was housed, its status and placement then,
and one 0/1 fact per question the spec asks. A *condition* is a conjunction of terms
on those columns; the engine sums it over the children of an area, and the list of
the children behind a figure selects the children it holds for, so that the two
always agree.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from children.ages import years_before
from children.models import FAMILY_FORMS, PlacementForm, Sector


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
        return years_before(self.day, 1)

    def first_day(self, years: int = 1) -> datetime.date:
        """1 January of the first of the last `years` years."""
        return datetime.date(self.year - years + 1, 1, 1)


# --- terms and conditions -------------------------------------------------------------
YES, NO, IS, IN, SET, UNSET = "yes", "no", "is", "in", "set", "unset"


@dataclass(frozen=True)
class Condition:
    """Children counted by a key: every (column, operator, value) term holds; the
    child counts in its district at `at` ("d": 31 December, "p": a year before, "h":
    the day of its latest housing provided by 31 December)."""

    terms: tuple
    at: str = "d"

    @property
    def columns(self) -> set[str]:
        return {column for column, _op, _value in self.terms} | {f"dist_{self.at}"}

    def sql(self, table: str, suffix: str = "") -> str:
        """The condition as SQL over a table of the columns (values as literals), those
        of the period whose columns carry `suffix`."""
        from reports.indicators.columns import literal, literals

        parts = []
        for column, op, value in self.terms:
            name = f"{table}.{column}{suffix}"
            if op in (YES, NO):
                parts.append(f"{name} = {1 if op == YES else 0}")
            elif op == IS:
                parts.append(f"{name} = {literal(value)}")
            elif op == IN:
                parts.append(f"{name} IN ({literals(value)})")
            else:
                parts.append(f"{name} IS {'NOT ' if op == SET else ''}NULL")
        return " AND ".join(parts) or "1 = 1"


def when(*terms, at: str = "d") -> Condition:
    return Condition(terms=tuple(terms), at=at)


# --- the conditions of the spec -----------------------------------------------------------
IN_D = (("cat_d", SET, None), ("adult_d", NO, None))
IN_P = (("cat_p", SET, None), ("adult_p", NO, None))
INSTITUTION = ("form_d", IS, PlacementForm.INSTITUTION)
FAMILY = ("form_d", IN, list(FAMILY_FORMS))


def all_conditions(period: Period | None = None) -> dict[str, Condition]:
    """{key: condition} for every count of children (the same for every period: the
    period is in the columns)."""

    def d(*terms):
        return when(*IN_D, *terms)

    def housed(column):
        return when((column, YES, None), at="h")

    pupils_14 = (INSTITUTION, ("teen_d", YES, None))
    return {
        "contingent.total": d(),
        "contingent.total_prev": when(*IN_P, at="p"),
        "contingent.orphans": d(("cat_d", IS, "orphan")),
        "contingent.without_care": d(("cat_d", IS, "without_care")),
        "contingent.institution": d(INSTITUTION),
        "contingent.institution_prev": when(*IN_P, ("institution_p", YES, None), at="p"),
        "contingent.institution_education": d(INSTITUTION, ("sector_d", IS, Sector.EDUCATION)),
        "contingent.institution_health": d(INSTITUTION, ("sector_d", IS, Sector.HEALTH)),
        "contingent.institution_social": d(INSTITUTION, ("sector_d", IS, Sector.SOCIAL)),
        "contingent.family": d(FAMILY),
        "contingent.guardianship": d(("form_d", IS, PlacementForm.GUARDIANSHIP)),
        "contingent.trusteeship": d(("form_d", IS, PlacementForm.TRUSTEESHIP)),
        "contingent.patronage": d(("form_d", IS, PlacementForm.PATRONAGE)),
        "contingent.foster_family": d(("form_d", IS, PlacementForm.FOSTER_FAMILY)),
        "contingent.unplaced": d(("form_d", UNSET, None)),
        "quality.without_iin": d(("no_iin", YES, None)),
        "quality.invalid_iin": d(("iin_invalid", YES, None)),
        "quality.duplicate_suspects": d(("duplicate", YES, None)),
        "quality.overlapping_placements": d(("overlapping", YES, None)),
        "quality.unplaced": d(("form_d", UNSET, None)),
        "housing.secured_institution": d(
            INSTITUTION, ("sector_d", IS, Sector.EDUCATION), ("right_d", YES, None)
        ),
        "housing.secured_family": d(FAMILY, ("right_d", YES, None)),
        "housing.full_ownership": d(("right_full_d", YES, None)),
        "housing.share_ownership": d(("right_share_d", YES, None)),
        "housing.queue_institution": d(INSTITUTION, ("queue_d", YES, None)),
        "housing.queue_family": d(FAMILY, ("queue_d", YES, None)),
        # People housed in the year: of any age (graduates keep their right), counted
        # in the district that kept the case on the day housed.
        "housing.provided_year": housed("provided_1"),
        "housing.provided_year_graduates": housed("provided_1_graduates"),
        "housing.provided_year_family": housed("provided_1_family"),
        "housing.provided_3y": housed("provided_3"),
        "housing.provided_3y_graduates": housed("provided_3_graduates"),
        "housing.provided_3y_family": housed("provided_3_family"),
        "benefits.survivor_allowance": d(("survivor_d", YES, None)),
        "benefits.guardian_allowance": d(("guardian_d", YES, None)),
        "benefits.alimony_ordered": d(("alimony_d", YES, None)),
        "benefits.alimony_received": d(("alimony_d", YES, None), ("alimony_paid_y", YES, None)),
        "quality.alimony_without_payment": d(("alimony_never_paid_d", YES, None)),
        "monitoring.overdue": when(FAMILY, ("overdue_d", YES, None)),
        "aftercare.pupils_14": d(*pupils_14),
        "aftercare.life_plan": d(*pupils_14, ("life_plan_d", YES, None)),
        "quality.family_without_visit": d(FAMILY, ("visited_d", NO, None)),
    }
