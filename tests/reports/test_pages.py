"""The dashboard, the children behind a figure, the annual workbook, closing a year and
the data-quality page: what each role sees, and that figures agree everywhere."""

import datetime
import io

import openpyxl
import pytest
from django.core.cache import cache

from children.services.statuses import status_correct
from registry.models import AccessLog, Job
from reports.indicators.engine import indicators_for
from reports.models import SubmittedReport
from tests.conftest import table_rows


def test_officer_sees_own_district_and_no_other(as_user, officer_a, register, district_b):
    client = as_user(officer_a)
    page = client.get("/reports/", {"year": 2024}).content.decode()
    assert "Indicators of Район А" in page
    assert client.get("/reports/", {"year": 2024, "district": "b"}).status_code == 404
    assert (
        client.get("/reports/", {"year": 2024, "region": "r2"}).status_code == 200
    )  # ignored: own district


def test_regional_user_sees_region_and_its_districts_only(as_user, regional_user, register):
    client = as_user(regional_user)
    page = client.get("/reports/", {"year": 2024}).content.decode()
    assert "Indicators of Первая область" in page
    assert (
        'href="/reports/children/?key=contingent.total&amp;year=2024&amp;region=r1">7</a>' in page
    )
    assert client.get("/reports/", {"year": 2024, "district": "b"}).status_code == 200
    assert client.get("/reports/", {"year": 2024, "district": "c"}).status_code == 404
    assert client.get("/reports/", {"year": 2024, "region": "r2"}).status_code == 404


def test_national_user_compares_regions(as_user, national_user, register):
    page = as_user(national_user).get("/reports/", {"year": 2024}).content.decode()
    assert "Indicators of All regions" in page
    assert "Children in the register by region" in page
    assert 'href="/reports/?region=r1&amp;year=2024"' in page


def test_nonsense_year_is_404(as_user, regional_user, register):
    client = as_user(regional_user)
    assert client.get("/reports/", {"year": "abc"}).status_code == 404
    assert client.get("/reports/", {"year": "1800"}).status_code == 404


def test_figure_links_to_exactly_its_children(as_user, regional_user, register):
    client = as_user(regional_user)
    response = client.get(
        "/reports/children/", {"key": "contingent.family", "year": 2024, "region": "r1"}
    )
    rows = table_rows(response)
    expected = {register[name].full_name for name in ("c3", "c5", "c11")}
    assert {name for name in expected if name in rows} == expected
    assert rows.count("<tr>") == 3


def test_officer_drill_down_hides_children_now_elsewhere(as_user, officer_a, register):
    """c5 counted in A at the end of 2023, kept by B since: counted, not listed to A."""
    response = as_user(officer_a).get(
        "/reports/children/", {"key": "contingent.total_prev", "year": 2024}
    )
    page = response.content.decode()
    assert "7 children." in page
    assert "1 of them is now kept by a district you cannot see and is not listed." in page
    assert register["c5"].full_name not in table_rows(response)


def test_unknown_key_is_404(as_user, regional_user, register):
    assert (
        as_user(regional_user).get("/reports/children/", {"key": "nope", "year": 2024}).status_code
        == 404
    )


def test_dashboard_query_count_does_not_grow(
    as_user, regional_user, register, officer_a, district_a, django_assert_max_num_queries
):
    from tests.children.factories import register_child

    client = as_user(regional_user)
    cache.clear()
    with django_assert_max_num_queries(60) as first:
        client.get("/reports/", {"year": 2024})
    for number in range(20):
        register_child(officer_a, district_a, birth_date=datetime.date(2012, 3, 1 + number))
    cache.clear()
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get("/reports/", {"year": 2024})
    # Unchanged register: the figures come from the cache (one of the queries loads the
    # session's second-factor device, as on every page of a signed-in account; the
    # figures' version is 5: the area's entries, the other entries they count, the
    # last job that wrote derived records).
    with django_assert_max_num_queries(15):
        client.get("/reports/", {"year": 2024})


def workbook(response):
    return openpyxl.load_workbook(io.BytesIO(response.getvalue()))


