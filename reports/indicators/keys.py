"""Every indicator key, in the order of the seed report, with what it means.

Counts are computed by the engine; percentages and changes are derived from counts
(never typed, never summed), so that 9 of 239 can only ever be 3.8 %.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Key:
    key: str
    label: str
    section: str
    kind: str = "count"  # count | pct | change | change_pct
    base: str | None = None  # pct: the count it is a percentage of; change: the current value
    prev: str | None = None  # change: the previous year's value


# The years a series of figures shows, the year itself the last: the dashboard's
# charts and the annual report's series sheet.
SERIES_YEARS = 6

SECTIONS = {
    "contingent": _("Contingent"),
    "housing": _("Housing"),
    "benefits": _("Allowances and alimony"),
    "monitoring": _("Monitoring of receiving families"),
    "aftercare": _("Life plans"),
    "capacity": _("Youth homes"),
    "quality": _("Data quality"),
}


def _count(key, label):
    return Key(key, label, key.split(".")[0])


def _pct(key, label, base):
    return Key(key, label, key.split(".")[0], kind="pct", base=base)


def _change(key, label, value, prev):
    return Key(key, label, key.split(".")[0], kind="change", base=value, prev=prev)


def _change_pct(key, label, value, prev):
    return Key(key, label, key.split(".")[0], kind="change_pct", base=value, prev=prev)


KEYS: list[Key] = [
    _count("contingent.total", _("Orphans and children left without parental care")),
    _count("contingent.total_prev", _("The same, a year before")),
    _change(
        "contingent.total_change",
        _("Change against a year before"),
        "contingent.total",
        "contingent.total_prev",
    ),
    _change_pct(
        "contingent.total_change_pct",
        _("Change against a year before, %"),
        "contingent.total",
        "contingent.total_prev",
    ),
    _count("contingent.orphans", _("of them orphans")),
    _count("contingent.without_care", _("of them left without parental care")),
    _count("contingent.institution", _("Pupils of institutions")),
    _count("contingent.institution_prev", _("Pupils of institutions, a year before")),
    _change(
        "contingent.institution_change",
        _("Pupils of institutions: change"),
        "contingent.institution",
        "contingent.institution_prev",
    ),
    _change_pct(
        "contingent.institution_change_pct",
        _("Pupils of institutions: change, %"),
        "contingent.institution",
        "contingent.institution_prev",
    ),
    _count("contingent.institution_education", _("in education-sector institutions")),
    _count("contingent.institution_health", _("in health-sector institutions")),
    _count("contingent.institution_social", _("in social-protection institutions")),
    _count("contingent.family", _("In family care")),
    _count("contingent.guardianship", _("under guardianship")),
    _count("contingent.trusteeship", _("under trusteeship")),
    _count("contingent.patronage", _("in patronage")),
    _count("contingent.foster_family", _("in foster families")),
    _count("contingent.unplaced", _("Not placed")),
    _count(
        "housing.secured_institution",
        _("Pupils of education-sector institutions with secured housing"),
    ),
    _pct(
        "housing.secured_institution_pct",
        # xgettext:no-python-format
        _("the same, % of those pupils"),
        "contingent.institution_education",
    ),
    _count("housing.secured_family", _("Children in family care with secured housing")),
    _pct(
        "housing.secured_family_pct",
        # xgettext:no-python-format
        _("the same, % of children in family care"),
        "contingent.family",
    ),
    _count("housing.full_ownership", _("Children with full ownership of housing")),
    # xgettext:no-python-format
    _pct("housing.full_ownership_pct", _("the same, % of all"), "contingent.total"),
    _count("housing.share_ownership", _("Children with a share in housing")),
    # xgettext:no-python-format
    _pct("housing.share_ownership_pct", _("the same, % of all"), "contingent.total"),
    _count("housing.queue_institution", _("Pupils of institutions on the housing queue")),
    # xgettext:no-python-format
    _pct("housing.queue_institution_pct", _("the same, % of pupils"), "contingent.institution"),
    _count("housing.queue_family", _("Children in family care on the housing queue")),
    _pct(
        # xgettext:no-python-format
        "housing.queue_family_pct",
        _("the same, % of children in family care"),
        "contingent.family",
    ),
    _count("housing.provided_year", _("Provided with housing in the year")),
    _count("housing.provided_year_graduates", _("of them graduates of institutions")),
    _count("housing.provided_year_family", _("of them from family care")),
    _count("housing.provided_3y", _("Provided with housing in the last three years")),
    _count("housing.provided_3y_graduates", _("of them graduates of institutions")),
    _count("housing.provided_3y_family", _("of them from family care")),
    _count(
        "benefits.survivor_allowance",
        _("Receive an allowance because a parent died or is disabled"),
    ),
    # xgettext:no-python-format
    _pct("benefits.survivor_allowance_pct", _("the same, % of all"), "contingent.total"),
    _count("benefits.guardian_allowance", _("Guardians receive the monthly payment for the child")),
    _count("benefits.alimony_ordered", _("Alimony ordered from the parents")),
    _count("benefits.alimony_received", _("of them actually received alimony in the year")),
    _pct(
        "benefits.alimony_received_pct",
        # xgettext:no-python-format
        _("the same, % of those with an order"),
        "benefits.alimony_ordered",
    ),
    _count("monitoring.visits_due", _("Monitoring visits due in the year (family care)")),
    _count("monitoring.visits_done", _("of them made on time")),
    # xgettext:no-python-format
    _pct("monitoring.visits_done_pct", _("the same, %"), "monitoring.visits_due"),
    _count(
        "monitoring.overdue", _("Family placements with an overdue visit at the end of the year")
    ),
    _count("aftercare.pupils_14", _("Pupils of institutions aged 14 or more")),
    _count("aftercare.life_plan", _("of them with a life plan")),
    # xgettext:no-python-format
    _pct("aftercare.life_plan_pct", _("the same, %"), "aftercare.pupils_14"),
    _count("capacity.youth_home_places", _("Places in youth homes")),
    _count("capacity.youth_home_occupied", _("Occupied at the end of the year")),
    _count("capacity.youth_home_waiting", _("Graduates waiting for a place")),
    _count("quality.without_iin", _("Children without an IIN")),
    _count("quality.invalid_iin", _("Children with an invalid IIN")),
    _count("quality.duplicate_suspects", _("Suspected duplicates (same name and birth date)")),
    _count("quality.overlapping_placements", _("Children with overlapping placements")),
    _count("quality.unplaced", _("Children in the register without a placement")),
    _count("quality.family_without_visit", _("Children in family care never visited")),
    _count("quality.alimony_without_payment", _("Children whose alimony order was never paid")),
]

BY_KEY = {key.key: key for key in KEYS}
COUNT_KEYS = [key.key for key in KEYS if key.kind == "count"]
