"""What an import may change: officers their district, administrators their region,
the command line one district with --district."""

import datetime

import pytest

from children.iin import make_iin
from children.models import Child, Institution, InstitutionKind, Sector
from children.services.institutions import institution_create
from exchange.workbook.scope import ImportScope
from registry.models import District
from tests.children.factories import register_child
from tests.exchange.workbooks import (
    BOY,
    CHILDREN_REQUIRED,
    GIRL,
    base_sheets,
    problem_lines,
    run_import,
    table_counts,
)

OUTSIDE = "This row is outside the area you may import into."
ONLY_ADMIN = "Only the regional administrator can add or change districts and institutions."


@pytest.fixture
def home_a(actor, district_a):
    return institution_create(
        actor=actor,
        code="CH-A",
        name_kk="А балалар үйі",
        name_ru="Детский дом А",
        district=district_a,
        kind=InstitutionKind.CHILDREN_HOME,
        sector=Sector.EDUCATION,
        capacity=50,
    )


def officer_sheets():
    """The base workbook as an officer of district A sends it: the institution as the
    register has it."""
    sheets = base_sheets()
    sheets["Institutions"] = [
        ["code", "name", "name_kk", "district", "kind", "sector", "capacity"],
        ["CH-A", "Детский дом А", "А балалар үйі", "a", "children_home", "education", 50],
    ]
    return sheets


def test_officer_imports_their_district(areas, officer_a, home_a):
    result = run_import(officer_sheets(), actor=officer_a, scope=ImportScope.for_user(officer_a))
    assert problem_lines(result) == []
    assert Child.objects.filter(district__code="a").count() == 1  # the girl moved to b
    assert result.counts["Institutions"] == {"created": 0, "updated": 0, "unchanged": 1}


def test_a_row_for_another_district_is_an_error_for_an_officer(areas, officer_a, home_a):
    sheets = officer_sheets()
    sheets["Children"][2][6] = "b"
    sheets["Transfers"] = [sheets["Transfers"][0]]
    before = table_counts()
    result = run_import(sheets, actor=officer_a, scope=ImportScope.for_user(officer_a))
    assert problem_lines(result) == [f"Children, 3, district: {OUTSIDE}"]
    assert table_counts() == before


def test_a_child_of_another_district_is_out_of_reach(areas, officer_a, officer_b, district_b):
    """A record of a child kept elsewhere is refused in the words of an IIN nobody
    has: the check does not tell that the child is in the register."""
    child = register_child(officer_b, district_b, birth_date=datetime.date(2014, 4, 4))
    nobody = make_iin(datetime.date(2014, 4, 4), "M", 999)
    sheets = {
        "Statuses": [
            ["iin", "category", "start_date", "end_date", "end_reason"],
            [child.iin, "without_care", child.registered_on, "2022-01-01", "other"],
            [nobody, "without_care", child.registered_on, "2022-01-01", "other"],
        ]
    }
    result = run_import(sheets, actor=officer_a, scope=ImportScope.for_user(officer_a))
    unknown = "No child with this IIN on the Children sheet or among the children of your area."
    assert problem_lines(result) == [f"Statuses, 2, iin: {unknown}", f"Statuses, 3, iin: {unknown}"]
    assert child.statuses.get().end_date is None


def test_a_child_row_kept_elsewhere_does_not_say_where(areas, officer_a, officer_b, district_b):
    child = register_child(officer_b, district_b, birth_date=datetime.date(2014, 4, 4))
    sheets = {
        "Children": [
            list(CHILDREN_REQUIRED),
            [child.iin, "Ахметов", "Ержан", datetime.date(2014, 4, 4), "M", "a"],
        ]
    }
    result = run_import(sheets, actor=officer_a, scope=ImportScope.for_user(officer_a))
    assert problem_lines(result) == [
        "Children, 2, iin: This IIN cannot be imported into your area."
    ]


