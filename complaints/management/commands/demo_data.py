"""Demo staff and about 50 sample complaints, so a newcomer can try triage at once.

    manage.py demo_data [--force]

`make run` calls it through `setup_site --demo`. It creates:
- staff for a police force, a CPS Area and the central triage team, and a superuser, each
  with a random password printed once (only with DEBUG on);
- 50 made-up complaints across every status, some overdue and some due soon, created
  through the same services the public form and the admin use, so their history is real.

Safe to run again: users and complaints that exist are left as they are. It refuses to
run with DEBUG off unless given --force, because demo accounts have no place on a live site.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from complaints import services, workflow
from complaints.dashboard_months import dashboard_months_mark_complaint
from complaints.models import Complaint, StatusChange
from complaints.workflow import Status
from directory.data.loader import directory_load
from directory.models import Organisation, OrganisationType, StaffMembership

COMPLAINT_COUNT = 50
KEY_PREFIX = "demo-complaint-"


@dataclass(frozen=True)
class DemoOrganisations:
    police: Organisation
    cps: Organisation
    triage: Organisation


# Each sample: the steps after submission, and how many days ago it was received. The mix
# gives every status, overdue acknowledgements and responses, and some due in days.
SCENARIOS: list[tuple[tuple[str, ...], int]] = [
    ((), 0),
    ((), 6),  # acknowledgement due in a few working days
    ((), 13),  # acknowledgement due today or tomorrow
    ((), 25),  # acknowledgement overdue
    (("acknowledge",), 9),
    (("acknowledge", "assign"), 20),  # response due soon
    (("acknowledge", "investigate"), 27),
    (("acknowledge", "investigate", "assign"), 40),  # response overdue
    (("acknowledge", "investigate", "respond"), 35),
    (("acknowledge", "investigate", "respond", "close"), 60),
    (("acknowledge", "respond", "close", "escalate"), 90),
    (("transfer",), 3),
    (("acknowledge", "withdraw"), 15),
    (("acknowledge", "investigate", "respond", "close", "reopen"), 45),
    (("acknowledge", "note"), 4),
    (("acknowledge", "investigate", "note"), 16),
    (("acknowledge", "investigate", "respond", "close"), 200),
]

SUBJECTS = ["service", "service", "complaint_handling"]

PEOPLE_WORDS = [
    "I reported a burglary and nobody told me what was happening with the case.",
    "I was not offered a referral to victim support services after I reported the crime.",
    "The court date changed twice and I only found out on the day.",
    "I asked for special measures to give evidence but no one replied to me.",
    "I was not told that the suspect had been released on bail.",
    "I made a complaint before and did not get a reply within the time I was told.",
]


def _password() -> str:
    return secrets.token_urlsafe(12)


class Command(BaseCommand):
    help = "Create demo staff and sample complaints (development only)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (passwords are then not printed).",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "demo_data creates demo accounts and made-up complaints, so it only runs with "
                "DEBUG on. Use --force if you really mean to add them here."
            )
        organisations = self._organisations()
        group = services.complaint_handlers_group_ensure()
        created_accounts: list[tuple[str, str, str]] = []
        staff = {}
        for key, username, organisation in (
            ("police", "demo-police", organisations.police),
            ("cps", "demo-cps", organisations.cps),
            ("triage", "demo-triage", organisations.triage),
        ):
            user, password = self._staff(username, organisation, group)
            staff[key] = user
            if password:
                created_accounts.append((username, password, organisation.name))
        admin_user, admin_password = self._superuser("demo-admin")
        if admin_password:
            created_accounts.append(("demo-admin", admin_password, "superuser: sees everything"))

        made = self._complaints(organisations, staff)
        self.stdout.write(f"Demo complaints: {made} added, {COMPLAINT_COUNT - made} already there.")
        self._report_accounts(created_accounts)

    # Organisations and staff ----------------------------------------------------------

    def _organisations(self) -> DemoOrganisations:
        police_forces = Organisation.objects.filter(
            org_type=OrganisationType.POLICE_FORCE, is_active=True
        ).order_by("name")
        if not police_forces.exists():
            # Usually loaded just before by `setup_site`; load it if run on its own.
            directory_load()
        police = police_forces.first() or self._organisation(
            "demo-police-force", "Demo Police", OrganisationType.POLICE_FORCE
        )
        cps = (
            Organisation.objects.filter(
                org_type=OrganisationType.CPS, is_active=True, name__startswith="CPS "
            )
            .exclude(name="CPS Direct")
            .order_by("name")
            .first()
        ) or self._organisation("demo-cps-area", "CPS Demo Area", OrganisationType.CPS)
        triage = Organisation.objects.filter(org_type=OrganisationType.CENTRAL_TRIAGE).first()
        triage = triage or self._organisation(
            "central-triage", "Central triage team", OrganisationType.CENTRAL_TRIAGE
        )
        return DemoOrganisations(police=police, cps=cps, triage=triage)

    @staticmethod
    def _organisation(slug: str, name: str, org_type: str) -> Organisation:
        organisation, _ = Organisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "org_type": org_type}
        )
        return organisation

    @staticmethod
    def _staff(username: str, organisation: Organisation, group):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        password = None
        if user is None:
            password = _password()
            user = User.objects.create_user(
                username=username,
                password=password,
                is_staff=True,
                first_name="Demo",
                last_name=organisation.name,
            )
        user.groups.add(group)
        StaffMembership.objects.get_or_create(user=user, organisation=organisation)
        return user, password

    @staticmethod
    def _superuser(username: str):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            return User.objects.get(username=username), None
        password = _password()
        user = User.objects.create_superuser(username=username, password=password, email="")
        return user, password

    def _report_accounts(self, accounts: list[tuple[str, str, str]]) -> None:
        if not accounts:
            self.stdout.write(
                "Demo staff already exist; their passwords are unchanged. "
                "Set a new one with: manage.py changepassword <username>"
            )
            return
        if not settings.DEBUG:
            self.stdout.write(
                "Demo staff created. Passwords are only shown with DEBUG on; set them with: "
                "manage.py changepassword <username>"
            )
            return
        self.stdout.write("")
        self.stdout.write("Demo staff (passwords are shown this once; sign in at /staff/):")
        for username, password, what in accounts:
            self.stdout.write(f"  {username:<12} {password:<20} {what}")
        if settings.STAFF_MFA_REQUIRED:
            self.stdout.write(
                "STAFF_MFA_REQUIRED is on: give each one an authenticator app first with "
                "manage.py staff_totp <username>"
            )
        self.stdout.write("")

    # Complaints -----------------------------------------------------------------------

    def _complaints(self, organisations: DemoOrganisations, staff: dict) -> int:
        made = 0
        targets = [
            (OrganisationType.POLICE_FORCE, organisations.police),
            (OrganisationType.CPS, organisations.cps),
            ("unknown", None),
        ]
        for n in range(COMPLAINT_COUNT):
            key = f"{KEY_PREFIX}{n:03d}"
            if Complaint.objects.filter(idempotency_key=key).exists():
                continue
            about, named = targets[n % len(targets)]
            steps, days_ago = SCENARIOS[n % len(SCENARIOS)]
            with transaction.atomic():
                submitted = services.complaint_submit(
                    idempotency_key=key, fields=self._fields(n, about, named), rights=[n % 12 + 1]
                )
                complaint = submitted.complaint
                # The demo member of staff of the organisation the rules chose, if any.
                actor = next(
                    (
                        user
                        for user in staff.values()
                        if user.memberships.filter(organisation=complaint.organisation).exists()
                    ),
                    None,
                )
                for step in steps:
                    self._step(step, complaint, actor, organisations)
                self._backdate(complaint.pk, days_ago)
            made += 1
        return made

    @staticmethod
    def _fields(n: int, about: str, named: Organisation | None) -> dict:
        safe_by_email = n % 3 != 2
        return {
            "about_org_type": about,
            "about_subject": SUBJECTS[n % len(SUBJECTS)] if about != "unknown" else "",
            "named_organisation_id": named.pk if named else None,
            "role": "self" if n % 5 else "on_behalf",
            "relationship": "" if n % 5 else "Parent",
            "permission": "" if n % 5 else "parent_under_16",
            "affected_person_name": "" if n % 5 else f"Demo Child {n + 1}",
            "crime_reference": f"DEMO/{n + 1:04d}/26" if n % 2 else "",
            "what_happened": PEOPLE_WORDS[n % len(PEOPLE_WORDS)] + " (Demo complaint.)",
            "outcome_wanted": "An explanation and an apology.",
            "full_name": f"Demo Person {n + 1}",
            "email": f"demo.person{n + 1}@example.com",
            "phone": "",
            "safe_by_email": safe_by_email,
            # Every third person is safe to contact only by phone: no automatic emails.
            "safe_by_phone": not safe_by_email,
            "may_leave_messages": False,
            "times_to_avoid": "" if safe_by_email else "Evenings and weekends",
        }

    @staticmethod
    def _step(step: str, complaint: Complaint, actor, organisations: DemoOrganisations) -> None:
        pk = complaint.pk
        if step == "acknowledge":
            services.complaint_acknowledge(complaint_id=pk, actor=actor)
        elif step == "investigate":
            services.complaint_start_investigation(complaint_id=pk, actor=actor)
        elif step == "respond":
            services.complaint_record_response(
                complaint_id=pk, actor=actor, note="Reply sent by letter with our findings."
            )
        elif step == "close":
            services.complaint_close(complaint_id=pk, actor=actor)
        elif step == "escalate":
            services.complaint_escalate(
                complaint_id=pk, actor=actor, note="The person has asked for a review."
            )
        elif step == "reopen":
            services.complaint_reopen(
                complaint_id=pk, actor=actor, reason="New information from the person."
            )
        elif step == "withdraw":
            services.complaint_withdraw(
                complaint_id=pk, actor=actor, note="The person asked us to stop."
            )
        elif step == "assign" and actor is not None:
            services.complaint_assign(complaint_id=pk, actor=actor, assignee=actor)
        elif step == "note":
            services.note_add(
                complaint_id=pk, author=actor, text="Called back as agreed. (Demo note.)"
            )
        elif step == "transfer":
            current = Complaint.objects.get(pk=pk).organisation_id
            target = organisations.triage if current != organisations.triage.pk else None
            target = target or organisations.police
            services.complaint_transfer(
                complaint_id=pk,
                actor=None,
                to_organisation_id=target.pk,
                reason="Sent to us by mistake; passing it on. (Demo.)",
            )

    @staticmethod
    def _backdate(complaint_id: int, days_ago: int) -> None:
        """Move a demo complaint's clock back, so deadlines fall due or are missed.

        Demo only: real complaints never have their dates changed. The complaint is
        received `days_ago` days ago, its history is spread evenly from then until now, the
        dates it records follow its history, and the deadlines are worked out again.
        """
        if days_ago == 0:
            return
        now = timezone.now()
        complaint = Complaint.objects.select_related("organisation").get(pk=complaint_id)
        received = complaint.received_at - timedelta(days=days_ago)
        history = list(
            StatusChange.objects.filter(complaint=complaint).order_by("created_at", "pk")
        )
        gap = (now - received) / max(len(history), 1)
        for index, change in enumerate(history):
            change.created_at = received + gap * index
        StatusChange.objects.bulk_update(history, ["created_at"])

        def last(status: str):
            return next((h.created_at for h in reversed(history) if h.to_status == status), None)

        complaint.received_at = complaint.declaration_at = received
        if complaint.acknowledged_at is not None:
            complaint.acknowledged_at = last(Status.ACKNOWLEDGED)
        if complaint.responded_at is not None:
            complaint.responded_at = last(Status.RESPONSE_SENT)
        if complaint.closed_at is not None:
            complaint.closed_at = last(Status.CLOSED)
        # Deadlines run from receipt, or from the transfer at the current organisation.
        start = timezone.localdate(last(Status.TRANSFERRED) or received)
        organisation = complaint.organisation
        complaint.acknowledgement_due = workflow.add_working_days(
            start, organisation.acknowledge_working_days
        )
        complaint.response_due = workflow.add_working_days(
            start, organisation.response_working_days
        )
        complaint.save()
        # Its received date moved: the dashboard's cell for the new month is out of date.
        dashboard_months_mark_complaint(complaint=complaint)
