"""The default visit schedule: the first visit within a month of the placement, then
every six months; for an adoption during its first three years only."""

from django.db import migrations

DEFAULTS = [
    ("guardianship", None),
    ("trusteeship", None),
    ("patronage", None),
    ("foster_family", None),
    ("adoption", 36),
]


def create_rules(apps, schema_editor):
    Rule = apps.get_model("care", "VisitScheduleRule")
    for form, duration in DEFAULTS:
        Rule.objects.get_or_create(
            form=form,
            defaults={"first_visit_days": 30, "interval_months": 6, "duration_months": duration},
        )


class Migration(migrations.Migration):
    dependencies = [("care", "0001_initial")]

    operations = [
        migrations.RunPython(create_rules, migrations.RunPython.noop),
    ]
