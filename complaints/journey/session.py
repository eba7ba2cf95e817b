"""The session's complaint: its answers, the order of the pages, and what is sent.

Answers live only in the server-side session (`request.session["complaint"]`), never in a
URL or a cookie, and go when the session ends (expiry, quick exit, or after submitting).
A page is skipped when it does not apply to earlier answers; `Journey` works that out from
the answers each time, so changing an answer on check-your-answers sends the person
through any page that now applies and back to check-your-answers. What each page's answers
mean (check your answers, the complaint's fields) is its form's to say; `Journey` loops
over the steps.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from django.contrib.sessions.backends.base import SessionBase
from django.urls import reverse
from django.utils import timezone

from complaints import selectors, uploads
from complaints.journey import outputs
from complaints.journey.limits import journey_time_limit
from complaints.journey.prefill import ABOUT_KEY, tool_prefill
from complaints.journey.steps import (
    STEPS,
    Step,
    _asks_decision_date,
    _written_permission,
)
from complaints.models import Attachment
from directory import routes, routing

SESSION_KEY = "complaint"
# The complaint this session has sent: its reference, idempotency key and a read-only copy
# of the answers as shown on check-your-answers. Kept apart from the journey, so Back,
# refresh or another tab show the confirmation for as long as the session lasts, even if a
# new complaint is begun. Goes with the session (expiry or quick exit).
SENT_KEY = "complaint_sent"


@dataclass
class Journey:
    """The session's complaint, read and written through this class only."""

    session: SessionBase
    _memo: dict = field(default_factory=dict)
    # Where in the session the answers are kept (staff recording a complaint use another).
    session_key: ClassVar[str] = SESSION_KEY

    # -- the stored state ---------------------------------------------------------------

    @property
    def data(self) -> dict | None:
        return self.session.get(self.session_key)

    @property
    def exists(self) -> bool:
        return bool(self.data and "answers" in self.data)

    @property
    def answers(self) -> dict:
        return self.data["answers"] if self.exists else {}

    @property
    def done(self) -> list[str]:
        return self.data["done"] if self.exists else []

    @property
    def idempotency_key(self) -> str:
        return self.data["key"]

    @property
    def folder(self) -> str:
        return self.data["folder"]

    @property
    def submitted(self) -> dict | None:
        """The complaint this session sent last, if any: {"reference", "key", "copy"}."""
        return self.session.get(SENT_KEY)

    def _save(self) -> None:
        self.session.modified = True
        self._memo.clear()

    def start(self) -> None:
        """Begin a new complaint, pre-filled from the tool or the guidance page's link.

        The session gets a new key first (its contents, the tool's answers among them, are
        kept): a session id planted or seen before the complaint began opens nothing of it.
        """
        self.session.cycle_key()
        if self.exists:
            uploads.pending_discard(folder=self.folder)
        prefill, from_tool = tool_prefill(self.session)
        self.session[self.session_key] = {
            # Generated once per complaint: every repeat of the final POST carries it.
            "key": secrets.token_urlsafe(32),
            "folder": uploads.pending_folder_new(),
            "started": timezone.now().isoformat(),
            "answers": prefill,
            "done": [],
            "uploads": [],
            # Pages whose question the tool already answered: skipped, and summarised.
            "from_tool": from_tool,
        }
        self._save()
        if from_tool:
            self._after_about(self.data["answers"])
            self._save()

    def prefill_unanswered(self) -> None:
        """A complaint already begun, whose "about" question is still unanswered, takes the
        tool's or guidance page's answers as a new one would: the tool promised to keep them.
        """
        if not self.exists or "about" in self.done:
            self.session.pop(ABOUT_KEY, None)
            return
        prefill, from_tool = tool_prefill(self.session)
        if prefill:
            answers = self.data["answers"]
            for key in ("org_type", "subject", "organisation_id"):
                answers.pop(key, None)
            answers.update(prefill)
            self.data["from_tool"] = from_tool
            self._save()
            if from_tool:
                self._after_about(answers)
                self._save()

    def save_step(self, step: Step, answers: dict) -> None:
        data = self.data
        old = {key: data["answers"].get(key) for key in answers}
        if step.clears and any(old[key] != answers[key] for key in answers):
            for key in step.clears:
                data["answers"].pop(key, None)
            data["done"] = [slug for slug in data["done"] if slug not in step.clears_steps]
            data["from_tool"] = [
                slug for slug in data.get("from_tool", []) if slug not in step.clears_steps
            ]
        data["answers"].update(answers)
        if step.slug == "about":
            self._after_about(data["answers"])
        if step.slug not in data["done"]:
            data["done"].append(step.slug)
        self._save()

    def _after_about(self, answers: dict) -> None:
        self._memo.clear()
        org_type = answers.get("org_type", "")
        if not routing.asks_subject(org_type):
            answers["subject"] = routing.implied_subject(org_type)
        choices = self.directory_choices()
        if len(choices) == 1:
            # Only one organisation of this kind in the directory: nothing to ask.
            answers["organisation_id"] = choices[0][0]
        elif not choices:
            answers["organisation_id"] = None

    def mark_submitted(self, *, reference: str) -> None:
        """Forget the journey; keep what the confirmation page and its copy need."""
        self.session[SENT_KEY] = {
            "reference": reference,
            "key": self.idempotency_key,
            "copy": self.summary_copy(),
        }
        self.session.pop(self.session_key, None)
        self._save()

    def forget_copy(self) -> None:
        """After sending, "Delete my answers" deletes the copy; the reference stays."""
        if self.submitted and self.submitted.get("copy"):
            self.session[SENT_KEY] = {**self.submitted, "copy": []}
            self._save()

    def end(self) -> None:
        if self.exists:
            uploads.pending_discard(folder=self.folder)
        self.session.pop(self.session_key, None)
        self._save()

    # -- uploads ------------------------------------------------------------------------

    def uploads(self, kind: str | None = None) -> list[uploads.PendingUpload]:
        items = [
            uploads.PendingUpload.from_session(u) for u in (self.data or {}).get("uploads", [])
        ]
        return [u for u in items if kind is None or u.kind == kind]

    def add_upload(self, upload: uploads.PendingUpload) -> None:
        self.data["uploads"].append(upload.as_session())
        self._save()

    def remove_upload(self, file_id: str) -> None:
        self.data["uploads"] = [u for u in self.data["uploads"] if u["id"] != file_id]
        uploads.pending_remove(folder=self.folder, file_id=file_id)
        self._save()

    def uploads_to_send(self) -> list[uploads.PendingUpload]:
        # A permission letter goes only if the person still says they have one.
        return [
            u
            for u in self.uploads()
            if u.kind == Attachment.Kind.EVIDENCE or _written_permission(self)
        ]

    # -- derived facts, memoised for one request ----------------------------------------

    def directory_choices(self) -> list[tuple[int, str]]:
        org_type = self.answers.get("org_type", "")
        if "directory" not in self._memo:
            directory_type = routing.directory_type(org_type)
            self._memo["directory"] = (
                selectors.directory_choices(directory_type) if directory_type else []
            )
        return self._memo["directory"]

    def incident_date(self) -> date | None:
        value = self.answers.get("incident_date")
        return date.fromisoformat(value) if value else None

    def route(self) -> routes.Route:
        """The row of the routes table these answers lead to (what kind of request it is)."""
        return routes.route_for(self.answers.get("org_type", ""), self.answers.get("subject", ""))

    def decision_date(self) -> date | None:
        value = self.answers.get("decision_date") if _asks_decision_date(self) else None
        return date.fromisoformat(value) if value else None

    def time_limit(self) -> dict | None:
        """The usual time limit of the organisation that will handle it (`limits`)."""
        if "time_limit" not in self._memo:
            self._memo["time_limit"] = journey_time_limit(self)
        return self._memo["time_limit"]

    # -- order of the pages -------------------------------------------------------------

    @property
    def from_tool(self) -> list[str]:
        return (self.data or {}).get("from_tool", []) if self.exists else []

    def answered_by_tool(self, step: Step) -> bool:
        if not (step.asked_by_tool and step.slug in self.from_tool):
            return False
        if step.slug == "organisation":
            # One that has left the directory since is asked after all.
            org_id = self.answers.get("organisation_id")
            return org_id is None or org_id in dict(self.directory_choices())
        return True

    def ask_again(self, step: Step) -> None:
        """The person asked to change an answer they gave in the tool: ask the page."""
        self.data["from_tool"] = [slug for slug in self.from_tool if slug != step.slug]
        self._save()

    def routing_steps(self) -> list[str]:
        """Which routing questions apply: the tool's function (`routing.steps_for`).

        The organisation is asked again if the one chosen has left the directory, even
        when one is left.
        """
        org_type = self.answers.get("org_type", "")
        kind = routing.directory_type(org_type)
        return routing.steps_for(
            org_type,
            directory_counts={kind: len(self.directory_choices())} if kind else {},
            organisation_retired=self.organisation_retired(),
        )

    def relevant(self) -> list[Step]:
        """Pages whose question applies, whether asked here or answered in the tool."""
        return [step for step in STEPS if step.applies(self)]

    def applicable(self) -> list[Step]:
        """The pages to ask, in order."""
        return [step for step in self.relevant() if not self.answered_by_tool(step)]

    def next_url(self, after: Step, *, change: bool = False) -> str:
        position = STEPS.index(after)
        asked = self.applicable()
        later = [step for step in STEPS[position + 1 :] if step in asked]
        for step in later:
            if not change or step.slug not in self.done:
                return step.url(change=change)
        return reverse("complaints:check_answers")

    def back_url(self, step: Step, *, change: bool = False) -> str:
        if change:
            return reverse("complaints:check_answers")
        steps = self.applicable()
        if step in steps and steps.index(step) > 0:
            return steps[steps.index(step) - 1].url()
        return reverse("complaints:before_you_start")

    def first_incomplete(self) -> Step | None:
        return next(
            (
                step
                for step in self.applicable()
                if step.slug not in self.done
                or (step.slug == "organisation" and self.organisation_retired())
            ),
            None,
        )

    def organisation_retired(self) -> bool:
        """The organisation chosen has left the directory since: its question is asked again."""
        org_id = self.answers.get("organisation_id")
        return org_id is not None and org_id not in dict(self.directory_choices())

    def initial_for(self, step: Step) -> dict:
        return step.form_class.initial_from(self.answers, answered=step.slug in self.done)

    # -- what is sent, and check your answers: each page's form says (`outputs`) ---------

    def complaint_fields(self) -> dict[str, Any]:
        """Complaint field values for `services.complaint_submit`."""
        return outputs.complaint_fields(self)

    def rights(self) -> list[int]:
        return outputs.rights(self)

    def summary(self) -> list[dict[str, Any]]:
        """Rows for the check-your-answers page, grouped into cards."""
        return outputs.summary_cards(self)

    def summary_copy(self) -> list[dict[str, Any]]:
        """`summary()` as plain text, without change links, for the printable copy."""
        return outputs.summary_copy(self)

    def tool_summary(self, step: Step) -> list[dict[str, Any]]:
        """On the first page asked after the tool's answers: those answers, to change."""
        return outputs.tool_rows(self, step)


def session_discard(session: SessionBase) -> None:
    """Delete a session's unsent uploads; call before `session.flush()` (quick exit)."""
    data = session.get(SESSION_KEY) or {}
    if data.get("folder"):
        uploads.pending_discard(folder=data["folder"])
