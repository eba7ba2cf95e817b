"""Delete rate-limit counters whose window has ended.

Each counter is one client's count in one window of one limit, so once the window ends
the row is never read again. Run daily from cron, beside `clearsessions`.
"""

from django.core.management.base import BaseCommand

from victims_service.ratelimit import counters_delete_expired


class Command(BaseCommand):
    help = "Delete rate-limit counters whose window has ended."

    def handle(self, *args, **options):
        count = counters_delete_expired()
        self.stdout.write(f"Deleted {count} expired rate-limit counter(s).")
