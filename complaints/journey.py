"""The complaint journey: which question pages are asked, in what order, and the answers.

Answers live only in the server-side session (`request.session["complaint"]`), never in a
URL or a cookie, and go when the session ends (expiry, quick exit, or after submitting).
A page is skipped when it does not apply to earlier answers; `Journey` works that out from
the answers each time, so changing an answer on check-your-answers sends the person
through any page that now applies and back to check-your-answers.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.contrib.sessions.backends.base import SessionBase
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from complaints import forms, safe_contact, selectors, uploads
from complaints.models import Attachment, Complaint
from directory import routes, routing

SESSION_KEY = "complaint"
# Set by the "who should I complain to?" tool: {"org_type", "subject", "organisation_id"}.
ROUTING_ANSWERS_KEY = "routing_answers"
# Set by the start page from ?about=<org_type> (links from guidance pages).
ABOUT_KEY = "complaint_about"
THIS_SERVICE = "this_service"
# The complaint this session has sent: its reference, idempotency key and a read-only copy
# of the answers as shown on check-your-answers. Kept apart from the journey, so Back,
# refresh or another tab show the confirmation for as long as the session lasts, even if a
# new complaint is begun. Goes with the session (expiry or quick exit).
SENT_KEY = "complaint_sent"


@dataclass(frozen=True)
class Step:
    slug: str
    form_class: type[forms.JourneyForm]
    applies: Callable[[Journey], bool] = lambda journey: True
    template: str = "complaints/question.html"
    upload_kind: str = ""
    # Answers to drop when this page's answers change, because they depended on them.
    clears: tuple[str, ...] = ()
    clears_steps: tuple[str, ...] = ()
    # The "who should I complain to?" tool asks this page's question too: when it was
    # answered there, the page is skipped (and summarised on the next page asked).
    asked_by_tool: bool = False

    @property
    def title(self):
        return self.form_class.title

    def url(self, *, change: bool = False) -> str:
        url = reverse("complaints:step", args=[self.slug])
        return url + "?change=1" if change else url


def _on_behalf(journey: Journey) -> bool:
    return journey.answers.get("role") == Complaint.Role.ON_BEHALF


def _written_permission(journey: Journey) -> bool:
    return _on_behalf(journey) and journey.answers.get("permission") == Complaint.Permission.WRITTEN


def _asks_subject(journey: Journey) -> bool:
    return routing.asks_subject(journey.answers.get("org_type", ""))


def _asks_organisation(journey: Journey) -> bool:
    # Asked again if the one chosen has left the directory, even when one is left.
    return len(journey.directory_choices()) > 1 or journey.organisation_retired()


def _asks_decision_date(journey: Journey) -> bool:
    # Requests that are not complaints run from a decision or an outcome letter.
    return journey.route().kind != routes.COMPLAINT


def _is_late(journey: Journey) -> bool:
    return journey.time_limit() is not None and journey.time_limit()["passed"]


def _about_a_justice_organisation(journey: Journey) -> bool:
    """Not a complaint about this website: no Victims' Code right or crime reference."""
    return journey.answers.get("org_type") != THIS_SERVICE


