"""The table of the database cache (settings.CACHES), made by `migrate` so that a
deployment needs no separate `createcachetable` step."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_audit_version_indexes")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
