"""No workbook makes the import fail: seeded random cells of every kind, in every
column of every sheet, give problems (or a clean import), never an exception."""

import datetime
import random

import pytest

from children.iin import make_iin
from exchange.workbook.sheets import SHEETS
from tests.exchange.workbooks import BOY, GIRL, make_workbook, run_import, table_counts

POOL = [
    None,
    "",
    "   ",
    "a",
    "zz",
    "Ә" * 400,
    0,
    -1,
    7,
    3.5,
    10**15,
    True,
    datetime.date(2020, 1, 1),
    datetime.datetime(2099, 1, 1, 12, 30),
    datetime.date(1900, 1, 1),
    "31.02.2014",
    "2014-02-03",
    "=SUM(A1:A2)",
    "TMP-1",
    "tmp-" + "9" * 60,
    BOY,
    GIRL,
    make_iin(datetime.date(2010, 1, 1), "F", 9),
    "a",
    "b",
    "CH-A",
    "orphan",
    "guardianship",
    "institution",
    "adoption",
    "M",
    "Ж",
    "moved",
    "r1",
]


@pytest.mark.parametrize("seed", range(12))
def test_random_workbooks_never_crash(areas, seed):
    generator = random.Random(seed)
    sheets = {}
    for sheet in SHEETS:
        names = list(sheet.column_names)
        generator.shuffle(names)
        rows = [names[: generator.randint(1, len(names))]]
        rows += [
            [generator.choice(POOL) for _name in rows[0]] for _row in range(generator.randint(0, 6))
        ]
        sheets[sheet.name] = rows
    before = table_counts()
    result = run_import(make_workbook(sheets))
    if result.problems:
        assert table_counts() == before
        assert all(str(problem) for problem in result.problems)


def test_a_workbook_that_unpacks_too_big_is_refused_unread(areas, monkeypatch):
    """A small compressed file that would unpack to gigabytes ("zip bomb") is refused
    before any part of it is read, with the size and what to do."""
    import io
    import zipfile

    from children.models import Child
    from exchange.workbook import reader
    from tests.exchange.workbooks import problem_lines

    monkeypatch.setattr(reader, "open_sheets", lambda source: pytest.fail("a part was read"))
    monkeypatch.setattr(reader, "UNPACKED_LIMIT", 4 * 2**20)  # 250 MB in use
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/sharedStrings.xml", "0" * (5 * 2**20))
    assert len(bomb.getvalue()) < 2**16
    result = run_import(bomb)
    assert problem_lines(result) == [
        "This workbook unpacks to 5 MB, more than the 4 MB a workbook may hold. "
        "Split it by district and import the parts one after the other."
    ]
    assert not Child.objects.exists()
