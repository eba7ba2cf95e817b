"""What people submit and staff handle.

Business rules do not live here: routing is in `directory/routing.py`, statuses and deadlines in
`workflow.py`, and every change of state in `complaints.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaints import workflow

# Staff access records (who saw what, authenticator set-up links) and the small choice
# lists have their own modules; imported here so `complaints.models` holds all of them.
from complaints.access_models import AccessLog as AccessLog
from complaints.access_models import StaffEnrolment as StaffEnrolment
from complaints.choices import Channel as Channel
from complaints.choices import PassOn as PassOn
from complaints.choices import PassOnMethod as PassOnMethod
from complaints.dashboard_models import DashboardMonth as DashboardMonth
from complaints.dashboard_models import DashboardMonthChange as DashboardMonthChange
from complaints.dashboard_models import DashboardServiceMonth as DashboardServiceMonth
from complaints.email_kinds import EmailKind
from complaints.workflow import Status
from directory.models import Organisation, OrganisationType, RoutingRule, VictimsCodeRight
from directory.routes import REQUEST_KINDS


def next_due_expression() -> models.Case:
    """The deadline a complaint is worked to now (`workflow.pending_due`), in SQL.

    The staff list sorts by it, through an index on this very expression: the statuses are
    sorted so the SQL, and so the index, is the same in every process.
    """
    return models.Case(
        models.When(
            status__in=sorted(workflow.AWAITING_ACKNOWLEDGEMENT),
            then=models.F("acknowledgement_due"),
        ),
        models.When(status__in=sorted(workflow.OPEN_STATUSES), then=models.F("response_due")),
        default=models.Value(None),
        output_field=models.DateField(),
    )


class Complaint(models.Model):
    class Role(models.TextChoices):
        SELF = "self", _("The person affected")
        ON_BEHALF = "on_behalf", _("Someone on their behalf")

    class Permission(models.TextChoices):
        WRITTEN = "written", _("They have given written permission")
        PARENT_UNDER_16 = "parent_under_16", _("Parent or guardian of a child under 16")
        BEREAVED = "bereaved", _("A family member of someone who has died")
        LEGAL = "legal", _("Legal representative or power of attorney")
        OTHER = "other", _("Something else")

    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    # A repeat of the final POST (double click, refresh, resend) carries the same key and
    # gets the same complaint back instead of a second one.
    idempotency_key = models.CharField(max_length=64, unique=True, editable=False)
    received_at = models.DateTimeField(_("received"), db_index=True)
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("handled by"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    routing_reason = models.TextField(_("why it was sent here"), blank=True)
    # From the one decision (directory.decide) when the complaint was sent: what kind of
    # request it is, and its row of the routes table (directory.routes), which says what
    # happens next. Nothing decides these again.
    request_kind = models.CharField(
        _("kind of request"),
        max_length=24,
        choices=REQUEST_KINDS,
        default="complaint",
        db_index=True,
    )
    route_key = models.CharField(_("route"), max_length=80, blank=True)
    # A request that is not a complaint runs from a decision or an outcome letter: its own
    # clock. Late is shown to staff, never a reason to refuse.
    decision_date = models.DateField(
        _("date of the decision or outcome letter"), null=True, blank=True
    )
    request_due = models.DateField(_("usual last day to ask"), null=True, blank=True)
    # A complaint for an organisation nobody here reads ("not connected"), or for a body not
    # in the directory, is also in the central triage team's queue until it is passed on.
    pass_on = models.CharField(
        _("passing on"), max_length=12, choices=PassOn.choices, blank=True, db_index=True
    )
    passed_on_at = models.DateTimeField(_("passed on"), null=True, blank=True)
    passed_on_how = models.CharField(
        _("passed on by"), max_length=12, choices=PassOnMethod.choices, blank=True
    )
    passed_on_to = models.CharField(
        _("passed on to"),
        max_length=300,
        blank=True,
        help_text=_("The organisation's published address, email or phone number used."),
    )
    routing_rule = models.ForeignKey(
        RoutingRule, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_complaints",
    )

    # What the complaint is about: the same answers as the "who should I complain to?" tool.
    about_org_type = models.CharField(
        _("complaint is about"), max_length=32, choices=OrganisationType.choices, blank=True
    )
    about_subject = models.CharField(_("subject"), max_length=40, blank=True)
    named_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation named by the complainant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rights_not_met = models.ManyToManyField(
        VictimsCodeRight, verbose_name=_("rights not met"), blank=True
    )

    # Who is complaining.
    role = models.CharField(_("who is complaining"), max_length=16, choices=Role.choices)
    relationship = models.CharField(
        _("relationship to the person affected"), max_length=200, blank=True
    )
    permission = models.CharField(
        _("permission"), max_length=20, choices=Permission.choices, blank=True
    )
    permission_other = models.TextField(
        _("why they can act for the person (something else)"), blank=True
    )
    affected_person_name = models.CharField(
        _("name of the person affected"), max_length=200, blank=True
    )

    # When and what.
    crime_reference = models.CharField(
        _("crime reference or case number"), max_length=100, blank=True
    )
    incident_date = models.DateField(_("when it happened"), null=True, blank=True)
    incident_date_is_approximate = models.BooleanField(_("date is approximate"), default=False)
    late_reason = models.TextField(_("why it was not possible to complain sooner"), blank=True)
    what_happened = models.TextField(_("what happened"))
    who_was_involved = models.TextField(_("who was involved"), blank=True)
    outcome_wanted = models.TextField(_("outcome wanted"), blank=True)

    # Contact details and what is safe.
    full_name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    safe_by_email = models.BooleanField(_("safe to contact by email"), default=False)
    safe_by_phone = models.BooleanField(_("safe to contact by phone"), default=False)
    safe_by_post = models.BooleanField(_("safe to contact by post"), default=False)
    may_leave_messages = models.BooleanField(_("messages may be left"), default=False)
    times_to_avoid = models.CharField(_("times to avoid"), max_length=500, blank=True)
    no_letters_home = models.BooleanField(_("do not send letters to my address"), default=False)

    # Support needs.
    needs_interpreter = models.BooleanField(_("needs an interpreter"), default=False)
    language = models.CharField(_("language"), max_length=100, blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    adjustments = models.TextField(_("other adjustments"), blank=True)

    declaration_at = models.DateTimeField(_("declaration made"), null=True, blank=True)
    # The language the complainant used on this site (English or Welsh): every email to
    # them is written in it, and staff are asked to reply in it.
    service_language = models.CharField(
        _("language used on this site"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    # Assisted digital: a complaint staff typed in for someone who phoned, wrote or came in
    # goes through the same questions and routing; this says how it came, and who typed it.
    channel = models.CharField(
        _("how it came in"), max_length=16, choices=Channel.choices, default=Channel.ONLINE
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A duplicate merged into another complaint keeps its own row and history and points
    # at the complaint that carries on.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_duplicates",
    )

    # Set by staff (services.complaint_flags_set), shown in the list.
    is_priority = models.BooleanField(_("priority"), default=False)
    has_safeguarding_concern = models.BooleanField(_("safeguarding concern"), default=False)

    # Deadlines, worked out in `workflow.py` when the complaint is received or routed.
    acknowledgement_due = models.DateField(_("acknowledgement due"), null=True, blank=True)
    response_due = models.DateField(_("response due"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    responded_at = models.DateTimeField(_("response sent"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        indexes = [
            models.Index(fields=["organisation", "status", "-received_at"]),
            models.Index(fields=["status", "closed_at"]),
            # At a million complaints (bench/RESULTS.md): the staff list in deadline order,
            # for everyone and for one organisation; the dashboard's and the export's
            # period of one organisation; retention's daily look for what is due.
            models.Index(
                next_due_expression(), models.F("received_at").desc(), name="complaint_next_due"
            ),
            models.Index(
                models.F("organisation"),
                next_due_expression(),
                models.F("received_at").desc(),
                name="complaint_org_next_due",
            ),
            # The dashboard's open, overdue and due-soon counts: open complaints by
            # organisation and deadline, answered from the index alone on PostgreSQL (other
            # databases ignore `include`).
            models.Index(
                models.F("organisation"),
                next_due_expression(),
                name="complaint_open",
                include=["status", "acknowledgement_due", "response_due"],
                condition=models.Q(status__in=sorted(workflow.OPEN_STATUSES)),
            ),
            models.Index(
                fields=["organisation", "received_at"],
                name="complaint_org_received",
                # What a dashboard cell counts, so PostgreSQL answers from the index alone
                # (other databases ignore `include`). Without pass_on it read a month of
                # one organisation through received_at, passing every other organisation's
                # complaints (migrations 0023; 0025 for the open ones' deadlines).
                include=[
                    "id",
                    "request_kind",
                    "status",
                    "channel",
                    "about_org_type",
                    "about_subject",
                    "acknowledged_at",
                    "responded_at",
                    "response_due",
                    "pass_on",
                    "acknowledgement_due",
                ],
            ),
            models.Index(
                fields=["closed_at"],
                condition=models.Q(anonymised_at__isnull=True),
                name="complaint_not_anonymised",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class StatusChange(models.Model):
    """Append-only history: one row for every change to a complaint. Never edited."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="history")
    created_at = models.DateTimeField(_("when"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_status = models.CharField(_("from"), max_length=24, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=24, choices=Status.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation at the time"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    visible_to_complainant = models.BooleanField(_("complainant can see the note"), default=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("status change")

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.from_status or '-'} → {self.to_status}"


class Attachment(models.Model):
    """A file a complainant uploaded, stored privately under a random name."""

    class Kind(models.TextChoices):
        EVIDENCE = "evidence", _("Evidence")
        PERMISSION = "permission", _("Written permission")
        REPLY = "reply", _("Sent with a reply to a request for information")
        STAFF = "staff", _("Added by staff")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.EVIDENCE)
    original_name = models.CharField(_("file name"), max_length=255)
    stored_name = models.CharField(max_length=64, unique=True, editable=False)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField()
    # Staff files (an outcome letter, say) are private to the organisation unless staff
    # choose to share one with the complainant through the progress page.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    shared_with_complainant_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")

    def __str__(self) -> str:
        return self.original_name


class InternalNote(models.Model):
    """A note staff keep for themselves; the complainant never sees it."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    text = models.TextField(_("note"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("internal note")

    def __str__(self) -> str:
        return f"Note {self.pk}"


# A question still waiting: not answered, and the organisation has not stopped waiting.
QUESTION_WAITING = models.Q(replied_at__isnull=True, paused_working_days__isnull=True)


class InformationRequest(models.Model):
    """Staff asked the complainant for more information, shown only on the progress page.
    While it waits the complaint has no response deadline (`due_when_paused` holds it);
    the reply, or the complaint leaving the open statuses or changing hands, sets it again,
    moved on by the working days it waited (`services.information`)."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="information_requests"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_at = models.DateTimeField(_("asked"))
    question = models.TextField(_("question for the complainant"))
    reason = models.TextField(_("why the response clock is paused"))
    reply_text = models.TextField(_("the complainant's reply"), blank=True)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    paused_working_days = models.PositiveSmallIntegerField(
        _("working days paused"), null=True, blank=True
    )
    chased_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    due_when_paused = models.DateField(_("response due when paused"), null=True, blank=True)
    reply_attachments = models.ManyToManyField(Attachment, blank=True, related_name="+")

    class Meta:
        ordering = ["asked_at", "id"]
        verbose_name = _("request for information")
        verbose_name_plural = _("requests for information")
        constraints = [
            models.UniqueConstraint(
                fields=["complaint"],
                condition=QUESTION_WAITING,
                name="one_open_information_request",
            )
        ]

    def __str__(self) -> str:
        return f"Request {self.pk}"


class ResponseTemplate(models.Model):
    """Wording an organisation's staff reuse in their replies. Plain text, never HTML.
    Each organisation manages its own; staff see only their organisations' templates."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="response_templates"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("wording"), max_length=10000)
    updated_at = models.DateTimeField(_("last changed"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["organisation", "title"]
        verbose_name = _("response template")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "title"], name="one_template_title_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return self.title


class ProgressLink(models.Model):
    """A one-time link to a complaint's progress page, emailed to the complainant.

    Only a hash of the token is stored, so a copy of the database cannot be used to read
    anyone's complaint.
    """

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Progress link {self.pk}"


class OutboundEmail(models.Model):
    """The email outbox: written in the same transaction as the change that causes it.

    A task sends it after commit and retries; a sweeper re-queues anything stuck; staff see
    failures. The body never holds the complaint's details.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed after retries")

    Kind = EmailKind
    # Emails to an organisation's own inbox (selectors.emails_for_user scopes them by it).
    INBOX_KINDS = frozenset({Kind.INBOX_ROUTED, Kind.INBOX_TRANSFERRED})

    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, on_delete=models.CASCADE, related_name="emails"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=40, choices=Kind.choices)
    to_address = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]
        verbose_name = _("email")

    def __str__(self) -> str:
        return f"{self.kind} ({self.get_state_display()})"
