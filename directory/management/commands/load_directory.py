"""Load the organisation directory and the routing rules. Safe to run again."""

from django.core.management.base import BaseCommand

from directory.data.loader import directory_load


class Command(BaseCommand):
    help = "Load the organisation directory and routing rules shipped with the site."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-rules",
            action="store_true",
            help="Put the shipped routing rules back, replacing staff edits to them.",
        )

    def handle(self, *args, reset_rules: bool = False, **options):
        result = directory_load(reset_rules=reset_rules)
        self.stdout.write(
            self.style.SUCCESS(
                f"Directory: {result.organisations_created} organisations added, "
                f"{result.organisations_updated} updated. Routing rules: "
                f"{result.rules_created} added, {result.rules_updated} reset."
            )
        )
