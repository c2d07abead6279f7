"""The daily e-mail to each officer with what is overdue in their district.

Idempotent within a day: `ReminderSent(user, date)` is written in the same transaction
as the e-mail is handed to the mail backend, and an officer who has one for the day
is not written to again. A failed send leaves no row, so the next run tries again.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from care.models import ReminderSent
from care.worklist import DANGER, OVERDUE, work_list
from registry.models import Role, User
from registry.records.rules import fmt


@dataclass
class ReminderReport:
    sent: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    without_email: list[str] = field(default_factory=list)
    nothing_due: int = 0


def overdue_items(user, day: datetime.date):
    """The part of the work list that is overdue, or urgent after a danger visit."""
    return [item for item in work_list(user, day) if item.rank in (DANGER, OVERDUE)]


def officers():
    return (
        User.objects.filter(role=Role.OFFICER, is_active=True, district__isnull=False)
        .select_related("district")
        .order_by("username")
    )


def send_reminders(*, day: datetime.date, base_url: str = "") -> ReminderReport:
    report = ReminderReport()
    already = set(ReminderSent.objects.filter(date=day).values_list("user_id", flat=True))
    for officer in officers():
        if officer.pk in already:
            report.already.append(officer.username)
            continue
        items = overdue_items(officer, day)
        if not items:
            report.nothing_due += 1
            continue
        if not officer.email:
            report.without_email.append(officer.username)
            continue
        with transaction.atomic():
            _sent, created = ReminderSent.objects.get_or_create(
                user=officer, date=day, defaults={"items": len(items)}
            )
            if not created:  # another run got there first
                report.already.append(officer.username)
                continue
            with translation.override(settings.LANGUAGE_CODE):
                subject = _("Register of orphans: overdue on %(date)s: %(count)s") % {
                    "date": fmt(day),
                    "count": len(items),
                }
                body = render_to_string(
                    "care/email/reminder.txt",
                    {
                        "officer": officer,
                        "items": items,
                        "day": day,
                        "base_url": base_url.rstrip("/"),
                    },
                )
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [officer.email])
        report.sent.append(officer.username)
    return report
