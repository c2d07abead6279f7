"""Names in the order of the Kazakh alphabet, which holds the Russian one.

    А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я

The database sorts with the collation `COLLATION`: on PostgreSQL the ICU collation of
Kazakh (`kk`), created by `registry/migrations/0007_kazakh_collation.py`; on SQLite a
Python comparison of `sort_key`, registered on every connection (`register_collation`,
from `RegistryConfig.ready`). `sort_key` follows ICU's Kazakh order: spaces and
punctuation, digits, the Cyrillic letters in the order above, then Latin letters;
letter case only breaks ties (lower case first).

`by_name(field)` is the order expression every list sorted by name uses, and
`sort_key` the key of a name sorted in Python.
"""

from __future__ import annotations

from django.db.models import F, Value
from django.db.models.expressions import OrderBy
from django.db.models.functions import Coalesce, Collate, NullIf
from django.utils.translation import get_language

COLLATION = "kazakh"
ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_CYRILLIC = {letter: position for position, letter in enumerate(ALPHABET)}


def _weight(char: str) -> tuple[int, int]:
    lower = char.lower()
    if lower in _CYRILLIC:
        return (3, _CYRILLIC[lower])
    if char.isspace():
        return (0, 0)
    if char.isdigit():
        return (2, ord(char))
    if "a" <= lower <= "z":
        return (4, ord(lower))
    if not char.isalnum():
        return (1, ord(char))
    return (5, ord(lower))


def sort_key(text: str | None) -> tuple:
    """The place of `text` among names: the letters' places in the alphabet, then
    (for names that differ only so) lower case before upper case, then the text."""
    text = text or ""
    return (
        tuple(_weight(char) for char in text),
        tuple(not char.islower() for char in text),
        text,
    )


def _compare(left: str, right: str) -> int:
    a, b = sort_key(left), sort_key(right)
    return (a > b) - (a < b)


def register_collation(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: SQLite learns the collation `COLLATION`."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, _compare)


def localized_name(path: str = "name"):
    """The name a `LocalizedNameMixin` record (`name`, or `district__name`) shows in
    the active language, as an expression: the same choice as its `name` property."""
    prefix = path[: -len("name")]
    kk, ru, en = (F(f"{prefix}name_{code}") for code in ("kk", "ru", "en"))
    language = (get_language() or "ru")[:2]
    if language == "kk":
        return Coalesce(NullIf(kk, Value("")), ru)
    if language == "en":
        return Coalesce(NullIf(en, Value("")), NullIf(ru, Value("")), kk)
    return Coalesce(NullIf(ru, Value("")), kk)


def by_name(field: str, *, descending: bool = False) -> OrderBy:
    """The order of `field` (a name, or a record's localized `name`) by the alphabet.
    A leading "-" (as in `order_by`) sorts from Я to А."""
    if field.startswith("-"):
        field, descending = field[1:], True
    is_localized = field == "name" or field.endswith("__name")
    expression = Collate(localized_name(field) if is_localized else F(field), COLLATION)
    return expression.desc() if descending else expression.asc()
