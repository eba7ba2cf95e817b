"""Loads the shipped guidance pages (guidance/content/pages/*.md) into the database.

Safe to run on every deploy: pages are keyed by path, and a page is only rewritten when
its file has changed, so edits made in admin are kept until the file itself changes.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guidance.services import pages_load_from_files


class Command(BaseCommand):
    help = "Load or update guidance pages from Markdown content files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", type=Path, default=None, help="Folder of .md files (default: shipped)."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Rewrite every page from its file, even if the file has not changed.",
        )

    def handle(self, *args, dir: Path | None = None, force: bool = False, **options):
        result = pages_load_from_files(directory=dir, force=force)
        if options.get("verbosity", 1) > 0:
            self.stdout.write(
                f"Guidance pages: {len(result.created)} created, {len(result.updated)} updated, "
                f"{len(result.unchanged)} unchanged."
            )
        if result.errors:
            raise CommandError(
                "Some content files could not be loaded:\n" + "\n".join(result.errors)
            )
