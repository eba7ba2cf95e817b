"""The actions staff take on one complaint in admin: each is a form and a service call.

The admin offers only the actions the workflow allows from the complaint's current status;
the service checks again under a row lock, so a stale page cannot make an illegal move.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from complaints import notifications, services, workflow
from complaints.admin import forms as admin_forms
from complaints.models import Complaint, PassOn
from complaints.workflow import Status

# (complaint id, actor, the form's cleaned data) -> the complaint after the change.
Call = Callable[[int, Any, dict], Complaint]


@dataclass(frozen=True)
class Action:
    slug: str
    label: str
    to_status: str | None  # None: not a change of status (assigning)
    form: type
    call: Call
    # Offered only where this holds (besides the workflow allowing the move).
    applies: Callable[[Complaint], bool] | None = None

    def run(self, *, complaint: Complaint, actor, data: dict) -> Complaint:
        return self.call(complaint.pk, actor, data)

    def available(self, complaint: Complaint) -> bool:
        if self.applies is not None and not self.applies(complaint):
            return False
        if self.to_status is None:
            return complaint.status in workflow.OPEN_STATUSES
        return workflow.can_transition(complaint.status, self.to_status)


def _note(data: dict) -> str:
    return data.get("note", "")


ACTIONS: dict[str, Action] = {
    action.slug: action
    for action in [
        Action(
            "acknowledge",
            _("Acknowledge"),
            Status.ACKNOWLEDGED,
            admin_forms.AcknowledgeForm,
            lambda pk, actor, data: services.complaint_acknowledge(
                complaint_id=pk, actor=actor, note=_note(data)
            ),
        ),
        Action(
            "assign",
            _("Assign"),
            None,
            admin_forms.AssignForm,
            lambda pk, actor, data: services.complaint_assign(
                complaint_id=pk, actor=actor, assignee=data.get("assignee")
            ),
        ),
        Action(
            "investigate",
            _("Start investigation"),
            Status.UNDER_INVESTIGATION,
            admin_forms.NoteForm,
            lambda pk, actor, data: services.complaint_start_investigation(
                complaint_id=pk, actor=actor, note=_note(data)
            ),
        ),
        Action(
            "respond",
            _("Record response sent"),
            Status.RESPONSE_SENT,
            admin_forms.ResponseForm,
            lambda pk, actor, data: services.complaint_record_response(
                complaint_id=pk,
                actor=actor,
                note=_note(data),
                visible_to_complainant=data.get("visible_to_complainant", False),
            ),
        ),
        Action(
            "close",
            _("Close the complaint"),
            Status.CLOSED,
            admin_forms.NoteForm,
            lambda pk, actor, data: services.complaint_close(
                complaint_id=pk, actor=actor, note=_note(data)
            ),
        ),
        Action(
            "transfer",
            _("Transfer"),
            Status.TRANSFERRED,
            admin_forms.TransferForm,
            lambda pk, actor, data: services.complaint_transfer(
                complaint_id=pk,
                actor=actor,
                to_organisation_id=data["organisation"].pk,
                reason=_note(data),
                visible_to_complainant=data.get("visible_to_complainant", False),
            ),
        ),
        Action(
            "pass-on",
            _("Record that you passed it on"),
            None,
            admin_forms.PassOnForm,
            lambda pk, actor, data: services.complaint_pass_on_record(
                complaint_id=pk,
                actor=actor,
                how=data["how"],
                to=data["to"],
                passed_on_at=data.get("passed_on_at"),
                note=_note(data),
            ),
            applies=lambda complaint: complaint.pass_on == PassOn.TO_PASS_ON,
        ),
        Action(
            "reopen",
            _("Reopen"),
            Status.REOPENED,
            admin_forms.RequiredNoteForm,
            lambda pk, actor, data: services.complaint_reopen(
                complaint_id=pk, actor=actor, reason=_note(data)
            ),
        ),
        Action(
            "withdraw",
            _("Withdrawn by the complainant"),
            Status.WITHDRAWN,
            admin_forms.NoteForm,
            lambda pk, actor, data: services.complaint_withdraw(
                complaint_id=pk, actor=actor, note=_note(data)
            ),
        ),
        Action(
            "escalate",
            _("Escalated by the complainant"),
            Status.ESCALATED,
            admin_forms.EscalateForm,
            lambda pk, actor, data: services.complaint_escalate(
                complaint_id=pk,
                actor=actor,
                to_organisation=data.get("organisation"),
                note=_note(data),
            ),
        ),
        Action(
            "ask",
            _("Ask the complainant for information"),
            None,
            admin_forms.InformationRequestForm,
            lambda pk, actor, data: services.information_request_ask(
                complaint_id=pk, actor=actor, question=data["question"], reason=data["reason"]
            ),
            applies=lambda complaint: notifications.complainant_can_be_emailed(complaint),
        ),
        Action(
            "extend",
            _("Extend the response deadline"),
            None,
            admin_forms.DeadlineExtendForm,
            lambda pk, actor, data: services.complaint_deadline_extend(
                complaint_id=pk, actor=actor, new_due=data["new_due"], reason=data["reason"]
            ),
        ),
        Action(
            "flags",
            _("Set priority or safeguarding"),
            None,
            admin_forms.FlagsForm,
            lambda pk, actor, data: services.complaint_flags_set(
                complaint_id=pk,
                actor=actor,
                priority=data.get("priority", False),
                safeguarding=data.get("safeguarding", False),
                note=_note(data),
            ),
        ),
    ]
}
