"""Every page speaks one language: walked in Kazakh and in Russian over the demo region,
no page shows a text left in its English source (the project's or Django's catalogue),
Kazakh words on a Russian page or Russian words on a Kazakh page. Values from the
data (names of people, places, institutions) are not the interface and are left out."""

import re
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import django
import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models
from django.utils import translation
from django.utils.text import capfirst

from registry.models import District, Role, User
from tests.urlwalk import _walk, is_api

# Visible texts that read the same in the three languages.
SAME_IN_EVERY_LANGUAGE = {
    "18+",
    "English",
    "Қазақша",
    "Русский",
    "Қазақ",
    "Рус",
    "Eng",
    "IIN",
    "OK",
    "PDF",
    "JPEG",
    "PNG",
    "XLSX",
    "ID",
    "%",
    "—",
    "№",
}
# English left by a value shown as Python prints it.
PYTHON_WORDS = {"True", "False", "None"}
# Words that are Russian and never Kazakh (not "не": Kazakh too, "what" or "or").
RUSSIAN_WORDS = {
    "и", "в", "на", "из", "них", "для", "по", "от", "или", "что", "это", "год",
    "года", "ребёнок", "ребенок", "детей", "дети", "выпускников", "выпускник", "район",
    "области", "область", "запись", "записи", "нет", "да", "все", "всего", "дата",
    "изменение", "создание", "обследование", "статус", "пособие", "жильё", "опека",
}  # fmt: skip
KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
SKIPPED = {"logout", "set_language", "otp_disable", "otp_setup", "otp_recovery_codes"}


# Text in these elements is not the interface's words: a workbook's sheet and column
# codes, the same in every language.
HIDDEN = ("script", "style", "template", "code")


class VisibleText(HTMLParser):
    """Text nodes outside script and style, and the attributes a reader sees."""

    SEEN_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}

    def __init__(self):
        super().__init__()
        self.texts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self._hidden += 1
        attrs = dict(attrs)
        for name in self.SEEN_ATTRIBUTES & attrs.keys():
            self.texts.append(attrs[name] or "")
        if tag == "input" and attrs.get("type") in ("submit", "button"):
            self.texts.append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag in HIDDEN:
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data):
        if not self._hidden:
            self.texts.append(data)


