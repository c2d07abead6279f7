"""The exported workbook lists districts and institutions by name in the Kazakh
alphabet (in the language of the export): Ақсу before Алакөл (run on SQLite and on
PostgreSQL)."""

import io

from openpyxl import load_workbook

from children.models import InstitutionKind, Sector
from children.services.institutions import institution_create
from registry.services.geography import district_create
from tests.exchange.workbooks import exported


def download(client):
    response = exported(client)
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)


def column(workbook, sheet: str, name: str) -> list[str]:
    rows = list(workbook[sheet].iter_rows(values_only=True))
    index = rows[0].index(name)
    return [row[index] for row in rows[1:]]


def test_the_kazakh_workbook_sorts_districts_and_institutions_by_the_alphabet(
    as_user, actor, region, areas, regional_user
):
    # Made in the order the old export kept (by id): Алакөл first.
    for code, name_kk, name_ru in [
        ("alakol", "Алакөл", "Алаколь"),
        ("aksu", "Ақсу", "Аксу"),
        ("kazaly", "Қазалы", "Казалы"),
        ("karatal", "Каратал", "Каратал"),
    ]:
        district = district_create(
            actor=actor, region=region, code=code, name_kk=name_kk, name_ru=name_ru
        )
        institution_create(
            actor=actor,
            code=f"I-{code}",
            name_kk=f"{name_kk} балалар үйі",
            name_ru=f"Детский дом {name_ru}",
            district=district,
            kind=InstitutionKind.CHILDREN_HOME,
            sector=Sector.EDUCATION,
            capacity=10,
        )
    workbook = download(as_user(regional_user, language="kk"))
    assert column(workbook, "Districts", "name_kk") == [
        "А ауданы",
        "Ақсу",
        "Алакөл",
        "Б ауданы",
        "Каратал",
        "Қазалы",
    ]
    assert column(workbook, "Institutions", "name_kk") == [
        "Ақсу балалар үйі",
        "Алакөл балалар үйі",
        "Каратал балалар үйі",
        "Қазалы балалар үйі",
    ]
    workbook = download(as_user(regional_user, language="ru"))
    assert column(workbook, "Districts", "name_ru")[:4] == ["Аксу", "Алаколь", "Казалы", "Каратал"]
