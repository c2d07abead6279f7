"""The workbook key moved from the reports app to the exchange app without losing a
row: a database migrated before the move (reports 0002, the key in the reports app's
state and content type) keeps its table, its rows and its content type (with the
permissions on it) once migrated; and back."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from exchange.models import WorkbookKey
from tests.children.factories import register_child

BEFORE = [("reports", "0002_workbook_key"), ("exchange", None)]
AFTER = [("reports", "0003_workbook_key_to_exchange"), ("exchange", "0001_initial")]


def migrate(targets):
    """Migrate to `targets`; the models as they are then."""
    return MigrationExecutor(connection).migrate(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_workbook_key_keeps_its_table_rows_and_content_type(officer_a, district_a):
    first = register_child(officer_a, district_a, iin=None)
    WorkbookKey.objects.create(child=first, key="TMP-7")
    content_type = ContentType.objects.get_for_model(WorkbookKey)
    permissions = set(Permission.objects.filter(content_type=content_type).values_list("pk"))
    assert len(permissions) == 4
    second = register_child(officer_a, district_a, iin=None)
    try:
        # The database as it was before the move.
        apps = migrate(BEFORE)
        with pytest.raises(LookupError):
            apps.get_model("exchange", "WorkbookKey")
        Old = apps.get_model("reports", "WorkbookKey")
        assert list(Old.objects.values_list("child_id", "key")) == [(first.pk, "TMP-7")]
        Old.objects.create(child_id=second.pk, key="TMP-8")
        old_type = ContentType.objects.get(pk=content_type.pk)
        assert (old_type.app_label, old_type.model) == ("reports", "workbookkey")
    finally:
        apps = migrate(AFTER)
        # Every later migration again (exchange's own and other apps' after it), so
        # that the tests after this one find every table.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    with pytest.raises(LookupError):
        apps.get_model("reports", "WorkbookKey")
    assert "reports_workbookkey" in connection.introspection.table_names()
    assert sorted(WorkbookKey.objects.values_list("child_id", "key")) == [
        (first.pk, "TMP-7"),
        (second.pk, "TMP-8"),
    ]
    assert first.workbook_key.key == "TMP-7"
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(WorkbookKey).pk == content_type.pk
    assert not ContentType.objects.filter(app_label="reports", model="workbookkey").exists()
    assert set(Permission.objects.filter(content_type=content_type).values_list("pk")) == (
        permissions
    )
