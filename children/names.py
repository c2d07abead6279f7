"""Matching names written in Kazakh or Russian spelling, in any letter case.

`name_key` folds the spellings a name gets in different documents onto one key:
Kazakh letters onto their Russian counterparts (Әлия / Алия, Нұрлан / Нурлан),
ё onto е, й onto и, soft and hard signs dropped, doubled letters single, Latin
transliteration onto Cyrillic for the common letters. Two children with the same
key and birth date are suspected duplicates.

`search_key` folds every word of a name the same way, for the children list's
search: " жумабаев нурсултан абаевич " (a space before and after each word, so that
the database finds a whole word as " word " and a word's beginning as " word").
"""

import re
from functools import lru_cache

FOLD = str.maketrans(
    {
        "ә": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
        "ё": "е",
        "й": "и",
        "ы": "и",
        "э": "е",
        "ъ": None,
        "ь": None,
    }
)
LATIN = [
    ("sh", "ш"),
    ("ch", "ч"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("yu", "ю"),
    ("ya", "я"),
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("g", "г"),
    ("d", "д"),
    ("e", "е"),
    ("z", "з"),
    ("i", "и"),
    ("y", "и"),
    ("k", "к"),
    ("q", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("f", "ф"),
    ("h", "х"),
    ("c", "к"),
]
NOT_LETTER = re.compile(r"[^а-яa-z]")
WORD_BREAK = re.compile(r"[\s\-‐–—.,;:/()]+")
DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=2**16)  # names repeat: an import folds each word once
def _fold(name: str) -> str:
    text = (name or "").strip().lower()
    for latin, cyrillic in LATIN:
        text = text.replace(latin, cyrillic)
    text = text.translate(FOLD)
    text = NOT_LETTER.sub("", text)
    return DOUBLE.sub(r"\1", text)


def name_key(last_name: str, first_name: str) -> str:
    return f"{_fold(last_name)} {_fold(first_name)}"


def fold_words(text: str) -> list[str]:
    """The folded words of `text` (a name, a search), in their order."""
    words = (_fold(word) for word in WORD_BREAK.split(text or ""))
    return [word for word in words if word]


def search_key(*names: str) -> str:
    """The words of `names` folded, each between spaces (see the module's text)."""
    words = [word for name in names for word in fold_words(name)]
    return f" {' '.join(words)} " if words else ""
