"""Anonymise complaints closed more than RETENTION_YEARS ago. Run daily from cron.

    manage.py anonymise_closed [--older-than-years 6] [--dry-run]

Safe to run again: complaints already anonymised are left alone.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from complaints import retention


class Command(BaseCommand):
    help = "Anonymise closed complaints after the retention period and delete their files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-years",
            type=int,
            default=None,
            help=f"Years after closure (default: RETENTION_YEARS, now {settings.RETENTION_YEARS}).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say how many would be anonymised."
        )

    def handle(self, *args, older_than_years=None, dry_run=False, **options):
        if older_than_years is not None and older_than_years < 1:
            raise CommandError("--older-than-years must be 1 or more.")
        cutoff = retention.retention_cutoff(years=older_than_years)
        done = retention.anonymise_closed(cutoff=cutoff, dry_run=dry_run)
        when = retention.format_cutoff(cutoff)
        if dry_run:
            self.stdout.write(
                f"Dry run: {len(done)} complaint(s) closed before {when} would be anonymised."
            )
        else:
            self.stdout.write(f"Anonymised {len(done)} complaint(s) closed before {when}.")
