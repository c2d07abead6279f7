"""The workbook pages: upload, the check, the annotated copy, confirm; export."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from children.models import Child, Status
from children.services.statuses import status_add
from exchange import uploads
from exchange.models import WorkbookUpload
from registry.models import AccessLog, AuditEntry, Job
from tests.children.factories import register_child
from tests.exchange.workbooks import (
    CHILDREN_REQUIRED,
    GIRL,
    base_sheets,
    exported,
    make_workbook,
    table_counts,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(client, sheets=None, *, content=None, name="district.xlsx"):
    data = content if content is not None else make_workbook(sheets or base_sheets()).getvalue()
    return client.post(
        "/workbook/import/", {"workbook": SimpleUploadedFile(name, data, content_type=XLSX)}
    )


@pytest.fixture
def admin_client(as_user, admin_user):
    return as_user(admin_user)


def test_upload_check_confirm(areas, admin_client, admin_user):
    before = table_counts()
    response = upload(admin_client)
    # In-process, the check job has run: on to its report.
    assert response.status_code == 302 and response["Location"] == "/workbook/import/check/"
    # Uploading writes nothing of the register: the upload, its check's job and the
    # check's line in the access log.
    assert table_counts() == {
        **before,
        "registry.AccessLog": before["registry.AccessLog"] + 1,
        "registry.Job": before["registry.Job"] + 1,
        "exchange.WorkbookUpload": before["exchange.WorkbookUpload"] + 1,
    }
    check = Job.objects.get()
    assert (check.kind, check.phase, check.user) == ("workbook_check", "done", admin_user)
    assert (check.rows_read, check.rows_checked) == (check.total, check.total) != 0

    page = admin_client.get("/workbook/import/check/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "No problems found. Confirm to write the workbook into the register." in text
    assert '<td>Children</td><td class="text-end">2</td>' in text
    assert "Confirm the import" in text

    response = admin_client.post("/workbook/import/confirm/")
    job = Job.objects.get(kind="workbook_import")
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert Child.objects.count() == 2
    assert AuditEntry.objects.filter(actor=admin_user, content_type__model="child").count() == 2
    done = admin_client.get(f"/jobs/{job.pk}/").content.decode()
    assert "The workbook “district.xlsx” is imported." in done
    assert '<td>Placements</td><td class="text-end">3</td>' in done
    assert "hx-trigger" not in done  # finished: the page polls no more
    assert job.records_written == job.to_write != 0
    assert not WorkbookUpload.objects.exists()  # the upload is gone


def test_the_check_lists_every_problem(areas, admin_client):
    sheets = base_sheets()
    sheets["Children"][2][6] = "zz"
    sheets["Statuses"][1][3] = "31.02.2014"
    upload(admin_client, sheets)
    page = admin_client.get("/workbook/import/check/").content.decode()
    assert (
        "Problems found: 2. Nothing can be imported until they are fixed in the workbook." in page
    )
    assert "Unknown district “zz”." in page and "The date 31.02.2014 does not exist." in page
    assert "Confirm the import" not in page
    before = table_counts()
    response = admin_client.post("/workbook/import/confirm/")
    assert response.status_code == 302 and response["Location"] == "/workbook/import/check/"
    assert table_counts() == before


def test_the_annotated_copy_marks_each_bad_cell(areas, admin_client):
    sheets = base_sheets()
    sheets["Children"][2][6] = "zz"
    upload(admin_client, sheets, name="Список.xlsx")
    response = admin_client.get("/workbook/import/annotated/")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "problems.xlsx" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cell = workbook["Children"]["G3"]
    assert cell.value == "zz"
    assert cell.comment.text == "Unknown district “zz”."
    assert cell.fill.fgColor.rgb.endswith("FFC7CE")
    assert workbook["Children"]["G2"].comment is None
    assert workbook["Statuses"].max_row == 3  # the whole workbook comes back


def test_a_file_that_is_not_a_workbook(areas, admin_client):
    upload(admin_client, content=b"iin;name\n1;2\n", name="list.xlsx")
    page = admin_client.get("/workbook/import/check/").content.decode()
    assert "This file is not an Excel workbook (.xlsx), or it is damaged." in page
    assert "/workbook/import/annotated/" not in page


def test_upload_size_is_limited(areas, admin_client, monkeypatch):
    monkeypatch.setattr("exchange.forms.UPLOAD_LIMIT", 1000)
    response = upload(admin_client)
    assert response.status_code == 200
    assert "a workbook of at most 25 MB can be imported." in response.content.decode()
    assert not WorkbookUpload.objects.exists() and not Job.objects.exists()


def test_long_reports_are_paged(areas, admin_client):
    sheets = base_sheets()
    for number in range(150):
        sheets["Statuses"].append([GIRL, "nope", None, f"2023-{number % 12 + 1:02d}-01"])
    upload(admin_client, sheets)
    first = admin_client.get("/workbook/import/check/").content.decode()
    assert "Problems found: 150." in first and "Page 1 of 2" in first
    second = admin_client.get("/workbook/import/check/?page=2").content.decode()
    assert second.count("is not one of the codes of this column") == 50


def test_the_register_changed_before_confirming(areas, officer_a, as_user, district_a):
    child = register_child(officer_a, district_a, birth_date=datetime.date(2014, 4, 4))
    sheets = {
        "Statuses": [
            ["iin", "category", "start_date"],
            [child.iin, "orphan", "2023-03-03"],
        ]
    }
    status = child.statuses.get()
    status.end_date, status.end_reason = datetime.date(2023, 1, 1), "other"
    status.save()
    client = as_user(officer_a)
    upload(client, sheets)
    assert "No problems found." in client.get("/workbook/import/check/").content.decode()
    status_add(
        actor=officer_a,
        child=child,
        category="without_care",
        reason="other",
        start_date=datetime.date(2023, 2, 2),
    )
    response = client.post("/workbook/import/confirm/")
    job = Job.objects.get(kind="workbook_import")
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert (
        "The register changed since the check" in client.get(response["Location"]).content.decode()
    )
    page = client.get("/workbook/import/check/").content.decode()
    assert "This status overlaps the status from 02.02.2023" in page
    assert Status.objects.filter(child=child).count() == 2


def test_an_upload_belongs_to_its_uploader(areas, admin_client, admin_user, as_user, officer_a):
    upload(admin_client)
    token = admin_client.session[uploads.SESSION_KEY]
    other = as_user(officer_a)
    session = other.session
    session[uploads.SESSION_KEY] = token
    session.save()
    assert other.get("/workbook/import/check/")["Location"] == "/workbook/import/"
    other.post("/workbook/import/confirm/")
    assert not Child.objects.exists()


def test_every_check_is_in_the_access_log(areas, as_user, officer_a, officer_b, district_b):
    """A check looks IINs up in the whole register: it is logged with how many, whether
    or not the import is confirmed; and the one IIN kept elsewhere is not placed."""
    kept_elsewhere = register_child(officer_b, district_b, birth_date=datetime.date(2014, 4, 4))
    sheets = {
        "Children": [
            list(CHILDREN_REQUIRED),
            [kept_elsewhere.iin, "Ахметов", "Ержан", datetime.date(2014, 4, 4), "M", "a"],
        ],
        "Statuses": base_sheets()["Statuses"],  # two IINs nobody has
    }
    client = as_user(officer_a)
    upload(client, sheets, name="probe.xlsx")
    check = AccessLog.objects.get(user=officer_a)
    assert check.action == AccessLog.Action.CHECK and check.description == "probe.xlsx"
    assert check.parameters == {"scope": "a", "iins": 3, "problems": 3}
    assert check.district_id == officer_a.district_id
    page = client.get("/workbook/import/check/").content.decode()
    assert "This IIN cannot be imported into your area." in page
    assert district_b.name not in page and "«b»" not in page and "“b”" not in page


def test_checks_are_limited_per_hour(areas, as_user, officer_a, settings):
    settings.WORKBOOK_CHECKS_PER_HOUR = 2
    client = as_user(officer_a)
    # A check of more than an hour ago no longer counts.
    AccessLog.objects.create(
        user=officer_a,
        action=AccessLog.Action.CHECK,
        description="old.xlsx",
        timestamp=timezone.now() - datetime.timedelta(minutes=61),
    )
    for name in ("one.xlsx", "two.xlsx"):
        assert upload(client, name=name)["Location"] == "/workbook/import/check/"
    token = client.session[uploads.SESSION_KEY]
    response = upload(client, name="three.xlsx")
    assert response.status_code == 429
    assert (
        "Your account has used the workbook checks of this hour (2 at most). The workbook "
        "was not checked: upload it again later." in response.content.decode()
    )
    # Not checked, not kept, not logged: the pending upload is still the second one.
    assert client.session[uploads.SESSION_KEY] == token
    assert AccessLog.objects.filter(action=AccessLog.Action.CHECK).count() == 3
    assert "two.xlsx" in client.get("/workbook/import/check/").content.decode()
    assert set(WorkbookUpload.objects.values_list("pk", flat=True)) == {token}


def test_pages_without_an_upload_send_to_the_upload_form(areas, admin_client):
    for url in ("/workbook/import/check/", "/workbook/import/annotated/"):
        response = admin_client.get(url)
        assert response.status_code == 302 and response["Location"] == "/workbook/import/"
    assert admin_client.get("/workbook/import/confirm/").status_code == 405


def test_who_imports(areas, as_user, officer_a, admin_user, regional_user, national_user):
    for user in (officer_a, admin_user):
        assert as_user(user).get("/workbook/import/").status_code == 200
    for user in (regional_user, national_user):
        client = as_user(user)
        for url in ("/workbook/import/", "/workbook/import/check/"):
            assert client.get(url).status_code == 403
        assert client.post("/workbook/import/confirm/").status_code == 403


def test_navigation(areas, as_user, officer_a, regional_user):
    officer_page = as_user(officer_a).get("/").content.decode()
    assert 'href="/workbook/import/"' in officer_page and 'href="/workbook/export/"' in officer_page
    regional_page = as_user(regional_user).get("/").content.decode()
    assert 'href="/workbook/import/"' not in regional_page
    assert 'href="/workbook/export/"' in regional_page


def download(client, data=None):
    response = exported(client, data)
    assert response["Content-Type"] == XLSX
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)


def children_in(workbook) -> list[str]:
    return [row[0] for row in list(workbook["Children"].iter_rows(values_only=True))[1:]]


@pytest.fixture
def register(areas, officer_a, officer_b, officer_c, district_a, district_b, district_c):
    return {
        "a": register_child(officer_a, district_a).iin,
        "b": register_child(officer_b, district_b).iin,
        "c": register_child(officer_c, district_c).iin,
    }


def test_export_by_area(as_user, register, officer_a, regional_user, national_user, district_b):
    assert children_in(download(as_user(officer_a))) == [register["a"]]
    assert children_in(download(as_user(regional_user))) == [register["a"], register["b"]]
    assert children_in(download(as_user(regional_user), {"district": district_b.pk})) == [
        register["b"]
    ]
    assert children_in(download(as_user(national_user))) == list(register.values())


def test_export_of_a_district_outside_the_area(as_user, register, regional_user, district_c):
    client = as_user(regional_user)
    response = client.post("/workbook/export/download/", {"district": district_c.pk})
    assert response.status_code == 404
    assert not AccessLog.objects.filter(action="export").exists()
    assert not Job.objects.exists()


def test_export_is_logged_and_signed(as_user, register, officer_a):
    workbook = download(as_user(officer_a))
    assert workbook.properties.creator == "officer_a"
    assert workbook.properties.created is not None
    assert "(a)" in workbook.properties.title
    log = AccessLog.objects.get(action="export")
    assert log.user == officer_a and log.district_id == officer_a.district_id


def test_export_page(as_user, register, officer_a, regional_user):
    officer_page = as_user(officer_a).get("/workbook/export/").content.decode()
    assert 'name="district"' not in officer_page
    assert "allowances, alimony orders and payments, monitoring visits and life plans" in (
        officer_page
    )
    regional_page = as_user(regional_user).get("/workbook/export/").content.decode()
    assert 'name="district"' in regional_page and "All districts of my area" in regional_page


def test_the_check_speaks_the_users_language(areas, as_user, admin_user):
    client = as_user(admin_user, language="ru")
    sheets = base_sheets()
    sheets["Children"][2][1] = None  # the girl's last name
    upload(client, sheets)
    page = client.get("/workbook/import/check/").content.decode()
    assert "Обязательное поле." in page  # Django's own Russian for "This field is required."


@pytest.mark.parametrize(
    ("language", "children", "placements"),
    [
        ("kk", "Балалар (Children)", "Орналастыру нысандары (Placements)"),
        ("ru", "Дети (Children)", "Формы устройства (Placements)"),
    ],
)
def test_check_names_sheets_in_the_readers_language(
    areas, as_user, admin_user, language, children, placements
):
    client = as_user(admin_user, language=language)
    upload(client)
    text = client.get("/workbook/import/check/").content.decode()
    assert f'<td>{children}</td><td class="text-end">2</td>' in text
    assert f"<td>{placements}</td>" in text
    assert "<td>Children</td>" not in text
