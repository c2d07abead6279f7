"""An officer attaches a scanned document to a child's placement in a real browser,
finds it on the child's page with the record it belongs to (and on the placement's
row), downloads it, prints the child's card that lists it, and withdraws it."""

import datetime

import pytest
from playwright.sync_api import expect

from children.models import PlacementForm
from documents.models import Document
from tests.children.factories import place, register_child
from tests.conftest import PASSWORD
from tests.documents.conftest import documents_dir  # noqa: F401 - fixture
from tests.documents.factories import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_attaches_downloads_and_withdraws_a_document(
    page_for,
    officer_a,
    district_a,
    tmp_path,
    documents_dir,  # noqa: F811
):
    child = register_child(officer_a, district_a, last_name="Сейітов")
    placement = place(officer_a, child, PlacementForm.GUARDIANSHIP, datetime.date(2021, 1, 1))
    scan = tmp_path / "decision.pdf"
    scan.write_bytes(PDF)

    page = page_for(officer_a, PASSWORD)
    page.goto(f"/children/{child.pk}/")
    page.get_by_role("link", name="Attach a document").click()
    page.get_by_label("Kind of document").select_option("akimat_decision")
    page.get_by_label("Number").fill("142")
    page.get_by_label("Date of the document").fill("2020-12-28")
    page.get_by_label("About the record").select_option(f"placement:{placement.pk}")
    page.locator("input[type=file]").set_input_files(str(scan))
    page.get_by_role("button", name="Attach").click()

    section = page.locator("section", has=page.locator("#documents-heading"))
    row = section.locator("tbody tr", has_text="Akimat decision")
    expect(row).to_contain_text("142")
    expect(row).to_contain_text("28.12.2020")
    expect(row).to_contain_text(f"Placement: {placement}")
    with page.expect_download() as download:
        row.get_by_role("link", name="Download").click()
    assert download.value.suggested_filename == "akimat_decision-142-2020-12-28.pdf"
    with open(download.value.path(), "rb") as downloaded:
        assert downloaded.read() == PDF
    # The placement's own row lists it too, a link to the same file.
    placements = page.locator("section", has=page.locator("#placements-heading"))
    expect(placements.locator("tbody tr").first).to_contain_text("Documents: akimat decision № 142")

    # The card, printed from the browser, lists the document with its record.
    page.get_by_role("link", name="Print the card").click()
    card = page.locator("article.child-card")
    page.emulate_media(media="print")
    expect(card).to_contain_text("Akimat decision")
    expect(card).to_contain_text("142")
    expect(card).to_contain_text(f"Placement: {placement}")
    page.emulate_media(media="screen")
    page.go_back()

    row.get_by_role("link", name="Withdraw").click()
    page.get_by_label("Why it is withdrawn").fill("A copy of another child's decision")
    page.get_by_role("button", name="Save").click()
    expect(section.locator("tbody")).to_contain_text("No documents attached.")
    expect(section).to_contain_text("1 withdrawn document")
    assert Document.objects.get().withdrawal_reason == "A copy of another child's decision"
