"""A large dashboard cell keeps its figures by day, and a mark names the changed
complaint's day, so a refresh after a change counts again only that day (issue 17,
`complaints.dashboard_parts`).

Both columns may be empty, so PostgreSQL adds them without rewriting either table. A
server of the release before, still running while the servers are rolled, leaves them
empty; a cell or mark without them is worked out whole, as before. No refresh is needed
after this migration: a large cell gets its parts when it is next worked out, after its
next change.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0025_dashboard_cells_count_open_complaints_by_deadline'),
    ]

    operations = [
        migrations.AddField(
            model_name='dashboardmonth',
            name='parts',
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='dashboardmonthchange',
            name='day',
            field=models.DateField(blank=True, null=True),
        ),
    ]
