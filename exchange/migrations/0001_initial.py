# The workbook key moves here from the reports app: the model (state) is created here
# and deleted there (reports 0003); its table, reports_workbookkey, made by reports
# 0002, stays as it is with its rows (db_table). Its content type is renamed, so that
# its permissions and anything naming it keep pointing at it.

import django.db.models.deletion
from django.db import migrations, models


def rename_content_type(old, new):
    def rename(apps, schema_editor):
        ContentType = apps.get_model('contenttypes', 'ContentType')
        types = ContentType.objects.db_manager(schema_editor.connection.alias)
        if not types.filter(app_label=new, model='workbookkey').exists():
            types.filter(app_label=old, model='workbookkey').update(app_label=new)
        ContentType.objects.clear_cache()

    return rename


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('children', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('reports', '0002_workbook_key'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='WorkbookKey',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(max_length=40, unique=True, verbose_name='workbook key')),
                        ('child', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='workbook_key', to='children.child')),
                    ],
                    options={
                        'verbose_name': 'workbook key',
                        'verbose_name_plural': 'workbook keys',
                        'db_table': 'reports_workbookkey',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            rename_content_type('reports', 'exchange'),
            rename_content_type('exchange', 'reports'),
        ),
    ]
