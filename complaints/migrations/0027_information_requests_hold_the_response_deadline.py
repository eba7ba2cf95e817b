"""While staff wait for the complainant's answer, the complaint has no response deadline:
the question holds it (`InformationRequest.due_when_paused`, issue 17). Before, the
deadline stayed on the complaint, so a complaint waiting for an answer showed as overdue
in the staff list and the dashboard's counts once the old date passed.

The questions waiting now are moved over: each holds its complaint's deadline, and the
complaint's dashboard cell is marked for the whole month (the complaint's deadline
changed outside the services). A server of the release before, still running while the
servers are rolled, leaves the column empty and the deadline on the complaint; the reply
then moves that deadline on as before (`services.information_request_reply`).
"""

from zoneinfo import ZoneInfo

from django.db import migrations, models

# Copied, not imported (a migration must not import app code): workflow.OPEN_STATUSES.
OPEN = ["received", "transferred", "acknowledged", "under_investigation", "reopened"]
UK = ZoneInfo("Europe/London")


def _mark(apps, complaints):
    change = apps.get_model("complaints", "DashboardMonthChange")
    keys = {
        (c.organisation_id, c.received_at.astimezone(UK).date().replace(day=1)) for c in complaints
    }
    change.objects.bulk_create(
        [change(organisation_id=org, month=month) for org, month in sorted(keys)]
    )


def hold(apps, schema_editor):
    request_model = apps.get_model("complaints", "InformationRequest")
    waiting = request_model.objects.select_related("complaint").filter(
        replied_at__isnull=True, complaint__status__in=OPEN, complaint__response_due__isnull=False
    )
    moved = []
    for request in waiting:
        request.due_when_paused = request.complaint.response_due
        request.save(update_fields=["due_when_paused"])
        request.complaint.response_due = None
        request.complaint.save(update_fields=["response_due"])
        moved.append(request.complaint)
    _mark(apps, moved)


def give_back(apps, schema_editor):
    request_model = apps.get_model("complaints", "InformationRequest")
    held = request_model.objects.select_related("complaint").filter(due_when_paused__isnull=False)
    moved = []
    for request in held:
        if request.complaint.response_due is None:
            request.complaint.response_due = request.due_when_paused
            request.complaint.save(update_fields=["response_due"])
            moved.append(request.complaint)
    _mark(apps, moved)


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
        migrations.RunPython(hold, give_back),
    ]
