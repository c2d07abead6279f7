"""The words users write for the register's codes: the code itself, its label in
English, Russian and Kazakh (from the interface's own catalogues), and the terms of
the glossary (`shared/domain/glossary.md`) that the districts' lists use.

Matching ignores letter case, surrounding and doubled spaces and the ё/е difference.
A word that would name two codes of one list is not accepted for either.
"""

from __future__ import annotations

import re
from functools import cache

from django.utils import translation

from benefits.models import AllowanceKind
from children.models import Category, InstitutionKind, PlacementForm, Sector, Sex
from housing.models import HousingKind, ProvisionSource, QueueEndReason

LANGUAGES = ("en", "ru", "kk")
SPACES = re.compile(r"\s+")

# Glossary terms beyond the interface labels, by code.
GLOSSARY: dict[type, dict[str, tuple[str, ...]]] = {
    Category: {
        "orphan": ("сирота", "ребёнок-сирота", "жетім", "жетім бала"),
        "without_care": (
            "оставшийся без попечения родителей",
            "ребёнок, оставшийся без попечения родителей",
            "ата-анасының қамқорлығынсыз қалған",
            "ата-анасының қамқорлығынсыз қалған бала",
        ),
    },
    Sector: {
        "education": ("образование", "білім беру"),
        "health": ("здравоохранение", "денсаулық сақтау"),
        "social": ("социальная защита", "әлеуметтік қорғау"),
    },
    PlacementForm: {
        "institution": (
            "организация для детей-сирот",
            "жетім балаларға арналған мекеме",
            "организация",
            "мекеме",
        ),
        "guardianship": ("опека", "қорғаншылық"),
        "trusteeship": ("попечительство", "қамқоршылық"),
        "patronage": ("патронатное воспитание", "патронат", "патронаттық тәрбие"),
        "foster_family": ("приёмная семья", "қабылдаушы отбасы"),
        "adoption": (
            "усыновление",
            "удочерение",
            "усыновление (удочерение)",
            "асырап алу",
            "бала асырап алу",
            "асырап алу (бала асырап алу)",
        ),
    },
    InstitutionKind: {
        "children_home": ("детский дом", "балалар үйі"),
        "baby_home": ("дом ребёнка", "сәбилер үйі"),
        "boarding_school": ("интернат", "школа-интернат", "мектеп-интернат"),
        "youth_home": ("дом юношества", "жасөспірімдер үйі"),
        "family_village": (
            "детская деревня",
            "детская деревня семейного типа",
            "балалар ауылы",
        ),
    },
    HousingKind: {
        "full": ("полное право собственности", "толық меншік құқығы"),
        "share": ("долевая собственность", "үлестік меншік құқығы"),
    },
    QueueEndReason: {
        "provided": ("обеспечен жильём", "тұрғын үймен қамтамасыз етілді"),
    },
    ProvisionSource: {
        "state_fund": (
            "государственный жилищный фонд",
            "мемлекеттік тұрғын үй қоры",
        ),
    },
    AllowanceKind: {
        "survivor": (
            "пособие по случаю потери кормильца",
            "асыраушысынан айырылу жағдайы бойынша жәрдемақы",
        ),
        "parent_disability": (
            "пособие в связи с инвалидностью родителя",
            "ата-анасының мүгедектігіне байланысты жәрдемақы",
        ),
        "guardian_allowance": (
            "ежемесячная выплата опекунам на содержание ребёнка",
            "қорғаншыларға баланы асырауға ай сайынғы төлем",
        ),
    },
    # М and Ж are Cyrillic letters; M and F Latin ones.
    Sex: {
        "M": ("м", "муж", "мужской", "ер", "ер адам", "male"),
        "F": ("ж", "жен", "женский", "әйел", "female"),
    },
}


def normalize(text: str) -> str:
    return SPACES.sub(" ", str(text).strip()).casefold().replace("ё", "е")


@cache
def vocabulary(choices) -> dict[str, str]:
    """Every accepted word (normalized) for each code of `choices`, a TextChoices."""
    found: dict[str, set[str]] = {}

    def add(word, code):
        if word:
            found.setdefault(normalize(word), set()).add(code)

    for code, label in zip(choices.values, choices.labels, strict=True):
        add(code, code)
        for language in LANGUAGES:
            with translation.override(language):
                add(str(label), code)
    for code, words in GLOSSARY.get(choices, {}).items():
        for word in words:
            add(word, code)
    # The code itself always wins; other words only when they name one code.
    words = {word: codes.pop() for word, codes in found.items() if len(codes) == 1}
    words.update({normalize(code): code for code in choices.values})
    return words
