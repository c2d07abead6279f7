"""Workbooks for the import tests, written with openpyxl as a district would send them."""

import copy
import datetime
import io
import json

from django.apps import apps
from openpyxl import Workbook

from children.iin import make_iin
from exchange.models import RecognisedWorkbook
from exchange.workbook.importer import check_workbook, import_workbook
from exchange.workbook.scope import ImportScope
from registry.audit import system_actor
from registry.models import AuditEntry

BOY_BORN = datetime.date(2015, 6, 1)
GIRL_BORN = datetime.date(2009, 3, 10)
BOY = make_iin(BOY_BORN, "M", 501)
GIRL = make_iin(GIRL_BORN, "F", 502)

# The Children sheet's required columns alone: a district's shortest list.
CHILDREN_REQUIRED = ["iin", "last_name", "first_name", "birth_date", "sex", "district"]

HEADERS = {
    "Districts": ["code", "name", "region"],
    "Institutions": ["code", "name", "district", "kind", "sector", "capacity"],
    "Children": ["iin", "last_name", "first_name", "middle_name", "birth_date", "sex", "district"],
    "Statuses": ["iin", "category", "reason", "start_date", "end_date", "end_reason"],
    "Placements": [
        "iin",
        "form",
        "institution",
        "carer_iin",
        "carer_name",
        "start_date",
        "end_date",
        "end_reason",
    ],
    "Transfers": ["iin", "from_district", "to_district", "date"],
}


def base_sheets() -> dict:
    """Two children of district A: a boy placed in a children's home, then under
    guardianship; a girl under trusteeship who moved to district B."""
    rows = {
        "Districts": [["a", "Район А", "r1"], ["b", "Район Б", "r1"]],
        "Institutions": [["CH-A", "Детский дом А", "a", "children_home", "education", 50]],
        "Children": [
            [BOY, "Омаров", "Арман", "Серікұлы", BOY_BORN, "M", "a"],
            [GIRL, "Исаева", "Дана", "", "10.03.2009", "Ж", "a"],
        ],
        "Statuses": [
            [BOY, "without_care", "deprived", datetime.date(2020, 1, 10), None, None],
            [GIRL, "сирота", "parents_died", "2023-05-02", None, None],
        ],
        "Placements": [
            [
                BOY,
                "institution",
                "CH-A",
                None,
                None,
                datetime.date(2020, 2, 1),
                "2021-01-01",
                "moved",
            ],
            [BOY, "опека", None, None, "Серікова Гүлнар", datetime.date(2021, 1, 1), None, None],
            [GIRL, "trusteeship", None, None, "Исаев Марат", datetime.date(2023, 6, 1), None, None],
        ],
        "Transfers": [[GIRL, "a", "b", datetime.date(2024, 9, 1)]],
    }
    return {name: [list(HEADERS[name]), *body] for name, body in rows.items()}


FULL_HEADERS = {
    "HousingRights": ["iin", "kind", "address", "start_date", "end_date", "share_size"],
    "HousingQueue": ["iin", "district", "start_date", "end_date", "end_reason", "end_explanation"],
    "HousingProvided": ["iin", "date", "address", "source"],
    "Benefits": ["iin", "kind", "start_date", "end_date", "monthly_amount"],
    "AlimonyOrders": ["iin", "start_date", "end_date", "debtor_name", "monthly_amount"],
    "AlimonyPayments": ["iin", "date", "amount"],
    "Visits": ["iin", "date", "kind", "outcome"],
    "LifePlans": ["iin", "start_date", "goal"],
}


