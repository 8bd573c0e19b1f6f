# The key model moved to the `keys` app over the same table (keys.0001): only the references
# in the migration state change; the database's foreign keys already point at that table.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("keys", "0001_initial"),
        ("transactions", "0005_count_at_most_max"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="submission",
                    name="api_key",
                    field=models.ForeignKey(blank=True, help_text="The key that sent it, if any.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="submissions", to="keys.apikey"),
                ),
                migrations.AlterField(
                    model_name="counthistory",
                    name="api_key",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="keys.apikey"),
                ),
            ],
            database_operations=[],
        ),
    ]
