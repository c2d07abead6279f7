"""The management commands that set a deployment up."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from registry.models import Region, User


def run(*args, **options):
    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def test_add_user_with_password_from_environment(monkeypatch, district_a):
    monkeypatch.setenv("REGISTRY_PASSWORD", "Quite-long-password-1")
    output = run("add_user", "aigul", "--role", "officer", "--district", "a")
    user = User.objects.get(username="aigul")
    assert user.role == "officer" and user.district == district_a
    assert user.check_password("Quite-long-password-1")
    assert "created" in output


def test_add_user_prompts_for_password(monkeypatch, region):
    monkeypatch.delenv("REGISTRY_PASSWORD", raising=False)
    answers = iter(["Quite-long-password-1", "Quite-long-password-1"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    run("add_user", "gulnar", "--role", "regional", "--region", "r1")
    assert User.objects.get(username="gulnar").region == region


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["x", "--role", "boss"],
            "Unknown role 'boss'. Choose one of: officer, regional, admin, national.",
        ),
        (
            ["x", "--role", "officer", "--district", "nowhere"],
            "Unknown district 'nowhere'. Known districts: a.",
        ),
        (["x", "--role", "regional", "--region", "r9"], "Unknown region 'r9'. Known regions: r1."),
        (["x", "--role", "officer"], "An officer must be bound to a district."),
        (["x", "--role", "admin"], "This role must be bound to a region."),
    ],
)
def test_add_user_errors_are_clear(monkeypatch, district_a, args, message):
    monkeypatch.setenv("REGISTRY_PASSWORD", "Quite-long-password-1")
    with pytest.raises(CommandError) as error:
        run("add_user", *args)
    assert str(error.value) == message
    assert not User.objects.filter(username="x").exists()


def test_add_user_refuses_a_weak_password(monkeypatch, district_a):
    monkeypatch.setenv("REGISTRY_PASSWORD", "short")
    with pytest.raises(CommandError, match="too short"):
        run("add_user", "weak", "--role", "officer", "--district", "a")
    assert not User.objects.filter(username="weak").exists()


def test_add_region_first_becomes_default(db):
    run("add_region", "r7", "--name-kk", "Облыс", "--name-ru", "Область")
    run("add_region", "r8", "--name-kk", "Облыс 2", "--name-ru", "Область 2")
    assert Region.objects.get(is_default=True).code == "r7"


def test_compile_translations(tmp_path, settings):
    locale = tmp_path / "ru" / "LC_MESSAGES"
    locale.mkdir(parents=True)
    (locale / "django.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Districts"\nmsgstr "Районы"\n',
        encoding="utf-8",
    )
    settings.LOCALE_PATHS = [tmp_path]
    assert "compiled: 1" in run("compile_translations")
    assert (locale / "django.mo").exists()
