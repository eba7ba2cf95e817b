"""Indexes for a national service's million complaints (issue 17, bench/RESULTS.md).

The first four are ordinary indexes Django manages on every database: the staff list in
deadline order (for everyone, and for one organisation), the dashboard's and the export's
period for one organisation, and retention's daily look for complaints not yet anonymised.

The search indexes below are PostgreSQL's own. The staff list's search (the complaint
admin's get_search_results, unchanged: it still records every search in the access log)
asks for `UPPER(full_name) LIKE UPPER('%name%')` and the same for the phone number: no
B-tree can answer a match in the middle of a word, so at a million complaints each search
read the whole table. pg_trgm's trigram indexes answer it. SQLite (development and the
tests) has no pg_trgm and does not need it for a few hundred rows, so there the operation
does nothing. Each index is built CONCURRENTLY (so this migration is not atomic): a live
table keeps taking complaints while it is built.
"""

from django.conf import settings
from django.db import migrations, models

# Exactly the expressions Django writes for the admin's search_fields
# ("^reference", "full_name", "=email", "phone"), so the planner matches them.
SEARCH_INDEXES = {
    "complaint_name_trgm": "USING gin (UPPER(full_name::text) gin_trgm_ops)",
    "complaint_phone_trgm": "USING gin (UPPER(phone::text) gin_trgm_ops)",
    "complaint_email_upper": "(UPPER(email::text))",
    "complaint_reference_upper": "(UPPER(reference::text) text_pattern_ops)",
}


def search_indexes_add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite: nothing to do (see above)
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, definition in SEARCH_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON complaints_complaint {definition}"
        )


def search_indexes_remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in SEARCH_INDEXES:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("complaints", "0014_merge_status"),
        ("directory", "0003_organisation_name_cy"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                models.Case(
                    models.When(
                        status__in=["received", "transferred"], then=models.F("acknowledgement_due")
                    ),
                    models.When(
                        status__in=[
                            "acknowledged",
                            "received",
                            "reopened",
                            "transferred",
                            "under_investigation",
                        ],
                        then=models.F("response_due"),
                    ),
                    default=models.Value(None),
                    output_field=models.DateField(),
                ),
                models.OrderBy(models.F("received_at"), descending=True),
                name="complaint_next_due",
            ),
        ),
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                models.F("organisation"),
                models.Case(
                    models.When(
                        status__in=["received", "transferred"], then=models.F("acknowledgement_due")
                    ),
                    models.When(
                        status__in=[
                            "acknowledged",
                            "received",
                            "reopened",
                            "transferred",
                            "under_investigation",
                        ],
                        then=models.F("response_due"),
                    ),
                    default=models.Value(None),
                    output_field=models.DateField(),
                ),
                models.OrderBy(models.F("received_at"), descending=True),
                name="complaint_org_next_due",
            ),
        ),
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                fields=["organisation", "received_at"],
                include=(
                    "id",
                    "request_kind",
                    "status",
                    "channel",
                    "about_org_type",
                    "about_subject",
                    "acknowledged_at",
                    "responded_at",
                    "response_due",
                ),
                name="complaint_org_received",
            ),
        ),
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                condition=models.Q(("anonymised_at__isnull", True)),
                fields=["closed_at"],
                name="complaint_not_anonymised",
            ),
        ),
        migrations.RunPython(search_indexes_add, search_indexes_remove, elidable=False),
    ]
