"""The synthetic workbook of the benchmark is a valid register: it imports cleanly,
with rows on every sheet, and a second import changes nothing."""

import io

from devdata.synthetic import write_synthetic_workbook
from exchange.workbook.sheets import SHEETS
from tests.exchange.workbooks import problem_lines, run_import


def test_the_synthetic_workbook_imports_cleanly(db):
    target = io.BytesIO()
    rows = write_synthetic_workbook(target, children=150, seed=3, districts=3)
    assert set(rows) == {sheet.name for sheet in SHEETS}
    result = run_import(target)
    assert problem_lines(result) == []
    assert {sheet: figures["created"] for sheet, figures in result.counts.items()} == rows
    again = run_import(target)
    assert all(f["created"] == f["updated"] == 0 for f in again.counts.values())