def annual_report(client, url="/reports/annual/2024.xlsx"):
    """The annual report's job started (it runs in the request in tests), and its file."""
    started = client.post(url)
    assert started.status_code == 302 and started["Location"].endswith("/file/")
    return client.get(started["Location"])


def test_annual_workbook(as_user, regional_user, register, region):
    client = as_user(regional_user)
    assert client.get("/reports/annual/2024.xlsx").status_code == 405
    response = annual_report(client)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="annual-report-2024-r1.xlsx"' in response["Content-Disposition"]
    book = workbook(response)
    assert book.sheetnames[0] == "Summary"
    summary = book["Summary"]
    rows = {row[0].value: row for row in summary.iter_rows(min_row=5)}
    total = rows["Orphans and children left without parental care"]
    assert [cell.value for cell in total[1:5]] == [8, 7, -1, -12.5]
    contingent = book["Contingent"]
    last = [cell.value for cell in list(contingent.iter_rows())[-1]]
    assert last[0] == "Total: Первая область"
    assert last[1] == 7 == sum(row[1].value for row in list(contingent.iter_rows(min_row=4))[:-1])
    narrative = [cell.value for cell in book["Narrative"]["A"] if cell.value]
    assert "Қазақша" in narrative and "Русский" in narrative
    assert any("7 детей" in text and "на 1 (12,5 %) меньше" in text for text in narrative)
    assert any("7 бала бар" in text and "1 бала (12,5 %) азайды" in text for text in narrative)
    assert book.properties.creator == "Regional"
    assert book["Contingent over the years"]._charts
    logs = AccessLog.objects.filter(user=regional_user, action="export")
    assert logs.count() == 1 and logs.get().region_id == region.pk
    assert logs.get().parameters["described_by"] == "annual_report"
    job = Job.objects.get(kind="annual_report", user=regional_user)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert f'href="/jobs/{job.pk}/file/"' in page and "Первая область" in page
    client.get(f"/jobs/{job.pk}/file/")  # each download is logged
    assert logs.count() == 2


def test_annual_report_of_the_country_and_of_a_region_for_a_national_user(
    as_user, national_user, register, region
):
    client = as_user(national_user)
    country = annual_report(client)
    assert 'filename="annual-report-2024-all.xlsx"' in country["Content-Disposition"]
    regional = annual_report(client, f"/reports/annual/2024.xlsx?region={region.code}")
    assert 'filename="annual-report-2024-r1.xlsx"' in regional["Content-Disposition"]
    logs = AccessLog.objects.filter(user=national_user, action="export").order_by("pk")
    assert [log.region_id for log in logs] == [None, region.pk]


def test_annual_report_outside_the_users_area_starts_nothing(as_user, officer_b, register, region):
    client = as_user(officer_b)
    response = client.post("/reports/annual/2024.xlsx?district=nowhere")
    assert response.status_code == 404
    assert not Job.objects.exists()


