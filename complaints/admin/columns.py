"""The complaint admin's display columns and read-only change-page fields."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import F
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from complaints import notifications, safe_contact, selectors, workflow
from complaints.admin import display as admin_display
from complaints.models import QUESTION_WAITING, Complaint, PassOn
from directory import routes
from victims_service import dates

# Requests that are not complaints, in a word or two for the list's flags column.
_KIND_FLAGS = {
    routes.VRR: _("VRR"),
    routes.OUTCOME_REVIEW: _("Review"),
    routes.CICA_REVIEW: _("CICA review"),
    routes.PAROLE_RECONSIDERATION: _("Parole decision"),
}


class ComplaintColumnsMixin:
    """Columns on the list and computed fields on the complaint page (no queries per row)."""

    # -- changelist columns -------------------------------------------------------------

    @admin.display(description=_("received"), ordering="received_at")
    def received_display(self, obj: Complaint):
        return timezone.localtime(obj.received_at).date()

    @admin.display(description=_("deadline"), ordering=F("next_due").asc(nulls_last=True))
    def deadline_display(self, obj: Complaint) -> str:
        """The deadline being worked to now, what is owed by then, and whether it is late.

        One column instead of two dates and a flag, so the list fits a 1280 px screen.
        """
        due = workflow.pending_due(
            status=obj.status,
            acknowledgement_due=obj.acknowledgement_due,
            response_due=obj.response_due,
        )
        if due is None:
            if obj.status in workflow.OPEN_STATUSES and obj.response_due is None:
                # Open and owed a response, with no date: a question to the complainant
                # holds the clock (`services.information`).
                return format_html('<strong class="app-triage-flag">{}</strong>', gettext("Paused"))
            return "-"
        today = timezone.localdate()
        flag = ""
        if workflow.is_overdue(due, today):
            flag = format_html(
                ' <strong class="app-triage-flag app-triage-flag--overdue">{}</strong>',
                gettext("Overdue"),
            )
        elif workflow.is_due_soon(due, today):
            flag = format_html(
                ' <strong class="app-triage-flag app-triage-flag--soon">{}</strong>',
                gettext("Due soon"),
            )
        owed = (
            gettext("acknowledge")
            if obj.status in workflow.AWAITING_ACKNOWLEDGEMENT
            else gettext("respond")
        )
        return format_html(
            '<span class="nowrap">{}</span><br><span class="app-triage-muted">{}</span>{}',
            formats.date_format(due, "j M Y"),
            owed,
            flag,
        )

    @admin.display(description=_("flags"))
    def request_flags(self, obj: Complaint):
        flags = []
        if obj.has_safeguarding_concern:
            flags.append(gettext("Safeguarding"))
        if obj.is_priority:
            flags.append(gettext("Priority"))
        if obj.request_kind != routes.COMPLAINT:
            flags.append(str(_KIND_FLAGS.get(obj.request_kind, obj.get_request_kind_display())))
        if obj.request_due and timezone.localdate(obj.received_at) > obj.request_due:
            flags.append(gettext("Late"))
        if obj.pass_on == PassOn.TO_PASS_ON:
            flags.append(gettext("To pass on"))
        return format_html_join(
            " ", '<strong class="app-triage-flag">{}</strong>', ((flag,) for flag in flags)
        )

    @admin.display(description=_("email"))
    def email_display(self, obj: Complaint):
        # As the person typed it: a domain in another script, not its xn-- form.
        return safe_contact.display_email(obj.email)

    @admin.display(description=_("safe to contact by"))
    def contact_display(self, obj: Complaint):
        return admin_display.safe_contact_summary(obj)

    # -- change view fields -------------------------------------------------------------

    @admin.display(description=_("language used"))
    def language_used(self, obj: Complaint) -> str:
        if obj.service_language == "cy":
            return gettext(
                "Welsh (Cymraeg). They made this complaint in Welsh: reply in Welsh. "
                "The emails this service sends them are in Welsh."
            )
        return gettext("English")

    @admin.display(description=_("what the complainant is told happens next"))
    def what_happens_next(self, obj: Complaint):
        # The same row of the routes table the emails and the progress page read.
        step = notifications.next_step(obj)
        deadline = ""
        if obj.closed_at and step.deadline:
            deadline = gettext(" Ask by %(date)s.") % {"date": dates.long_date(step.deadline)}
        return format_html(
            '{}<br><span class="app-triage-muted">{}{}</span>',
            step.body or gettext("Nobody: the reply is the last step."),
            step.words,
            deadline,
        )

    def _deadlines(self, obj: Complaint) -> selectors.ComplaintDeadlines:
        if not hasattr(obj, "_deadlines"):
            obj._deadlines = selectors.complaint_deadlines(
                complaint=obj, history=list(obj.history.all())
            )
        return obj._deadlines

    def _deadline_html(self, obj: Complaint, deadline: workflow.Deadline | None, statuses):
        if deadline is None:
            return "-"
        today = timezone.localdate()
        flag = ""
        if obj.status in statuses:
            if workflow.is_overdue(deadline.due, today):
                flag = gettext("Overdue")
            elif workflow.is_due_soon(deadline.due, today):
                flag = gettext("Due soon")
        return format_html(
            '<strong>{}</strong>{}<br><span class="app-triage-muted">{}</span>',
            dates.long_date(deadline.due),
            format_html(' <strong class="app-triage-flag">{}</strong>', flag) if flag else "",
            deadline.explanation,
        )

    @admin.display(description=_("acknowledgement due"))
    def acknowledgement_deadline(self, obj: Complaint):
        return self._deadline_html(
            obj, self._deadlines(obj).acknowledgement, workflow.AWAITING_ACKNOWLEDGEMENT
        )

    @admin.display(description=_("response due"))
    def response_deadline(self, obj: Complaint):
        if obj.status in workflow.OPEN_STATUSES and obj.response_due is None:
            waiting = obj.information_requests.filter(
                QUESTION_WAITING, due_when_paused__isnull=False
            ).first()
            if waiting and waiting.due_when_paused:
                return format_html(
                    '<strong class="app-triage-flag">{}</strong><br>'
                    '<span class="app-triage-muted">{}</span>',
                    gettext("Paused"),
                    gettext(
                        "Waiting for the complainant's answer. It was due %(date)s, and "
                        "moves on by the working days the question waits."
                    )
                    % {"date": dates.long_date(waiting.due_when_paused)},
                )
        return self._deadline_html(obj, self._deadlines(obj).response, workflow.OPEN_STATUSES)
