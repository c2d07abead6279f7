"""Suspected duplicates side by side: the pair page, marking two children as
different (audited, no longer counted), the scoping of the page and of the mark."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied

from children.models import NotDuplicate, PlacementForm
from children.services.duplicates import not_duplicate_add
from registry.models import AuditEntry
from tests.children.factories import place, register_child

BORN = datetime.date(2019, 4, 2)


@pytest.fixture
def pair(officer_a, district_a):
    """Two records in district A with one name in two spellings and one birth date."""
    older = register_child(
        officer_a,
        district_a,
        birth_date=BORN,
        last_name="Сейітов",
        first_name="Ислам",
        registered_on=datetime.date(2021, 1, 5),
    )
    place(officer_a, older, PlacementForm.GUARDIANSHIP, datetime.date(2021, 2, 1))
    newer = register_child(
        officer_a,
        district_a,
        birth_date=BORN,
        last_name="СЕЙИТОВ",
        first_name="Ислам",
        registered_on=datetime.date(2022, 3, 7),
    )
    return older, newer


def pair_url(first, second) -> str:
    return f"/children/{first.pk}/duplicate/{second.pk}/"


def mark_url(first, second) -> str:
    return f"{pair_url(first, second)}different/"


def suspects_on_quality_page(client, district) -> int:
    page = client.get("/reports/quality/").content.decode()
    found = re.search(
        rf'key=quality\.duplicate_suspects[^"]*district={district.code}">(\d+)</a>', page
    )
    return int(found.group(1)) if found else 0


def test_the_drill_down_links_each_suspect_to_its_pair(as_user, officer_a, pair):
    older, newer = pair
    page = (
        as_user(officer_a)
        .get("/reports/children/", {"key": "quality.duplicate_suspects", "year": 2024})
        .content.decode()
    )
    assert f'href="{pair_url(older, newer)}"' in page
    assert f'href="{pair_url(newer, older)}"' in page


def test_the_pair_page_shows_both_children_side_by_side(as_user, officer_a, pair):
    older, newer = pair
    response = as_user(officer_a).get(pair_url(newer, older))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Сейітов Ислам" in page and "СЕЙИТОВ Ислам" in page
    assert older.iin in page and newer.iin in page
    assert "05.01.2021" in page and "07.03.2022" in page  # registered on, oldest first
    assert page.index("05.01.2021") < page.index("07.03.2022")
    assert "Guardianship" in page or "guardianship" in page
    # the merge starts here: the officer chooses the record that stays
    assert f'action="/children/{newer.pk}/duplicate/{older.pk}/merge/"' in page
    assert re.search(rf'name="keep"\s+value="{older.pk}"[^>]* checked', page)
    assert "Mark as different children" in page
    assert f'action="{mark_url(newer, older)}"' in page


def test_marking_different_removes_the_pair_from_the_suspects(as_user, officer_a, district_a, pair):
    older, newer = pair
    client = as_user(officer_a)
    assert suspects_on_quality_page(client, district_a) == 2
    response = client.post(mark_url(newer, older), {"reason": "Different birth certificates"})
    assert response.status_code == 302
    assert suspects_on_quality_page(client, district_a) == 0
    drill_down = client.get(
        "/reports/children/", {"key": "quality.duplicate_suspects", "year": 2024}
    ).content.decode()
    assert "No children." in drill_down
    page = client.get(pair_url(older, newer)).content.decode()
    assert "Marked as different children by Officer_A" in page
    assert "Different birth certificates" in page
    assert "Mark as different children" not in page
    # the mark is in the audit trail, attributed to the officer, on the child's history
    marked = NotDuplicate.objects.get()
    entry = AuditEntry.objects.get(content_type__model="notduplicate", object_id=marked.pk)
    assert entry.actor == officer_a
    assert (entry.child_id, entry.district_id) == (older.pk, district_a.pk)


def test_a_third_namesake_stays_a_suspect(as_user, officer_a, district_a, pair):
    older, newer = pair
    register_child(officer_a, district_a, birth_date=BORN, last_name="Seitov", first_name="Islam")
    not_duplicate_add(actor=officer_a, child=older, other=newer, reason="Checked")
    assert suspects_on_quality_page(as_user(officer_a), district_a) == 3  # each has the third


def test_marking_without_a_reason_writes_nothing(as_user, officer_a, pair):
    older, newer = pair
    response = as_user(officer_a).post(mark_url(older, newer), {"reason": "  "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not NotDuplicate.objects.exists()


def test_a_pair_is_marked_once(officer_a, pair):
    from django.core.exceptions import ValidationError

    older, newer = pair
    not_duplicate_add(actor=officer_a, child=newer, other=older, reason="Checked")
    with pytest.raises(ValidationError, match="already marked"):
        not_duplicate_add(actor=officer_a, child=older, other=newer, reason="Again")
    assert NotDuplicate.objects.count() == 1


def test_children_of_different_names_are_no_pair(as_user, officer_a, district_a, pair):
    older, _newer = pair
    other = register_child(officer_a, district_a, birth_date=BORN, last_name="Омаров")
    assert as_user(officer_a).get(pair_url(older, other)).status_code == 404


def test_another_districts_pair_is_404(as_user, officer_b, regional_user, pair):
    older, newer = pair
    client = as_user(officer_b)
    assert client.get(pair_url(older, newer)).status_code == 404
    assert client.post(mark_url(older, newer), {"reason": "x"}).status_code == 404
    assert not NotDuplicate.objects.exists()


def test_readers_see_the_pair_but_may_not_mark_it(as_user, regional_user, pair):
    older, newer = pair
    client = as_user(regional_user)
    page = client.get(pair_url(older, newer)).content.decode()
    assert "Сейітов Ислам" in page and "Mark as different children" not in page
    assert client.post(mark_url(older, newer), {"reason": "x"}).status_code == 403
    assert client.post(pair_url(older, newer), {"reason": "x"}).status_code == 200
    assert not NotDuplicate.objects.exists()


def test_a_twin_in_another_district_stays_invisible(
    as_user, officer_a, officer_b, district_b, pair
):
    older, _newer = pair
    far = register_child(
        officer_b, district_b, birth_date=BORN, last_name="Сейитов", first_name="Ислам"
    )
    assert as_user(officer_a).get(pair_url(older, far)).status_code == 404
    assert as_user(officer_a).post(mark_url(older, far), {"reason": "x"}).status_code == 404
    # nobody edits both districts' cases: nobody may mark this pair
    with pytest.raises(PermissionDenied):
        not_duplicate_add(actor=officer_a, child=older, other=far, reason="Checked")
    assert not NotDuplicate.objects.exists()


@pytest.mark.parametrize(("language", "words"), [("kk", "ЖСН"), ("ru", "ИИН")])
def test_the_pair_page_speaks_kazakh_and_russian(as_user, officer_a, pair, language, words):
    older, newer = pair
    response = as_user(officer_a, language=language).get(pair_url(older, newer))
    assert response.status_code == 200
    assert words in response.content.decode()
