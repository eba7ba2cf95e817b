"""Write docs/routes.md from the routes table, or check that it is current."""

from django.core.management.base import BaseCommand, CommandError

from directory import routes, routes_doc


class Command(BaseCommand):
    help = "Write docs/routes.md from directory/routes/ (--check: fail if it is out of date)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Only check; write nothing.")

    def handle(self, *args, check: bool = False, **options):
        text = routes_doc.render()
        current = routes_doc.PATH.read_text() if routes_doc.PATH.exists() else ""
        if check:
            if current != text:
                raise CommandError("docs/routes.md is out of date: run manage.py routes_doc")
            self.stdout.write("docs/routes.md is current.")
            return
        routes_doc.PATH.write_text(text)
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {routes_doc.PATH} ({len(routes.ROUTES)} routes).")
        )