def full_sheets() -> dict:
    """The base workbook with every sheet of the template, as a district fills it:
    the boy's housing right, allowances (two from the same day), alimony order and
    three payments (two on one day); the girl's share, two queue entries (removed
    when she moved, then closed by the housing provided), survivor's allowance and
    life plan; visits to both in their families."""
    d = datetime.date
    rows = {
        "HousingRights": [
            [BOY, "full", "Абай 1", d(2021, 2, 1), None, None],
            [GIRL, "долевая собственность", "Абай 2", "01.06.2023", None, "1 / 2"],
        ],
        "HousingQueue": [
            [GIRL, "a", d(2023, 7, 1), d(2024, 9, 1), "removed", "Переехала в район Б"],
            [GIRL, "b", d(2024, 9, 1), d(2025, 1, 15), "обеспечен жильём", None],
        ],
        "HousingProvided": [[GIRL, d(2025, 1, 15), "Жаңа үй 5", None]],
        "Benefits": [
            [BOY, "guardian_allowance", d(2021, 1, 1), None, "36 900"],
            [BOY, "пособие в связи с инвалидностью родителя", d(2021, 1, 1), d(2023, 1, 1), 35000],
            [GIRL, "survivor", d(2023, 5, 2), None, 42000.5],
        ],
        "AlimonyOrders": [[BOY, d(2021, 3, 1), None, "Омаров Серік", 15000]],
        "AlimonyPayments": [
            [BOY, d(2024, 1, 10), 15000],
            [BOY, d(2024, 2, 10), 15000],
            [BOY, d(2024, 2, 10), "5 000"],
        ],
        "Visits": [
            [BOY, d(2021, 1, 25), "planned", "satisfactory"],
            [BOY, d(2021, 7, 20), None, "concerns"],
            [GIRL, d(2023, 7, 1), "unplanned", None],
        ],
        "LifePlans": [[GIRL, d(2023, 9, 1), "Колледж"]],
    }
    return {
        **base_sheets(),
        **{name: [list(FULL_HEADERS[name]), *body] for name, body in rows.items()},
    }


def sheets_with(**changes) -> dict:
    sheets = copy.deepcopy(base_sheets())
    sheets.update(changes)
    return sheets


def make_workbook(sheets: dict) -> io.BytesIO:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        worksheet = workbook.create_sheet(name)
        for row in rows:
            worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def run_import(sheets_or_file, *, actor=None, scope=None):
    source = sheets_or_file if hasattr(sheets_or_file, "read") else make_workbook(sheets_or_file)
    return import_workbook(
        actor=actor or system_actor(), source=source, scope=scope or ImportScope.everything()
    )


def read_again() -> None:
    """Forget the files known to restate the register (`RecognisedWorkbook`): the
    next import or check of any file reads and checks all of it. (A workbook made
    again from the same sheets within the same second has the same bytes.)"""
    RecognisedWorkbook.objects.all().delete()


def what_a_check_finds(result) -> tuple:
    """What a check or import reports of a workbook: counts, gaps, notices, problems
    and the keys it looked up."""
    notices = [(n.sheet, n.row, n.column, n.message) for n in result.notices]
    problems = [(p.sheet, p.row, p.column, p.message) for p in result.problems]
    return (result.counts, result.incomplete, notices, problems, result.looked_up)


def run_check(sheets, *, scope=None):
    return check_workbook(make_workbook(sheets), scope=scope or ImportScope.everything())


def table_counts() -> dict:
    """The number of rows of every table of the project, but the files known to
    restate the register (`RecognisedWorkbook`, kept by the digest of their bytes):
    whether a workbook made again from the same sheets is the same file depends on
    the second it was made in."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model is not RecognisedWorkbook
    }


def problem_lines(result) -> list[str]:
    return [str(problem) for problem in result.problems]


def exported(client, data=None):
    """Export the register as `client`'s user (a job, run in-process) and download its
    file: the response of the download."""
    started = client.post("/workbook/export/download/", data or {})
    assert started.status_code == 302, started.content[:500]
    assert started["Location"].endswith("/file/"), started["Location"]
    response = client.get(started["Location"])
    assert response.status_code == 200, response.content[:500]
    return response


# --- comparing registers (a workbook's import and the same records sent otherwise) ---


def register_counts() -> dict:
    """The rows of every table but the access log (a check and an import are in it)."""
    counts = table_counts()
    del counts["registry.AccessLog"]
    return counts


def audit_snapshot(since: int) -> list:
    """The entries written after `since`, without ids and times (PostgreSQL does not
    give back the ids of a transaction rolled back)."""
    entries = AuditEntry.objects.filter(pk__gt=since).order_by("pk")
    return sorted(
        json.dumps(
            [
                entry.content_type.model,
                entry.action,
                entry.object_repr,
                {k: v for k, v in (entry.changes or {}).items() if k != "id"},
                entry.region_id,
                entry.district_id,
                entry.actor_id,
            ],
            sort_keys=True,
            ensure_ascii=False,
        )
        for entry in entries
    )


def without_ids(documents: dict) -> list:
    return sorted(
        (
            json.dumps(
                {k: v for k, v in doc.items() if k != "id"}, ensure_ascii=False, sort_keys=True
            )
        )
        for doc in documents.values()
    )
