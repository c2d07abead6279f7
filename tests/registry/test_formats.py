"""Numbers and dates read as each language writes them: Kazakh has its own formats
(registry/formats/kk), Russian Django's; charts write figures as the tables do."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from benefits.services.allowances import allowance_add
from reports import charts

NBSP = "\xa0"


def render(text, **values):
    return Template("{% load reports_tags %}" + text).render(Context(values))


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_amount_percentage_and_date(language):
    with translation.override(language):
        assert render('{{ v|floatformat:"-2g" }}', v=Decimal("36900.50")) == f"36{NBSP}900,50"
        assert render('{{ v|floatformat:"-2g" }}', v=Decimal("25000")) == f"25{NBSP}000"
        assert render('{{ v|figure:"pct" }}', v=47.84) == "47,8 %"
        assert (
            render("{{ v|date }}", v=datetime.date(2026, 12, 6))
            == {
                "kk": "6 желтоқсан 2026 ж.",
                "ru": "6 декабря 2026 г.",
            }[language]
        )
        assert render('{{ v|date:"SHORT_DATE_FORMAT" }}', v=datetime.date(2026, 12, 6)) == (
            "06.12.2026"
        )


def test_english_keeps_its_own_formats():
    with translation.override("en"):
        assert render('{{ v|floatformat:"-2g" }}', v=Decimal("36900.50")) == "36,900.50"
        assert render('{{ v|figure:"pct" }}', v=47.84) == "47.8 %"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_chart_writes_a_percentage_as_the_table_does(language):
    with translation.override(language):
        svg = charts.horizontal_bars("t", [("a", 47.84, None), ("b", 1234, None)], kind="pct")
        table = render('{{ v|figure:"pct" }}', v=47.84)
        assert f">{table}</text>" in svg
        assert "47.8" not in svg
        counts = charts.horizontal_bars("t", [("a", 12345, None)])
        assert f">12{NBSP}345</text>" in counts


@pytest.mark.parametrize(
    ("language", "amount"), [("kk", f"42{NBSP}500,50"), ("ru", f"42{NBSP}500,50")]
)
def test_child_page_shows_an_allowance_as_the_language_writes_it(
    as_user,
    officer_a,
    child_a,
    language,
    amount,
):
    allowance_add(
        actor=officer_a,
        child=child_a,
        kind="survivor",
        monthly_amount=Decimal("42500.50"),
        start_date=datetime.date(2020, 3, 1),
    )
    page = as_user(officer_a, language=language).get(f"/children/{child_a.pk}/")
    text = page.content.decode()
    assert amount in text
    assert "42500.50" not in text and "42,500.50" not in text
    assert "01.03.2020" in text
