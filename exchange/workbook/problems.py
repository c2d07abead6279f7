"""What is wrong with a workbook: one problem per bad cell, column, sheet or file."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """Where (sheet, row number as Excel shows it, column name) and what is wrong.

    A problem with the whole file has no sheet; one with a whole sheet (a missing
    column) has row 1, the header row.
    """

    sheet: str
    row: int | None
    column: str
    message: str

    def where(self) -> str:
        return ", ".join(str(part) for part in (self.sheet, self.row, self.column) if part)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message

    def as_dict(self) -> dict:
        return asdict(self)


class Problems:
    """Collects problems in the order they are found."""

    def __init__(self):
        self.items: list[Problem] = []

    def add(self, sheet: str, row: int | None, column: str, message: str) -> None:
        self.items.append(Problem(sheet, row, column or "", str(message)))

    def file(self, message: str) -> None:
        self.add("", None, "", message)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)
