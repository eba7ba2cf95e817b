"""Remind complainants who have not answered a question after 20 working days (daily)."""

from django.core.management.base import BaseCommand

from complaints import services


class Command(BaseCommand):
    help = "Remind, once, complainants who have not answered a question in 20 working days."

    def handle(self, *args, **options):
        chased = services.information_requests_chase()
        self.stdout.write(f"Reminded {chased} complainant(s).")
        repaired = services.information_requests_repair()
        if repaired:
            self.stdout.write(f"Set again {repaired} deadline(s) a question still held.")
