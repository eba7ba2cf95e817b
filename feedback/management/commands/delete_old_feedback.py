"""Delete feedback older than FEEDBACK_RETENTION_DAYS (a year unless set).

Feedback can hold an email address and whatever someone typed about themselves; once it
has been read and acted on there is no reason to keep it. Run daily from cron.
"""

from django.core.management.base import BaseCommand

from feedback.services import feedback_delete_old


class Command(BaseCommand):
    help = "Delete feedback older than FEEDBACK_RETENTION_DAYS."

    def handle(self, *args, **options):
        count = feedback_delete_old()
        self.stdout.write(f"Deleted {count} feedback message(s).")
