"""The template is a contract (hypothesis): any district register written with only
the template's columns, in any order, each optional cell empty or its column absent,
codes as code names or the users' Russian and Kazakh terms, dates as date cells,
`YYYY-MM-DD` or `DD.MM.YYYY`, and histories that keep the hard rules, imports; a
second import changes nothing; and the contingent and housing figures equal a count
made here, directly from the generated rows, by the definitions of
`shared/spec/indicators.md`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from benefits.models import AllowanceKind
from children.ages import age_at, coming_of_age, years_before
from children.iin import make_iin
from children.models import (
    Category,
    InstitutionKind,
    PlacementEndReason,
    PlacementForm,
    Sector,
    Sex,
    StatusEndReason,
    StatusReason,
)
from exchange.workbook.importer import check_workbook
from exchange.workbook.scope import ImportScope
from exchange.workbook.terms import vocabulary
from housing.models import HousingKind, ProvisionSource, QueueEndReason
from registry.models import Region
from reports.indicators.engine import compute
from tests.children.test_properties import isolated
from tests.exchange.workbooks import (
    make_workbook,
    problem_lines,
    read_again,
    run_import,
    what_a_check_finds,
)

LAST = datetime.date.today() - datetime.timedelta(days=1)  # no date in the future
FIRST = datetime.date(2004, 1, 1)
YEARS = (2022, 2025)
FAMILY = ("guardianship", "trusteeship", "patronage", "foster_family")
GRADUATE_ORIGIN, FAMILY_ORIGIN = ("institution",), (*FAMILY, "adoption")
DISTRICTS = ("a", "b")

# The template's columns, required (bold) first.
TEMPLATE = {
    "Institutions": (("code", "name", "district", "kind", "sector"), ("capacity",)),
    "Children": (
        ("iin", "last_name", "first_name", "birth_date", "sex", "district"),
        ("middle_name",),
    ),
    "Statuses": (("iin", "category", "start_date"), ("reason", "end_date", "end_reason")),
    "Placements": (
        ("iin", "form", "start_date"),
        ("institution", "carer_iin", "carer_name", "end_date", "end_reason"),
    ),
    "Transfers": (("iin", "from_district", "to_district", "date"), ()),
    "HousingRights": (("iin", "kind", "start_date"), ("address", "end_date")),
    "HousingQueue": (("iin", "district", "start_date"), ("end_date", "end_reason")),
    "HousingProvided": (("iin", "date"), ("address", "source")),
    "Benefits": (("iin", "kind", "start_date"), ("end_date", "monthly_amount")),
    "AlimonyOrders": (("iin", "start_date"), ("end_date", "debtor_name", "monthly_amount")),
    "AlimonyPayments": (("iin", "date", "amount"), ()),
    "Visits": (("iin", "date"), ("kind", "outcome")),
    "LifePlans": (("iin", "start_date"), ("goal",)),
}
# An end date left out makes a record open: a sheet whose children have two records
# keeps it, or the records would overlap (a hard error, rightly).
END_DATES = ("Statuses", "Placements", "HousingQueue", "Benefits", "AlimonyOrders")


@dataclass
class Period:
    start: datetime.date
    end: datetime.date | None = None
    values: dict = field(default_factory=dict)

    def active_at(self, day) -> bool:
        return self.start <= day and (self.end is None or self.end > day)


@dataclass
class History:
    iin: str
    birth: datetime.date
    district: str
    statuses: list = field(default_factory=list)
    placements: list = field(default_factory=list)
    transfer: tuple | None = None  # (date, to district)
    rights: list = field(default_factory=list)
    queue: list = field(default_factory=list)
    provided: list = field(default_factory=list)  # dates
    rows: dict = field(default_factory=dict)  # sheet -> [{column: value}]

    def registered_on(self) -> datetime.date | None:
        starts = [p.start for p in (*self.statuses, *self.placements)]
        return min(starts) if starts else None


# --- how a district writes a value -----------------------------------------------------


def code_as_written(choices):
    """A code as the code name or one of the users' words for it."""
    words = vocabulary(choices)

    def written(code):
        return st.sampled_from(sorted({code, *(w for w, c in words.items() if c == code)}))

    return written


def date_as_written(day):
    return st.sampled_from([day, day.isoformat(), day.strftime("%d.%m.%Y")])


def dates_between(low, high):
    return st.dates(min_value=low, max_value=max(low, high))


