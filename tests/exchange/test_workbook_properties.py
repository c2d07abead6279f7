"""Property-based tests of the import (hypothesis): a valid workbook of every sheet
with cells replaced by arbitrary dates, codes, IINs, amounts and text is imported
whole or refused whole, with a message for each problem, never an exception, and a
clean import imported again changes nothing."""

import datetime

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from children.iin import make_iin
from exchange.workbook.importer import import_workbook
from exchange.workbook.scope import ImportScope
from registry.audit import system_actor
from tests.children.test_properties import isolated
from tests.exchange.workbooks import BOY, GIRL, full_sheets, make_workbook, table_counts

values = st.one_of(
    st.none(),
    # (characters a worksheet can hold: openpyxl refuses control characters)
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=40),
    st.integers(min_value=-(10**16), max_value=10**16),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)),
    st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2030, 1, 1)).map(
        lambda day: day.strftime("%d.%m.%Y")
    ),
    st.booleans(),
    st.sampled_from(
        [
            BOY,
            GIRL,
            "TMP-1",
            "orphan",
            "сирота",
            "опека",
            "guardianship",
            "1/4",
            "0/3",
            "-5",
            "36 900,50",
            "1e400",
            "NaN",
            "a",
            "b",
            "CH-A",
            "=1+1",
            " ",
        ]
    ),
    st.builds(
        make_iin,
        st.dates(datetime.date(2000, 1, 1), datetime.date(2025, 1, 1)),
        st.sampled_from("MF"),
        st.integers(0, 9999),
    ),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_cell_values_import_whole_or_not_at_all(areas, data):
    sheets = full_sheets()
    cells = [
        (name, row, column)
        for name, rows in sheets.items()
        for row in range(1, len(rows))
        for column in range(len(rows[0]))
    ]
    for name, row, column in data.draw(st.lists(st.sampled_from(cells), max_size=6)):
        sheets[name][row][column] = data.draw(values)
    actor = system_actor()

    def attempt():
        before = table_counts()
        result = import_workbook(
            actor=actor, source=make_workbook(sheets), scope=ImportScope.everything()
        )
        if result.problems:
            assert all(str(problem).strip() for problem in result.problems)
            assert table_counts() == before, "a refused workbook wrote something"
            return "refused"
        again = import_workbook(
            actor=actor, source=make_workbook(sheets), scope=ImportScope.everything()
        )
        assert not again.problems
        changed = {
            sheet: counts
            for sheet, counts in again.counts.items()
            if counts.get("created") or counts.get("updated")
        }
        assert changed == {}, f"a second import changed {changed}"
        return "imported"

    outcome = isolated(attempt)
    event(outcome)
    assert outcome in ("imported", "refused")
