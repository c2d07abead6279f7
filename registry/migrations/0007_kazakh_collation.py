"""The collation names are sorted with (`registry.ordering.COLLATION`): on PostgreSQL
ICU's Kazakh order; SQLite gets its own on every connection (`RegistryConfig.ready`).
(Django's CreateCollation would try to drop it on SQLite when migrating back.)"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            'CREATE COLLATION IF NOT EXISTS "kazakh" (provider = icu, locale = \'kk\')'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute('DROP COLLATION IF EXISTS "kazakh"')


class Migration(migrations.Migration):
    dependencies = [("registry", "0006_audit_append_only")]

    operations = [migrations.RunPython(create, drop)]