@st.composite
def periods(draw, low, high, most, *, open_last=True, start_before=None):
    """Up to `most` periods that do not overlap (one may end the day the next starts),
    starting in [low, high] (and before `start_before`), ending by LAST."""
    high = min(high, LAST)
    if high < low:
        return []
    count = draw(st.integers(0, most))
    days = sorted(draw(st.sets(dates_between(low, LAST), min_size=2 * count, max_size=2 * count)))
    found = []
    for index in range(count):
        start, end = days[2 * index], days[2 * index + 1]
        if start > high or (start_before and start >= start_before):
            break
        found.append(Period(start, end))
    if found and open_last and draw(st.booleans()):
        found[-1].end = None
    return found


# --- one child's history ---------------------------------------------------------------


@st.composite
def history(draw, serial: int, sector: str):
    sex = draw(st.sampled_from(Sex.values))
    birth = draw(dates_between(FIRST, datetime.date(2022, 12, 31)))
    # Serials ten apart: make_iin moves a serial whose check digit would be 10 on to
    # the next one, which the next child born the same day would be given too.
    child = History(
        iin=make_iin(birth, sex, serial * 10),
        birth=birth,
        district=draw(st.sampled_from(DISTRICTS)),
    )
    adult = coming_of_age(birth)
    optional = st.one_of(st.none(), st.just("present"))

    child.rows["Children"] = [
        {
            "iin": child.iin,
            "last_name": draw(st.sampled_from(["Омаров", "Исаева", "Серікова", "Ким"])),
            "first_name": draw(st.sampled_from(["Арман", "Дана", "Айгерім", "Ли"])),
            "middle_name": draw(st.one_of(st.none(), st.just("Серікұлы"))),
            "birth_date": draw(date_as_written(birth)),
            "sex": draw(code_as_written(Sex)(sex)),
            "district": child.district,
        }
    ]

    for status in draw(periods(birth, adult - datetime.timedelta(days=1), 2)):
        child.statuses.append(status)
        ended_reason = draw(st.one_of(st.none(), st.sampled_from(StatusEndReason.values)))
        category = draw(st.sampled_from(Category.values))
        status.values["category"] = category
        child.rows.setdefault("Statuses", []).append(
            {
                "iin": child.iin,
                "category": draw(code_as_written(Category)(category)),
                "reason": draw(st.one_of(st.none(), st.sampled_from(StatusReason.values))),
                "start_date": draw(date_as_written(status.start)),
                "end_date": draw(date_as_written(status.end)) if status.end else None,
                "end_reason": ended_reason if status.end else None,
            }
        )

    for placement in draw(periods(birth, adult - datetime.timedelta(days=1), 3)):
        age = age_at(birth, placement.start)
        forms = ["institution", "patronage", "foster_family", "adoption"]
        forms.append("trusteeship" if age >= 14 else "guardianship")
        form = draw(st.sampled_from(forms))
        placement.values["form"] = form
        child.placements.append(placement)
        family = form != "institution"
        institution = None if family else draw(st.one_of(st.none(), st.just("CH-A")))
        placement.values["sector"] = sector if institution else None  # not stated: none
        child.rows.setdefault("Placements", []).append(
            {
                "iin": child.iin,
                "form": draw(code_as_written(PlacementForm)(form)),
                "institution": institution,
                "carer_iin": None,
                "carer_name": draw(st.one_of(st.none(), st.just("Серікова Гүлнар")))
                if family
                else None,
                "start_date": draw(date_as_written(placement.start)),
                "end_date": draw(date_as_written(placement.end)) if placement.end else None,
                "end_reason": draw(st.one_of(st.none(), st.sampled_from(PlacementEndReason.values)))
                if placement.end
                else None,
            }
        )
        for day in draw(st.sets(dates_between(placement.start, placement.end or LAST), max_size=2)):
            if family and (placement.end is None or day < placement.end):
                child.rows.setdefault("Visits", []).append(
                    {
                        "iin": child.iin,
                        "date": draw(date_as_written(day)),
                        "kind": draw(
                            st.one_of(st.none(), st.sampled_from(["planned", "плановое"]))
                        ),
                        "outcome": draw(
                            st.one_of(st.none(), st.sampled_from(["satisfactory", "concerns"]))
                        ),
                    }
                )

    registered = child.registered_on()
    if registered is not None and draw(st.booleans()):
        day = draw(dates_between(registered, LAST))
        other = "b" if child.district == "a" else "a"
        child.transfer = (day, other)
        child.rows["Transfers"] = [
            {
                "iin": child.iin,
                "from_district": child.district,
                "to_district": other,
                "date": draw(date_as_written(day)),
            }
        ]

    for right in draw(periods(birth, LAST, 2)):
        kind = draw(st.sampled_from(HousingKind.values))
        right.values["kind"] = kind
        child.rights.append(right)
        child.rows.setdefault("HousingRights", []).append(
            {
                "iin": child.iin,
                "kind": draw(code_as_written(HousingKind)(kind)),
                "address": draw(st.one_of(st.none(), st.just("Абай 1"))),
                "start_date": draw(date_as_written(right.start)),
                "end_date": draw(date_as_written(right.end)) if right.end else None,
            }
        )

    for entry in draw(periods(birth, LAST, 1)):
        child.queue.append(entry)
        reason = None
        if entry.end is not None:
            reason = draw(st.sampled_from([None, "removed", "provided"]))
        entry.values["end_reason"] = reason
        child.rows.setdefault("HousingQueue", []).append(
            {
                "iin": child.iin,
                "district": draw(st.sampled_from(DISTRICTS)),
                "start_date": draw(date_as_written(entry.start)),
                "end_date": draw(date_as_written(entry.end)) if entry.end else None,
                "end_reason": draw(code_as_written(QueueEndReason)(reason)) if reason else None,
            }
        )
        if reason == "provided":
            child.provided.append(entry.end)
    if draw(st.booleans()):  # housing outside the queue (its exception not stated)
        child.provided.append(draw(dates_between(birth, LAST)))
    for day in sorted(set(child.provided)):
        child.rows.setdefault("HousingProvided", []).append(
            {
                "iin": child.iin,
                "date": draw(date_as_written(day)),
                "address": draw(st.one_of(st.none(), st.just("Жаңа үй 5"))),
                "source": draw(
                    st.one_of(st.none(), code_as_written(ProvisionSource)("state_fund"))
                ),
            }
        )
    child.provided = sorted(set(child.provided))

    for kind in draw(st.sets(st.sampled_from(AllowanceKind.values), max_size=2)):
        for allowance in draw(periods(birth, LAST, 1)):
            child.rows.setdefault("Benefits", []).append(
                {
                    "iin": child.iin,
                    "kind": draw(code_as_written(AllowanceKind)(kind)),
                    "start_date": draw(date_as_written(allowance.start)),
                    "end_date": draw(date_as_written(allowance.end)) if allowance.end else None,
                    "monthly_amount": draw(st.sampled_from([None, 36900, "36 900,50"])),
                }
            )

    for order in draw(periods(birth, LAST, 1)):
        child.rows.setdefault("AlimonyOrders", []).append(
            {
                "iin": child.iin,
                "start_date": draw(date_as_written(order.start)),
                "end_date": draw(date_as_written(order.end)) if order.end else None,
                "debtor_name": draw(optional) and "Омаров Серік",
                "monthly_amount": draw(st.sampled_from([None, 15000])),
            }
        )
        last_paid = (order.end - datetime.timedelta(days=1)) if order.end else LAST
        day = draw(dates_between(order.start, last_paid))
        for _copy in range(draw(st.integers(0, 3))):  # identical rows: that many payments
            child.rows.setdefault("AlimonyPayments", []).append(
                {"iin": child.iin, "date": draw(date_as_written(day)), "amount": 15000}
            )

    if draw(st.booleans()):
        start = draw(dates_between(birth, LAST))
        child.rows["LifePlans"] = [
            {
                "iin": child.iin,
                "start_date": draw(date_as_written(start)),
                "goal": draw(optional) and "Колледж",
            }
        ]
    return child


