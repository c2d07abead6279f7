"""The annual report workbook a regional office can send as it is.

Sheets: a summary (every indicator in the order of the seed report, the year before,
the year, change and percent), one sheet per section with the district breakdown and
a total row equal to the area's figure, the contingent over six years with native
Excel charts, and the narrative in Kazakh and in Russian.
"""

from __future__ import annotations

import datetime
import re

from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from registry import cells
from registry.ordering import sort_key
from registry.printing import print_setup
from reports import narrative
from reports.areas import Area
from reports.indicators.cache import figures_of_years
from reports.indicators.keys import KEYS, SECTIONS, SERIES_YEARS

HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
THIN = Side(style="thin", color="BFBFBF")
BOX = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
# A cell that holds a sentence (a paragraph, an indicator's name): wrapped in its column.
SENTENCE = Alignment(wrap_text=True, vertical="top")
FORM_KEYS = [
    "contingent.institution",
    "contingent.guardianship",
    "contingent.trusteeship",
    "contingent.patronage",
    "contingent.foster_family",
    "contingent.unplaced",
]


def _sheet_title(text: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", str(text))[:31]


def _number_format(kind: str) -> str:
    return "0.0" if kind in ("pct", "change_pct") else "#,##0"


def _shown_keys(section: str | None = None):
    """Counts and percentages (changes have their own columns)."""
    return [
        key
        for key in KEYS
        if key.kind in ("count", "pct")
        and not key.key.endswith("_prev")
        and (section is None or key.section == section)
    ]


def _header(sheet, row: int, titles: list[str]) -> None:
    for column, title in enumerate(titles, start=1):
        cell = cells.cell(sheet, title, row=row, column=column)
        cell.font, cell.fill, cell.border = BOLD, HEADER_FILL, BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _finish(sheet, widths: list[int], freeze: str, header_row: int) -> None:
    """Column widths, the panes frozen above `freeze`, and the table's header row
    printed again on every page; the tables print landscape (registry.printing sets
    the rest of the print set-up for every sheet)."""
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = freeze
    sheet.page_setup.orientation = "landscape"
    sheet.print_title_rows = f"{header_row}:{header_row}"


def _summary(book, area: Area, year: int, current: dict, previous: dict) -> None:
    sheet = book.active
    sheet.title = _sheet_title(_("Summary"))
    title = _("Protecting the rights of orphans and children left without parental care")
    cells.cell(sheet, title, row=1, column=1).font = TITLE
    subtitle = _(
        "%(area)s, %(year)s: figures at 31 December, computed from the register on %(date)s"
    ) % {"area": area.label, "year": year, "date": timezone.localdate().strftime("%d.%m.%Y")}
    cells.cell(sheet, subtitle, row=2, column=1).alignment = SENTENCE
    _header(sheet, 4, [_("Indicator"), str(year - 1), str(year), _("Change"), _("Change, %")])
    row = 5
    for key in _shown_keys():
        now, before = current.get(key.key), previous.get(key.key)
        cells.cell(sheet, str(key.label), row=row, column=1).alignment = SENTENCE
        for column, value in ((2, before), (3, now)):
            cell = cells.cell(sheet, value, row=row, column=column)
            cell.number_format = _number_format(key.kind)
        if key.kind == "count" and now is not None and before is not None:
            change = cells.cell(sheet, now - before, row=row, column=4)
            change.number_format = "+#,##0;-#,##0;0"
            if before:
                pct = round(100 * (now - before) / before, 1)
                cells.cell(sheet, pct, row=row, column=5).number_format = "+0.0;-0.0;0.0"
        if key.kind == "count" and key.key.count(".") == 1 and str(key.label)[:1].isupper():
            sheet.cell(row=row, column=1).font = BOLD
        row += 1
    _finish(sheet, [72, 12, 12, 12, 12], "B5", header_row=4)


def _section_sheet(book, area: Area, year: int, section: str, title: str, result) -> None:
    keys = _shown_keys(section)
    if not keys:
        return
    sheet = book.create_sheet(_sheet_title(title))
    cells.cell(sheet, f"{title} — {area.label}, {year}", row=1, column=1).font = TITLE
    _header(sheet, 3, [_("District")] + [str(key.label) for key in keys])
    districts = {district.pk: district for district in area.districts()}
    row = 4
    for pk in sorted(result.districts, key=lambda pk: sort_key(str(districts.get(pk, pk)))):
        if pk not in districts:
            continue
        cells.cell(sheet, str(districts[pk]), row=row, column=1).alignment = SENTENCE
        for column, key in enumerate(keys, start=2):
            value = result.districts[pk].get(key.key)
            cell = cells.cell(sheet, value, row=row, column=column)
            cell.number_format = _number_format(key.kind)
        row += 1
    total = _("Total: %(area)s") % {"area": area.label}
    cells.cell(sheet, total, row=row, column=1).font = BOLD
    for column, key in enumerate(keys, start=2):
        cell = cells.cell(sheet, result.values.get(key.key), row=row, column=column)
        cell.number_format, cell.font, cell.fill = _number_format(key.kind), BOLD, TOTAL_FILL
    sheet.row_dimensions[3].height = 60
    _finish(sheet, [34] + [14] * len(keys), "B4", header_row=3)


def _series(book, area: Area, year: int, series: dict) -> None:
    sheet = book.create_sheet(_sheet_title(_("Contingent over the years")))
    labels = {key.key: key.label for key in KEYS}
    _header(
        sheet,
        1,
        [_("Year")] + [str(labels[key]) for key in FORM_KEYS] + [str(labels["contingent.total"])],
    )
    # The headers are names of forms of care: wrapped on three lines, not overlapping.
    sheet.row_dimensions[1].height = 45
    years = sorted(series)
    for row, each in enumerate(years, start=2):
        cells.cell(sheet, str(each), row=row, column=1)
        for column, key in enumerate([*FORM_KEYS, "contingent.total"], start=2):
            cells.cell(sheet, series[each].values.get(key, 0), row=row, column=column)
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
    chart.title = _("Children in the register by form of care")
    chart.y_axis.title = _("children")
    data = Reference(
        sheet, min_col=2, max_col=1 + len(FORM_KEYS), min_row=1, max_row=len(years) + 1
    )
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(years) + 1))
    chart.width, chart.height = 22, 11
    sheet.add_chart(chart, f"A{len(years) + 4}")
    current = series[year]
    if len(current.districts) > 1:
        districts = {district.pk: district for district in area.districts()}
        start = len(years) + 28
        _header(sheet, start, [_("District"), str(labels["contingent.total"])])
        rows = sorted(
            (
                (str(districts[pk]), values["contingent.total"])
                for pk, values in current.districts.items()
                if pk in districts
            ),
            key=lambda item: -item[1],
        )
        for offset, (name, value) in enumerate(rows, start=1):
            cells.cell(sheet, name, row=start + offset, column=1)
            cells.cell(sheet, value, row=start + offset, column=2)
        bars = BarChart()
        bars.type = "bar"
        bars.title = _("Children in the register by district, %(year)s") % {"year": year}
        bars.add_data(
            Reference(sheet, min_col=2, min_row=start, max_row=start + len(rows)),
            titles_from_data=True,
        )
        bars.set_categories(
            Reference(sheet, min_col=1, min_row=start + 1, max_row=start + len(rows))
        )
        bars.legend = None
        bars.width, bars.height = 22, max(8, len(rows) * 0.7)
        sheet.add_chart(bars, f"D{start}")
    _finish(sheet, [28] + [14] * (len(FORM_KEYS) + 1), "B2", header_row=1)


