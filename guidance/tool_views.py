"""The "who should I complain to?" tool: one question per page, no JavaScript needed.

The questions and which of them apply come from `directory.routing`, and the result from
`directory.decide`, as for the complaint form and every stored complaint. Answers live
in the session under "routing_answers" (the complaint form reads them to pre-fill its own
questions); only the step name is ever in a URL.
"""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from directory import contacts, decide, routing, selectors

SESSION_KEY = "routing_answers"
UNKNOWN_ORGANISATION = "unknown"


class _ChoiceForm(forms.Form):
    answer = forms.ChoiceField()

    def __init__(self, *args, choices, error: str, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["answer"]
        field.choices = choices
        field.error_messages = {"required": error, "invalid_choice": error}


def _answers(request: HttpRequest) -> dict:
    stored = request.session.get(SESSION_KEY)
    return dict(stored) if isinstance(stored, dict) else {}


def _missing_step(answers: dict, counts: dict[str, int]) -> str | None:
    """The first question still to answer, or None when the result can be shown."""
    org_type = answers.get("org_type")
    if org_type not in dict(routing.ORG_TYPE_CHOICES):
        return routing.STEP_ORG_TYPE
    if routing.asks_subject(org_type) and answers.get("subject") not in dict(
        routing.subject_choices(org_type)
    ):
        return routing.STEP_SUBJECT
    if routing.asks_organisation(org_type, directory_counts=counts):
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
    if step not in (routing.STEP_ORG_TYPE, routing.STEP_SUBJECT, routing.STEP_ORGANISATION):
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

    context: dict = {"step": step, "back_url": _back_url(step, steps)}
    if step == routing.STEP_ORG_TYPE:
        choices = routing.ORG_TYPE_CHOICES
        initial = answers.get("org_type")
        error = _("Select who your complaint is about")
    elif step == routing.STEP_SUBJECT:
        choices = routing.subject_choices(org_type)
        initial = answers.get("subject")
        error = _("Select what your complaint is about")
    else:
        question = routing.DIRECTORY_QUESTIONS[org_type]
        choices = [
            *((str(pk), name) for pk, name in selectors.directory_choices(question[0])),
            (UNKNOWN_ORGANISATION, _("I do not know")),
        ]
        initial = answers.get("organisation_id", None)
        initial = (
            UNKNOWN_ORGANISATION if initial is None and "organisation_id" in answers else initial
        )
        error = routing.DIRECTORY_ERRORS[org_type]
        context.update(
            question=question[1],
            hint=routing.DIRECTORY_HINTS.get(org_type),
            options=selectors.place_options(question[0]),
            unknown_value=UNKNOWN_ORGANISATION,
        )
        # Without JavaScript: search by a place (or pick a region) on this page.
        if request.method == "GET" and (
            request.GET.get("place", "").strip() or request.GET.get("region")
        ):
            context["place_result"] = selectors.place_search(
                question[0],
                text=request.GET.get("place", ""),
                region=request.GET.get("region", ""),
            )

    form = _ChoiceForm(
        request.POST if request.method == "POST" else None,
        choices=choices,
        error=error,
        initial={"answer": None if initial is None else str(initial)},
    )
    if request.method == "POST" and form.is_valid():
        value = form.cleaned_data["answer"]
        if step == routing.STEP_ORG_TYPE:
            if value != answers.get("org_type"):
                # A new type makes the later answers meaningless.
                answers = {"org_type": value, "subject": routing.implied_subject(value)}
                if routing.directory_type(value) and not routing.asks_organisation(
                    value, directory_counts=counts
                ):
                    only = selectors.directory_choices(routing.directory_type(value))
                    answers["organisation_id"] = only[0][0] if only else None
        elif step == routing.STEP_SUBJECT:
            answers["subject"] = value
        else:
            answers["organisation_id"] = None if value == UNKNOWN_ORGANISATION else int(value)
        request.session[SESSION_KEY] = answers
        return redirect(_url(_missing_step(answers, counts)))

    context["form"] = form
    context["first_value"] = str(choices[0][0]) if choices else ""
    return render(request, f"guidance/tool/{step}.html", context)


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
            "checked_contacts": (
                contacts.contacts_for(outcome.organisation_name) if outcome.known else []
            ),
        },
    )
