"""Merging one child registered twice: every kind of record moves to the record that
stays, its empty identity is completed, the figures count the child once, the trail
says who merged what and why; refused with nothing written for different IINs,
overlapping records, records marked different, and outside the officer's district."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from benefits.models import AlimonyOrder, Allowance
from benefits.services.alimony import alimony_order_add
from benefits.services.allowances import allowance_add
from care.models import LifePlan, MonitoringVisit, ScheduledVisit
from care.services.plans import life_plan_add
from children.models import Child, NotDuplicate, Placement, PlacementForm, Status
from children.services.duplicates import not_duplicate_add
from children.services.merge import child_merge
from children.services.placements import placement_end
from children.services.statuses import status_end
from housing.models import HousingQueueEntry, HousingRight
from housing.services.queue import queue_entry_add
from housing.services.rights import housing_right_add
from registry.models import AuditEntry
from tests.care.factories import record_visit
from tests.children.factories import place, register_child
from tests.conftest import table_rows

BORN = datetime.date(2012, 4, 2)
KINDS = (Status, Placement, HousingRight, HousingQueueEntry, Allowance, AlimonyOrder, LifePlan)


def _records_of(child) -> dict:
    return {model.__name__: model.objects.filter(child=child).count() for model in KINDS}


@pytest.fixture
def twins(officer_a, district_a):
    """The same boy registered twice in district A: first in 2021 with his IIN, his
    case closed in 2022 (status and placement ended) and registered again without an
    IIN, a middle name given. The first record holds a record of every kind."""
    first = register_child(
        officer_a,
        district_a,
        birth_date=BORN,
        last_name="Сейітов",
        first_name="Ислам",
        registered_on=datetime.date(2021, 1, 5),
    )
    placement = place(officer_a, first, PlacementForm.GUARDIANSHIP, datetime.date(2021, 2, 1))
    record_visit(officer_a, placement, datetime.date(2021, 6, 1))
    housing_right_add(
        actor=officer_a,
        child=first,
        kind="share",
        share_size="1/3",
        address="Талдықорған, Абай к-сі 5",
        start_date=datetime.date(2021, 3, 1),
    )
    queue_entry_add(
        actor=officer_a, child=first, district=district_a, start_date=datetime.date(2021, 3, 1)
    )
    allowance_add(
        actor=officer_a,
        child=first,
        kind="guardian_allowance",
        monthly_amount=Decimal("42000"),
        start_date=datetime.date(2021, 3, 1),
    )
    alimony_order_add(
        actor=officer_a,
        child=first,
        decision_number="2-345/2021",
        decision_date=datetime.date(2021, 2, 10),
        court="Талдықорған қалалық соты",
        debtor_name="Сейітов Ерлан",
        start_date=datetime.date(2021, 2, 10),
        monthly_amount=Decimal("20000"),
    )
    life_plan_add(
        actor=officer_a,
        child=first,
        start_date=datetime.date(2021, 9, 1),
        education_goal="Мектепті бітіру",
        responsible_person="Серікова Г.",
        next_review_date=datetime.date(2022, 9, 1),
    )
    placement = Placement.objects.get(pk=placement.pk)
    placement_end(
        actor=officer_a,
        placement=placement,
        version=placement.version,
        end_date=datetime.date(2022, 3, 1),
        end_reason="other",
    )
    status = first.statuses.get()
    status_end(
        actor=officer_a,
        status=status,
        version=status.version,
        end_date=datetime.date(2022, 3, 1),
        end_reason="other",
    )
    second = register_child(
        officer_a,
        district_a,
        birth_date=BORN,
        last_name="СЕЙИТОВ",
        first_name="Ислам",
        middle_name="Ерланұлы",
        iin=None,
        registered_on=datetime.date(2022, 3, 7),
    )
    return Child.objects.get(pk=first.pk), Child.objects.get(pk=second.pk)


def merge_url(first, second) -> str:
    return f"/children/{first.pk}/duplicate/{second.pk}/merge/"


def listed_names(client, **params) -> list[str]:
    rows = table_rows(client.get("/children/", params))
    return re.findall(r'<a href="/children/\d+/">([^<]+)</a>', rows)


def test_the_merge_moves_every_record_and_completes_the_identity(officer_a, twins):
    first, second = twins
    moving = _records_of(first)
    assert all(moving.values()), moving
    kept_before = _records_of(second)
    visits = MonitoringVisit.objects.filter(child=first).count()
    due = ScheduledVisit.objects.filter(child=first).count()

    child_merge(actor=officer_a, keep=second, merge=first, reason="Бір туу туралы куәлік")

    assert not Child.objects.filter(pk=first.pk).exists()
    kept = Child.objects.get(pk=second.pk)
    assert _records_of(kept) == {kind: kept_before[kind] + moving[kind] for kind in moving}
    assert MonitoringVisit.objects.filter(child=kept).count() == visits == 1
    assert ScheduledVisit.objects.filter(child=kept).count() >= due
    assert not ScheduledVisit.objects.filter(child_id=first.pk).exists()
    # The IIN it lacked, from the merged record; its own middle name and name kept.
    assert kept.iin == first.iin
    assert kept.middle_name == "Ерланұлы"
    assert kept.last_name == "СЕЙИТОВ"
    # The child came into the register with the first registration.
    assert kept.registered_on == datetime.date(2021, 1, 5)


def test_the_officer_merges_from_the_pair_page(as_user, officer_a, district_a, twins):
    first, second = twins
    client = as_user(officer_a)
    assert len(listed_names(client, q="Сейітов Ислам")) == 2
    pair_page = client.get(f"/children/{first.pk}/duplicate/{second.pk}/").content.decode()
    assert f'action="{merge_url(first, second)}"' in pair_page
    assert "Merge the records" in pair_page

    preview = client.get(merge_url(first, second), {"keep": second.pk}).content.decode()
    moving = re.search(r'<ul class="small mb-0" id="merge-moving">(.*?)</ul>', preview, re.S)
    assert "Placement: 1" in moving.group(1)
    assert "Alimony order: 1" in moving.group(1)
    assert "Monitoring visit: 1" in moving.group(1)
    assert first.iin in preview  # the IIN the kept record takes
    assert Child.objects.filter(pk=first.pk).exists()  # nothing written yet

    response = client.post(
        merge_url(first, second), {"keep": second.pk, "reason": "Бір туу туралы куәлік"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/children/{second.pk}/"
    assert client.get(f"/children/{first.pk}/").status_code == 404
    assert listed_names(client, q="Сейітов Ислам") == ["СЕЙИТОВ Ислам Ерланұлы"]
    page = client.get(f"/children/{second.pk}/").content.decode()
    assert f"record #{first.pk} merged into it" in page and "Бір туу туралы куәлік" in page
    assert "Guardianship" in page or "guardianship" in page


def test_the_figures_count_the_child_once(as_user, officer_a, district_a, twins):
    first, second = twins
    client = as_user(officer_a)

    def suspects() -> int:
        page = client.get("/reports/quality/").content.decode()
        found = re.search(
            rf'key=quality\.duplicate_suspects[^"]*district={district_a.code}">(\d+)</a>', page
        )
        return int(found.group(1)) if found else 0

    def registered() -> int:
        return Child.objects.filter(district=district_a).count()

    assert suspects() > 0 and registered() == 2
    child_merge(actor=officer_a, keep=first, merge=second, reason="Бір бала")
    assert suspects() == 0 and registered() == 1
    # Both statuses are the kept child's now, one after the other.
    assert Status.objects.filter(child=first).count() == 2


def test_the_trail_says_who_merged_what_and_why(as_user, officer_a, admin_user, twins):
    first, second = twins
    child_merge(actor=officer_a, keep=first, merge=second, reason="Бір туу туралы куәлік")
    gone = AuditEntry.objects.get(object_pk=str(second.pk), additional_data__merged_into=first.pk)
    kept = AuditEntry.objects.get(object_pk=str(first.pk), additional_data__merged_from=second.pk)
    for entry in (gone, kept):
        assert entry.actor == officer_a
        assert entry.additional_data["reason"] == "Бір туу туралы куәлік"
        assert entry.district_id == first.district_id
    trail = as_user(admin_user).get("/audit/").content.decode()
    assert f"merged into #{first.pk}" in trail
    # The kept child's history keeps what happened to the merged record's records.
    history = as_user(officer_a).get(f"/children/{first.pk}/").content.decode()
    assert f"record #{second.pk} merged into it" in history
    assert f"merged into #{first.pk}" in history


def test_the_cached_figures_follow_the_merge(officer_a, district_a, twins):
    """The figures are read through their cache before and after: the merge is a new
    version of the district's data, and the kept record carries the whole history."""
    from django.utils import timezone

    from reports.indicators.cache import figures

    first, second = twins
    year = timezone.localdate().year

    def shown(year, key):
        return figures(year, district=district_a).values[key]

    assert shown(2021, "contingent.total") == 1  # the first record's status
    assert shown(year, "quality.without_iin") == 1  # the second record
    assert shown(year, "quality.duplicate_suspects") > 0
    child_merge(actor=officer_a, keep=second, merge=first, reason="Бір бала")
    assert shown(2021, "contingent.total") == 1  # now the kept record's past
    assert shown(year, "quality.without_iin") == 0  # it took the IIN
    assert shown(year, "quality.duplicate_suspects") == 0


