"""Create or update the staff permission groups (safe to run again; `setup_site` runs it)."""

from django.core.management.base import BaseCommand

from complaints import services


class Command(BaseCommand):
    help = 'Create or update the "Complaint handlers" group and its permissions.'

    def handle(self, *args, **options):
        group = services.complaint_handlers_group_ensure()
        self.stdout.write(f"{group.name}: {group.permissions.count()} permissions.")
