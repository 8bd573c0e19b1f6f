# API keys move from the catalogue app ("services") to an app of their own. The table and its
# rows stay as they are until the rename at the end: the model is first created in this app's
# state over the existing table, the counts app's references follow it
# (transactions.0006), the catalogue app forgets it (services.0003), and only then is the table
# renamed to this app's name.

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    """Keep the admin's log entries and permissions of keys pointing at the moved model."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.using(schema_editor.connection.alias).filter(
        app_label="services", model="apikey"
    ).update(app_label="keys")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.using(schema_editor.connection.alias).filter(
        app_label="keys", model="apikey"
    ).update(app_label="services")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("services", "0002_apikey"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ApiKey",
                    fields=[
                        ("id", models.CharField(editable=False, max_length=150, primary_key=True, serialize=False, unique=True)),
                        ("prefix", models.CharField(editable=False, max_length=8, unique=True)),
                        ("hashed_key", models.CharField(editable=False, max_length=150)),
                        ("created", models.DateTimeField(auto_now_add=True, db_index=True)),
                        ("name", models.CharField(default=None, help_text="A free-form name for the API key. Need not be unique. 50 characters max.", max_length=50)),
                        ("revoked", models.BooleanField(blank=True, default=False, help_text="If the API key is revoked, clients cannot use it anymore. (This cannot be undone.)")),
                        ("expiry_date", models.DateTimeField(blank=True, help_text="Once API key expires, clients cannot use it anymore.", null=True, verbose_name="Expires")),
                        ("is_ministry", models.BooleanField(default=False, help_text="Ministry-wide: writes every agency's counts and the catalogue.", verbose_name="ministry-wide")),
                        ("last_used_at", models.DateTimeField(blank=True, editable=False, help_text="When the key was last accepted.", null=True, verbose_name="last used")),
                        ("agency", models.ForeignKey(blank=True, help_text="The agency whose counts the key writes; empty for a ministry-wide key.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="api_keys", to="services.agency", verbose_name="agency")),
                    ],
                    options={
                        "verbose_name": "API key",
                        "verbose_name_plural": "API keys",
                        "ordering": ("-created",),
                        "abstract": False,
                        "db_table": "services_apikey",
                        "constraints": [models.CheckConstraint(condition=models.Q(models.Q(("agency__isnull", False), ("is_ministry", False)), models.Q(("agency__isnull", True), ("is_ministry", True)), _connector="OR"), name="apikey_agency_xor_ministry", violation_error_message="A key belongs to exactly one agency, or is ministry-wide (not both).")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
