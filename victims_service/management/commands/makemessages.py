"""`makemessages` for the Welsh catalogue: the public site's strings only.

Staff pages (/staff/, the staff emails, management commands) are always in English, so
their strings are left out of locale/cy/LC_MESSAGES/django.po; a string used on both
sides is still found through the public file that uses it. Everything else is Django's
own makemessages.
"""

from django.core.management.commands import makemessages

STAFF_ONLY = [
    ".venv",
    "assets",
    "bench",
    "drills",
    "tests",
    "staticfiles",
    "*/admin.py",
    "*/admin_*.py",
    "*/admin/*",
    "*/management/*",
    "victims_service/staff_security.py",
    "complaints/staff_enrolment.py",
    "victims_service/checks.py",
    "templates/admin/*",
    "templates/staff_enrolment/*",
    "templates/emails/staff_enrolment.txt",
    "templates/emails/notify_inbox_*.txt",
]


# The JavaScript catalogue comes from the scripts' sources in assets/js, not from the
# bundles built from them (static/js) or the packages they use.
JAVASCRIPT_NOT_OURS = [".venv", "static", "staticfiles", "node_modules", "bench", "tests"]


class Command(makemessages.Command):
    def handle(self, *args, **options):
        ignored = JAVASCRIPT_NOT_OURS if options.get("domain") == "djangojs" else STAFF_ONLY
        options["ignore_patterns"] = [*options.get("ignore_patterns", []), *ignored]
        options["no_obsolete"] = True
        return super().handle(*args, **options)
