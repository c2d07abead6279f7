"""The list's search and the alphabet's order.

- `Child.search_key` and `Placement.carer_key`: the folded words of the child's and
  the carer's names (`children.names.search_key`), filled here for the records there
  are; the services and the import keep them.
- On PostgreSQL, trigram indexes on both (the extension `pg_trgm`), which find any
  part of a word (`LIKE '%…%'`). SQLite has no such index and reads the area's rows.
- Children sort by name in the Kazakh alphabet (the collation of
  `registry/migrations/0007_kazakh_collation.py`).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from children.names import search_key

INDEXES = (
    ("children_child", "search_key", "children_child_search_key_trgm"),
    ("children_placement", "carer_key", "children_placement_carer_key_trgm"),
)


def fill_keys(apps, schema_editor):
    Child = apps.get_model("children", "Child")
    Placement = apps.get_model("children", "Placement")
    children = Child.objects.only("last_name", "first_name", "middle_name").order_by("pk")
    batch = []
    for child in children.iterator(chunk_size=2000):
        child.search_key = search_key(child.last_name, child.first_name, child.middle_name)
        batch.append(child)
        if len(batch) == 2000:
            Child.objects.bulk_update(batch, ["search_key"])
            batch = []
    Child.objects.bulk_update(batch, ["search_key"])
    placements = Placement.objects.exclude(carer_name="").only("carer_name").order_by("pk")
    batch = []
    for placement in placements.iterator(chunk_size=2000):
        placement.carer_key = search_key(placement.carer_name)
        batch.append(placement)
        if len(batch) == 2000:
            Placement.objects.bulk_update(batch, ["carer_key"])
            batch = []
    Placement.objects.bulk_update(batch, ["carer_key"])


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column, name in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, _column, name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("children", "0003_not_stated"),
        ("registry", "0007_kazakh_collation"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="child",
            options={
                "ordering": [
                    models.OrderBy(models.functions.Collate(models.F("last_name"), "kazakh")),
                    models.OrderBy(models.functions.Collate(models.F("first_name"), "kazakh")),
                    "pk",
                ],
                "verbose_name": "child",
                "verbose_name_plural": "children",
            },
        ),
        migrations.AddField(
            model_name="child",
            name="search_key",
            field=models.CharField(blank=True, default="", editable=False, max_length=310),
        ),
        migrations.AddField(
            model_name="placement",
            name="carer_key",
            field=models.CharField(blank=True, default="", editable=False, max_length=310),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop, elidable=True),
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
