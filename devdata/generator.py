"""A synthetic register at any size, for benchmarks: realistic histories written with
bulk inserts, deterministic for a seed.

Each child has a status (a few have two), placements that depend on the age at
registration (baby homes, guardianship by relatives, children's homes, trusteeship
for teenagers) with moves from institutions into families and adoptions that end the
status, transfers between districts, housing rights and queue entries, housing
provided to some graduates, allowances, alimony orders with and without payments and
monitoring visits around their due dates. The rows are built in memory a batch of
children at a time and inserted with `bulk_create`; the visit schedule is then
rebuilt in bulk, and one audit entry records the generation (so that cached figures
are recomputed).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from benefits.models import AlimonyOrder, AlimonyPayment, Allowance, AllowanceKind
from care.models import MonitoringVisit, VisitScheduleRule
from care.schedule import due_dates
from care.services.schedules import rebuild_schedules
from children.ages import age_at, coming_of_age
from children.iin import make_iin
from children.models import (
    FAMILY_FORMS,
    Category,
    Child,
    Institution,
    InstitutionKind,
    Placement,
    PlacementEndReason,
    PlacementForm,
    Sector,
    Status,
    StatusEndReason,
    StatusReason,
    Transfer,
)
from children.names import name_key, search_key
from devdata import names
from housing.models import (
    HousingKind,
    HousingProvision,
    HousingQueueEntry,
    HousingRight,
    QueueEndReason,
)
from registry.models import AuditEntry, District, Region
from registry.services.geography import regions_added
from registry.stamps import touch

# As many names as the generator always drew from (devdata.names).
FIRST_NAMES = {"M": names.BOYS[:18], "F": names.GIRLS[:18]}
SURNAMES = names.SURNAMES[:16]
REASONS = (
    [StatusReason.DEPRIVED] * 8
    + [StatusReason.REFUSED] * 3
    + [
        StatusReason.LIMITED,
        StatusReason.IMPRISONED,
        StatusReason.MISSING,
        StatusReason.INCAPABLE,
        StatusReason.UNKNOWN,
        StatusReason.OTHER,
    ]
)
BATCH = 2000
HISTORY_YEARS = 10


@dataclass
class Batch:
    """The rows of one batch of children, before insertion."""

    children: list = field(default_factory=list)
    statuses: list = field(default_factory=list)
    placements: list = field(default_factory=list)
    transfers: list = field(default_factory=list)
    rights: list = field(default_factory=list)
    queue: list = field(default_factory=list)
    provisions: list = field(default_factory=list)  # (provision, queue entry or None)
    allowances: list = field(default_factory=list)
    orders: list = field(default_factory=list)
    payments: list = field(default_factory=list)  # (payment, order)
    visits: list = field(default_factory=list)


class RegisterGenerator:
    def __init__(
        self,
        *,
        seed: int = 1,
        districts: int = 10,
        regions: int = 1,
        today: datetime.date | None = None,
    ):
        self.random = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
        self.seed = seed
        self.district_count = districts
        self.region_count = regions
        self.today = today or datetime.date.today()
        self.iins: set[str] = set()
        self.serial = 0

    # --- geography ---------------------------------------------------------------
    def geography(self):
        """Regions gen-01..., each with `districts` districts gen-RR-DD, four institutions
        per district and a youth home in every third district."""
        any_region = Region.objects.exists()
        districts = []
        kinds = [
            (InstitutionKind.CHILDREN_HOME, Sector.EDUCATION, 120),
            (InstitutionKind.BABY_HOME, Sector.HEALTH, 60),
            (InstitutionKind.BOARDING_SCHOOL, Sector.EDUCATION, 80),
            (InstitutionKind.OTHER, Sector.SOCIAL, 40),
        ]
        institutions: dict = {}  # (region id, kind) -> institutions
        for region_number in range(1, self.region_count + 1):
            region, created = Region.objects.get_or_create(
                code=f"gen-{region_number:02d}",
                defaults={
                    "name_kk": f"{region_number}-облыс",
                    "name_ru": f"Область {region_number}",
                    "name_en": f"Region {region_number}",
                    "is_default": not any_region and region_number == 1,
                },
            )
            if created:  # its visit schedule
                regions_added([region])
            for number in range(1, self.district_count + 1):
                district, _created = District.objects.get_or_create(
                    code=f"{region.code}-{number:02d}",
                    defaults={
                        "region": region,
                        "name_kk": f"{region_number}.{number}-аудан",
                        "name_ru": f"Район {region_number}.{number}",
                        "name_en": f"District {region_number}.{number}",
                    },
                )
                districts.append(district)
                for kind, sector, capacity in kinds:
                    institution, _created = Institution.objects.get_or_create(
                        code=f"{district.code}-{kind}",
                        defaults={
                            "name_kk": f"{district.name_kk}: {kind}",
                            "name_ru": f"{district.name_ru}: {kind}",
                            "district": district,
                            "kind": kind,
                            "sector": sector,
                            "capacity": capacity,
                        },
                    )
                    institutions.setdefault((region.pk, kind), []).append(institution)
                if number % 3 == 1:
                    Institution.objects.get_or_create(
                        code=f"{district.code}-youth",
                        defaults={
                            "name_kk": "Жасөспірімдер үйі",
                            "name_ru": "Дом юношества",
                            "district": district,
                            "kind": InstitutionKind.YOUTH_HOME,
                            "sector": Sector.EDUCATION,
                            "capacity": 30,
                        },
                    )
        return districts, institutions

    # --- one child ----------------------------------------------------------------
    def day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        if last <= first:
            return first
        return first + datetime.timedelta(days=self.random.randint(0, (last - first).days))

    def unique_iin(self, birth: datetime.date, sex: str) -> str:
        while True:
            self.serial += 1
            iin = make_iin(birth, sex, self.serial)
            if iin not in self.iins:
                self.iins.add(iin)
                return iin

    def child(self, batch: Batch, districts, institutions, rules) -> None:
        r = self.random
        sex = r.choice("MF")
        birth = self.day_between(
            self.today - datetime.timedelta(days=365 * 24), self.today - datetime.timedelta(days=60)
        )
        adult = coming_of_age(birth)
        earliest = max(birth, self.today - datetime.timedelta(days=365 * HISTORY_YEARS))
        registered = self.day_between(
            earliest, min(self.today, adult - datetime.timedelta(days=60))
        )
        if registered < birth:
            registered = birth
        district = r.choice(districts)
        last, first = r.choice(SURNAMES) + ("" if sex == "M" else "а"), r.choice(FIRST_NAMES[sex])
        child = Child(
            iin=self.unique_iin(birth, sex) if r.random() > 0.01 else None,
            last_name=last,
            first_name=first,
            middle_name="",
            birth_date=birth,
            sex=sex,
            district=district,
            registered_district=district,
            registered_on=registered,
            name_key=name_key(last, first),
            search_key=search_key(last, first),
        )
        batch.children.append(child)
        orphan = r.random() < 0.27
        status = Status(
            child=child,
            category=Category.ORPHAN if orphan else Category.WITHOUT_CARE,
            reason=StatusReason.PARENTS_DIED if orphan else r.choice(REASONS),
            start_date=registered,
        )
        batch.statuses.append(status)
        self.placements(batch, child, status, registered, adult, institutions, rules)
        self.material(batch, child, orphan, registered, adult, districts)

    def placements(self, batch, child, status, registered, adult, institutions, rules) -> None:
        r, today = self.random, self.today
        age = age_at(child.birth_date, registered)
        roll = r.random()
        if age < 3:
            form = (
                PlacementForm.INSTITUTION
                if roll < 0.4
                else PlacementForm.GUARDIANSHIP
                if roll < 0.8
                else PlacementForm.ADOPTION
            )
        elif age < 14:
            form = (
                PlacementForm.GUARDIANSHIP
                if roll < 0.55
                else PlacementForm.INSTITUTION
                if roll < 0.8
                else PlacementForm.FOSTER_FAMILY
                if roll < 0.9
                else PlacementForm.PATRONAGE
            )
        else:
            form = PlacementForm.TRUSTEESHIP if roll < 0.6 else PlacementForm.INSTITUTION
        start = registered
        chain = []
        while True:
            institution = None
            if form == PlacementForm.INSTITUTION:
                kind = (
                    InstitutionKind.BABY_HOME
                    if age_at(child.birth_date, start) < 3
                    else r.choice(
                        [
                            InstitutionKind.CHILDREN_HOME,
                            InstitutionKind.CHILDREN_HOME,
                            InstitutionKind.BOARDING_SCHOOL,
                            InstitutionKind.OTHER,
                        ]
                    )
                )
                institution = r.choice(institutions[(child.district.region_id, kind)])
            carer_name = "" if institution else f"{r.choice(SURNAMES)} {r.choice(FIRST_NAMES['F'])}"
            placement = Placement(
                child=child,
                form=form,
                institution=institution,
                start_date=start,
                carer_name=carer_name,
                carer_key=search_key(carer_name),
            )
            chain.append(placement)
            if form == PlacementForm.ADOPTION:
                status.end_date, status.end_reason = start, StatusEndReason.ADOPTED
                break
            if form != PlacementForm.INSTITUTION or r.random() > 0.45:
                break
            move = self.day_between(
                start + datetime.timedelta(days=90), min(today, adult) - datetime.timedelta(days=1)
            )
            if not start < move < min(today, adult):
                break
            placement.end_date, placement.end_reason = move, PlacementEndReason.MOVED
            start, age = move, age_at(child.birth_date, move)
            form = (
                PlacementForm.ADOPTION
                if age < 7 and r.random() < 0.25
                else PlacementForm.GUARDIANSHIP
                if age < 14
                else PlacementForm.TRUSTEESHIP
            )
        last = chain[-1]
        if last.form != PlacementForm.ADOPTION:
            if r.random() < 0.05:
                back = self.day_between(last.start_date + datetime.timedelta(days=90), today)
                if last.start_date < back < min(today, adult):
                    last.end_date, last.end_reason = back, PlacementEndReason.RETURNED
                    status.end_date, status.end_reason = back, StatusEndReason.RETURNED
            elif adult <= today:
                last.end_date, last.end_reason = adult, PlacementEndReason.CAME_OF_AGE
        batch.placements.extend(chain)
        for placement in chain:
            rule = rules.get((child.district.region_id, placement.form))
            if rule is not None:
                self.visits(batch, child, placement, rule)

    def visits(self, batch, child, placement, rule) -> None:
        r = self.random
        for due in due_dates(
            start=placement.start_date,
            end=placement.end_date,
            birth_date=child.birth_date,
            first_visit_days=rule.first_visit_days,
            interval_months=rule.interval_months,
            duration_months=rule.duration_months,
        ):
            if due.due_date > self.today or r.random() < 0.1:
                continue  # not yet due, or missed
            late = r.random() < 0.15
            day = due.due_date + datetime.timedelta(
                days=r.randint(1, 40) if late else -r.randint(0, 25)
            )
            day = max(day, placement.start_date)
            if day > self.today or (placement.end_date and day >= placement.end_date):
                continue
            batch.visits.append(
                MonitoringVisit(
                    child=child,
                    placement=placement,
                    date=day,
                    visited_by="Маман",
                    kind="planned",
                    conclusion="satisfactory" if r.random() > 0.05 else "concerns",
                )
            )

    def material(self, batch, child, orphan, registered, adult, districts) -> None:
        r, today = self.random, self.today
        if r.random() < 0.35:
            kind = HousingKind.FULL if r.random() < 0.45 else HousingKind.SHARE
            batch.rights.append(
                HousingRight(
                    child=child,
                    kind=kind,
                    share_size="1/2" if kind == HousingKind.SHARE else "",
                    address="Абай даңғылы",
                    start_date=self.day_between(registered, today),
                )
            )
        if r.random() < 0.65:
            start = self.day_between(registered, min(today, adult))
            entry = HousingQueueEntry(
                child=child,
                district=child.district,
                start_date=start,
                position=r.randint(1, 3000),
                position_on=start,
            )
            batch.queue.append(entry)
            if adult <= today and r.random() < 0.3:
                day = self.day_between(max(adult, start + datetime.timedelta(days=1)), today)
                if start < day <= today:
                    entry.end_date, entry.end_reason = day, QueueEndReason.PROVIDED
                    batch.provisions.append(
                        (
                            HousingProvision(
                                child=child, date=day, address="Жаңа үй", source="state_fund"
                            ),
                            entry,
                        )
                    )
        if orphan and r.random() < 0.85:
            batch.allowances.append(
                Allowance(
                    child=child,
                    kind=AllowanceKind.SURVIVOR,
                    monthly_amount=Decimal("42000"),
                    start_date=registered,
                )
            )
        elif r.random() < 0.2:
            batch.allowances.append(
                Allowance(
                    child=child,
                    kind=AllowanceKind.PARENT_DISABILITY,
                    monthly_amount=Decimal("35000"),
                    start_date=registered,
                )
            )
        if r.random() < 0.55:
            batch.allowances.append(
                Allowance(
                    child=child,
                    kind=AllowanceKind.GUARDIAN_ALLOWANCE,
                    monthly_amount=Decimal("36900"),
                    start_date=registered + datetime.timedelta(days=30),
                )
            )
        if not orphan and r.random() < 0.2:
            start = self.day_between(registered, today)
            order = AlimonyOrder(
                child=child,
                decision_number=f"2-{r.randint(100, 9999)}",
                decision_date=start,
                court="Аудандық сот",
                debtor_name="Ата-анасы",
                start_date=start,
                monthly_amount=Decimal("15000"),
            )
            batch.orders.append(order)
            if r.random() < 0.4:
                day = start
                while day <= today:
                    batch.payments.append(
                        (AlimonyPayment(date=day, amount=Decimal("15000")), order)
                    )
                    day += datetime.timedelta(days=r.randint(25, 120))
        if r.random() < 0.05:
            others = [
                d
                for d in districts
                if d.region_id == child.district.region_id and d.pk != child.district_id
            ]
            day = self.day_between(registered + datetime.timedelta(days=1), min(today, adult))
            if others and registered < day <= today:
                target = r.choice(others)
                batch.transfers.append(
                    Transfer(
                        child=child, from_district=child.district, to_district=target, date=day
                    )
                )
                child.district = target

    # --- writing ------------------------------------------------------------------
    def write(self, batch: Batch) -> list[int]:
        """Insert one batch; returns its placements' ids."""
        Child.objects.bulk_create(batch.children, batch_size=BATCH)
        # Written without audit entries of their own: their stamps (registry.stamps).
        touch(child.pk for child in batch.children)
        for rows in (
            batch.statuses,
            batch.placements,
            batch.transfers,
            batch.rights,
            batch.queue,
            batch.allowances,
            batch.orders,
        ):
            for row in rows:
                row.child_id = row.child.pk
        Status.objects.bulk_create(batch.statuses, batch_size=BATCH)
        Placement.objects.bulk_create(batch.placements, batch_size=BATCH)
        Transfer.objects.bulk_create(batch.transfers, batch_size=BATCH)
        HousingRight.objects.bulk_create(batch.rights, batch_size=BATCH)
        HousingQueueEntry.objects.bulk_create(batch.queue, batch_size=BATCH)
        provisions = []
        for provision, entry in batch.provisions:
            provision.child_id, provision.queue_entry_id = provision.child.pk, entry.pk
            provisions.append(provision)
        HousingProvision.objects.bulk_create(provisions, batch_size=BATCH)
        Allowance.objects.bulk_create(batch.allowances, batch_size=BATCH)
        AlimonyOrder.objects.bulk_create(batch.orders, batch_size=BATCH)
        payments = []
        for payment, order in batch.payments:
            payment.order_id = order.pk
            payments.append(payment)
        AlimonyPayment.objects.bulk_create(payments, batch_size=BATCH)
        for visit in batch.visits:
            visit.child_id, visit.placement_id = visit.child.pk, visit.placement.pk
        MonitoringVisit.objects.bulk_create(batch.visits, batch_size=BATCH)
        return [
            placement.pk
            for placement in batch.placements
            if placement.form in (*FAMILY_FORMS, PlacementForm.ADOPTION)
        ]

    def generate(self, children: int, progress=None) -> dict:
        districts, institutions = self.geography()
        rules = {  # each region's own schedule
            (rule.region_id, rule.form): rule
            for rule in VisitScheduleRule.objects.filter(is_active=True)
        }
        counts = dict.fromkeys(
            [
                "children",
                "statuses",
                "placements",
                "transfers",
                "rights",
                "queue",
                "provisions",
                "allowances",
                "orders",
                "payments",
                "visits",
            ],
            0,
        )
        monitored = []
        done = 0
        while done < children:
            batch = Batch()
            for _index in range(min(BATCH, children - done)):
                self.child(batch, districts, institutions, rules)
            with transaction.atomic():
                monitored += self.write(batch)
            for name in counts:
                counts[name] += len(getattr(batch, name))
            done += len(batch.children)
            if progress:
                progress(done)
        counts["scheduled_visits"] = rebuild_schedules(monitored)
        # One entry per region, of no child: every cached figure is counted again
        # (reports.indicators.cache).
        for region in {district.region for district in districts}:
            AuditEntry.objects.log_create(
                region,
                force_log=True,
                action=AuditEntry.Action.UPDATE,
                changes={"generated_children": [None, children]},
                additional_data={"generator": {"seed": self.seed, "children": children}},
            )
        return counts