def visible_texts(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return [" ".join(text.split()) for text in parser.texts if text.strip()]


def _catalogue_ids(path: Path) -> set[str]:
    ids = set()
    for entry in polib.pofile(str(path)):
        for text in (entry.msgid, entry.msgid_plural):
            # A message with placeholders is matched by its text without them.
            if text and "%" not in text and "{" not in text:
                ids.add(" ".join(text.split()))
    return ids


def english_sources() -> set[str]:
    """The msgids of the project's catalogue, Django's and the installed apps'."""
    paths = [Path(settings.BASE_DIR) / "locale/ru/LC_MESSAGES/django.po"]
    paths.append(Path(django.__file__).parent / "conf/locale/ru/LC_MESSAGES/django.po")
    for config in apps.get_app_configs():
        path = Path(config.path) / "locale/ru/LC_MESSAGES/django.po"
        if path.exists() and "site-packages" in str(path):
            paths.append(path)
    ids = set().union(*(_catalogue_ids(path) for path in paths)) | model_names()
    # One-letter and technical ids ("a", "ID") are not findings.
    return {text for text in ids if len(text) > 2} - SAME_IN_EVERY_LANGUAGE


def model_names() -> set[str]:
    """The names of every model, field and choice in English, as a page would show one
    that nobody translated (a library's model names itself in plain English)."""
    names = set()
    with translation.override("en"):
        for model in apps.get_models():
            names.update((str(model._meta.verbose_name), str(model._meta.verbose_name_plural)))
            for field in model._meta.get_fields():
                label = str(getattr(field, "verbose_name", ""))
                names.update((label, capfirst(label)))
                for _value, choice in getattr(field, "flatchoices", None) or ():
                    names.update((str(choice), capfirst(str(choice))))
    return {name for name in names if name}


def data_values() -> set[str]:
    """Every text stored in the register's own tables (names, addresses, notes)."""
    values = set()
    for app in ("registry", "children", "housing", "benefits", "care"):
        for model in apps.get_app_config(app).get_models():
            if model._meta.label in ("registry.AuditEntry", "registry.AccessLog"):
                continue
            fields = [
                field.name
                for field in model._meta.concrete_fields
                if isinstance(field, models.CharField | models.TextField) and not field.choices
            ]
            for row in model._default_manager.values_list(*fields):
                values.update(str(value) for value in row if value)
    return values


def data_words(values) -> set[str]:
    return {word.lower() for value in values for word in WORD.findall(value)}


def _record_kinds():
    from registry.records.views import RecordViews

    for module in ("children", "housing", "benefits", "care"):
        declared = __import__(f"{module}.views.records", fromlist=["_"])
        for value in vars(declared).values():
            if isinstance(value, RecordViews):
                yield value


def sample_kwargs(pattern, kwargs, district):
    """Real records of `district` for the URL's arguments, or None."""
    from care.models import VisitScheduleRule
    from children.models import Child, Institution

    children = Child.objects.filter(registered_district=district)
    route = str(pattern.pattern)
    named = {key for key in kwargs if key != "pk"}
    if not kwargs:
        return {}
    if route.startswith("children/<int:pk>/") and not named:
        kinds = [kind for kind in _record_kinds() if f"/{kind.prefix}/" in f"/{route}"]
        if kinds and kinds[0].single:
            record = kinds[0].model._default_manager.filter(child__in=children).first()
            return {"pk": record.child_id} if record else None
        return {"pk": children.first().pk}
    if route.startswith("children/<int:pk>/"):
        (key,) = named
        for kind in _record_kinds():
            if f"/{kind.prefix}/" in f"/{route}" and key == f"{kind.record}_pk":
                found = kind.model._default_manager.filter(
                    **{f"{kind.owner_path}__registered_district": district}
                )
                if route.endswith("/end/") and _has(kind.model, "end_date"):
                    found = found.filter(end_date__isnull=True)
                record = found.first()
                if record is None:
                    return None
                child_pk = record
                for step in kind.owner_path.split("__"):
                    child_pk = getattr(child_pk, step)
                return {"pk": child_pk.pk, key: record.pk}
        # A record of one kind that hangs on another's (an action on a visit, a payment)
        for kind in _record_kinds():
            if key == f"{kind.record}_pk" and kind.owner_path == "child":
                record = kind.model._default_manager.filter(
                    child__registered_district=district
                ).first()
                return {"pk": record.child_id, key: record.pk} if record else None
        return None
    models_by_route = {
        "manage/districts/": District.objects.filter(pk=district.pk),
        "manage/users/": User.objects.filter(district=district),
        "institutions/": Institution.objects.filter(district=district),
        "follow-up/schedule/": VisitScheduleRule.objects.all(),
    }
    for prefix, found in models_by_route.items():
        if route.startswith(prefix):
            record = found.first()
            return {"pk": record.pk} if record else None
    return None


def _has(model, name) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def walk_pages(as_user, language):
    """(name, html) of every page in `language`, each opened by the first demo account
    (officer, administrator, regional, national) that may open it."""
    officer = User.objects.filter(role=Role.OFFICER, username="officer").get()
    readers = [
        officer,
        User.objects.filter(role=Role.ADMIN).first(),
        User.objects.filter(role=Role.REGIONAL).first(),
        User.objects.filter(role=Role.NATIONAL).first(),
    ]
    clients = [as_user(user, language=language) for user in readers]
    from django.urls import get_resolver, reverse

    seen = set()
    for name, kwargs, pattern in _walk(get_resolver().url_patterns):
        if name in seen or name in SKIPPED or is_api(name):
            continue  # the exchange API's description and its page are in English
        seen.add(name)
        arguments = sample_kwargs(pattern, kwargs, officer.district)
        if arguments is None:
            continue
        url = reverse(name, kwargs=arguments)
        for client in clients:
            response = client.get(url)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                yield name, response.content.decode()
                break


def page_findings(name, html, language, english, values, own_words) -> list[str]:
    """What on one page is not in `language`: English sources, words of the other one."""
    findings = []
    for text in visible_texts(html):
        if text in values or text in SAME_IN_EVERY_LANGUAGE:
            continue
        if text in english:
            findings.append(f"{name}: English {text!r}")
        words = {word for word in WORD.findall(text) if word.lower() not in own_words}
        if language == "ru":
            kazakh = sorted(word for word in words if KAZAKH_LETTERS.search(word))
            if kazakh:
                findings.append(f"{name}: Kazakh {kazakh} in {text!r}")
        else:
            russian = sorted(word for word in words if word.lower() in RUSSIAN_WORDS)
            if russian:
                findings.append(f"{name}: Russian {russian} in {text!r}")
    return findings


def test_the_check_finds_what_it_looks_for():
    html = (
        "<h1>Балалар</h1><td>create</td><button title='Export'>ок</button>"
        "<td>Серікбаева</td><td>аты-жөні (по убыванию)</td>"
        "<script>var x = 'Export';</script><code>Children</code>"
    )
    english = {"create", "Export", "Children"}
    values = {"Серікбаева"}
    found = page_findings("p", html, "ru", english, values, data_words(values))
    assert found == [
        "p: English 'create'",
        "p: English 'Export'",
        "p: Kazakh ['аты-жөні'] in 'аты-жөні (по убыванию)'",
    ]
    found = page_findings("p", "<p>из них 0</p><p>Барлығы</p>", "kk", set(), set(), set())
    assert found == ["p: Russian ['из', 'них'] in 'из них 0'"]


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_page_speaks_the_readers_language(demo, as_user, language):
    english = english_sources() | PYTHON_WORDS
    values = data_values()
    own_words = data_words(values)
    findings, pages = [], 0
    for name, html in walk_pages(as_user, language):
        pages += 1
        findings += page_findings(name, html, language, english, values, own_words)
    assert pages > 60, f"only {pages} pages were walked"
    assert not findings, "\n".join(sorted(set(findings)))
