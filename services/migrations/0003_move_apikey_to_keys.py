# API keys now belong to the `keys` app (see keys.0001): the catalogue app forgets the model
# without touching its table, once the counts app refers to the new one.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("services", "0002_apikey"),
        ("transactions", "0006_apikey_in_keys_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ApiKey")],
            database_operations=[],
        ),
    ]
