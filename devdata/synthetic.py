"""A generated register workbook: many children with full, valid histories.

For the import benchmark (`bench/import_benchmark.py`) and for tests. The same seed
gives the same workbook. Each child has one to three statuses (some returned to their
parents and came back), a chain of placements (institutions and families, by age:
guardianship under 14, trusteeship from 14; leaving care at 18; some adoptions), and
some move to another district. Housing, benefits and monitoring follow the
proportions of the database generator (`devdata/generator.py`): housing secured to
about a third of the children, two thirds on a housing queue (housing provided to
some graduates), allowances by category, alimony orders for a fifth of the children
left without care (with payments for some), monitoring visits around the due dates
of family placements (the default schedule: 30 days, then every six months), and a
life plan for most pupils of 14 and over in an institution. About eighteen rows per
child in all. A few children have no IIN yet: they carry a temporary key.

It is not the register generator's output exported (`generate_register`, then
`export_workbook`): that workbook has fewer and shorter histories (10,000 children:
116,234 rows against 192,111; one status a child, 11,376 placements against 61,601,
490 transfers against 9,951, no life plan), every column filled, and the dates of
the day it was generated (the generator counts from today, this workbook up to a
fixed day), so the import benchmark would no longer measure the same workbook from
one day to the next.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from openpyxl import Workbook

from care.schedule import add_months, due_dates
from children.ages import age_at, coming_of_age
from children.iin import make_iin
from devdata import names
from exchange.workbook.sheets import SHEETS
from registry.cells import cell

DAY = datetime.timedelta(days=1)
UNTIL = datetime.date(2025, 12, 31)  # every date of the workbook is on or before it
REGION = "synthetic"
# As many names as the workbook always drew from (devdata.names).
SURNAMES = names.SURNAMES[:8]
BOYS = names.BOYS[:8]
GIRLS = names.GIRLS[:8]
FAMILY = ("guardianship", "trusteeship", "patronage", "foster_family", "adoption")
# The default visit schedule (care migration 0002): months of monitoring, None: all along.
VISITS_FOR_MONTHS = {"adoption": 36}


@dataclass
class Counter:
    rows: dict = field(default_factory=dict)

    def add(self, sheet: str) -> None:
        self.rows[sheet] = self.rows.get(sheet, 0) + 1


class Synthetic:
    def __init__(self, workbook, *, seed: int, districts: int, until: datetime.date):
        self.random = random.Random(seed)  # noqa: S311 - test data, not secrets
        self.until = until
        self.serial = 0
        self.used: set[str] = set()
        self.counter = Counter()
        self.sheets = {}
        for sheet in SHEETS:
            worksheet = self.sheets[sheet.name] = workbook.create_sheet(sheet.name)
            worksheet.append([cell(worksheet, name) for name in sheet.column_names])
        self.columns = {sheet.name: sheet.column_names for sheet in SHEETS}
        self.districts = [f"syn-{number:02d}" for number in range(1, districts + 1)]
        self.institutions = {"baby_home": [], "children_home": []}

    def append(self, sheet: str, row: list) -> None:
        worksheet = self.sheets[sheet]
        worksheet.append([cell(worksheet, value) for value in row])
        self.counter.add(sheet)

    def add(self, sheet: str, **values) -> None:
        """A row given by column name (the other columns empty)."""
        self.append(sheet, [values.get(column) for column in self.columns[sheet]])

    def day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        if last <= first:
            return first
        return first + datetime.timedelta(days=self.random.randint(0, (last - first).days))

    def iin(self, birth: datetime.date, sex: str) -> str:
        """A valid IIN, different from every other one in the workbook."""
        while True:
            self.serial += 1
            iin = make_iin(birth, sex, self.serial)
            if iin not in self.used:
                self.used.add(iin)
                return iin

    # --- reference ------------------------------------------------------------------
    def reference(self) -> None:
        self.append("Regions", [REGION, "Синтетическая область", "Синтетикалық облыс", "", ""])
        for number, code in enumerate(self.districts, start=1):
            self.append("Districts", [code, f"Район {number}", REGION, "", "", "", True])
            for kind, label in (("children_home", "Детский дом"), ("baby_home", "Дом ребёнка")):
                institution = f"{code.upper()}-{kind[:2].upper()}"
                self.institutions[kind].append(institution)
                self.append(
                    "Institutions",
                    [
                        institution,
                        f"{label} {number}",
                        code,
                        kind,
                        "education",
                        80,
                        "",
                        "",
                        "",
                        True,
                    ],
                )

    # --- children -------------------------------------------------------------------
    def child(self, number: int) -> None:
        sex = self.random.choice("MF")
        birth = self.day_between(self.until - 20 * 365 * DAY, self.until - 400 * DAY)
        adult = coming_of_age(birth)
        last_day = min(self.until, adult - DAY)
        registered = self.day_between(birth + 30 * DAY, last_day - 200 * DAY)
        if registered > last_day or registered < birth:
            registered = birth
        key = f"TMP-S{number}" if number % 97 == 13 else self.iin(birth, sex)
        surname = self.random.choice(SURNAMES) + ("" if sex == "M" else "а")
        first = self.random.choice(BOYS if sex == "M" else GIRLS)
        district = self.random.choice(self.districts)
        self.append("Children", [key, surname, first, "", birth, sex, district, registered])
        placements: list[tuple] = []
        adopted_on = self.placements(key, birth, registered, placements)
        orphan = self.statuses(key, birth, registered, adopted_on)
        self.transfers(key, district, registered)
        self.housing(key, birth, registered, district)
        self.benefits(key, registered, orphan)
        self.visits(key, birth, placements)
        self.life_plan(key, birth, placements)

    def statuses(self, key, birth, registered, adopted_on) -> bool:
        """The statuses; whether the first one is an orphan's."""
        start = registered
        adult = coming_of_age(birth)
        orphan = None
        for turn in range(3):
            category = "orphan" if self.random.random() < 0.3 else "without_care"
            orphan = category == "orphan" if orphan is None else orphan
            reason = "parents_died" if category == "orphan" else "deprived"
            end = end_reason = None
            if adopted_on is not None and adopted_on > start:
                end, end_reason = adopted_on, "adopted"
            elif turn < 2 and self.random.random() < 0.6:
                end = self.day_between(start + 60 * DAY, start + 900 * DAY)
                end_reason = "returned_to_parents"
            if end is not None and end > min(self.until, adult - DAY):
                end = end_reason = None
            self.append(
                "Statuses",
                [key, category, reason, start, end, end_reason, f"№ {self.random.randint(1, 999)}"],
            )
            if end is None or end_reason == "adopted":
                return orphan
            start = self.day_between(end + 30 * DAY, end + 400 * DAY)
            if start > min(self.until, adult - 30 * DAY):
                return orphan
        return orphan

    def placements(self, key, birth, registered, chain: list) -> datetime.date | None:
        """A chain of placements from registration, each (form, start, end) added to
        `chain`; the adoption date, if adopted."""
        adult = coming_of_age(birth)
        start = registered
        in_family = self.random.random() < 0.5
        while start < min(self.until, adult):
            age = age_at(birth, start)
            institution = carer_iin = carer_name = None
            if not in_family:
                form = "institution"
                kind = "baby_home" if age < 3 else "children_home"
                institution = self.random.choice(self.institutions[kind])
            else:
                if age < 7 and self.random.random() < 0.15:
                    form = "adoption"
                elif age < 14:
                    form = self.random.choice(["guardianship", "guardianship", "foster_family"])
                else:
                    form = self.random.choice(["trusteeship", "trusteeship", "patronage"])
                carer_sex = self.random.choice("MF")
                carer_birth = self.day_between(datetime.date(1965, 1, 1), datetime.date(1995, 1, 1))
                carer_iin = self.iin(carer_birth, carer_sex)
                carer_name = f"{self.random.choice(SURNAMES)} {self.random.choice(BOYS + GIRLS)}"
            end = self.day_between(start + 90 * DAY, start + 480 * DAY)
            end_reason = "moved"
            if form == "adoption" or end > self.until:
                end = end_reason = None
            elif end >= adult:
                end, end_reason = adult, "came_of_age"
            self.append(
                "Placements",
                [key, form, institution, carer_iin, carer_name, start, end, end_reason, "", ""],
            )
            chain.append((form, start, end))
            if form == "adoption":
                return start
            if end is None or end_reason == "came_of_age":
                return None
            start = end
            in_family = not in_family or self.random.random() < 0.3
        return None

    def transfers(self, key, district, registered) -> None:
        if len(self.districts) < 2:  # a one-district register: nowhere to go
            return
        day = registered
        for _turn in range(self.random.choice([0, 1, 1, 2, 2])):
            day = self.day_between(day + 30 * DAY, day + 800 * DAY)
            if day > self.until:
                return
            to = self.random.choice([d for d in self.districts if d != district])
            self.append("Transfers", [key, district, to, day, ""])
            district = to

    # --- housing, benefits, care (the proportions of devdata/generator.py) -----------
    def housing(self, key, birth, registered, district) -> None:
        r, until = self.random, self.until
        adult = coming_of_age(birth)
        if r.random() < 0.35:
            kind = "full" if r.random() < 0.45 else "share"
            self.add(
                "HousingRights",
                iin=key,
                kind=kind,
                address=f"Абай даңғылы, {r.randint(1, 300)}",
                start_date=self.day_between(registered, until),
                share_size="1/2" if kind == "share" else None,
            )
        if r.random() < 0.65:
            start = self.day_between(registered, min(until, adult - DAY))
            end = end_reason = None
            if adult <= until and r.random() < 0.3:
                day = self.day_between(max(adult, start + DAY), until)
                if start < day <= until:
                    end, end_reason = day, "provided"
            self.add(
                "HousingQueue",
                iin=key,
                district=district,
                start_date=start,
                end_date=end,
                end_reason=end_reason,
                position=r.randint(1, 3000),
                position_on=start,
            )
            if end is not None:
                self.add(
                    "HousingProvided", iin=key, date=end, address="Жаңа үй", source="state_fund"
                )

    def benefits(self, key, registered, orphan: bool) -> None:
        r, until = self.random, self.until
        if orphan and r.random() < 0.85:
            self.add(
                "Benefits",
                iin=key,
                kind="survivor",
                start_date=registered,
                monthly_amount=42000,
            )
        elif r.random() < 0.2:
            self.add(
                "Benefits",
                iin=key,
                kind="parent_disability",
                start_date=registered,
                monthly_amount=35000,
            )
        if r.random() < 0.55 and registered + 30 * DAY <= until:
            self.add(
                "Benefits",
                iin=key,
                kind="guardian_allowance",
                start_date=registered + 30 * DAY,
                monthly_amount=36900,
                decision_number=f"{r.randint(1, 999)}-қ",
            )
        if not orphan and r.random() < 0.2:
            start = self.day_between(registered, until)
            self.add(
                "AlimonyOrders",
                iin=key,
                start_date=start,
                debtor_name="Ата-анасы",
                monthly_amount=15000,
                decision_number=f"2-{r.randint(100, 9999)}",
                court="Аудандық сот",
            )
            if r.random() < 0.4:
                day = start
                while day <= until:
                    self.add("AlimonyPayments", iin=key, date=day, amount=15000)
                    day += r.randint(25, 120) * DAY

    def visits(self, key, birth, placements) -> None:
        """Visits around the due dates of each family placement: a tenth missed, some
        late, a few finding concerns."""
        r, until = self.random, self.until
        for form, start, end in placements:
            if form not in FAMILY:
                continue
            dues = due_dates(
                start=start,
                end=end,
                birth_date=birth,
                first_visit_days=30,
                interval_months=6,
                duration_months=VISITS_FOR_MONTHS.get(form),
            )
            last = None
            for due in dues:
                if due.due_date > until or r.random() < 0.1:
                    continue
                late = r.random() < 0.15
                day = due.due_date + (r.randint(1, 40) if late else -r.randint(0, 25)) * DAY
                day = max(day, start)
                if day > until or (end is not None and day >= end) or day == last:
                    continue
                last = day
                self.add(
                    "Visits",
                    iin=key,
                    date=day,
                    kind="planned",
                    outcome="satisfactory" if r.random() > 0.05 else "concerns",
                    visited_by="Маман",
                )

    def life_plan(self, key, birth, placements) -> None:
        """Most pupils of 14 and over in an institution have a plan while there."""
        fourteen = add_months(birth, 14 * 12)
        for form, start, end in placements:
            if form != "institution" or self.random.random() > 0.7:
                continue
            plan_start = max(start, fourteen)
            if plan_start > self.until or (end is not None and plan_start >= end):
                continue
            self.add(
                "LifePlans",
                iin=key,
                start_date=plan_start,
                goal="Колледж",
                end_date=end,
                responsible_person="Тәрбиеші",
                next_review_date=add_months(plan_start, 6),
            )
            return


def write_synthetic_workbook(
    target,
    *,
    children: int = 10_000,
    seed: int = 1,
    districts: int = 10,
    until: datetime.date = UNTIL,
) -> dict[str, int]:
    """Write the workbook to `target` (a path or a binary file); the rows per sheet."""
    workbook = Workbook(write_only=True)
    synthetic = Synthetic(workbook, seed=seed, districts=districts, until=until)
    synthetic.reference()
    for number in range(1, children + 1):
        synthetic.child(number)
    workbook.save(target)
    return synthetic.counter.rows
