"""load_demo: the demo region, its accounts and records, into an empty database once."""

from io import StringIO

from django.core.management import call_command

from registry.models import District, User


def run(*args, **options):
    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def test_load_demo_fills_an_empty_database_once(db):
    output = run("load_demo")
    assert "Demo region loaded." in output
    assert "officer" in output and "Zhetisu-demo-2026" in output
    assert "Every demo account sets up two-step sign-in at its first sign-in" in output
    assert District.objects.filter(region__code="zhetisu").count() >= 8
    roles = set(User.objects.exclude(role="").values_list("role", flat=True))
    assert roles == {"officer", "regional", "admin", "national"}
    officer = User.objects.get(username="officer")
    assert officer.check_password("Zhetisu-demo-2026")
    districts = District.objects.count()
    second = run("load_demo")
    assert "already holds a register" in second
    assert District.objects.count() == districts


def test_demo_says_when_officers_go_without_a_second_factor(db, settings):
    settings.OTP_REQUIRED_FOR_OFFICERS = False
    output = run("load_demo")
    assert "Officers sign in with the password alone (OTP_REQUIRED_FOR_OFFICERS=0)" in output
