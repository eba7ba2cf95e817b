"""Loads everything the site needs after `migrate`: content, the directory and, with
--demo, demo staff and complaints. Safe to run again: each step updates in place."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the site's content and directory (and demo data with --demo)."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="Also create demo data.")

    def handle(self, *args, demo: bool = False, **options):
        steps: list[tuple[str, dict]] = [
            # The organisation directory and routing rules (directory/data/).
            ("load_directory", {}),
            # Guidance pages from guidance/content/pages/ (only changed files are rewritten).
            ("load_content", {}),
            # The "Complaint handlers" permission group staff accounts are put in.
            ("staff_groups", {}),
        ]
        if demo:
            # Demo staff (passwords printed once) and 50 sample complaints; DEBUG only.
            steps += [("demo_data", {})]
        for name, kwargs in steps:
            call_command(name, **kwargs)
        self.stdout.write(self.style.SUCCESS("Site set up."))
