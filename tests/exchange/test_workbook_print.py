"""The register's export prints: each sheet fits the page's width, its header row of
codes repeats on every page, a wide sheet prints landscape, and the workbook's title
and date stand in the page header. The codes themselves do not change."""

import io

from django.utils import timezone
from openpyxl import load_workbook

from exchange.workbook.exporter import export_workbook
from exchange.workbook.scope import ExportScope
from exchange.workbook.sheets import SHEETS
from registry.audit import system_actor
from registry.printing import WIDE


def test_every_sheet_of_the_export_prints_to_the_page_width(db):
    target = io.BytesIO()
    export_workbook(target, user=system_actor(), scope=ExportScope.everything())
    target.seek(0)
    book = load_workbook(target)
    today = timezone.localdate().strftime("%d.%m.%Y")
    assert book.sheetnames == [sheet.name for sheet in SHEETS]
    for sheet, worksheet in zip(SHEETS, book.worksheets, strict=True):
        assert [cell.value for cell in worksheet[1]] == [column.name for column in sheet.columns]
        assert worksheet.sheet_properties.pageSetUpPr.fitToPage, sheet.name
        assert worksheet.page_setup.fitToWidth == 1, sheet.name
        assert worksheet.page_setup.fitToHeight == 0, sheet.name
        assert worksheet.page_setup.paperSize == 9, sheet.name
        assert worksheet.print_title_rows == "$1:$1", sheet.name
        wide = len(sheet.columns) >= WIDE
        assert worksheet.page_setup.orientation == ("landscape" if wide else "portrait")
        assert worksheet.oddHeader.left.text.startswith("Register of orphans: workbook")
        assert worksheet.oddHeader.right.text == today
    assert any(len(sheet.columns) >= WIDE for sheet in SHEETS)
