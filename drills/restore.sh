#!/bin/sh
# Drill: back up the database, restore it into a new one, and prove the copy works.
#
#   drills/restore.sh                          # backs up victims_bench (make bench made it)
#   SOURCE=victims_prod_copy drills/restore.sh
#
# 1. pg_dump in the custom format (what the nightly backup job runs; see docs/operations.md).
# 2. pg_restore into a fresh database, victims_restore_drill.
# 3. Compares row counts of every table in the source and the copy.
# 4. Runs the site's checks against the copy: no migration missing, and /healthz through
#    Django's test client answers 200.
# Prints how long the backup and the restore took and the dump's size: the numbers that
# tell you how long a real restore will keep the service down.
set -eu
cd "$(dirname "$0")/.."
PG="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
export PGOPTIONS="-c client_min_messages=warning"
SOURCE="${SOURCE:-victims_bench}"
TARGET="victims_restore_drill"
DUMP="$(mktemp -d)/backup.dump"

echo "backup of $SOURCE"
start=$(date +%s)
pg_dump --format=custom --no-owner --file="$DUMP" "$PG/$SOURCE"
backed=$(date +%s)
echo "  $(du -h "$DUMP" | cut -f1) in $((backed - start)) s"

echo "restore into $TARGET"
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $TARGET WITH (FORCE)"
psql "$PG/postgres" -qc "CREATE DATABASE $TARGET"
pg_restore --no-owner --exit-on-error --jobs=2 --dbname="$PG/$TARGET" "$DUMP"
restored=$(date +%s)
echo "  in $((restored - backed)) s"

counts() {
    psql "$PG/$1" -tAc "SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1" |
    while read -r table; do
        printf '%s %s\n' "$table" "$(psql "$PG/$1" -tAc "SELECT count(*) FROM \"$table\"")"
    done
}
counts "$SOURCE" > "$DUMP.source"
counts "$TARGET" > "$DUMP.target"
if diff -u "$DUMP.source" "$DUMP.target"; then
    echo "PASS every table has the same number of rows ($(wc -l < "$DUMP.source") tables)"
else
    echo "FAIL row counts differ"; exit 1
fi

export DATABASE_URL="$PG/$TARGET" DEBUG=false SECURE=false SECRET_KEY="drill-$(date +%s)-not-secret-0123456789abcdefghijklmnopqrstuvwxyz" ALLOWED_HOSTS=127.0.0.1
.venv/bin/python manage.py migrate --check >/dev/null && echo "PASS no migration missing on the copy"
.venv/bin/python manage.py shell -c "
from django.test import Client
status = Client(HTTP_HOST='127.0.0.1').get('/healthz').status_code
print(('PASS' if status == 200 else 'FAIL') + f' /healthz on the copy answers {status}')
raise SystemExit(status != 200)
" 2>/dev/null | grep -v 'objects imported'
psql "$PG/postgres" -qc "DROP DATABASE $TARGET WITH (FORCE)"
rm -rf "$(dirname "$DUMP")"
echo "restore drill: passed ($((restored - start)) s for backup and restore)"
