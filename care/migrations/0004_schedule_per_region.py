"""The visit schedule becomes each region's own.

Every region keeps the rules the deployment counts by today (the defaults, or what an
administrator made of them), so that no due visit and no figure changes with the
migration; from then on each region's administrators change only their region's rules.
On a deployment without regions the rules of 0002 go: a region gets the defaults when
it is added (registry.services.geography.region_create).
"""

import django.db.models.deletion
from django.db import migrations, models

COPIED = ("form", "first_visit_days", "interval_months", "duration_months", "is_active")


def rules_per_region(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Check the new references now: PostgreSQL refuses to alter a table that has
        # checks of deferred constraints pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    Rule = apps.get_model("care", "VisitScheduleRule")
    Region = apps.get_model("registry", "Region")
    today = list(Rule.objects.filter(region__isnull=True).order_by("pk"))
    regions = list(Region.objects.order_by("-is_default", "pk"))
    if not regions:
        Rule.objects.filter(region__isnull=True).delete()
        return
    first, *others = regions
    Rule.objects.filter(region__isnull=True).update(region=first)
    Rule.objects.bulk_create(
        Rule(region=region, **{field: getattr(rule, field) for field in COPIED})
        for region in others
        for rule in today
    )


def one_schedule_again(apps, schema_editor):
    """Back to one schedule for the deployment: the default region's."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    Rule = apps.get_model("care", "VisitScheduleRule")
    Region = apps.get_model("registry", "Region")
    kept = Region.objects.order_by("-is_default", "pk").first()
    if kept is not None:
        Rule.objects.exclude(region=kept).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("care", "0003_not_stated"),
        ("registry", "0005_audit_references_unchecked"),
    ]

    operations = [
        migrations.AddField(
            model_name="visitschedulerule",
            name="region",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="registry.region",
                verbose_name="region",
            ),
        ),
        migrations.AlterField(
            model_name="visitschedulerule",
            name="form",
            field=models.CharField(
                choices=[
                    ("institution", "institution"),
                    ("guardianship", "guardianship"),
                    ("trusteeship", "trusteeship"),
                    ("patronage", "patronage"),
                    ("foster_family", "foster family"),
                    ("adoption", "adoption"),
                ],
                max_length=20,
                verbose_name="form of care",
            ),
        ),
        migrations.RunPython(rules_per_region, one_schedule_again),
        migrations.AlterField(
            model_name="visitschedulerule",
            name="region",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="registry.region",
                verbose_name="region",
            ),
        ),
        migrations.AddConstraint(
            model_name="visitschedulerule",
            constraint=models.UniqueConstraint(
                fields=("region", "form"), name="visit_schedule_rule_once_per_region"
            ),
        ),
    ]
