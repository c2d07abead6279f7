"""The child's documents as users meet them: attach, list, download, withdraw; who may
do what; which files are refused; photos without their metadata."""

import datetime
import io

import pytest
from PIL import Image

from children.models import PlacementForm
from documents.models import Document, DocumentKind
from registry.models import AccessLog, AuditEntry
from tests.children.factories import place, register_child
from tests.children.test_card import gulnar  # noqa: F401 - fixture: a record of every kind
from tests.documents.conftest import stored_files
from tests.documents.factories import PDF, attach, photo_with_location, upload


def attach_form(child, content=PDF, name="scan.pdf", **extra):
    return {
        "kind": DocumentKind.COURT_DECISION,
        "number": "2-1234/2019",
        "date": "2019-03-12",
        "record": "",
        "upload": upload(content, name),
        **extra,
    }


def test_officer_attaches_lists_downloads_and_withdraws(as_user, officer_a, child_a, documents_dir):
    client = as_user(officer_a)
    page = client.get(f"/children/{child_a.pk}/")
    assert "Attach a document" in page.content.decode()
    assert client.get(f"/children/{child_a.pk}/documents/new/").status_code == 200

    response = client.post(f"/children/{child_a.pk}/documents/new/", attach_form(child_a))
    assert response.status_code == 302
    assert response["Location"].endswith(f"/children/{child_a.pk}/#documents-heading")
    document = Document.objects.get(child=child_a)
    assert document.attached_by == officer_a and document.size == len(PDF)
    assert len(stored_files(documents_dir)) == 1

    page = client.get(f"/children/{child_a.pk}/").content.decode()
    assert "Court decision" in page and "2-1234/2019" in page and "12.03.2019" in page
    download_url = f"/children/{child_a.pk}/documents/{document.pk}/"
    assert download_url in page

    response = client.get(download_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    logged = AccessLog.objects.filter(action=AccessLog.Action.EXPORT, child_id=child_a.pk)
    assert logged.count() == 1 and logged.get().user == officer_a

    withdraw_url = f"/children/{child_a.pk}/documents/{document.pk}/withdraw/"
    assert client.get(withdraw_url).status_code == 200
    refused = client.post(withdraw_url, {"reason": ""})
    assert refused.status_code == 200
    assert Document.objects.get(pk=document.pk).withdrawn_at is None
    response = client.post(withdraw_url, {"reason": "Attached to the wrong child"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.withdrawn_by == officer_a
    assert document.withdrawal_reason == "Attached to the wrong child"
    # Hidden from the list, kept in the history and the trail; the file stays.
    page = client.get(f"/children/{child_a.pk}/").content.decode()
    assert download_url not in page and "No documents attached." in page
    assert "1 withdrawn document" in page and "Attached to the wrong child" in page
    assert client.get(download_url).status_code == 404
    assert len(stored_files(documents_dir)) == 1
    trail = AuditEntry.objects.filter(content_type__model="document", object_id=document.pk)
    assert trail.filter(action=AuditEntry.Action.CREATE).count() == 1
    assert trail.filter(action=AuditEntry.Action.UPDATE).count() == 1
    assert trail.first().child_id == child_a.pk


def test_a_document_about_one_of_the_childs_records(as_user, officer_a, district_a, child_a):
    placement = place(officer_a, child_a, PlacementForm.GUARDIANSHIP, datetime.date(2021, 1, 1))
    other = register_child(officer_a, district_a)
    others = place(officer_a, other, PlacementForm.GUARDIANSHIP, datetime.date(2021, 1, 1))
    client = as_user(officer_a)
    form = client.get(f"/children/{child_a.pk}/documents/new/").content.decode()
    assert f'value="placement:{placement.pk}"' in form
    assert f'value="placement:{others.pk}"' not in form

    refused = client.post(
        f"/children/{child_a.pk}/documents/new/",
        attach_form(child_a, record=f"placement:{others.pk}"),
    )
    assert refused.status_code == 200 and not Document.objects.exists()

    response = client.post(
        f"/children/{child_a.pk}/documents/new/",
        attach_form(child_a, kind=DocumentKind.AKIMAT_DECISION, record=f"placement:{placement.pk}"),
    )
    assert response.status_code == 302
    assert Document.objects.get().placement == placement
    page = client.get(f"/children/{child_a.pk}/").content.decode()
    assert f"Placement: {placement}" in page


def test_another_districts_officer_gets_404(as_user, officer_a, officer_b, officer_c, child_a):
    document = attach(officer_a, child_a)
    for officer in (officer_b, officer_c):
        client = as_user(officer)
        for url in (
            f"/children/{child_a.pk}/documents/new/",
            f"/children/{child_a.pk}/documents/{document.pk}/",
            f"/children/{child_a.pk}/documents/{document.pk}/withdraw/",
        ):
            assert client.get(url).status_code == 404, (officer, url)
        assert (
            client.post(f"/children/{child_a.pk}/documents/new/", attach_form(child_a)).status_code
            == 404
        )
    assert not AccessLog.objects.filter(action=AccessLog.Action.EXPORT).exists()


def test_a_document_of_another_child_answers_404(as_user, officer_a, district_a, child_a):
    other = register_child(officer_a, district_a)
    document = attach(officer_a, other)
    client = as_user(officer_a)
    assert client.get(f"/children/{child_a.pk}/documents/{document.pk}/").status_code == 404


def test_regional_reader_downloads_logged_but_cannot_attach_or_withdraw(
    as_user, officer_a, regional_user, other_regional_user, admin_user, child_a
):
    document = attach(officer_a, child_a)
    client = as_user(regional_user)
    page = client.get(f"/children/{child_a.pk}/").content.decode()
    assert f"/children/{child_a.pk}/documents/{document.pk}/" in page
    assert "Attach a document" not in page and "/withdraw/" not in page
    response = client.get(f"/children/{child_a.pk}/documents/{document.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    entry = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert entry.user == regional_user and entry.child_id == child_a.pk
    assert client.get(f"/children/{child_a.pk}/documents/new/").status_code == 403
    assert (
        client.post(f"/children/{child_a.pk}/documents/new/", attach_form(child_a)).status_code
        == 403
    )
    assert (
        client.post(
            f"/children/{child_a.pk}/documents/{document.pk}/withdraw/", {"reason": "x"}
        ).status_code
        == 403
    )
    assert Document.objects.count() == 1 and not Document.objects.get().is_withdrawn
    # The access-log page describes the download in the reader's language.
    log = as_user(admin_user).get("/audit/access/").content.decode()
    assert "document downloaded: birth certificate" in log
    # Another region's reader: 404.
    other = as_user(other_regional_user)
    assert other.get(f"/children/{child_a.pk}/documents/{document.pk}/").status_code == 404


MB = 1024 * 1024
REFUSED = {
    "empty": (b"", "scan.pdf", "The file is empty."),
    "text named .pdf": (b"This is not a PDF at all\n" * 10, "scan.pdf", "Only PDF, JPEG and PNG"),
    "a program": (
        b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200,
        "scan.exe",
        "Only PDF, JPEG and PNG",
    ),
    "a program named .jpg": (b"MZ\x90\x00" + b"\x00" * 200, "photo.jpg", "Only PDF, JPEG and PNG"),
    "a damaged JPEG": (
        b"\xff\xd8\xff\xe0" + b"\x00" * 100,
        "photo.jpg",
        "The image cannot be read",
    ),
}


@pytest.mark.parametrize("case", list(REFUSED), ids=list(REFUSED))
def test_refused_files_leave_nothing(as_user, officer_a, child_a, documents_dir, case):
    content, name, message = REFUSED[case]
    client = as_user(officer_a)
    response = client.post(
        f"/children/{child_a.pk}/documents/new/", attach_form(child_a, content, name)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files(documents_dir) == []


def test_a_file_over_the_limit_is_refused(as_user, officer_a, child_a, documents_dir, settings):
    settings.DOCUMENT_MAX_BYTES = 1 * MB
    client = as_user(officer_a)
    content = PDF + b"0" * MB
    response = client.post(f"/children/{child_a.pk}/documents/new/", attach_form(child_a, content))
    assert "The file is larger than 1 MB" in response.content.decode()
    assert not Document.objects.exists() and stored_files(documents_dir) == []
    # At the limit it is accepted.
    response = client.post(
        f"/children/{child_a.pk}/documents/new/", attach_form(child_a, PDF + b"0" * (MB - len(PDF)))
    )
    assert response.status_code == 302


@pytest.mark.parametrize("format", ["JPEG", "PNG"])
def test_photos_are_stored_without_their_metadata(as_user, officer_a, child_a, format):
    photo = photo_with_location(format)
    assert Image.open(io.BytesIO(photo)).getexif().get_ifd(0x8825)  # a location, before
    client = as_user(officer_a)
    name = "photo.jpg" if format == "JPEG" else "photo.png"
    response = client.post(
        f"/children/{child_a.pk}/documents/new/", attach_form(child_a, photo, name)
    )
    assert response.status_code == 302
    document = Document.objects.get()
    stored = b"".join(
        client.get(f"/children/{child_a.pk}/documents/{document.pk}/").streaming_content
    )
    image = Image.open(io.BytesIO(stored))
    assert image.format == format and image.size == (40, 30)
    assert not image.getexif() and "exif" not in image.info
    assert b"PhoneMaker" not in stored and b"Phone 12" not in stored


def test_the_child_page_does_not_grow_in_queries_with_documents(
    as_user, officer_a, child_a, django_assert_max_num_queries
):
    placement = place(officer_a, child_a, PlacementForm.GUARDIANSHIP, datetime.date(2021, 1, 1))
    attach(officer_a, child_a)
    client = as_user(officer_a)
    client.get("/")
    with django_assert_max_num_queries(45) as small:
        client.get(f"/children/{child_a.pk}/")
    for kind in DocumentKind.values:
        attach(officer_a, child_a, kind=kind, record=placement)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(f"/children/{child_a.pk}/")
    assert page.content.decode().count("/documents/") >= len(DocumentKind.values)


def test_the_childs_card_lists_its_documents_but_not_the_withdrawn(
    as_user, officer_a, child_a, documents_dir
):
    """The card (PDF and page) names each paper of the file and the record it is about;
    a withdrawn one is left out."""
    from pypdf import PdfReader

    from documents.services import document_withdraw

    placement = place(officer_a, child_a, PlacementForm.GUARDIANSHIP, datetime.date(2021, 1, 1))
    attach(officer_a, child_a, number="I-АБ 123456")
    attach(
        officer_a,
        child_a,
        kind=DocumentKind.AKIMAT_DECISION,
        number="77-қ",
        record=placement,
    )
    mistaken = attach(officer_a, child_a, number="WRONG-1")
    document_withdraw(actor=officer_a, document=mistaken, reason="another child's paper")
    client = as_user(officer_a)

    page = client.get(f"/children/{child_a.pk}/card/").content.decode()
    assert "I-АБ 123456" in page and "77-қ" in page and "WRONG-1" not in page
    assert f"Placement: {placement}" in page
    pdf = client.get(f"/children/{child_a.pk}/card.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.getvalue())).pages)
    assert "I-АБ 123456" in text and "77-қ" in text and "WRONG-1" not in text


def test_each_records_row_lists_the_documents_about_it(
    as_user,
    officer_a,
    regional_user,
    gulnar,  # noqa: F811
    django_assert_max_num_queries,
):
    """Every kind of record a document may be about shows, in its own section of the
    child's page, the documents about it (each a download link); a withdrawn one is
    not listed."""
    from documents.records import RECORD_KINDS
    from documents.services import document_withdraw
    from housing.models import ProvisionSource
    from housing.services.provisions import housing_provision_add

    housing_provision_add(
        actor=officer_a,
        child=gulnar,
        date=datetime.date(2025, 1, 15),
        address="Талдықорған, Абай 3",
        source=ProvisionSource.values[0],
        exception_reason="Әкімдіктің шешімі",
    )
    sections = {
        "status": "statuses-heading",
        "placement": "placements-heading",
        "housing_right": "housing-heading",
        "queue_entry": "housing-heading",
        "housing_provision": "housing-heading",
        "allowance": "benefits-heading",
        "alimony_order": "benefits-heading",
        "visit": "care-visits",
        "life_plan": "care-plans",
    }
    assert set(sections) == {kind.field for kind in RECORD_KINDS}
    attach(officer_a, gulnar, number="CHILD-1")  # about the child: in its history too
    clients, bare = {}, {}
    for reader in (officer_a, regional_user):
        clients[reader] = as_user(reader)
        clients[reader].get(f"/children/{gulnar.pk}/")
        with django_assert_max_num_queries(60) as counted:
            clients[reader].get(f"/children/{gulnar.pk}/")
        bare[reader] = len(counted.captured_queries)
    documents = {}
    for number, kind in enumerate(RECORD_KINDS, start=1):
        record = kind.model.objects.filter(child=gulnar).first()
        assert record is not None, kind.field
        documents[kind.field] = attach(
            officer_a, gulnar, kind=DocumentKind.OTHER, number=f"R-{number}", record=record
        )
    withdrawn = attach(officer_a, gulnar, number="WRONG", record=gulnar.placements.get())
    document_withdraw(actor=officer_a, document=withdrawn, reason="another child's paper")

    for reader, client in clients.items():
        with django_assert_max_num_queries(bare[reader]):  # not one more for the documents
            page = client.get(f"/children/{gulnar.pk}/").content.decode()
        for field, heading in sections.items():
            section = page[page.index(f'id="{heading}"') :]
            section = section[: section.index("</section>")]
            document = documents[field]
            link = f'href="/children/{gulnar.pk}/documents/{document.pk}/"'
            assert link in section and f"R-{document.number[2:]}" in section, field
        assert "WRONG" not in page.split('id="documents-heading"')[0]
