"""What the complaint is about: the routing questions, which the "who should I complain to?"
tool asks with these same forms, and the Victims' Code rights not met."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from crispy_forms_gds.layout import Field
from django import forms
from django.utils.translation import gettext_lazy as _

from complaints import selectors
from complaints.forms.base import ABOUT_CARD, JourneyForm, SummaryRow
from complaints.right_titles import right_title
from directory import place_question, routing
from directory.models import VictimsCodeRight

if TYPE_CHECKING:
    from complaints.journey import Journey


class OrgTypeForm(JourneyForm):
    title = _("Who is your complaint about?")
    org_type = forms.ChoiceField(
        label=_("Who is your complaint about?"),
        choices=routing.ORG_TYPE_CHOICES,
        widget=forms.RadioSelect,
        help_text=_(
            "If you are not sure, choose “I do not know”. We will send it to the right place."
        ),
        error_messages={"required": _("Select who your complaint is about")},
    )

    summary_card = ABOUT_CARD
    fills = ("about_org_type",)

    def layout(self):
        return [Field.radios("org_type", legend_size="l", legend_tag="h1")]

    @classmethod
    def summary_rows(cls, journey: Journey) -> list[SummaryRow]:
        org_types = dict(routing.ORG_TYPE_CHOICES)
        return [(_("Complaint about"), org_types.get(journey.answers.get("org_type")))]

    @classmethod
    def complaint_fields(cls, journey: Journey) -> dict[str, Any]:
        return {"about_org_type": journey.answers.get("org_type", "")}


class SubjectForm(JourneyForm):
    title = _("What is your complaint about?")
    subject = forms.ChoiceField(
        label=_("What is your complaint about?"),
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what your complaint is about")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        org_type = self.context.get("org_type", "")
        self.fields["subject"].choices = routing.SUBJECT_CHOICES.get(org_type, [])

    summary_card = ABOUT_CARD
    fills = ("about_subject",)

    def layout(self):
        return [Field.radios("subject", legend_size="l", legend_tag="h1")]

    @classmethod
    def summary_rows(cls, journey: Journey) -> list[SummaryRow]:
        a = journey.answers
        subjects = dict(routing.SUBJECT_CHOICES.get(a.get("org_type", ""), []))
        return [(_("What about"), subjects.get(a.get("subject")))]

    @classmethod
    def complaint_fields(cls, journey: Journey) -> dict[str, Any]:
        a = journey.answers
        return {
            "about_subject": a.get("subject", "") if a.get("org_type") != routing.UNKNOWN else ""
        }

    # Not asked where there is one subject: the answer is implied by the type, and sent.
    skipped_fields = complaint_fields


# Lists at least this long get the autocomplete (the shortest, CPS Areas, has 14).
AUTOCOMPLETE_FROM = 10


class OrganisationForm(JourneyForm):
    title = _("Which organisation?")
    organisation = forms.ChoiceField(
        label=_("Which organisation?"),
        choices=[],
        error_messages={"required": _("Select an organisation, or “I do not know”")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        org_type = self.context.get("org_type", "")
        directory_type = routing.directory_type(org_type)
        question = routing.DIRECTORY_QUESTIONS.get(org_type, ("", ""))[1]
        field = self.fields["organisation"]
        field.label = question or field.label
        # The page's title is its question ("Which police force?"), as its h1 is.
        self.title = field.label
        field.help_text = routing.DIRECTORY_HINTS.get(org_type) or _(
            "If you are not sure, choose “I do not know”."
        )
        if org_type in routing.DIRECTORY_ERRORS:
            field.error_messages["required"] = routing.DIRECTORY_ERRORS[org_type]
            field.error_messages["invalid_choice"] = routing.DIRECTORY_ERRORS[org_type]
        organisations = selectors.directory_choices(directory_type) if directory_type else []
        field.choices = [
            ("", _("Choose one")),
            (routing.UNKNOWN, _("I do not know")),
            *[(str(pk), name) for pk, name in organisations],
        ]
        # A long list (43 police forces) is easier to search than to scroll: with
        # JavaScript, the select becomes the same accessible autocomplete as in the tool,
        # which finds a force by a place; without, the page searches by place instead.
        self.uses_autocomplete = len(organisations) >= AUTOCOMPLETE_FROM
        self.place_kind = directory_type if self.uses_autocomplete else ""
        if self.uses_autocomplete:
            field.widget = place_question.Select(kind=self.place_kind, always=routing.UNKNOWN)
            field.widget.choices = field.choices

    def layout(self):
        # The label is the page's heading (Field.select only sizes legends).
        return [Field("organisation", context={"label_size": "govuk-label--l", "label_tag": "h1"})]

    summary_card = ABOUT_CARD
    fills = ("named_organisation_id",)

    def answers(self) -> dict:
        value = self.cleaned_data["organisation"]
        return {"organisation_id": None if value == routing.UNKNOWN else int(value)}

    @classmethod
    def initial_from(cls, answers: Mapping[str, Any], *, answered: bool) -> dict:
        if answered or answers.get("organisation_id"):
            org_id = answers.get("organisation_id")
            return {"organisation": str(org_id) if org_id else routing.UNKNOWN}
        return {}

    @classmethod
    def summary_rows(cls, journey: Journey) -> list[SummaryRow]:
        names = dict(journey.directory_choices())
        org_id = journey.answers.get("organisation_id")
        return [(_("Organisation"), names.get(org_id) if org_id else _("I do not know"))]

    @classmethod
    def complaint_fields(cls, journey: Journey) -> dict[str, Any]:
        return {
            "named_organisation_id": cls._named(journey, journey.answers.get("organisation_id"))
        }

    @classmethod
    def skipped_fields(cls, journey: Journey) -> dict[str, Any]:
        return {"named_organisation_id": cls._named(journey, None)}

    @staticmethod
    def _named(journey: Journey, organisation_id: int | None) -> int | None:
        # Not asked because the directory holds only one of its kind: that one.
        choices = journey.directory_choices()
        if organisation_id is None and len(choices) == 1:
            return choices[0][0]
        return organisation_id


class RightsForm(JourneyForm):
    title = _("Which of your rights under the Victims’ Code were not met?")
    rights = forms.MultipleChoiceField(
        label=_("Which of your rights under the Victims’ Code were not met?"),
        help_text=_("Select all that apply. If you are not sure, you can leave this blank."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[],
        error_messages={"invalid_choice": _("Select the rights that were not met")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rights"].choices = [
            (str(number), f"{number}. {right_title(number, title)}")
            for number, title in VictimsCodeRight.objects.values_list("number", "title")
        ]

    def layout(self):
        return [Field.checkboxes("rights", legend_size="l", legend_tag="h1")]

    summary_card = ABOUT_CARD
    fills = ()  # sent as the complaint's rights not met (`Journey.rights`)

    def answers(self) -> dict:
        # Each once: a browser sends each ticked box once, a hand-made POST may repeat one.
        return {"rights": sorted({int(n) for n in self.cleaned_data["rights"]})}

    @classmethod
    def initial_from(cls, answers: Mapping[str, Any], *, answered: bool) -> dict:
        return {"rights": [str(n) for n in answers.get("rights", [])]}

    @classmethod
    def summary_rows(cls, journey: Journey) -> list[SummaryRow]:
        titles = dict(selectors.rights_titles())
        chosen = journey.answers.get("rights", [])
        text = "\n".join(f"{n}. {titles.get(n, '')}" for n in chosen)
        return [(_("Rights not met"), text or _("None selected"))]
