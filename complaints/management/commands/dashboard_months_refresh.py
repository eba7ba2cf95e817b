"""Work out the dashboard's stale monthly cells now, rather than at the next visit.

    manage.py dashboard_months_refresh [--all]

The dashboard refreshes the stale cells of its own period whenever it is read; this does
every stale cell at once, then adds up every month of the whole service again (nightly
from cron, say, so old periods open as fast as recent ones). `--all` first marks every
organisation-month with complaints stale: after complaints were loaded or changed outside
the services (a bulk import, SQL by hand). Without it, cells worked out by a release before
the open counts (migration 0025) are marked stale first.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from complaints import dashboard_months


class Command(BaseCommand):
    help = "Work out the dashboard's stale monthly figures per organisation."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--all", action="store_true", help="Mark every month with complaints stale first."
        )

    def handle(self, *args: Any, all: bool = False, **options: Any) -> None:  # noqa: A002
        if all:
            marked = dashboard_months.dashboard_months_mark_all()
            self.stdout.write(f"Marked {marked} organisation-month(s) stale.")
        else:
            marked = dashboard_months.dashboard_months_mark_outdated()
            self.stdout.write(f"Marked {marked} organisation-month(s) from a release before.")
        done = dashboard_months.dashboard_months_refresh()
        self.stdout.write(f"Worked out {done} organisation-month(s).")
        months = dashboard_months.dashboard_service_months_all()
        self.stdout.write(f"Added up {months} month(s) of the whole service.")
