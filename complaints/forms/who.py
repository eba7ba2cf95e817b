"""Who is complaining: the person affected, or someone for them, and on what basis."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crispy_forms_gds.layout import Field
from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.forms.base import (
    ABOUT_CARD,
    FILE_ERRORS,
    LONG_TEXT_MAX,
    SHORT_TEXT_MAX,
    JourneyForm,
    SummaryRow,
    TextField,
)
from complaints.models import Attachment, Complaint

if TYPE_CHECKING:
    from complaints.journey import Journey


class RoleForm(JourneyForm):
    title = _("Who is making this complaint?")
    role = forms.ChoiceField(
        label=_("Who is making this complaint?"),
        choices=[
            (Complaint.Role.SELF, _("I am the person affected")),
            (Complaint.Role.ON_BEHALF, _("I am complaining for someone else")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who is making this complaint")},
    )

    summary_card = ABOUT_CARD
    fills = ("role",)

    def layout(self):
        return [Field.radios("role", legend_size="l", legend_tag="h1")]

    @classmethod
    def summary_rows(cls, journey: Journey) -> list[SummaryRow]:
        roles = dict(cls.base_fields["role"].choices)
        return [(_("Who is complaining"), roles.get(journey.answers.get("role")))]


class OnBehalfForm(JourneyForm):
    title = _("Complaining for someone else")
    page_heading = True
    affected_person_name = TextField(
        label=_("What is the name of the person affected?"),
        help_text=_("We send it with your complaint, so the organisation knows who it is about."),
        max_length=SHORT_TEXT_MAX,
        required=True,
        error_messages={
            "required": _("Enter the name of the person affected"),
            "max_length": _("Their name must be 200 characters or fewer"),
        },
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    relationship = TextField(
        label=_("What is your relationship to them?"),
        help_text=_("For example, parent, partner, friend, support worker or solicitor."),
        max_length=SHORT_TEXT_MAX,
        required=True,
        error_messages={
            "required": _("Enter your relationship to the person affected"),
            "max_length": _("Relationship must be 200 characters or fewer"),
        },
    )
    permission = forms.ChoiceField(
        label=_("Why can you complain for them?"),
        choices=[
            (Complaint.Permission.WRITTEN, _("They have given me written permission")),
            (
                Complaint.Permission.PARENT_UNDER_16,
                _("I am the parent or guardian of a child under 16"),
            ),
            (
                Complaint.Permission.BEREAVED,
                _("I am a family member and the person affected has died"),
            ),
            (
                Complaint.Permission.LEGAL,
                _("I am their legal representative or I have power of attorney"),
            ),
            (Complaint.Permission.OTHER, _("Something else")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select why you can complain for them")},
    )
    permission_other = TextField(
        label=_("Tell us why you can complain for them"),
        max_length=LONG_TEXT_MAX,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Your answer must be 2,000 characters or fewer")},
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("permission") == Complaint.Permission.OTHER
            and not data.get("permission_other")
            and "permission_other" not in self.errors
        ):
            self.add_error("permission_other", _("Enter why you can complain for them"))
        return data

    summary_card = ABOUT_CARD
    fills = ("relationship", "permission", "permission_other", "affected_person_name")

    def answers(self) -> dict:
        data = dict(self.cleaned_data)
        if data["permission"] != Complaint.Permission.OTHER:
            data["permission_other"] = ""
        return data

    @classmethod
    def summary_rows(cls, journey: Journey) -> list[SummaryRow]:
        a = journey.answers
        basis = dict(cls.base_fields["permission"].choices).get(a.get("permission"))
        if a.get("permission") == Complaint.Permission.OTHER and a.get("permission_other"):
            basis = f"{basis}: {a['permission_other']}"
        return [
            (_("Name of the person affected"), a.get("affected_person_name")),
            (_("Your relationship"), a.get("relationship")),
            (_("Why you can complain for them"), basis),
        ]


class PermissionFileForm(JourneyForm):
    """Optional: a copy of the written permission. Checked in the view by `uploads`."""

    title = _("Upload their written permission (optional)")
    permission_file = forms.FileField(
        label=_("Upload a file"),
        required=False,
        help_text=_("PDF, JPG, PNG, HEIC, DOCX or TXT, smaller than 10MB. You can skip this."),
        error_messages=FILE_ERRORS,
    )

    summary_card = ABOUT_CARD
    fills = ()  # the file is kept with the complaint, not in a field

    def answers(self) -> dict:
        return {}

    @classmethod
    def summary_rows(cls, journey: Journey) -> list[SummaryRow]:
        names = ", ".join(u.name for u in journey.uploads(Attachment.Kind.PERMISSION))
        return [(_("Written permission"), names or _("No file"))]
