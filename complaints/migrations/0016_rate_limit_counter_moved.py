"""The rate-limit counters now belong to `victims_service`: state only, nothing in the database.

The table and its rows stay as they are (see victims_service 0001).
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("complaints", "0015_scale_indexes"),
        ("victims_service", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="RateLimitCounter")],
        ),
    ]
