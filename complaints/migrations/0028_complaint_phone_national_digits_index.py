"""Staff find a complaint by the phone number a caller gives, however it is written
(issue 17, `complaints.phone_search`): an index on the stored numbers' national digits,
the very expression the search asks for, so at a million complaints a search reads the
index rather than the table. PostgreSQL only, as 0015's search indexes (SQLite has no
REGEXP_REPLACE to index); built CONCURRENTLY, so this migration is not atomic, and run
again after a failure it builds again an index left invalid.
"""

from django.db import migrations

from complaints.migrations._concurrent_index import create

NAME = "complaint_phone_national"
# `phone_search.NationalDigits`, as PostgreSQL reads it.
DEFINITION = (
    "((REGEXP_REPLACE(REGEXP_REPLACE(phone::text, '[^0-9]', '', 'g'), '^(0044|44)?0?', '')))"
)


def index_add(apps, schema_editor):
    create(schema_editor, table="complaints_complaint", name=NAME, definition=DEFINITION)


def index_remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {NAME}")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("complaints", "0027_information_requests_hold_the_response_deadline"),
    ]

    operations = [migrations.RunPython(index_add, index_remove)]
