"""The rate-limit counters, moved from `complaints`: state only, the table keeps its name.

`complaints` 0016 takes the model out of its own state. No table or row changes. The
content type (and so any permission given on it) moves with the model.
"""

from django.db import migrations, models


def content_type_forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="victims_service", model="ratelimitcounter").exists():
        ContentType.objects.filter(app_label="complaints", model="ratelimitcounter").update(
            app_label="victims_service"
        )


def content_type_backwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="complaints", model="ratelimitcounter").exists():
        ContentType.objects.filter(app_label="victims_service", model="ratelimitcounter").update(
            app_label="complaints"
        )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        # The table exists already: complaints created it.
        ("complaints", "0003_rate_limit_counter"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="RateLimitCounter",
                    fields=[
                        ("key", models.CharField(max_length=100, primary_key=True, serialize=False)),
                        ("hits", models.PositiveIntegerField()),
                        ("expires_at", models.DateTimeField(db_index=True)),
                    ],
                    options={
                        "verbose_name": "rate limit counter",
                        "db_table": "complaints_ratelimitcounter",
                    },
                ),
            ],
        ),
        migrations.RunPython(content_type_forwards, content_type_backwards),
    ]