def test_annual_report_on_the_worker_downloads_from_its_page(
    as_user, regional_user, register, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client = as_user(regional_user)
    started = client.post("/reports/annual/2024.xlsx")
    job = Job.objects.get(kind="annual_report")
    assert started["Location"] == f"/jobs/{job.pk}/" and job.phase == "queued"
    assert not AccessLog.objects.filter(action="export").exists()
    assert client.get(f"/jobs/{job.pk}/file/").status_code == 404  # not made yet


@pytest.mark.django_db(transaction=True)
def test_annual_report_made_by_the_database_worker(as_user, regional_user, register, settings):
    from tests.exchange.test_workbook_jobs import DATABASE_WORKER, run_worker

    settings.TASKS = DATABASE_WORKER
    client = as_user(regional_user)
    job_page = client.post("/reports/annual/2024.xlsx")["Location"]
    run_worker()
    job = Job.objects.get(kind="annual_report")
    assert job.phase == "done" and job_page == f"/jobs/{job.pk}/"
    assert f'href="/jobs/{job.pk}/file/"' in client.get(job_page).content.decode()
    assert workbook(client.get(f"/jobs/{job.pk}/file/")).sheetnames[0] == "Summary"
    assert AccessLog.objects.filter(user=regional_user, action="export").count() == 1


def test_annual_workbook_titles_in_the_users_language(as_user, regional_user, register):
    book = workbook(annual_report(as_user(regional_user, language="ru")))
    assert book.sheetnames[0] == "Сводка"


def test_annual_report_command_writes_the_workbook(register, tmp_path):
    from django.core.management import call_command

    target = tmp_path / "report.xlsx"
    call_command(
        "annual_report",
        "--year",
        "2024",
        "--region",
        "r1",
        "--format",
        "xlsx",
        "--out",
        str(target),
        stdout=io.StringIO(),
    )
    assert openpyxl.load_workbook(target).sheetnames[0] == "Сводка"


def test_admin_closes_a_year_and_corrections_show_as_differences(
    as_user, admin_user, officer_a, register, regional_user, region
):
    client = as_user(admin_user)
    assert client.get("/reports/close/").status_code == 200
    refused = client.post("/reports/close/", {"year": 2024})
    assert "This field is required." in refused.content.decode()
    response = client.post("/reports/close/", {"year": 2024, "confirm": "on"})
    assert response.status_code == 302
    report = SubmittedReport.objects.get(region=region, year=2024)
    assert report.submitted_by == admin_user and report.figures["total"]["contingent.total"] == 7
    again = client.post("/reports/close/", {"year": 2024, "confirm": "on"})
    assert "The year 2024 is already closed for this region." in again.content.decode()
    page = as_user(regional_user).get("/reports/", {"year": 2024}).content.decode()
    assert "Today's recomputation equals the submitted figures." in page
    # A correction after submission: c1's status in fact ended on 1 June 2024.
    status = register["c1"].statuses.get()
    status_correct(
        actor=officer_a,
        status=status,
        version=status.version,
        category=status.category,
        reason=status.reason,
        start_date=status.start_date,
        end_date=datetime.date(2024, 6, 1),
        end_reason="deregistered",
    )
    assert indicators_for(2024, region=region)["contingent.total"] == 6
    report.refresh_from_db()
    assert report.figures["total"]["contingent.total"] == 7  # what was submitted stays
    page = as_user(regional_user).get("/reports/", {"year": 2024}).content.decode()
    assert "Corrections made since then change today's recomputation:" in page
    assert "<td>Orphans and children left without parental care</td><td>7</td><td>6</td>" in page


def test_only_admins_close_years_and_only_finished_ones(
    as_user, regional_user, admin_user, register
):
    assert as_user(regional_user).get("/reports/close/").status_code == 403
    this_year = datetime.date.today().year
    page = (
        as_user(admin_user)
        .post("/reports/close/", {"year": this_year, "confirm": "on"})
        .content.decode()
    )
    assert "Only a finished year can be closed." in page


def test_data_quality_page(as_user, regional_user, register):
    response = as_user(regional_user).get("/reports/quality/")
    page = response.content.decode()
    assert "Suspected duplicates (same name and birth date)" in page
    assert "key=quality.duplicate_suspects" in page


@pytest.mark.parametrize("url", ["/reports/", "/reports/quality/"])
def test_reader_pages_in_kazakh_and_russian(as_user, regional_user, register, url):
    for language in ("kk", "ru"):
        assert as_user(regional_user, language=language).get(url).status_code == 200


def test_annual_report_in_kazakh_and_russian(as_user, regional_user, register):
    for language in ("kk", "ru"):
        assert annual_report(as_user(regional_user, language=language)).status_code == 200


def test_annual_report_in_the_access_log_reads_in_the_readers_language(
    as_user, regional_user, admin_user, region
):
    assert annual_report(as_user(regional_user)).status_code == 200
    log = as_user(admin_user, language="kk").get("/audit/access/").content.decode()
    assert "2024 жылғы жылдық есеп (Бірінші облыс)" in log
    assert "annual report 2024" not in log
    log = as_user(admin_user, language="ru").get("/audit/access/").content.decode()
    assert "годовой отчёт за 2024 год" in log