def test_officers_do_not_add_or_change_institutions(areas, officer_a, home_a):
    sheets = officer_sheets()
    sheets["Institutions"][1][2] = "Жаңа атауы"
    sheets["Institutions"].append(["CH-NEW", "Новый дом", "", "a", "baby_home", "health", 10])
    result = run_import(sheets, actor=officer_a, scope=ImportScope.for_user(officer_a))
    assert problem_lines(result) == [
        f"Institutions, 2, code: {ONLY_ADMIN}",
        f"Institutions, 3, code: {ONLY_ADMIN}",
    ]
    assert Institution.objects.get().name_kk == "А балалар үйі"


def test_administrators_add_districts_and_institutions_of_their_region(areas, admin_user):
    sheets = base_sheets()
    sheets["Districts"].append(["e", "Район Е", ""])  # empty: the default region
    sheets["Institutions"].append(["BH-E", "Дом ребёнка Е", "e", "дом ребёнка", "health", None])
    result = run_import(sheets, actor=admin_user, scope=ImportScope.for_user(admin_user))
    assert problem_lines(result) == []
    district = District.objects.get(code="e")
    assert (
        district.region == areas["a"].region and district.name_kk == district.name_ru == "Район Е"
    )
    assert Institution.objects.get(code="BH-E").kind == "baby_home"


def test_administrators_stay_in_their_region(areas, admin_user):
    sheets = base_sheets()
    sheets["Districts"].append(["f", "Район Ф", "r2"])
    sheets["Children"][2][6] = "c"
    sheets["Transfers"] = [sheets["Transfers"][0]]
    result = run_import(sheets, actor=admin_user, scope=ImportScope.for_user(admin_user))
    assert problem_lines(result) == [
        f"Districts, 4, code: {OUTSIDE}",
        f"Children, 3, district: {OUTSIDE}",
    ]


def test_a_district_keeps_its_region(areas, admin_user):
    sheets = base_sheets()
    sheets["Districts"][2][2] = "r2"
    result = run_import(sheets)
    assert (
        problem_lines(result)[0]
        == "Districts, 3, region: A district cannot move to another region."
    )


def test_one_district_from_the_command_line(areas, district_a):
    sheets = base_sheets()
    sheets["Children"][2][6] = "b"
    sheets["Transfers"] = [sheets["Transfers"][0]]
    result = run_import(sheets, scope=ImportScope.of_district(district_a))
    assert problem_lines(result) == [f"Children, 3, district: {OUTSIDE}"]


def test_a_child_may_be_handed_over_to_another_district(areas, officer_a, home_a):
    """An officer's own child, transferred away by the import, like the Transfer page does."""
    result = run_import(officer_sheets(), actor=officer_a, scope=ImportScope.for_user(officer_a))
    assert problem_lines(result) == []
    assert Child.objects.get(iin=GIRL).district.code == "b"
    assert Child.objects.get(iin=BOY).district.code == "a"


def test_the_area_is_checked_even_when_the_child_has_other_problems(areas, officer_a, home_a):
    sheets = officer_sheets()
    sheets["Children"][2][6] = "b"
    sheets["Children"][2][4] = "31.02.2009"
    sheets["Transfers"] = [sheets["Transfers"][0]]
    result = run_import(sheets, actor=officer_a, scope=ImportScope.for_user(officer_a))
    assert problem_lines(result) == [
        "Children, 3, birth_date: The date 31.02.2009 does not exist.",
        f"Children, 3, district: {OUTSIDE}",
    ]


def test_administrators_correct_institutions_and_districts(areas, admin_user, home_a):
    from registry.models import AuditEntry

    sheets = {
        "Districts": [["code", "name", "name_en"], ["a", "Район А", "District A"]],
        "Institutions": [
            ["code", "name", "district", "kind", "sector", "capacity"],
            ["CH-A", "Детский дом А", "a", "children_home", "education", 60],
        ],
    }
    result = run_import(sheets, actor=admin_user, scope=ImportScope.for_user(admin_user))
    assert problem_lines(result) == []
    assert result.counts["Institutions"] == {"created": 0, "updated": 1, "unchanged": 0}
    home_a.refresh_from_db()
    assert home_a.capacity == 60 and home_a.version == 2 and home_a.name_kk == "А балалар үйі"
    assert District.objects.get(code="a").name_en == "District A"
    entry = AuditEntry.objects.get(content_type__model="institution", action=1)
    assert entry.changes == {"capacity": [50, 60]} and entry.actor == admin_user