@st.composite
def registers(draw):
    sector = draw(st.sampled_from(Sector.values))
    children = [draw(history(serial, sector)) for serial in range(draw(st.integers(1, 4)))]
    rows = {
        "Institutions": [
            {
                "code": "CH-A",
                "name": "Детский дом А",
                "district": "a",
                "kind": draw(code_as_written(InstitutionKind)("children_home")),
                "sector": draw(code_as_written(Sector)(sector)),
                "capacity": draw(st.sampled_from([None, 50])),
            }
        ]
    }
    for child in children:
        for sheet, sheet_rows in child.rows.items():
            rows.setdefault(sheet, []).extend(sheet_rows)
    sheets = {}
    for sheet, (required, optional) in TEMPLATE.items():
        if sheet not in rows:
            continue
        several = any(
            sum(1 for row in rows[sheet] if row.get("iin") == child.iin) > 1 for child in children
        )
        kept = [
            column
            for column in optional
            if (column == "end_date" and sheet in END_DATES and several) or draw(st.booleans())
        ]
        columns = draw(st.permutations([*required, *kept]))
        sheets[sheet] = [
            list(columns),
            *([row[column] for column in columns] for row in rows[sheet]),
        ]
        for column in optional:
            if column not in kept:  # what the list does not hold, the register does not know
                drop(children, sheet, column)
    return children, sheets


