"""The daily reminder: one e-mail per officer with overdue items, once a day."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from care.models import ReminderSent
from children.models import PlacementForm
from registry.services.users import user_update
from tests.care.factories import record_visit
from tests.children.factories import place, register_child


def today():
    """Read at each use: a run that crosses midnight sees the services' day."""
    return timezone.localdate()


def run(*args):
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def with_email(user, email):
    return user_update(
        actor=user,
        user=user,
        version=user.version,
        role=user.role,
        district=user.district,
        first_name=user.first_name,
        email=email,
    )


@pytest.fixture
def overdue_case(officer_a, district_a):
    child = register_child(
        officer_a, district_a, last_name="Кешікбаев", birth_date=datetime.date(2015, 1, 1)
    )
    placement = place(
        officer_a, child, PlacementForm.GUARDIANSHIP, today() - datetime.timedelta(days=70)
    )
    return child, placement


def test_each_officer_gets_their_overdue_items_once_a_day(officer_a, officer_b, overdue_case):
    with_email(officer_a, "aigul@example.kz")
    with_email(officer_b, "marat@example.kz")
    child, _placement = overdue_case
    output = run("--base-url", "https://registry.example.kz/")
    assert len(mail.outbox) == 1  # officer_b has nothing overdue
    message = mail.outbox[0]
    assert message.to == ["aigul@example.kz"]
    assert "overdue on" in message.subject and message.subject.endswith(": 1")
    assert "Кешікбаев" in message.body and "Visit overdue since" in message.body
    assert f"https://registry.example.kz/children/{child.pk}/#care-visits" in message.body
    assert "Sent to officer_a." in output
    again = run()
    assert len(mail.outbox) == 1
    assert "Already sent today to officer_a." in again
    assert ReminderSent.objects.get().date == today()


def test_officers_without_an_e_mail_address_are_named(officer_a, overdue_case):
    output = run()
    assert mail.outbox == []
    assert "officer_a has no e-mail address: no reminder sent." in output
    assert not ReminderSent.objects.exists()


def test_nothing_overdue_no_mail(officer_a, overdue_case):
    with_email(officer_a, "aigul@example.kz")
    _child, placement = overdue_case
    record_visit(officer_a, placement, today() - datetime.timedelta(days=35))
    output = run()
    assert mail.outbox == []
    assert "Reminders sent: 0; officers with nothing overdue: 1." in output


def test_a_failed_send_is_tried_again(officer_a, overdue_case, monkeypatch):
    with_email(officer_a, "aigul@example.kz")

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("care.reminders.send_mail", broken)
    with pytest.raises(ConnectionRefusedError):
        run()
    assert not ReminderSent.objects.exists()
    monkeypatch.undo()
    run()
    assert len(mail.outbox) == 1
