"""The Kazakh and Russian catalogues keep the named values (`%(name)s`) of their
English text: a translation without one shows less than the English (a count, a
date), and one with a name the English lacks fails when it is shown."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

NAMED = re.compile(r"%\((\w+)\)")


def catalogues() -> list[Path]:
    return sorted(
        path
        for locale in settings.LOCALE_PATHS
        for path in Path(locale).glob("*/LC_MESSAGES/django.po")
    )


def names(text: str) -> set[str]:
    return set(NAMED.findall(text))


def forms_beyond_one(catalogue) -> set[int]:
    """The plural forms a number other than one takes: they show the number."""
    header = catalogue.metadata.get("Plural-Forms", "")
    plural = gettext.c2py(header.split("plural=", 1)[1].rstrip(";"))
    return {plural(number) for number in range(1000) if number != 1}


def lost_or_added(path: Path) -> list[str]:
    catalogue = polib.pofile(str(path))
    beyond_one = forms_beyond_one(catalogue)
    found = []
    for entry in catalogue.translated_entries():
        if "python-format" not in entry.flags:
            continue
        if not entry.msgid_plural:
            if names(entry.msgstr) != names(entry.msgid):
                found.append(f"{entry.msgid!r}: {entry.msgstr!r}")
            continue
        one, many = names(entry.msgid), names(entry.msgid_plural)
        for form, text in entry.msgstr_plural.items():
            needed = many if int(form) in beyond_one else one  # the form of one alone
            if not needed <= names(text) <= one | many:
                found.append(f"{entry.msgid_plural!r} [{form}]: {text!r}")
    return found


@pytest.mark.parametrize("path", catalogues(), ids=lambda path: path.parts[-3])
def test_translations_keep_the_named_values_of_the_english(path):
    assert lost_or_added(path) == []


def test_a_form_for_twenty_one_without_the_count_is_found(tmp_path):
    """Russian's first plural form is also that of 21, 31, …: it must show the count."""
    path = tmp_path / "django.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && '
        'n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
        "#, python-format\n"
        'msgid "A visit is overdue."\nmsgid_plural "%(counter)s visits are overdue."\n'
        'msgstr[0] "Обследование просрочено."\n'
        'msgstr[1] "Просрочено %(counter)s обследования."\n'
        'msgstr[2] "Просрочено %(counter)s обследований."\n',
        encoding="utf-8",
    )
    assert len(lost_or_added(path)) == 1
