"""Demo children with realistic histories, made through the same services officers use.

About forty children per district: statuses with their reasons, a first placement
that depends on the age at registration (baby home, guardianship by relatives,
children's home, trusteeship for teenagers), later moves from institutions into
families, adoptions that end the status, returns to parents, graduates who came of
age, a few transfers between districts, a few temporary registrations without an
IIN and a pair of suspected duplicates.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from children.ages import age_at, coming_of_age
from children.iin import make_iin
from children.models import (
    Category,
    Institution,
    InstitutionKind,
    PlacementEndReason,
    PlacementForm,
    Sector,
    StatusReason,
)
from children.services.children import child_register
from children.services.institutions import institution_create
from children.services.placements import placement_add, placement_end
from children.services.transfers import child_transfer
from devdata.names import BOYS, FATHERS, GIRLS, STREETS, SURNAMES
from registry.models import District, Region

CHILDREN_PER_DISTRICT = 40
# The carers' addresses are on the first five streets (their draws stay a seed's).
CARER_STREETS = STREETS[:5]

REASONS_WITHOUT_CARE = [
    (StatusReason.DEPRIVED, 40),
    (StatusReason.REFUSED, 15),
    (StatusReason.LIMITED, 10),
    (StatusReason.IMPRISONED, 8),
    (StatusReason.MISSING, 7),
    (StatusReason.INCAPABLE, 6),
    (StatusReason.UNKNOWN, 6),
    (StatusReason.OTHER, 8),
]

INSTITUTIONS = {
    "zhetisu": [
        (
            "ZHT-CH1",
            "Талдықорған қаласының №1 балалар үйі",
            "Детский дом №1 города Талдыкорган",
            "taldykorgan",
            InstitutionKind.CHILDREN_HOME,
            Sector.EDUCATION,
            120,
        ),
        (
            "ZHT-BH",
            "Облыстық мамандандырылған сәбилер үйі",
            "Областной специализированный дом ребёнка",
            "taldykorgan",
            InstitutionKind.BABY_HOME,
            Sector.HEALTH,
            60,
        ),
        (
            "ZHT-BS",
            "Текелі қаласының мектеп-интернаты",
            "Школа-интернат города Текели",
            "tekeli",
            InstitutionKind.BOARDING_SCHOOL,
            Sector.EDUCATION,
            80,
        ),
        (
            "ZHT-YH",
            "Облыстық жасөспірімдер үйі",
            "Областной дом юношества",
            "taldykorgan",
            InstitutionKind.YOUTH_HOME,
            Sector.EDUCATION,
            30,
        ),
        (
            "ZHT-SV",
            "Жаркент балалар ауылы",
            "Детская деревня семейного типа Жаркент",
            "panfilov",
            InstitutionKind.FAMILY_VILLAGE,
            Sector.EDUCATION,
            40,
        ),
        (
            "ZHT-SH",
            "Медициналық-әлеуметтік мекеме",
            "Медико-социальное учреждение для детей",
            "sarkand",
            InstitutionKind.OTHER,
            Sector.SOCIAL,
            35,
        ),
    ],
    "abai": [
        (
            "ABI-CH",
            "Семей қаласының балалар үйі",
            "Детский дом города Семей",
            "semey",
            InstitutionKind.CHILDREN_HOME,
            Sector.EDUCATION,
            100,
        ),
        (
            "ABI-BH",
            "Семей сәбилер үйі",
            "Дом ребёнка города Семей",
            "semey",
            InstitutionKind.BABY_HOME,
            Sector.HEALTH,
            40,
        ),
    ],
}


class DemoRegister:
    def __init__(self, actor, seed: int):
        self.actor = actor
        self.random = random.Random(seed)  # noqa: S311 - demo data, not secrets
        self.today = timezone.localdate()
        self.serial = 1
        self.count = 0

    # --- helpers -----------------------------------------------------------
    def day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        if last <= first:
            return first
        return first + datetime.timedelta(days=self.random.randint(0, (last - first).days))

    def iin(self, birth_date, sex) -> str:
        self.serial += 1
        return make_iin(birth_date, sex, self.serial)

    def person_name(self, sex: str) -> tuple[str, str, str]:
        surname = self.random.choice(SURNAMES)
        father = self.random.choice(FATHERS)
        if sex == "M":
            return surname, self.random.choice(BOYS), f"{father}ұлы"
        return surname + "а", self.random.choice(GIRLS), f"{father}қызы"

    def carer(self) -> dict:
        sex = self.random.choice("MF")
        last, first, middle = self.person_name(sex)
        birth = self.day_between(datetime.date(1960, 1, 1), datetime.date(1995, 12, 31))
        return {
            "carer_name": f"{last} {first} {middle}",
            "carer_iin": self.iin(birth, sex),
            "carer_address": f"{self.random.choice(CARER_STREETS)}, {self.random.randint(1, 120)}",
            "carer_phone": f"+7 70{self.random.randint(0, 9)} {self.random.randint(100, 999)} "
            f"{self.random.randint(10, 99)} {self.random.randint(10, 99)}",
        }

    # --- institutions --------------------------------------------------------
    def institutions(self) -> None:
        districts = {district.code: district for district in District.objects.all()}
        for region in Region.objects.all():
            for code, name_kk, name_ru, district, kind, sector, capacity in INSTITUTIONS.get(
                region.code, []
            ):
                institution_create(
                    actor=self.actor,
                    code=code,
                    name_kk=name_kk,
                    name_ru=name_ru,
                    district=districts[district],
                    kind=kind,
                    sector=sector,
                    capacity=capacity,
                )

    def institution_of(self, region_id: int, *kinds) -> Institution:
        found = [
            i
            for i in self.all_institutions
            if i.district.region_id == region_id and i.kind in kinds
        ]
        return self.random.choice(found)

    # --- children ------------------------------------------------------------
    def first_form(self, age: int) -> str:
        roll = self.random.random()
        if age < 3:
            return (
                PlacementForm.INSTITUTION
                if roll < 0.55
                else PlacementForm.GUARDIANSHIP
                if roll < 0.85
                else PlacementForm.ADOPTION
            )
        if age < 14:
            return (
                PlacementForm.GUARDIANSHIP
                if roll < 0.55
                else PlacementForm.INSTITUTION
                if roll < 0.82
                else PlacementForm.FOSTER_FAMILY
                if roll < 0.92
                else PlacementForm.PATRONAGE
            )
        return (
            PlacementForm.TRUSTEESHIP
            if roll < 0.6
            else PlacementForm.INSTITUTION
            if roll < 0.9
            else PlacementForm.FOSTER_FAMILY
        )

    def place(self, child, form: str, start: datetime.date):
        region_id = child.district.region_id
        institution = None
        carer = {}
        if form == PlacementForm.INSTITUTION:
            age = age_at(child.birth_date, start)
            kinds = (
                (InstitutionKind.BABY_HOME,)
                if age < 3
                else (
                    InstitutionKind.CHILDREN_HOME,
                    InstitutionKind.BOARDING_SCHOOL,
                    InstitutionKind.FAMILY_VILLAGE,
                    InstitutionKind.OTHER,
                )
            )
            institution = self.institution_of(region_id, *kinds)
        else:
            carer = self.carer()
        return placement_add(
            actor=self.actor,
            child=child,
            form=form,
            start_date=start,
            institution=institution,
            **carer,
        )

    def family_form_for(self, child, start: datetime.date) -> str:
        age = age_at(child.birth_date, start)
        if age < 7 and self.random.random() < 0.25:
            return PlacementForm.ADOPTION
        if age < 14:
            return self.random.choice(
                [PlacementForm.GUARDIANSHIP] * 3
                + [PlacementForm.FOSTER_FAMILY, PlacementForm.PATRONAGE]
            )
        return self.random.choice([PlacementForm.TRUSTEESHIP] * 3 + [PlacementForm.FOSTER_FAMILY])

    def child(self, district, *, iin_known=True, twin_of=None):
        sex = self.random.choice("MF")
        earliest = self.today - datetime.timedelta(days=365 * 20)
        birth = self.day_between(earliest, self.today - datetime.timedelta(days=40))
        registered = self.day_between(
            birth, min(self.today, coming_of_age(birth) - datetime.timedelta(days=30))
        )
        last, first, middle = self.person_name(sex)
        if twin_of is not None:  # the same child registered twice: a suspected duplicate
            last, first, middle, birth, sex = (
                twin_of.last_name.upper(),
                twin_of.first_name,
                twin_of.middle_name,
                twin_of.birth_date,
                twin_of.sex,
            )
            registered = max(registered, birth)
        orphan = self.random.random() < 0.27
        reasons, weights = zip(*REASONS_WITHOUT_CARE, strict=True)
        child = child_register(
            actor=self.actor,
            district=district,
            iin=self.iin(birth, sex) if iin_known else None,
            last_name=last,
            first_name=first,
            middle_name=middle,
            birth_date=birth,
            sex=sex,
            registered_on=registered,
            category=Category.ORPHAN if orphan else Category.WITHOUT_CARE,
            reason=StatusReason.PARENTS_DIED
            if orphan
            else self.random.choices(reasons, weights)[0],
            status_start=registered,
            document=f"№ {self.random.randint(100, 999)}-{registered:%Y}",
            confirm_similar=twin_of is not None,
        )
        self.history(child, registered)
        self.count += 1
        return child

    def history(self, child, registered: datetime.date) -> None:
        adult = coming_of_age(child.birth_date)
        form = self.first_form(age_at(child.birth_date, registered))
        placement = self.place(child, form, registered)
        # Institution pupils often move into a family after a while.
        if form == PlacementForm.INSTITUTION and self.random.random() < 0.45:
            move = self.day_between(
                registered + datetime.timedelta(days=60),
                min(self.today, adult - datetime.timedelta(days=1)),
            )
            if registered < move < min(self.today, adult):
                placement = self.place(child, self.family_form_for(child, move), move)
                form = placement.form
        # Some return to their parents.
        if form != PlacementForm.ADOPTION and self.random.random() < 0.05:
            back = self.day_between(placement.start_date + datetime.timedelta(days=90), self.today)
            if placement.start_date < back <= min(self.today, adult - datetime.timedelta(days=1)):
                placement_end(
                    actor=self.actor,
                    placement=placement,
                    version=placement.version,
                    end_date=back,
                    end_reason=PlacementEndReason.RETURNED,
                )
                return
        # Those who came of age left their placement on their 18th birthday.
        if adult <= self.today and form != PlacementForm.ADOPTION:
            placement.refresh_from_db()
            placement_end(
                actor=self.actor,
                placement=placement,
                version=placement.version,
                end_date=adult,
                end_reason=PlacementEndReason.CAME_OF_AGE,
            )
            return
        # A few cases move to another district with their family.
        if (
            form in (PlacementForm.GUARDIANSHIP, PlacementForm.TRUSTEESHIP)
            and self.random.random() < 0.06
        ):
            others = [
                d
                for d in self.districts
                if d.region_id == child.district.region_id and d.pk != child.district_id
            ]
            day = self.day_between(placement.start_date + datetime.timedelta(days=30), self.today)
            if others and placement.start_date < day <= self.today:
                child.refresh_from_db()
                child_transfer(
                    actor=self.actor,
                    child=child,
                    version=child.version,
                    to_district=self.random.choice(others),
                    date=day,
                    note="Қамқоршы отбасы көшті",
                )

    def load(self) -> int:
        self.institutions()
        self.all_institutions = list(Institution.objects.select_related("district"))
        self.districts = list(District.objects.select_related("region"))
        registered = []
        for district in self.districts:
            size = (
                CHILDREN_PER_DISTRICT if district.region.is_default else CHILDREN_PER_DISTRICT // 2
            )
            for number in range(size):
                registered.append(self.child(district, iin_known=number % 45 != 7))
        for twin in self.random.sample(registered, 2):
            self.child(self.random.choice(self.districts), iin_known=False, twin_of=twin)
        return self.count


def load_demo_children(*, actor, seed: int, stdout) -> None:
    count = DemoRegister(actor, seed).load()
    stdout.write(f"Demo children with their histories: {count}.")
