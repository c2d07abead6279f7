"""The collation names are sorted with (`registry.ordering.COLLATION`): on PostgreSQL
ICU's Kazakh order; SQLite gets its own on every connection (`RegistryConfig.ready`)."""

from django.contrib.postgres.operations import CreateCollation
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("registry", "0006_audit_append_only")]

    operations = [CreateCollation("kazakh", provider="icu", locale="kk")]
