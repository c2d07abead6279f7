"""The audit trail and the access log are append-only in the database, not only in the
ORM (PostgreSQL; nothing to do on SQLite).

A statement trigger on each table refuses UPDATE, DELETE and TRUNCATE, whoever runs
them: a raw cursor, a cascade of the ORM's collector, an operator's psql session. Only
INSERT (and COPY, which the workbook import uses) goes through. Triggers rather than
REVOKE: the application may connect as the tables' owner, whose rights a REVOKE does
not take away. A superuser may TRUNCATE (Django's `flush`, which the test suite runs
between transactional tests, empties every table with one TRUNCATE): a superuser can
switch any trigger off anyway, so this gives nothing away; an application connected
as an ordinary role, owner or not, cannot. See docs/security.md (7.3.3) and the
README's deployment section.

The access log also records the views of lists and the checks of a workbook (they
look IINs up).
"""

from django.db import migrations, models

FUNCTION = "registry_refuse_changing_the_log"
TABLES = (("registry", "AuditEntry"), ("registry", "AccessLog"))

CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' AND (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Rows of the audit trail and the access log are never changed or removed.';
END
$$;
"""


def _tables(apps, schema_editor):
    for app_label, model_name in TABLES:
        table = apps.get_model(app_label, model_name)._meta.db_table
        yield table, schema_editor.quote_name(table)


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_FUNCTION, params=None)  # its % are PL/pgSQL's
    for table, quoted in _tables(apps, schema_editor):
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only "
            f"BEFORE UPDATE OR DELETE OR TRUNCATE ON {quoted} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
        )


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, quoted in _tables(apps, schema_editor):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {quoted}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")


class Migration(migrations.Migration):
    dependencies = [("registry", "0005_audit_references_unchecked")]

    operations = [
        migrations.AlterField(
            model_name="accesslog",
            name="action",
            field=models.CharField(
                choices=[
                    ("view", "viewed a record"),
                    ("list", "viewed a list"),
                    ("export", "exported"),
                    ("import", "imported"),
                    ("check", "checked a workbook"),
                ],
                max_length=20,
                verbose_name="action",
            ),
        ),
        migrations.RunPython(install, remove),
    ]
