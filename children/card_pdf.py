"""The child's card as an A4 PDF, drawn on the server with fpdf2 (pure Python) in
DejaVu Sans, bundled in children/fonts with its licence: it has every letter of the
Kazakh and Russian alphabets, and nothing is loaded from elsewhere at run time."""

from __future__ import annotations

import logging
from pathlib import Path

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from children.card import Card, CardSection, CardTable

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVuSans"
BODY = 8  # points
HEADING = 11
TITLE = 14
GREY = (235, 235, 235)
MARGIN = 15  # millimetres
KEEP_WITH_HEADING = 25  # millimetres of the section that must follow its heading

# fontTools reports each glyph it keeps of the font at INFO: not for the server's log.
logging.getLogger("fontTools").setLevel(logging.WARNING)


class CardPDF(FPDF):
    """A4 portrait; every page names the child and the officer who printed the card,
    and counts its pages."""

    def __init__(self, card: Card):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.card = card
        self.add_font(FAMILY, "", FONTS / "DejaVuSans.ttf")
        self.add_font(FAMILY, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN + 5)
        self.set_title(f"{card.title}: {card.subtitle}")
        self.set_creator(_("Register of orphans"))
        self.set_lang(get_language() or "en")

    def footer(self):
        self.set_y(-MARGIN)
        self.set_font(FAMILY, "", 7)
        self.set_text_color(90)
        self.cell(0, 4, f"{self.card.subtitle} · {self.card.printed_line}", align="L")
        self.set_x(MARGIN)
        page = _("page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}
        self.cell(0, 4, page, align="R")
        self.set_text_color(0)


def _heading(pdf: CardPDF, text: str, size: int = HEADING) -> None:
    if pdf.will_page_break(KEEP_WITH_HEADING):  # no heading alone at a page's foot
        pdf.add_page()
    pdf.set_font(FAMILY, "B", size)
    pdf.ln(2)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.set_font(FAMILY, "", BODY)


def _facts(pdf: CardPDF, facts) -> None:
    with pdf.table(
        col_widths=(1, 2),
        first_row_as_headings=False,
        borders_layout="HORIZONTAL_LINES",
        text_align="LEFT",
        v_align="TOP",
        line_height=BODY * 0.5,
        padding=(0.6, 1),
    ) as table:
        for label, value in facts:
            row = table.row()
            row.cell(label, style=FontFace(emphasis="BOLD"))
            row.cell(value)


def _table(pdf: CardPDF, card_table: CardTable) -> None:
    if card_table.heading:
        _heading(pdf, card_table.heading, size=BODY + 1)
    if not card_table.rows:
        pdf.multi_cell(0, BODY * 0.5, card_table.empty, new_x="LMARGIN", new_y="NEXT")
        return
    widths = tuple(card_table.widths) or (1,) * len(card_table.columns)
    with pdf.table(
        col_widths=widths,
        headings_style=FontFace(emphasis="BOLD", fill_color=GREY),
        text_align="LEFT",
        v_align="TOP",
        line_height=BODY * 0.5,
        padding=(0.6, 1),
        repeat_headings=1,
    ) as table:
        table.row(list(card_table.columns))
        for values in card_table.rows:
            table.row([str(value) for value in values])


def _section(pdf: CardPDF, section: CardSection) -> None:
    _heading(pdf, section.heading)
    if section.facts:
        _facts(pdf, section.facts)
    for card_table in section.tables:
        _table(pdf, card_table)
    for note in section.notes:
        pdf.multi_cell(0, BODY * 0.5, note, new_x="LMARGIN", new_y="NEXT")


def card_pdf(card: Card) -> bytes:
    """The card as the bytes of a PDF file."""
    pdf = CardPDF(card)
    pdf.add_page()
    pdf.set_font(FAMILY, "B", TITLE)
    pdf.multi_cell(0, 7, card.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", HEADING)
    pdf.multi_cell(0, 6, card.subtitle, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", BODY)
    for section in card.sections:
        _section(pdf, section)
    pdf.ln(4)
    pdf.multi_cell(0, BODY * 0.5, card.printed_line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