def _nothing_written(first, second, before):
    assert Child.objects.filter(pk__in=(first.pk, second.pk)).count() == 2
    assert (_records_of(first), _records_of(second), AuditEntry.objects.count()) == before


def _state(first, second):
    return _records_of(first), _records_of(second), AuditEntry.objects.count()


def test_different_iins_are_refused(as_user, officer_a, district_a, twins):
    first, _second = twins
    other = register_child(
        officer_a,
        district_a,
        birth_date=BORN,
        last_name="Сейтов",
        first_name="Ислам",
        registered_on=datetime.date(2023, 1, 9),
    )
    status = other.statuses.get()
    before = _state(first, other)
    with pytest.raises(ValidationError) as error:
        child_merge(actor=officer_a, keep=first, merge=other, reason="Бір бала")
    assert "different IINs" in " ".join(error.value.messages)
    _nothing_written(first, other, before)
    page = as_user(officer_a).get(merge_url(first, other)).content.decode()
    assert "different IINs" in page and "Merge the records</button>" not in page
    assert status.pk in Status.objects.filter(child=other).values_list("pk", flat=True)


def test_overlapping_records_are_refused_with_nothing_written(as_user, officer_a, twins):
    first, second = twins
    place(officer_a, second, PlacementForm.GUARDIANSHIP, datetime.date(2022, 3, 7))
    # Both records hold an open status and queue entry: merged, they would overlap.
    queue_entry_add(
        actor=officer_a,
        child=second,
        district=second.district,
        start_date=datetime.date(2022, 4, 1),
    )
    Status.objects.filter(child=first).update(end_date=None, end_reason="")
    client = as_user(officer_a)
    before = _state(first, second)
    # The page says so before the officer confirms, and offers no button.
    preview = client.get(merge_url(first, second), {"keep": second.pk}).content.decode()
    assert "Statuses would overlap" in preview and "Housing queue" in preview
    assert "Merge the records</button>" not in preview
    _nothing_written(first, second, before)
    response = client.post(merge_url(first, second), {"keep": second.pk, "reason": "Бір бала"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Statuses would overlap" in page
    _nothing_written(first, second, before)


def test_the_kept_records_workbook_key_stays(officer_a, twins):
    """Two records that came in through workbooks, each under its key: the kept
    record's key stays, the other's is dropped; a key only the merged record has moves."""
    from exchange.models import WorkbookKey

    first, second = twins
    WorkbookKey.objects.create(child=first, key="TMP-A-1")
    WorkbookKey.objects.create(child=second, key="TMP-B-7")
    child_merge(actor=officer_a, keep=second, merge=first, reason="Бір бала")
    assert list(WorkbookKey.objects.values_list("child_id", "key")) == [(second.pk, "TMP-B-7")]


def test_a_pair_marked_different_with_a_third_record_follows_the_kept_one(
    officer_a, district_a, twins
):
    first, second = twins
    third = register_child(
        officer_a,
        district_a,
        birth_date=BORN,
        last_name="Сейитов",
        first_name="Ислам",
        registered_on=datetime.date(2023, 5, 2),
    )
    not_duplicate_add(actor=officer_a, child=first, other=third, reason="Басқа ата-ана")
    child_merge(actor=officer_a, keep=second, merge=first, reason="Бір бала")
    pair = NotDuplicate.objects.get()
    assert {pair.child_a_id, pair.child_b_id} == {second.pk, third.pk}
    assert pair.reason == "Басқа ата-ана"


def test_records_marked_different_are_not_merged(officer_a, twins):
    first, second = twins
    not_duplicate_add(actor=officer_a, child=first, other=second, reason="Екі бала")
    with pytest.raises(ValidationError):
        child_merge(actor=officer_a, keep=first, merge=second, reason="Бір бала")
    assert NotDuplicate.objects.count() == 1


def test_the_merge_is_for_the_district_keeping_both(
    as_user, officer_a, officer_b, regional_user, twins
):
    first, second = twins
    data = {"keep": first.pk, "reason": "Бір бала"}
    assert as_user(officer_b).get(merge_url(first, second)).status_code == 404
    assert as_user(officer_b).post(merge_url(first, second), data).status_code == 404
    assert as_user(regional_user).post(merge_url(first, second), data).status_code == 403
    with pytest.raises(PermissionDenied):
        child_merge(actor=officer_b, keep=first, merge=second, reason="Бір бала")
    assert Child.objects.filter(pk__in=(first.pk, second.pk)).count() == 2
    # A namesake kept by another district is not the officer's to merge: 404.
    elsewhere = register_child(
        officer_b,
        officer_b.district,
        birth_date=BORN,
        last_name="Сейітов",
        first_name="Ислам",
        iin=None,
    )
    client = as_user(officer_a)
    assert client.get(merge_url(first, elsewhere)).status_code == 404
    assert client.post(merge_url(first, elsewhere), data).status_code == 404
    assert client.post(merge_url(elsewhere, first), data).status_code == 404
    with pytest.raises(PermissionDenied):
        child_merge(actor=officer_a, keep=first, merge=elsewhere, reason="Бір бала")
    assert Child.objects.filter(pk__in=(first.pk, second.pk, elsewhere.pk)).count() == 3


def test_a_merge_without_a_reason_writes_nothing(as_user, officer_a, twins):
    first, second = twins
    client = as_user(officer_a)
    before = _state(first, second)
    response = client.post(merge_url(first, second), {"keep": first.pk, "reason": ""})
    assert response.status_code == 200
    _nothing_written(first, second, before)