STEPS: list[Step] = [
    Step(
        "who",
        forms.RoleForm,
        clears=("relationship", "permission", "permission_other", "affected_person_name"),
        clears_steps=("on-behalf",),
    ),
    Step(
        "on-behalf",
        forms.OnBehalfForm,
        applies=_on_behalf,
        template="complaints/step_on_behalf.html",
    ),
    Step(
        "permission",
        forms.PermissionFileForm,
        applies=_written_permission,
        template="complaints/step_upload.html",
        upload_kind=Attachment.Kind.PERMISSION,
    ),
    Step(
        "about",
        forms.OrgTypeForm,
        clears=("subject", "organisation_id"),
        clears_steps=("subject", "organisation"),
        asked_by_tool=True,
    ),
    Step("subject", forms.SubjectForm, applies=_asks_subject, asked_by_tool=True),
    Step(
        "organisation",
        forms.OrganisationForm,
        applies=_asks_organisation,
        template="complaints/step_organisation.html",
        asked_by_tool=True,
    ),
    Step(
        "decision-date",
        forms.DecisionDateForm,
        applies=_asks_decision_date,
        template="complaints/step_decision_date.html",
    ),
    Step("rights", forms.RightsForm, applies=_about_a_justice_organisation),
    Step("when", forms.WhenForm, template="complaints/step_when.html"),
    Step("late", forms.LateForm, applies=_is_late, template="complaints/step_late.html"),
    Step("reference", forms.CrimeReferenceForm, applies=_about_a_justice_organisation),
    Step("what-happened", forms.WhatHappenedForm),
    Step("who-was-involved", forms.WhoInvolvedForm),
    Step("outcome", forms.OutcomeForm),
    Step(
        "evidence",
        forms.EvidenceForm,
        template="complaints/step_upload.html",
        upload_kind=Attachment.Kind.EVIDENCE,
    ),
    Step("name", forms.NameForm),
    Step("contact", forms.ContactMethodsForm, template="complaints/step_contact.html"),
    Step("support", forms.SupportForm),
]
STEPS_BY_SLUG = {step.slug: step for step in STEPS}
MAX_UPLOADS = {Attachment.Kind.EVIDENCE: uploads.MAX_FILES, Attachment.Kind.PERMISSION: 2}


def _valid_org_type(value) -> bool:
    return value in {value for value, _label in routing.ORG_TYPE_CHOICES}


