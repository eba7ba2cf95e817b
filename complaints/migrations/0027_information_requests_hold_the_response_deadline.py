"""While staff wait for the complainant's answer, the complaint has no response deadline:
the question holds it (`InformationRequest.due_when_paused`, issue 17). Before, the
deadline stayed on the complaint, so a complaint waiting for an answer showed as overdue
in the staff list and the dashboard's counts once the old date passed.

A question stops waiting when it is answered, or when the organisation stops waiting for
the answer (it answers, closes or passes on the complaint first: `paused_working_days` is
then set), so only a question still waiting keeps another from being asked.

No data moves here. The servers keep running the release before while this runs and
while they are rolled, and one of them would not set again a deadline it did not know a
question held. The questions waiting now keep their deadline on the complaint, as
before, and the reply moves it on, as before (`services.information_request_reply`);
`services.information_requests_repair` (daily, with the chase) sets again any deadline
a server of the release before left held while the servers were rolled.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0026_dashboard_large_cells_kept_by_day"),
    ]

    operations = [
        migrations.AddField(
            model_name="informationrequest",
            name="due_when_paused",
            field=models.DateField(blank=True, null=True, verbose_name="response due when paused"),
        ),
        migrations.RemoveConstraint(
            model_name="informationrequest", name="one_open_information_request"
        ),
        migrations.AddConstraint(
            model_name="informationrequest",
            constraint=models.UniqueConstraint(
                condition=models.Q(replied_at__isnull=True, paused_working_days__isnull=True),
                fields=("complaint",),
                name="one_open_information_request",
            ),
        ),
    ]
