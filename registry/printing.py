"""How the application's workbooks print (the annual report, the register's export):
on A4, each sheet fitted to the page's width and running on over as many pages as it
needs, its header rows repeated on every page, the workbook's title and date in the
page header and the page number in the footer. Where a sheet is wide it prints
landscape; each sheet sets that, and its header rows, itself."""

from __future__ import annotations

A4 = "9"  # the paper size code of A4 (ECMA-376)
WIDE = 8  # columns from which a table prints landscape


def header_text(text: str) -> str:
    """Text shown as it is in a page header ("&" starts a header's codes)."""
    return str(text).replace("&", "&&")


def print_setup(sheet, *, title: str, date: str) -> None:
    """Give `sheet` (a worksheet, or a write-only one before its first row) the print
    set-up every workbook of the application has."""
    sheet.page_setup.paperSize = A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddHeader.left.text = header_text(title)
    sheet.oddHeader.left.size = 9
    sheet.oddHeader.right.text = header_text(date)
    sheet.oddHeader.right.size = 9
    sheet.oddFooter.right.text = "&P / &N"  # page / pages
    sheet.oddFooter.right.size = 9


def landscape_if_wide(sheet, columns: int) -> None:
    sheet.page_setup.orientation = "landscape" if columns >= WIDE else "portrait"