@dataclass
class Journey:
    """The session's complaint, read and written through this class only."""

    session: SessionBase
    _memo: dict = field(default_factory=dict)

    # -- the stored state ---------------------------------------------------------------

    @property
    def data(self) -> dict | None:
        return self.session.get(SESSION_KEY)

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
        prefill, from_tool = self._prefill()
        self.session[SESSION_KEY] = {
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
        prefill, from_tool = self._prefill()
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

    def _prefill(self) -> tuple[dict, list[str]]:
        """The answers to pre-fill, and the pages the tool answered (to skip)."""
        prefill: dict = {}
        from_tool: list[str] = []
        tool = self.session.get(ROUTING_ANSWERS_KEY) or {}
        about = self.session.pop(ABOUT_KEY, None)
        if _valid_org_type(about) and isinstance(tool, dict) and tool.get("org_type") != about:
            # The guidance page's button was pressed after the tool was used for something
            # else: the button is the person's latest choice.
            tool = {}
        if isinstance(tool, dict) and _valid_org_type(tool.get("org_type")):
            org_type = tool["org_type"]
            prefill["org_type"] = org_type
            from_tool.append("about")
            subjects = {v for v, _label in routing.SUBJECT_CHOICES.get(org_type, [])}
            if tool.get("subject") in subjects:
                prefill["subject"] = tool["subject"]
                from_tool.append("subject")
            directory_type = routing.directory_type(org_type)
            known = (
                {pk for pk, _name in (selectors.directory_choices(directory_type) or [])}
                if directory_type
                else set()
            )
            if isinstance(tool.get("organisation_id"), int):
                prefill["organisation_id"] = tool["organisation_id"]
                if tool["organisation_id"] in known:
                    from_tool.append("organisation")
            elif "organisation_id" in tool and tool["organisation_id"] is None:
                # "I do not know" in the tool.
                prefill["organisation_id"] = None
                from_tool.append("organisation")
        if not prefill and _valid_org_type(about):
            prefill["org_type"] = about
        return prefill, from_tool

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
        self.session.pop(SESSION_KEY, None)
        self._save()

    def forget_copy(self) -> None:
        """After sending, "Delete my answers" deletes the copy; the reference stays."""
        if self.submitted and self.submitted.get("copy"):
            self.session[SENT_KEY] = {**self.submitted, "copy": []}
            self._save()

    def end(self) -> None:
        if self.exists:
            uploads.pending_discard(folder=self.folder)
        self.session.pop(SESSION_KEY, None)
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
        """The usual time limit of the organisation that will handle it, if it has passed.

        For a request that is not a complaint, the limit runs from the decision or outcome
        letter; passing it never blocks the request: the person is asked why it took longer.
        """
        if "time_limit" not in self._memo and _asks_decision_date(self):
            route, decided = self.route(), self.decision_date()
            self._memo["time_limit"] = None
            if decided and route.limit:
                ends = route.limit.after(decided)
                preview = selectors.complaint_route_preview(
                    org_type=self.answers.get("org_type", ""),
                    subject=self.answers.get("subject", ""),
                    organisation_id=self.answers.get("organisation_id"),
                )
                self._memo["time_limit"] = {
                    "request": True,
                    "organisation": preview,
                    "limit": route.limit.words(),
                    "stages": preview.stages if preview else [],
                    "ends": ends,
                    "passed": ends < timezone.localdate(),
                }
        if "time_limit" not in self._memo:
            self._memo["time_limit"] = None
            incident = self.incident_date()
            organisation = selectors.complaint_route_preview(
                org_type=self.answers.get("org_type", ""),
                subject=self.answers.get("subject", ""),
                organisation_id=self.answers.get("organisation_id"),
            )
            # The limit comes from the routes table, like every other place that states
            # one (a judge's or magistrate's conduct: 3 months; the directory's own
            # figure knew only 6 and 12).
            limit = self.route().limit
            if incident and limit and limit.months and not limit.days:
                ends = limit.after(incident)
                self._memo["time_limit"] = {
                    "organisation": organisation,
                    "months": limit.months,
                    "ends": ends,
                    "passed": ends < timezone.localdate(),
                }
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

    def relevant(self) -> list[Step]:
        """Pages whose question applies, whether asked here or answered in the tool."""
        return [step for step in STEPS if step.applies(self)]

    def applicable(self) -> list[Step]:
        """The pages to ask, in order."""
        return [step for step in self.relevant() if not self.answered_by_tool(step)]

    def tool_summary(self, step: Step) -> list[dict]:
        """On the first page asked after the tool's answers: those answers, to change."""
        skipped = [s for s in self.relevant() if self.answered_by_tool(s)]
        if not skipped:
            return []
        last = STEPS.index(skipped[-1])
        following = [s for s in self.applicable() if STEPS.index(s) > last]
        if not following or following[0] != step:
            return []
        slugs = {s.slug for s in skipped}
        # Not yet at check your answers: a change goes on through the pages as usual.
        return [
            {**row, "url": STEPS_BY_SLUG[row["slug"]].url()}
            for row in self._about_rows()
            if row["slug"] in slugs
        ]

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
        answers = self.answers
        if step.form_class is forms.ContactMethodsForm:
            return forms.ContactMethodsForm.initial_from(answers)
        if step.form_class is forms.OrganisationForm:
            if step.slug in self.done or answers.get("organisation_id"):
                org_id = answers.get("organisation_id")
                return {"organisation": str(org_id) if org_id else routing.UNKNOWN}
            return {}
        if step.form_class is forms.RightsForm:
            return {"rights": [str(n) for n in answers.get("rights", [])]}
        return {name: answers[name] for name in step.form_class.base_fields if name in answers}

    # -- what is sent -------------------------------------------------------------------

    def complaint_fields(self) -> dict:
        """Complaint field values for `services.complaint_submit`."""
        a = self.answers
        on_behalf = _on_behalf(self)
        organisation_id = a.get("organisation_id") if _asks_organisation(self) else None
        if organisation_id is None and len(self.directory_choices()) == 1:
            organisation_id = self.directory_choices()[0][0]
        late = _is_late(self)
        return {
            "role": a["role"],
            "relationship": a.get("relationship", "") if on_behalf else "",
            "permission": a.get("permission", "") if on_behalf else "",
            "permission_other": a.get("permission_other", "") if on_behalf else "",
            "affected_person_name": a.get("affected_person_name", "") if on_behalf else "",
            "crime_reference": (
                a.get("crime_reference", "") if _about_a_justice_organisation(self) else ""
            ),
            "about_org_type": a.get("org_type", ""),
            "about_subject": a.get("subject", "") if a.get("org_type") != routing.UNKNOWN else "",
            "named_organisation_id": organisation_id,
            "incident_date": self.incident_date(),
            "decision_date": self.decision_date(),
            "incident_date_is_approximate": bool(a.get("approximate")),
            "late_reason": a.get("late_reason", "") if late else "",
            "what_happened": a["what_happened"],
            "who_was_involved": a.get("who_was_involved", ""),
            "outcome_wanted": a.get("outcome_wanted", ""),
            "full_name": a["full_name"],
            "email": a.get("email", ""),
            "phone": a.get("phone", ""),
            "address": a.get("address", ""),
            "safe_by_email": bool(a.get("safe_by_email")),
            "safe_by_phone": bool(a.get("safe_by_phone")),
            "safe_by_post": bool(a.get("safe_by_post")),
            "may_leave_messages": bool(a.get("may_leave_messages")),
            "times_to_avoid": a.get("times_to_avoid", ""),
            # Asked once, as "Post" among the safe ways to contact them.
            "no_letters_home": not a.get("safe_by_post"),
            "needs_interpreter": bool(a.get("needs_interpreter")),
            "language": a.get("language", ""),
            "accessibility_needs": a.get("accessibility_needs", ""),
            "adjustments": a.get("adjustments", ""),
        }

    def rights(self) -> list[int]:
        if not _about_a_justice_organisation(self):
            return []
        return list(self.answers.get("rights", []))

    # -- check your answers ------------------------------------------------------------

    @staticmethod
    def _row(slug: str, key, value) -> dict:
        return {
            "key": key,
            "value": value or _("Not given"),
            "url": STEPS_BY_SLUG[slug].url(change=True),
            "slug": slug,
        }

    def _about_rows(self) -> list[dict]:
        """What the complaint is about: the questions the tool asks too."""
        a = self.answers
        row = self._row
        steps = {step.slug for step in self.relevant()}
        org_types = dict(routing.ORG_TYPE_CHOICES)
        subjects = dict(routing.SUBJECT_CHOICES.get(a.get("org_type", ""), []))
        rows = [row("about", _("Complaint about"), org_types.get(a.get("org_type")))]
        if "subject" in steps:
            rows.append(row("subject", _("What about"), subjects.get(a.get("subject"))))
        if "organisation" in steps:
            names = dict(self.directory_choices())
            org_id = a.get("organisation_id")
            rows.append(
                row(
                    "organisation",
                    _("Organisation"),
                    names.get(org_id) if org_id else _("I do not know"),
                )
            )
        return rows

    def summary(self) -> list[dict]:
        """Rows for the check-your-answers page, grouped into cards."""
        a = self.answers
        row = self._row
        steps = {step.slug for step in self.relevant()}
        roles = dict(forms.RoleForm.base_fields["role"].choices)
        permissions = dict(forms.OnBehalfForm.base_fields["permission"].choices)

        about = [row("who", _("Who is complaining"), roles.get(a.get("role")))]
        if "on-behalf" in steps:
            about.append(
                row("on-behalf", _("Name of the person affected"), a.get("affected_person_name"))
            )
            about.append(row("on-behalf", _("Your relationship"), a.get("relationship")))
            basis = permissions.get(a.get("permission"))
            if a.get("permission") == Complaint.Permission.OTHER and a.get("permission_other"):
                basis = f"{basis}: {a['permission_other']}"
            about.append(row("on-behalf", _("Why you can complain for them"), basis))
        if "permission" in steps:
            names = ", ".join(u.name for u in self.uploads(Attachment.Kind.PERMISSION))
            about.append(row("permission", _("Written permission"), names or _("No file")))
        about += self._about_rows()
        if "rights" in steps:
            rights = dict(selectors.rights_titles())
            about.append(
                row(
                    "rights",
                    _("Rights not met"),
                    "\n".join(f"{n}. {rights.get(n, '')}" for n in a.get("rights", []))
                    or _("None selected"),
                )
            )

        incident = self.incident_date()
        when_text = ""
        if incident:
            if a.get("approximate") and not (a.get("day") or "").strip():
                when_text = date_format(incident, "F Y")
            else:
                when_text = date_format(incident, "j F Y")
            if a.get("approximate"):
                when_text = _("%(date)s (approximate)") % {"date": when_text}
        what = [row("when", _("When it happened"), when_text)]
        if "decision-date" in steps and self.decision_date():
            what.insert(
                0,
                row(
                    "decision-date",
                    _("Date of the decision letter"),
                    self.decision_date().strftime("%-d %B %Y"),
                ),
            )
        if "late" in steps:
            what.append(row("late", _("Why not sooner"), a.get("late_reason")))
        if "reference" in steps:
            what.append(
                row(
                    "reference",
                    _("Crime reference or case number"),
                    a.get("crime_reference") or _("None given"),
                )
            )
        what += [
            row("what-happened", _("What happened"), a.get("what_happened")),
            row("who-was-involved", _("Who was involved"), a.get("who_was_involved")),
            row("outcome", _("Outcome you want"), a.get("outcome_wanted")),
            row(
                "evidence",
                _("Evidence"),
                "\n".join(u.name for u in self.uploads(Attachment.Kind.EVIDENCE)) or _("No files"),
            ),
        ]

        methods = [
            str(label)
            for key, label in (
                ("safe_by_email", _("Email")),
                ("safe_by_phone", _("Phone")),
                ("safe_by_post", _("Post")),
            )
            if a.get(key)
        ]
        contact = [
            row("name", _("Name"), a.get("full_name")),
            row("contact", _("Safe ways to contact you"), ", ".join(methods)),
        ]
        # The same lines staff see at the top of the complaint (complaints.safe_contact).
        for line in safe_contact.safe_contact_lines(
            safe_by_email=bool(a.get("safe_by_email")),
            email=safe_contact.display_email(a.get("email", "")),
            safe_by_phone=bool(a.get("safe_by_phone")),
            phone=a.get("phone", ""),
            may_leave_messages=bool(a.get("may_leave_messages")),
            safe_by_post=bool(a.get("safe_by_post")),
            address=a.get("address", ""),
        ):
            contact.append(row("contact", line.label, line.text))
        contact.append(row("contact", _("Times to avoid"), a.get("times_to_avoid") or _("None")))
        support = [
            row(
                "support",
                _("Interpreter"),
                a.get("language") if a.get("needs_interpreter") else _("Not needed"),
            ),
            row("support", _("Accessibility needs"), a.get("accessibility_needs") or _("None")),
            row("support", _("Other support"), a.get("adjustments") or _("None")),
        ]
        return [
            {"title": _("About the complaint"), "rows": about},
            {"title": _("What happened"), "rows": what},
            {"title": _("Contact details"), "rows": contact},
            {"title": _("Support"), "rows": support},
        ]

    def summary_copy(self) -> list[dict]:
        """`summary()` as plain text, without change links, for the printable copy."""
        return [
            {
                "title": str(card["title"]),
                "rows": [
                    {"key": str(row["key"]), "value": str(row["value"])} for row in card["rows"]
                ],
            }
            for card in self.summary()
        ]


def session_discard(session: SessionBase) -> None:
    """Delete a session's unsent uploads; call before `session.flush()` (quick exit)."""
    data = session.get(SESSION_KEY) or {}
    if data.get("folder"):
        uploads.pending_discard(folder=data["folder"])
