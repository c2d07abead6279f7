# The workbook key is the exchange app's model now (exchange 0001); its table stays,
# with its rows, under the name it has (reports_workbookkey).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0002_workbook_key'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='WorkbookKey',
                ),
            ],
            database_operations=[],
        ),
    ]
