"""Re-queue emails that are due another attempt, or whose task was lost.

Run it every few minutes from cron in production (see the README). `make run` does not
need it: the development worker retries by itself.
"""

from django.core.management.base import BaseCommand

from complaints.emails import email_sweep


class Command(BaseCommand):
    help = "Re-queue queued emails whose next attempt is due."

    def handle(self, *args, **options):
        count = email_sweep()
        self.stdout.write(f"Re-queued {count} email(s).")
