"""The annual workbook prints: every sheet fits the page's width, its table's header
row repeats on each page, the wide tables print landscape, the sentences wrap in their
column, and the title and date stand in the page header (read back from the file, as
a spreadsheet program reads them to print)."""

import io
import shutil
import subprocess

import openpyxl
import pytest
from django.utils import timezone

from tests.reports.test_pages import annual_report

HEADER_ROWS = {  # the row of each table's column headers
    "Summary": "$4:$4",
    "Contingent": "$3:$3",
    "Contingent over the years": "$1:$1",
}


@pytest.fixture
def book(as_user, regional_user, register):
    response = annual_report(as_user(regional_user))
    return openpyxl.load_workbook(io.BytesIO(response.getvalue()))


def test_every_sheet_fits_the_page_width_with_the_title_and_date_above(book):
    today = timezone.localdate().strftime("%d.%m.%Y")
    for sheet in book.worksheets:
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert sheet.page_setup.fitToWidth == 1, sheet.title
        assert sheet.page_setup.fitToHeight == 0, sheet.title  # pages down as needed
        assert sheet.page_setup.paperSize == 9, sheet.title  # A4
        assert sheet.oddHeader.left.text == "Annual report 2024: Первая область", sheet.title
        assert sheet.oddHeader.right.text == today, sheet.title
        assert sheet.oddFooter.right.text == "&P / &N", sheet.title


def test_tables_repeat_their_header_row_and_print_landscape(book):
    for title, rows in HEADER_ROWS.items():
        assert book[title].print_title_rows == rows, title
    for sheet in book.worksheets:
        expected = "portrait" if sheet.title == "Narrative" else "landscape"
        assert sheet.page_setup.orientation == expected, sheet.title
    assert book["Contingent over the years"].row_dimensions[1].height >= 45


def test_sentences_wrap_in_their_column(book):
    paragraphs = [cell for cell in book["Narrative"]["A"] if cell.value and len(cell.value) > 60]
    assert paragraphs
    assert all(cell.alignment.wrap_text for cell in paragraphs)
    summary = book["Summary"]
    assert summary["A2"].alignment.wrap_text  # the sentence under the title
    labels = [row[0] for row in summary.iter_rows(min_row=5) if row[0].value]
    assert labels and all(cell.alignment.wrap_text for cell in labels)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_the_workbook(book, tmp_path):
    """Where LibreOffice is installed: it converts the workbook to PDF, each sheet
    fitted to A4's width (no page wider than A4 landscape)."""
    from pypdf import PdfReader

    source = tmp_path / "annual.xlsx"
    book.save(source)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    reader = PdfReader(tmp_path / "annual.pdf")
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert sorted((round(width), round(height))) == [595, 842]
