"""The audit trail and a child's history read in the reader's language: a record is
labelled as it reads now, not in the language its writer used; the kinds of change,
yes/no, the system and the second-factor devices are words of the reader's language;
the database's own columns (ID) are not shown."""

import datetime

from django.utils import translation

from children.models import Status
from registry.models import AuditEntry
from tests.children.factories import register_child
from tests.conftest import table_rows


def test_a_record_written_in_russian_reads_in_kazakh(as_user, admin_user, officer_a, district_a):
    with translation.override("ru"):
        child = register_child(officer_a, district_a, status_start=datetime.date(2024, 5, 2))
        status = Status.objects.get(child=child)
        russian = str(status)
    with translation.override("kk"):
        kazakh = str(status)
    assert russian != kazakh
    assert AuditEntry.objects.get_for_object(status).get().object_repr == russian
    for url in ("/audit/", f"/children/{child.pk}/"):
        reader = admin_user if url == "/audit/" else officer_a
        page = as_user(reader, language="kk").get(url).content.decode()
        assert kazakh in page, url
        assert russian not in page, url


def test_trail_in_kazakh_has_no_english_words_nor_id_rows(as_user, admin_user, officer_a):
    page = as_user(admin_user, language="kk")  # gives admin_user a device: an audited create
    rows = table_rows(page.get("/audit/"))
    for english in (">create<", ">update<", ">True<", ">False<", "TOTP device", ">User<",
                    "System (system)", ">ID<", "Confirmed"):  # fmt: skip
        assert english not in rows, english
    assert ">қосу<" in rows  # create
    assert "Аутентификатор (TOTP)" in rows
    assert "<dt>Расталған</dt>" in rows
    assert "— → иә" in rows
    assert ">жүйе<" in rows  # the register itself


def test_trail_in_russian(as_user, admin_user, officer_a):
    rows = table_rows(as_user(admin_user, language="ru").get("/audit/"))
    assert ">создание<" in rows
    assert "— → да" in rows
    assert ">система<" in rows
    assert ">ID<" not in rows and ">True<" not in rows


def test_a_district_linked_in_kazakh_reads_in_russian(as_user, officer_a, district_a):
    with translation.override("kk"):
        child = register_child(officer_a, district_a)
    page = as_user(officer_a, language="ru").get(f"/children/{child.pk}/").content.decode()
    rows = page[page.index('id="history-heading"') :]
    assert "— → Район А" in rows
    assert "А ауданы" not in rows
