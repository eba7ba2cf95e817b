"""Delete evidence uploaded in sessions that ended without the complaint being sent.

The journey deletes its own files when a complaint is sent or the person deletes their
answers, and sweeps whenever a journey starts. Run this from cron as well (for example
every 15 minutes, with `clearsessions`) so files of abandoned sessions never outlive the
session by more than that.
"""

from django.core.management.base import BaseCommand

from complaints.uploads import pending_sweep


class Command(BaseCommand):
    help = "Delete pending uploads of sessions that have expired."

    def handle(self, *args, **options):
        count = pending_sweep()
        self.stdout.write(f"Deleted {count} expired upload folder(s).")
