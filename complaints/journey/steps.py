"""The question pages of the complaint journey, in order, and when each one applies.

Each step names its form, and the form owns the page's answers (`complaints.forms.base`):
how they fill it again, its rows on check your answers and the complaint fields they
fill. A step whose form has not declared those is refused here, when the step is made, so
a new question cannot be added half-way. Which of the routing questions apply comes from
`directory.routing.steps_for`, as in the "who should I complain to?" tool.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from complaints import forms, uploads
from complaints.models import Attachment, Complaint
from directory import routes, routing

if TYPE_CHECKING:
    from complaints.journey.session import Journey

THIS_SERVICE = "this_service"


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

    def __post_init__(self) -> None:
        problems = self.form_class.declaration_problems()
        if problems:
            raise ImproperlyConfigured(
                f"The {self.slug!r} step's form {self.form_class.__name__} must declare "
                + "; ".join(problems)
            )

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
    return routing.STEP_SUBJECT in journey.routing_steps()


def _asks_organisation(journey: Journey) -> bool:
    return routing.STEP_ORGANISATION in journey.routing_steps()


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
