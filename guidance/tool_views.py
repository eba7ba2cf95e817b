"""The "who should I complain to?" tool: one question per page, no JavaScript needed.

The questions are the complaint form's own: the same forms (`complaints.forms`: choices,
checks, messages and what an answer stores) and the same answer to which of them apply
(`directory.routing.steps_for`); the result comes from `directory.decide`, as for the
complaint form and every stored complaint. Answers live in the session under
`routing.ANSWERS_SESSION_KEY` (the complaint form reads them to skip its own questions);
only the step name is ever in a URL.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from complaints import forms as journey_forms
from directory import decide, place_question, routing, selectors

UNKNOWN_ORGANISATION = routing.UNKNOWN

# The complaint form's routing questions, asked here with its own forms. Each page posts
# its one answer as "answer".
QUESTIONS: dict[str, type[journey_forms.JourneyForm]] = {
    routing.STEP_ORG_TYPE: journey_forms.OrgTypeForm,
    routing.STEP_SUBJECT: journey_forms.SubjectForm,
    routing.STEP_ORGANISATION: journey_forms.OrganisationForm,
}
# The stored answer each question gives (what `form.answers()` returns).
ANSWER_KEYS = {
    routing.STEP_ORG_TYPE: "org_type",
    routing.STEP_SUBJECT: "subject",
    routing.STEP_ORGANISATION: "organisation_id",
}


def _answers(request: HttpRequest) -> dict:
    stored = request.session.get(routing.ANSWERS_SESSION_KEY)
    return dict(stored) if isinstance(stored, dict) else {}


def _missing_step(answers: dict, counts: dict[str, int]) -> str | None:
    """The first question still to answer, or None when the result can be shown."""
    org_type = answers.get("org_type")
    if not routing.is_org_type(org_type):
        return routing.STEP_ORG_TYPE
    steps = routing.steps_for(org_type, directory_counts=counts)
    if routing.STEP_SUBJECT in steps and answers.get("subject") not in dict(
        routing.subject_choices(org_type)
    ):
        return routing.STEP_SUBJECT
    if routing.STEP_ORGANISATION in steps:
        chosen = answers.get("organisation_id")
        kind = routing.directory_type(org_type)
        if "organisation_id" not in answers or (
            # Retired from the directory since it was chosen: ask again.
            chosen is not None and chosen not in dict(selectors.directory_choices(kind))
        ):
            return routing.STEP_ORGANISATION
    return None


def _url(step: str | None) -> str:
    if step is None:
        return reverse("guidance:tool_result")
    return reverse("guidance:tool_step", args=[step])


def _back_url(step: str, steps: list[str]) -> str:
    index = steps.index(step) if step in steps else 0
    return _url(steps[index - 1]) if index > 0 else reverse("guidance:tool_start")


def tool_start(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "guidance/tool/start.html",
        {"first_step_url": _url(routing.STEP_ORG_TYPE)},
    )


def tool_step(request: HttpRequest, step: str) -> HttpResponse:
    if step not in QUESTIONS:
        raise Http404
    answers = _answers(request)
    counts = selectors.directory_counts()
    org_type = answers.get("org_type", "")
    steps = routing.steps_for(org_type, directory_counts=counts)
    if step != routing.STEP_ORG_TYPE:
        missing = _missing_step(answers, counts)
        # A question that does not apply, or one asked before its turn: go to the right one.
        if step not in steps or (missing is not None and steps.index(missing) < steps.index(step)):
            return redirect(_url(missing))

    form = _question_form(request, step, answers)
    if request.method == "POST" and form.is_valid():
        answers = _answered(step, answers, form.answers(), counts)
        request.session[routing.ANSWERS_SESSION_KEY] = answers
        return redirect(_url(_missing_step(answers, counts)))

    answer = form[next(iter(form.fields))]
    context: dict[str, Any] = {
        "step": step,
        "back_url": _back_url(step, steps),
        "form": form,
        "answer": answer,
        "first_value": str(answer.field.choices[0][0]) if answer.field.choices else "",
    }
    if step == routing.STEP_ORGANISATION:
        context.update(_organisation_context(request, org_type))
    return render(request, f"guidance/tool/{step}.html", context)


def _question_form(
    request: HttpRequest, step: str, answers: dict[str, Any]
) -> journey_forms.JourneyForm:
    """The complaint form's question, with the tool's answers and what was posted."""
    form_class = QUESTIONS[step]
    name = next(iter(form_class.base_fields))
    data = None
    if request.method == "POST":
        data = {name: request.POST["answer"]} if "answer" in request.POST else {}
    initial = form_class.initial_from(answers, answered=ANSWER_KEYS[step] in answers)
    return form_class(data, initial=initial, context=answers)


def _answered(
    step: str, answers: dict[str, Any], given: dict[str, Any], counts: dict[str, int]
) -> dict[str, Any]:
    """The tool's answers after this one."""
    if step != routing.STEP_ORG_TYPE:
        return {**answers, **given}
    value = given["org_type"]
    if value == answers.get("org_type"):
        return answers
    # A new type makes the later answers meaningless.
    answers = {"org_type": value, "subject": routing.implied_subject(value)}
    kind = routing.directory_type(value)
    if kind and not routing.asks_organisation(value, directory_counts=counts):
        only = selectors.directory_choices(kind)
        answers["organisation_id"] = only[0][0] if only else None
    return answers


def _organisation_context(request: HttpRequest, org_type: str) -> dict[str, Any]:
    """The organisation page's list with the places each covers, and a place search."""
    kind, question = routing.DIRECTORY_QUESTIONS[org_type]
    context: dict[str, Any] = {
        "question": question,
        "hint": routing.DIRECTORY_HINTS.get(org_type),
        "options": selectors.place_options(kind),
        "unknown_value": UNKNOWN_ORGANISATION,
    }
    # Without JavaScript: search by a place (or pick a region) on this page; a choice
    # posted from the results that needs correcting shows the results again.
    context["place_result"] = place_question.from_query(kind, request.GET)
    return context


def tool_result(request: HttpRequest) -> HttpResponse:
    answers = _answers(request)
    counts = selectors.directory_counts()
    missing = _missing_step(answers, counts)
    if missing is not None:
        return redirect(_url(missing))
    org_type = answers["org_type"]
    outcome = decide.decide(
        routing.Answers(
            org_type=org_type,
            subject=answers.get("subject", ""),
            organisation_id=answers.get("organisation_id"),
        )
    )
    steps = routing.steps_for(org_type, directory_counts=counts)
    return render(
        request,
        "guidance/tool/result.html",
        {
            "outcome": outcome,
            "route": outcome.route,
            "back_url": _url(steps[-1]),
            "checked": selectors.checked_contacts(outcome.organisation_id),
        },
    )
