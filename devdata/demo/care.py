"""Demo follow-up records, made through the same services officers use.

Every demo child in a receiving family gets its monitoring visits: most on time, some
late, the latest one missed for a few families (overdue now), a visit that found a
child in danger with its action still open and another one resolved. Most pupils of
14 or more get a life plan; graduates get their follow-up records; the youth homes
are filled up to their places and a few underage graduates wait for one.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict

from django.utils import timezone

from care.models import Conclusion, ScheduledVisit, VisitKind
from care.services.graduates import graduate_add, graduate_note_add
from care.services.plans import life_plan_add, life_plan_review
from care.services.schedules import rebuild_schedules
from care.services.visits import action_complete, visit_add
from care.services.youth_homes import waiting_add, youth_home_stay_add
from children.ages import years_before
from children.models import (
    Institution,
    InstitutionKind,
    Placement,
    PlacementEndReason,
    PlacementForm,
    Sector,
)
from children.services.institutions import institution_create
from children.services.placements import placement_end
from registry.models import District

DAY = datetime.timedelta(days=1)
VISITORS = [
    "Серікбаева А. (маман)",
    "Жақсылықов М. (маман)",
    "Омарова Г. (бас маман)",
    "Қасымова Д., Исаев Б.",
]
GOOD = {
    "living_conditions": "Жеке бөлме, жиһаз бар, таза.",
    "upbringing": "Қамқоршымен қарым-қатынасы жақсы.",
    "health": "Дені сау, егулері уақытында.",
    "schooling": "Мектепке тұрақты барады.",
}
CONCERNS = {
    **GOOD,
    "schooling": "Сабақтан жиі қалады.",
}
DANGER = {
    "living_conditions": "Үйде жылу жоқ, азық-түлік жеткіліксіз.",
    "upbringing": "Қамқоршы ішімдік ішеді.",
    "health": "Бала арықтаған.",
    "schooling": "Бір айдан бері мектепке бармайды.",
}
YOUTH_HOME = (
    "ZHT-YH2",
    "Текелі жасөспірімдер үйі",
    "Дом юношества города Текели",
    "tekeli",
    8,
)


class DemoCare:
    def __init__(self, actor, seed: int):
        self.actor = actor
        self.random = random.Random(seed + 30)  # noqa: S311 - demo data, not secrets
        self.today = timezone.localdate()
        self.counts: dict[str, int] = defaultdict(int)

    def day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        if last <= first:
            return first
        return first + datetime.timedelta(days=self.random.randint(0, (last - first).days))

    # --- monitoring visits -------------------------------------------------------
    def visits(self) -> None:
        dues = defaultdict(list)
        for due in ScheduledVisit.objects.filter(due_date__lte=self.today).order_by(
            "placement_id", "due_date"
        ):
            dues[due.placement_id].append(due)
        placements = Placement.objects.select_related("child__district").in_bulk(list(dues))
        ordered = sorted(placements.values(), key=lambda p: p.pk)
        # A few families whose latest visit is overdue today; one child in danger with
        # the action open, and one whose danger was resolved.
        active = [p for p in ordered if p.end_date is None]
        overdue = set(self.random.sample([p.pk for p in active], k=max(1, len(active) // 10)))
        # The danger visits are in the first district of the default region (the demo
        # officer's), where there is one.
        candidates = [p for p in active if p.pk not in overdue]
        first = District.objects.filter(region__is_default=True).order_by("pk").first()
        local = [p.pk for p in candidates if first and p.child.district_id == first.pk]
        danger_open, danger_resolved = (
            self.random.sample(local if len(local) > 1 else [p.pk for p in candidates], k=2)
            if len(candidates) > 1
            else (None, None)
        )
        for placement in ordered:
            placement_dues = dues[placement.pk]
            for index, due in enumerate(placement_dues):
                last = index == len(placement_dues) - 1
                if last and placement.pk in overdue and due.due_date < self.today:
                    continue
                if last and placement.pk in (danger_open, danger_resolved):
                    self.danger_visit(placement, due, resolved=placement.pk == danger_resolved)
                    continue
                self.visit(placement, due)
        rebuild_schedules(list(placements))

    def visit_date(self, placement, due) -> datetime.date:
        end = min(placement.end_date or self.today + DAY, self.today + DAY) - DAY
        if self.random.random() < 0.12 and due.due_date < end:  # late
            return min(due.due_date + datetime.timedelta(days=self.random.randint(3, 45)), end)
        earliest = max(due.window_start, due.due_date - datetime.timedelta(days=35))
        return min(self.day_between(earliest, due.due_date), end)

    def visit(self, placement, due) -> None:
        concerns = self.random.random() < 0.1
        date = self.visit_date(placement, due)
        findings = CONCERNS if concerns else GOOD
        action = {}
        if concerns:
            action = {
                "action_description": "Мектеппен бірге бақылау.",
                "action_due_date": date + datetime.timedelta(days=30),
                "action_responsible": "Мектеп психологы",
            }
        visit = visit_add(
            actor=self.actor,
            placement=placement,
            date=date,
            visited_by=self.random.choice(VISITORS),
            kind=VisitKind.PLANNED if self.random.random() < 0.9 else VisitKind.UNPLANNED,
            conclusion=Conclusion.CONCERNS if concerns else Conclusion.SATISFACTORY,
            rebuild=False,
            **findings,
            **action,
        )
        self.counts["visits"] += 1
        if concerns and action["action_due_date"] < self.today - datetime.timedelta(days=20):
            done = visit.actions.get()
            action_complete(
                actor=self.actor,
                action=done,
                version=done.version,
                done_on=action["action_due_date"] - datetime.timedelta(days=3),
                result="Сабаққа қатысуы жақсарды.",
            )

    def danger_visit(self, placement, due, *, resolved: bool) -> None:
        date = max(due.window_start, self.today - datetime.timedelta(days=40 if resolved else 5))
        visit = visit_add(
            actor=self.actor,
            placement=placement,
            date=date,
            visited_by=VISITORS[2],
            kind=VisitKind.COMPLAINT,
            conclusion=Conclusion.DANGER,
            action_description=(
                "Баланы уақытша орналастыру, қамқоршыны босату туралы мәселе қарау."
            ),
            action_due_date=date + datetime.timedelta(days=10),
            action_responsible="Омарова Г.",
            rebuild=False,
            **DANGER,
        )
        self.counts["danger"] += 1
        if resolved:
            action = visit.actions.get()
            action_complete(
                actor=self.actor,
                action=action,
                version=action.version,
                done_on=date + datetime.timedelta(days=7),
                result="Отбасына әлеуметтік қолдау көрсетілді.",
            )

    # --- life plans ---------------------------------------------------------------
    def life_plans(self) -> None:
        pupils = (
            Placement.objects.filter(
                Placement.active_at_q(self.today),
                form=PlacementForm.INSTITUTION,
                child__birth_date__lte=years_before(self.today, 14),
                child__birth_date__gt=years_before(self.today, 18),
            )
            .select_related("child__district")
            .order_by("pk")
        )
        for placement in pupils:
            if self.random.random() < 0.2:
                continue  # left without a plan: the work list shows them
            child = placement.child
            fourteen = years_before(child.birth_date, -14)
            start = self.day_between(max(placement.start_date, fourteen), self.today)
            review = start + datetime.timedelta(days=self.random.choice([90, 180, 180, 365]))
            plan = life_plan_add(
                actor=self.actor,
                child=child,
                start_date=start,
                education_goal="Колледж: тігінші" if child.sex == "F" else "Колледж: дәнекерлеуші",
                career_goal="Жұмысқа орналасу",
                independent_living_skills="Тамақ пісіру, ақша есебі, құжаттар.",
                responsible_person="Тәрбиеші",
                next_review_date=review,
            )
            self.counts["plans"] += 1
            if review < self.today and self.random.random() < 0.6:
                life_plan_review(
                    actor=self.actor,
                    plan=plan,
                    version=plan.version,
                    date=review,
                    notes="Мақсаттар орындалуда.",
                    next_review_date=review + datetime.timedelta(days=180),
                )

    # --- graduates and youth homes --------------------------------------------------
    def underage_graduates(self) -> list:
        """Pupils of 16 or 17 who left their home this year to study at a college."""
        left = []
        pupils = (
            Placement.objects.filter(
                end_date__isnull=True,
                form=PlacementForm.INSTITUTION,
                child__birth_date__lte=years_before(self.today, 16),
                child__birth_date__gt=years_before(self.today, 18),
                start_date__lt=self.today - datetime.timedelta(days=60),
            )
            .select_related("child__district__region")
            .order_by("-child__district__region__is_default", "pk")
        )
        for placement in list(pupils)[:4]:
            end = self.today - datetime.timedelta(days=self.random.randint(20, 55))
            placement_end(
                actor=self.actor,
                placement=placement,
                version=placement.version,
                end_date=end,
                end_reason=PlacementEndReason.OTHER,
            )
            left.append((placement.child, end))
        return left

    def graduates(self) -> list:
        """Young people under 23 whose last placement, in an institution, ended."""
        last = {}
        for placement in Placement.objects.order_by("start_date", "pk").select_related(
            "child__district__region"
        ):
            last[placement.child_id] = placement
        return [
            (p.child, p.end_date)
            for p in last.values()
            if p.form == PlacementForm.INSTITUTION
            and p.end_reason in (PlacementEndReason.CAME_OF_AGE, PlacementEndReason.OTHER)
            and p.child.birth_date > years_before(self.today, 23)
        ]

    def graduate_records(self, graduates) -> None:
        for child, left_on in graduates[:10]:
            record = graduate_add(
                actor=self.actor,
                child=child,
                left_care_on=left_on,
                study_or_work=self.random.choice(
                    [
                        "Талдықорған политехникалық колледжі",
                        "Жұмыс істейді: сауда",
                        "ЖОО студенті",
                    ]
                ),
                housing_situation="Жатақханада",
                contacts=f"+7 701 {self.random.randint(100, 999)} 00 00",
            )
            self.counts["graduates"] += 1
            note_day = min(self.today, left_on + datetime.timedelta(days=90))
            graduate_note_add(
                actor=self.actor,
                record=record,
                date=note_day,
                text="Байланыста, оқуын жалғастыруда.",
            )

    def youth_homes(self, graduates, underage) -> None:
        """A small youth home in Tekeli, full; the region's big one takes the rest; two
        underage graduates wait for a place in Tekeli."""
        districts = {d.code: d for d in District.objects.select_related("region")}
        if "tekeli" not in districts:
            return
        code, name_kk, name_ru, district, capacity = YOUTH_HOME
        small = institution_create(
            actor=self.actor,
            code=code,
            name_kk=name_kk,
            name_ru=name_ru,
            district=districts[district],
            kind=InstitutionKind.YOUTH_HOME,
            sector=Sector.EDUCATION,
            capacity=capacity,
        )
        region_id = districts[district].region_id
        big = (
            Institution.objects.filter(
                kind=InstitutionKind.YOUTH_HOME,
                is_active=True,
                district__region_id=region_id,
                capacity__isnull=False,
            )
            .exclude(pk=small.pk)
            .first()
        )
        waiting = [
            (child, left_on) for child, left_on in underage if child.district.region_id == region_id
        ][:2]
        waiting_ids = {child.pk for child, _left_on in waiting}
        people = [
            (child, left_on)
            for child, left_on in graduates
            if child.district.region_id == region_id and child.pk not in waiting_ids
        ]
        for index, (child, left_on) in enumerate(people):
            home = small if index < capacity else big
            if home is None:
                break
            youth_home_stay_add(
                actor=self.actor,
                child=child,
                institution=home,
                start_date=min(self.today, left_on + datetime.timedelta(days=7)),
            )
            self.counts["stays"] += 1
        for child, left_on in waiting:
            waiting_add(actor=self.actor, child=child, start_date=left_on, institution=small)
            self.counts["waiting"] += 1

    def load(self) -> dict:
        self.visits()
        self.life_plans()
        underage = self.underage_graduates()
        graduates = self.graduates()
        self.graduate_records(graduates)
        self.youth_homes(graduates, underage)
        return self.counts


def load_demo_care(*, actor, seed: int, stdout) -> None:
    counts = DemoCare(actor, seed).load()
    stdout.write(
        "Demo follow-up: {visits} visits ({danger} finding danger), {plans} life plans, "
        "{graduates} graduate records, {stays} youth home places, {waiting} waiting.".format(
            **{
                key: counts.get(key, 0)
                for key in ("visits", "danger", "plans", "graduates", "stays", "waiting")
            }
        )
    )