def _narrative(book, year: int, values: dict) -> None:
    sheet = book.create_sheet(_sheet_title(_("Narrative")))
    sheet.column_dimensions["A"].width = 120
    sheet.page_setup.orientation = "portrait"  # one column of paragraphs
    row = 1
    for language, heading in (("kk", "Қазақша"), ("ru", "Русский")):
        cells.cell(sheet, heading, row=row, column=1).font = TITLE
        row += 1
        for paragraph in narrative.paragraphs(values, year, language):
            cell = cells.cell(sheet, paragraph, row=row, column=1)
            cell.alignment = SENTENCE
            sheet.row_dimensions[row].height = 15 * (1 + len(paragraph) // 110)
            row += 1
        row += 1


def build(area: Area, year: int, user=None, *, using: str = DEFAULT_DB_ALIAS) -> Workbook:
    """The workbook of an area's year, its figures read from the database `using`
    names (registry.replica.figures_db)."""
    series = figures_of_years(
        dict.fromkeys(range(year - SERIES_YEARS + 1, year + 1), ""), using=using, **area.kwargs
    )
    current, previous = series[year], series[year - 1]
    book = Workbook()
    _summary(book, area, year, current.values, previous.values)
    for section, title in SECTIONS.items():
        _section_sheet(book, area, year, section, str(title), current)
    _series(book, area, year, series)
    _narrative(book, year, current.values)
    book.properties.title = _("Annual report %(year)s: %(area)s") % {
        "year": year,
        "area": area.label,
    }
    date = timezone.localdate().strftime("%d.%m.%Y")
    for sheet in book.worksheets:
        print_setup(sheet, title=book.properties.title, date=date)
    book.properties.creator = (
        (user.get_full_name() or user.username) if user is not None else "registry"
    )
    book.properties.lastModifiedBy = book.properties.creator
    book.properties.created = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    book.properties.language = translation.get_language()
    return book


def write_annual_report(
    target, *, year: int, region=None, district=None, user=None, using: str = DEFAULT_DB_ALIAS
) -> None:
    """Write the workbook to a path or a binary stream."""
    if district is not None and region is None:
        region = district.region
    build(Area(region=region, district=district), year, user, using=using).save(target)