def drop(children, sheet, column):
    """A column left out of the workbook: the histories forget it too."""
    records = {"Statuses": "statuses", "Placements": "placements", "HousingQueue": "queue"}
    for child in children:
        if column == "end_date" and sheet in records:
            for record in getattr(child, records[sheet]):
                record.end = None
        if (sheet, column) == ("Placements", "institution"):
            for placement in child.placements:
                placement.values["sector"] = None
        if (sheet, column) == ("HousingRights", "end_date"):
            for right in child.rights:
                right.end = None


# --- the figures, counted from the histories -------------------------------------------


def expected(children: list[History], year: int) -> dict[str, int]:
    day, prev = datetime.date(year, 12, 31), datetime.date(year - 1, 12, 31)
    counts = dict.fromkeys(KEYS, 0)

    def add(key, condition=True):
        counts[key] += int(bool(condition))

    for child in children:
        for at, suffix in ((day, ""), (prev, "_prev")):
            status = next((s for s in child.statuses if s.active_at(at)), None)
            if status is None or child.birth <= years_before(at, 18):
                continue
            placement = next((p for p in child.placements if p.active_at(at)), None)
            form = placement.values["form"] if placement else None
            sector = placement.values.get("sector") if placement else None
            if suffix:
                add("contingent.total_prev")
                add("contingent.institution_prev", form == "institution")
                continue
            add("contingent.total")
            add("contingent.orphans", status.values["category"] == "orphan")
            add("contingent.without_care", status.values["category"] == "without_care")
            add("contingent.institution", form == "institution")
            for one in Sector.values:
                add(f"contingent.institution_{one}", sector == one)
            add("contingent.family", form in FAMILY)
            for one in FAMILY:
                add(f"contingent.{one}", form == one)
            add("contingent.unplaced", placement is None)
            rights = [r for r in child.rights if r.active_at(day)]
            queued = any(e.active_at(day) for e in child.queue)
            add("housing.secured_institution", sector == "education" and rights)
            add("housing.secured_family", form in FAMILY and rights)
            add("housing.full_ownership", any(r.values["kind"] == "full" for r in rights))
            add("housing.share_ownership", any(r.values["kind"] == "share" for r in rights))
            add("housing.queue_institution", form == "institution" and queued)
            add("housing.queue_family", form in FAMILY and queued)
        for years, name in ((1, "year"), (3, "3y")):
            housed = [
                h for h in child.provided if datetime.date(year - years + 1, 1, 1) <= h <= day
            ]
            origins = {origin(child, h) for h in housed}
            add(f"housing.provided_{name}", housed)
            add(f"housing.provided_{name}_graduates", origins & set(GRADUATE_ORIGIN))
            add(f"housing.provided_{name}_family", origins & set(FAMILY_ORIGIN))
    return counts


def origin(child: History, day) -> str | None:
    """The form of the latest placement started on or before `day`."""
    started = [p for p in child.placements if p.start <= day]
    return max(started, key=lambda p: p.start).values["form"] if started else None


KEYS = [
    "contingent.total",
    "contingent.total_prev",
    "contingent.orphans",
    "contingent.without_care",
    "contingent.institution",
    "contingent.institution_prev",
    "contingent.institution_education",
    "contingent.institution_health",
    "contingent.institution_social",
    "contingent.family",
    "contingent.guardianship",
    "contingent.trusteeship",
    "contingent.patronage",
    "contingent.foster_family",
    "contingent.unplaced",
    "housing.secured_institution",
    "housing.secured_family",
    "housing.full_ownership",
    "housing.share_ownership",
    "housing.queue_institution",
    "housing.queue_family",
    "housing.provided_year",
    "housing.provided_year_graduates",
    "housing.provided_year_family",
    "housing.provided_3y",
    "housing.provided_3y_graduates",
    "housing.provided_3y_family",
]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(register=registers())
def test_a_register_written_to_the_template_imports(areas, register):
    children, sheets = register

    def attempt():
        source = make_workbook(sheets)
        result = run_import(source)
        assert problem_lines(result) == [], sheets
        event(f"children: {len(children)}")
        event(f"rows: {sum(len(rows) - 1 for rows in sheets.values()) // 10 * 10}+")
        for code in result.incomplete:
            event(f"not stated: {code}")
        known = check_workbook(source, scope=ImportScope.everything())
        assert known.recognised is not None  # not read: what the import left to find
        read_again()
        again = run_import(make_workbook(sheets))
        assert problem_lines(again) == []
        changed = {
            sheet: figures
            for sheet, figures in again.counts.items()
            if figures["created"] or figures["updated"]
        }
        assert changed == {}, f"a second import changed {changed}"
        assert what_a_check_finds(known) == what_a_check_finds(again)
        region = Region.objects.get(code="r1")
        for year in YEARS:
            figures = compute(year, region=region).values
            counted = {key: figures[key] for key in KEYS}
            assert counted == expected(children, year), (year, sheets)

    isolated(attempt)
