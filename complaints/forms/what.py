"""What happened: the case reference, why it is late, the account, and the evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crispy_forms_gds.layout import Field
from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.forms.base import (
    COUNTED,
    FILE_ERRORS,
    LONG_TEXT_MAX,
    WHAT_CARD,
    WHAT_HAPPENED_MAX,
    JourneyForm,
    MultipleFileField,
    SummaryRow,
    TextField,
    text_row,
)
from complaints.models import Attachment

if TYPE_CHECKING:
    from complaints.journey import Journey


class CrimeReferenceForm(JourneyForm):
    title = _("Do you have a crime reference or case number?")
    crime_reference = TextField(
        label=_("Do you have a crime reference or case number?"),
        help_text=_(
            "For example, the crime reference number the police gave you, or a case number "
            "on a letter about the case. It helps the organisation find your case. You can "
            "leave this blank."
        ),
        max_length=100,
        error_messages={"max_length": _("The reference must be 100 characters or fewer")},
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )

    summary_card = WHAT_CARD
    fills = ("crime_reference",)

    @classmethod
    def summary_rows(cls, journey: Journey) -> list[SummaryRow]:
        reference = journey.answers.get("crime_reference")
        return [(_("Crime reference or case number"), reference or _("None given"))]

    def layout(self):
        return [Field.text("crime_reference", label_size="l", label_tag="h1", field_width=20)]


class LateForm(JourneyForm):
    # The page's h1 (templates/complaints/step_late.html); the question follows it.
    title = _("You may be outside the usual time limit")
    late_reason = TextField(
        label=_("Why were you not able to complain sooner?"),
        help_text=_(
            "For example, you were unwell, you were afraid, or you did not know you could "
            "complain. You can leave this blank."
        ),
        max_length=LONG_TEXT_MAX,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 5, "class": COUNTED}),
        error_messages={"max_length": _("Your answer must be 2,000 characters or fewer")},
    )

    summary_card = WHAT_CARD
    fills = ("late_reason",)

    @classmethod
    def summary_rows(cls, journey: Journey) -> list[SummaryRow]:
        return text_row(journey, _("Why not sooner"), "late_reason")

    def layout(self):
        return [Field.textarea("late_reason", label_size="m", max_characters=LONG_TEXT_MAX)]


class WhatHappenedForm(JourneyForm):
    title = _("What happened?")
    what_happened = TextField(
        label=_("What happened?"),
        help_text=_(
            "Tell us what went wrong, in your own words. Include what the organisation did or "
            "did not do."
        ),
        max_length=WHAT_HAPPENED_MAX,
        multiline=True,
        required=True,
        widget=forms.Textarea(attrs={"rows": 10, "class": COUNTED}),
        error_messages={
            "required": _("Enter what happened"),
            "max_length": _("What happened must be 5,000 characters or fewer"),
        },
    )

    summary_card = WHAT_CARD
    fills = ("what_happened",)

    @classmethod
    def summary_rows(cls, journey: Journey) -> list[SummaryRow]:
        return text_row(journey, _("What happened"), "what_happened")

    def layout(self):
        return [
            Field.textarea(
                "what_happened", label_size="l", label_tag="h1", max_characters=WHAT_HAPPENED_MAX
            )
        ]


class WhoInvolvedForm(JourneyForm):
    title = _("Who was involved?")
    who_was_involved = TextField(
        label=_("Who was involved?"),
        help_text=_(
            "You do not need to know their names. A description is enough, for example "
            "“the officer who came to my house on 3 May”. You can leave this blank."
        ),
        max_length=LONG_TEXT_MAX,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 5, "class": COUNTED}),
        error_messages={"max_length": _("Who was involved must be 2,000 characters or fewer")},
    )

    summary_card = WHAT_CARD
    fills = ("who_was_involved",)

    @classmethod
    def summary_rows(cls, journey: Journey) -> list[SummaryRow]:
        return text_row(journey, _("Who was involved"), "who_was_involved")

    def layout(self):
        return [
            Field.textarea(
                "who_was_involved", label_size="l", label_tag="h1", max_characters=LONG_TEXT_MAX
            )
        ]


class OutcomeForm(JourneyForm):
    title = _("What would you like to happen?")
    outcome_wanted = TextField(
        label=_("What would you like to happen?"),
        help_text=_(
            "For example, an apology, an explanation, or a change so it does not happen to "
            "someone else. You can leave this blank."
        ),
        max_length=LONG_TEXT_MAX,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 5, "class": COUNTED}),
        error_messages={"max_length": _("Your answer must be 2,000 characters or fewer")},
    )

    summary_card = WHAT_CARD
    fills = ("outcome_wanted",)

    @classmethod
    def summary_rows(cls, journey: Journey) -> list[SummaryRow]:
        return text_row(journey, _("Outcome you want"), "outcome_wanted")

    def layout(self):
        return [
            Field.textarea(
                "outcome_wanted", label_size="l", label_tag="h1", max_characters=LONG_TEXT_MAX
            )
        ]


class EvidenceForm(JourneyForm):
    """Files are checked and kept by the view through `uploads`; this form only reads them."""

    title = _("Upload evidence (optional)")
    files = MultipleFileField(
        label=_("Upload a file"),
        required=False,
        error_messages=FILE_ERRORS,
    )

    summary_card = WHAT_CARD
    fills = ()  # the files are kept with the complaint, not in a field

    @classmethod
    def summary_rows(cls, journey: Journey) -> list[SummaryRow]:
        names = "\n".join(u.name for u in journey.uploads(Attachment.Kind.EVIDENCE))
        return [(_("Evidence"), names or _("No files"))]

    def answers(self) -> dict:
        return {}
