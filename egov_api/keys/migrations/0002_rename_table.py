# The last step of moving API keys to their own app: the table takes this app's name, once
# nothing in any app's state refers to the key model of the catalogue app.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("keys", "0001_initial"),
        ("services", "0003_move_apikey_to_keys"),
    ]

    operations = [
        migrations.AlterModelTable(name="apikey", table=None),
    ]
