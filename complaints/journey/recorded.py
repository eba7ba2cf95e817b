"""A complaint staff record for someone who phoned, wrote or came in (assisted digital).

The same steps and forms as the public journey, the same rules for which apply, and the
same routing when it is sent (`services.complaint_submit`); only where the answers are
kept (the staff member's session, under its own key) and how the pages are grouped
differ. Staff see every question that applies on one page; answers that bring more
questions (the type of organisation, the date) add them to the page, marked as new, until
every question that applies is answered. Files are not asked for here: staff add them to
the complaint afterwards (`complaints.admin.staff_files`).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django import forms as django_forms
from django.conf import settings
from django.http import QueryDict
from django.utils import timezone

from complaints import forms, uploads
from complaints.journey.session import Journey
from complaints.journey.steps import Step
from complaints.models import Channel

RECORDED_KEY = "complaint_recorded_by_staff"
# Staff pages are in English only (issue 18), so these words are not translated.
STAFF_CHANNELS = [(value, label) for value, label in Channel.choices if value != Channel.ONLINE]
REPLY_LANGUAGES = [("en-gb", "English"), ("cy", "Welsh")]


class HowItCameInForm(django_forms.Form):
    """How the complaint reached the service, and the language to write to the person in."""

    channel = django_forms.ChoiceField(
        label="How did the complaint come in?",
        choices=STAFF_CHANNELS,
        widget=django_forms.RadioSelect,
        error_messages={
            "required": "Select how the complaint came in",
            "invalid_choice": "Select how the complaint came in",
        },
    )
    service_language = django_forms.ChoiceField(
        label="Which language should we write to them in?",
        choices=REPLY_LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        widget=django_forms.RadioSelect,
        error_messages={
            "required": "Select the language to write to them in",
            "invalid_choice": "Select the language to write to them in",
        },
    )


@dataclass
class RecordedJourney(Journey):
    """A complaint a member of staff is recording: kept apart from any public journey."""

    session_key: ClassVar[str] = RECORDED_KEY

    def start(self) -> None:
        """Begin a new recording. No tool answers, no uploads, no new session key."""
        self.session[self.session_key] = {
            # Every repeat of the final POST carries it: a double click records one complaint.
            "key": secrets.token_urlsafe(32),
            "folder": "",
            "started": timezone.now().isoformat(),
            "answers": {},
            "done": [],
            "uploads": [],
            "from_tool": [],
            "how": {},
        }
        self._save()

    def end(self) -> None:
        # Nothing was uploaded: there is no folder to delete.
        self.session.pop(self.session_key, None)
        self._save()

    def uploads(self, kind: str | None = None) -> list[uploads.PendingUpload]:
        return []

    def relevant(self) -> list[Step]:
        # Files are added to the complaint afterwards, not asked for here.
        return [step for step in super().relevant() if not step.upload_kind]

    @property
    def how(self) -> dict[str, str]:
        """{"channel", "service_language"} once given."""
        return self.data.get("how", {}) if self.exists else {}

    def save_how(self, values: dict[str, str]) -> None:
        self.data["how"] = dict(values)
        self._save()

    @property
    def complete(self) -> bool:
        return bool(self.how) and self.first_incomplete() is None


@dataclass
class Question:
    """One question on the staff page: its step, its form, and whether it is new there."""

    step: Step
    form: forms.JourneyForm
    new: bool = False

    @property
    def anchor(self) -> str:
        return f"q-{self.step.slug}"

    @property
    def heading(self) -> str:
        """The page's title, where its fields' own labels do not already ask the question."""
        form = self.form
        first = next(iter(form.fields.values()), None)
        if self.step.slug == "late" or form.page_heading:
            return str(form.title)
        if len(form.fields) > 1 and first is not None and str(first.label) != str(form.title):
            return str(form.title)
        return ""


@dataclass
class RecordingPage:
    """What the staff page shows: how it came in, then every question that applies."""

    how: HowItCameInForm
    questions: list[Question] = field(default_factory=list)
    # True when the answers posted were all right but brought more questions.
    more_questions: bool = False

    @property
    def has_errors(self) -> bool:
        return bool(self.how.errors) or any(q.form.errors for q in self.questions)

    def error_links(self) -> list[tuple[str, str]]:
        """(field id, message) for the error summary, in the order of the page."""
        links = [(field_target(self.how[name]), e) for name, e in _errors(self.how)]
        for question in self.questions:
            for name, message in _errors(question.form):
                target = question.anchor if name == "__all__" else field_target(question.form[name])
                links.append((target, message))
        return links


def field_target(field: django_forms.BoundField) -> str:
    """The id an error summary link lands on: the field, or the first of its options."""
    if isinstance(
        field.field.widget, django_forms.RadioSelect | django_forms.CheckboxSelectMultiple
    ):
        return f"{field.auto_id}_0"
    return field.id_for_label


def _errors(form: django_forms.Form) -> list[tuple[str, str]]:
    if not form.is_bound:
        return []
    return [(name, str(message)) for name, messages in form.errors.items() for message in messages]


def _form(journey: RecordedJourney, step: Step, data: QueryDict | None = None) -> forms.JourneyForm:
    return step.form_class(
        data, prefix=step.slug, initial=journey.initial_for(step), context=journey.answers
    )


def recording_page(journey: RecordedJourney) -> RecordingPage:
    """The page as it stands: every question that applies, filled from the answers so far."""
    how = HowItCameInForm(initial=journey.how or None)
    return RecordingPage(
        how=how, questions=[Question(step, _form(journey, step)) for step in journey.applicable()]
    )


def recording_post(journey: RecordedJourney, data: QueryDict) -> RecordingPage:
    """Check and keep what was posted, question by question, in the journey's order.

    Each question is checked against the answers before it, as the public pages are: a
    question that no longer applies is left out, and one whose answer depended on an
    answer changed here (which organisation, after the type) is asked again, as new.
    """
    how = HowItCameInForm(data)
    if how.is_valid():
        journey.save_how(how.cleaned_data)
    shown = {step.slug for step in journey.applicable()}
    posted: dict[str, forms.JourneyForm] = {}
    cleared: set[str] = set()
    for step in list(journey.applicable()):
        if step.slug in cleared or step not in journey.applicable():
            continue
        form = posted[step.slug] = _form(journey, step, data)
        if form.is_valid():
            answers: dict[str, Any] = form.answers()
            if any(journey.answers.get(key) != value for key, value in answers.items()):
                cleared.update(step.clears_steps)
            journey.save_step(step, answers)
    questions = []
    for step in journey.applicable():
        form = posted.get(step.slug)
        kept = form is not None and step.slug not in cleared and bool(form.errors)
        new = step.slug not in shown or step.slug in cleared
        questions.append(Question(step, form if kept else _form(journey, step), new=new))
    page = RecordingPage(how=how, questions=questions)
    page.more_questions = not page.has_errors and any(q.new for q in questions)
    return page
