"""The child's card: a PDF in the reader's language with every Kazakh letter, the
same card as a page to print, both logged and scoped like the child's page."""

import datetime
import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from benefits.models import AllowanceKind
from benefits.services.alimony import alimony_order_add
from benefits.services.allowances import allowance_add
from care.services.plans import life_plan_add
from children.models import PlacementForm
from housing.models import HousingKind
from housing.services.queue import queue_entry_add
from housing.services.rights import housing_right_add
from registry.models import AccessLog
from tests.care.factories import record_visit
from tests.children.factories import place, register_child

KAZAKH_LETTERS = "әғқңөұүһі"
A4 = (595.28, 841.89)  # points


@pytest.fixture
def gulnar(officer_a, district_a):
    """A girl whose names and carer hold every Kazakh letter, with a record in every
    section of the card."""
    child = register_child(
        officer_a,
        district_a,
        last_name="Құрманғалиева",
        first_name="Гүлнәр",
        middle_name="Өмірбекқызы",
        sex="F",
        birth_date=datetime.date(2010, 3, 1),
    )
    placement = place(
        officer_a,
        child,
        PlacementForm.GUARDIANSHIP,
        datetime.date(2020, 2, 1),
        carer_name="Шаһмұрат Көңілов",
    )
    housing_right_add(
        actor=officer_a,
        child=child,
        kind=HousingKind.FULL,
        address="Алматы, Сәтбаев көшесі 5",
        start_date=datetime.date(2020, 3, 1),
        document="№ 77",
    )
    queue_entry_add(
        actor=officer_a,
        child=child,
        district=district_a,
        start_date=datetime.date(2024, 3, 1),
        position=42,
    )
    allowance_add(
        actor=officer_a,
        child=child,
        kind=AllowanceKind.SURVIVOR,
        monthly_amount=Decimal("35000"),
        start_date=datetime.date(2020, 3, 1),
    )
    alimony_order_add(
        actor=officer_a,
        child=child,
        decision_number="2-123",
        decision_date=datetime.date(2021, 5, 4),
        court="Алмалы аудандық соты",
        debtor_name="Құрманғалиев Б.",
        start_date=datetime.date(2021, 6, 1),
        monthly_amount=Decimal("20000"),
    )
    record_visit(officer_a, placement, datetime.date(2025, 9, 10), visited_by="Ержанова Ә.")
    life_plan_add(
        actor=officer_a,
        child=child,
        start_date=datetime.date(2025, 3, 1),
        education_goal="Колледжді бітіру",
        responsible_person="Ержанова Ә.",
        next_review_date=datetime.date(2027, 3, 1),
    )
    return child


def pdf_of(response) -> PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize(
    ("language", "headings"),
    [
        (
            "kk",
            [
                "Мәртебелер",
                "Орналастыру",
                "Тұрғын үй",
                "Жәрдемақылар мен алименттер",
                "Жеке жоспар",
                "ЖСН",
            ],
        ),
        (
            "ru",
            ["Статусы", "Устройство", "Жильё", "Пособия и алименты", "Индивидуальный план", "ИИН"],
        ),
    ],
)
def test_the_card_is_an_a4_pdf_in_the_readers_language_with_every_kazakh_letter(
    as_user, officer_a, gulnar, language, headings
):
    reader = pdf_of(as_user(officer_a, language).get(f"/children/{gulnar.pk}/card.pdf"))
    assert 1 <= len(reader.pages) <= 3
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4, abs=0.5)
    text = text_of(reader)
    for letter in KAZAKH_LETTERS:
        assert letter in text, letter
    for word in (
        "Құрманғалиева",
        "Гүлнәр",
        "Өмірбекқызы",
        "Шаһмұрат Көңілов",
        "Алмалы аудандық соты",
    ):
        assert word in text
    for heading in headings:
        assert heading in text, heading
    assert gulnar.iin in text
    assert "42" in text  # the queue position
    assert "35 000" in text or "35000" in text or "35\xa0000" in text
    assert "Ержанова Ә." in text  # the last visit and the life plan
    assert "Колледжді бітіру" in text
    assert officer_a.username in text or officer_a.get_full_name() in text


def test_printing_is_in_the_access_log(as_user, officer_a, regional_user, admin_user, gulnar):
    as_user(officer_a).get(f"/children/{gulnar.pk}/card.pdf")
    as_user(regional_user).get(f"/children/{gulnar.pk}/card/")
    entries = AccessLog.objects.filter(child_id=gulnar.pk, action=AccessLog.Action.EXPORT)
    assert {(entry.user, entry.parameters["form"]) for entry in entries} == {
        (officer_a, "pdf"),
        (regional_user, "page"),
    }
    log = as_user(admin_user).get("/audit/access/").content.decode()
    assert "card of Құрманғалиева Гүлнәр Өмірбекқызы printed (PDF)" in log
    assert "card of Құрманғалиева Гүлнәр Өмірбекқызы opened for printing" in log


def test_another_districts_child_has_no_card(as_user, officer_b, other_regional_user, gulnar):
    for user in (officer_b, other_regional_user):
        client = as_user(user)
        assert client.get(f"/children/{gulnar.pk}/card.pdf").status_code == 404
        assert client.get(f"/children/{gulnar.pk}/card/").status_code == 404
    assert not AccessLog.objects.filter(child_id=gulnar.pk, action=AccessLog.Action.EXPORT).exists()


def test_the_card_shows_the_iin_as_the_childs_page_does(
    as_user, officer_a, regional_user, national_user, gulnar
):
    """The child's page shows the IIN whole to everyone who may open it (the opening
    is logged); lists mask it for readers of a wider area. The card follows the page."""
    for user in (officer_a, regional_user, national_user):
        client = as_user(user)
        assert gulnar.iin in client.get(f"/children/{gulnar.pk}/").content.decode()
        assert gulnar.iin in text_of(pdf_of(client.get(f"/children/{gulnar.pk}/card.pdf")))
        assert gulnar.iin in client.get(f"/children/{gulnar.pk}/card/").content.decode()


def test_the_print_page_carries_the_whole_card(as_user, regional_user, gulnar):
    page = as_user(regional_user, "kk").get(f"/children/{gulnar.pk}/card/").content.decode()
    for text in ("Мәртебелер", "Тұрғын үй", "Шаһмұрат Көңілов", "Колледжді бітіру", "42"):
        assert text in page
    assert f'href="/children/{gulnar.pk}/card.pdf"' in page
    child_page = as_user(regional_user).get(f"/children/{gulnar.pk}/").content.decode()
    assert f'href="/children/{gulnar.pk}/card/"' in child_page


def test_a_card_without_records_says_so(as_user, officer_a, child_a):
    page = as_user(officer_a).get(f"/children/{child_a.pk}/card/").content.decode()
    for text in (
        "Not placed.",
        "No secured housing recorded.",
        "No visits recorded.",
        "No life plan.",
    ):
        assert text in page
    reader = pdf_of(as_user(officer_a).get(f"/children/{child_a.pk}/card.pdf"))
    assert len(reader.pages) == 1
    assert "Documents" in text_of(reader)


def test_the_card_is_a_fixed_number_of_queries(
    as_user, officer_a, gulnar, django_assert_max_num_queries
):
    client = as_user(officer_a)
    with django_assert_max_num_queries(30):
        client.get(f"/children/{gulnar.pk}/card.pdf")
