"""One form per question page. Every message follows the GOV.UK error message patterns.

Forms only check and tidy what was typed; `journey.py` decides what is asked and stores the
answers, and `complaints.services` saves the complaint.
"""

from __future__ import annotations

import re
from datetime import date

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.core.validators import EmailValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints import selectors
from complaints.models import Complaint
from complaints.right_titles import right_title
from directory import routing
from directory.models import VictimsCodeRight

# Control characters (C0 and C1) are removed from everything typed. Long text keeps new
# lines and tabs. Every other Unicode character, in any script, is kept.
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")

WHAT_HAPPENED_MAX = 5000
LONG_TEXT_MAX = 2000
SHORT_TEXT_MAX = 200
REFERENCE_PATTERN = re.compile(r"^VC-?[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$")
# The class GOV.UK Frontend's character count script looks for.
COUNTED = "govuk-textarea govuk-js-character-count"
# A number, optionally followed by an extension: "020 7946 0000 ext 123", "… x123".
PHONE_PATTERN = re.compile(
    r"^\+?[0-9 ()\-]{7,25}?(?:\s*,?\s*(?:ext\.?|extension|x)\s*[0-9]{1,6})?$",
    re.IGNORECASE,
)
# Someone typed the whole date into one box: "27/3/2025", "27 March 2025", "2025-03-27".
WHOLE_DATE = re.compile(r"^\s*[0-9a-z]+\s*[\s/.\-]\s*[0-9a-z]+\s*[\s/.\-]\s*[0-9]+\s*$", re.I)
MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def month_number(value: str) -> int | None:
    """1 to 12 for "3", "03", "March", "mar", "Sept."; None for anything else."""
    value = value.strip().lower().rstrip(".")
    if value.isdigit():
        return int(value) if 1 <= int(value) <= 12 else None
    if len(value) < 3:
        return None
    matches = [n for n, name in enumerate(MONTH_NAMES, start=1) if name.startswith(value)]
    return matches[0] if len(matches) == 1 else None


class TextField(forms.CharField):
    """A CharField that removes control characters and counts a new line as one character."""

    def __init__(self, *, multiline: bool = False, **kwargs):
        self.multiline = multiline
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        # No maxlength attribute: it silently cuts off what someone types (and breaks the
        # character count). The server checks the length and says what to change.
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs

    def to_python(self, value):
        if value not in self.empty_values:
            value = str(value).replace("\r\n", "\n").replace("\r", "\n")
            pattern = _CONTROL_MULTILINE if self.multiline else _CONTROL_SINGLE_LINE
            value = pattern.sub("" if self.multiline else " ", value)
        return super().to_python(value)


def _helper(*fields) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*fields)
    return helper


class JourneyForm(forms.Form):
    """A question page. `layout()` says how crispy-forms-gds renders it."""

    # Shown as the page's <title>. Pages with more than one question also show it as
    # the <h1>; a page with one question uses that question as its heading.
    title = ""
    page_heading = False

    def __init__(self, *args, context: dict | None = None, **kwargs):
        self.context = context or {}
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # A value that is not one of the options (a tampered or stale form) gets the
            # same plain message as no answer, never Django's echo of the value.
            if isinstance(field, forms.ChoiceField) and "%(value)s" in str(
                field.error_messages["invalid_choice"]
            ):
                field.error_messages["invalid_choice"] = field.error_messages["required"]
        self.helper = _helper(*self.layout())

    def layout(self) -> list:
        return [Field(name) for name in self.fields]

    def answers(self) -> dict:
        """The cleaned data as JSON-safe values for the session."""
        return dict(self.cleaned_data)


# ---------------------------------------------------------------------------------------
# Who is complaining
# ---------------------------------------------------------------------------------------


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

    def layout(self):
        return [Field.radios("role", legend_size="l", legend_tag="h1")]


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

    def answers(self) -> dict:
        data = dict(self.cleaned_data)
        if data["permission"] != Complaint.Permission.OTHER:
            data["permission_other"] = ""
        return data


# GOV.UK wording in place of Django's ("The submitted file is empty." and so on).
FILE_ERRORS = {
    "invalid": _("The selected file could not be uploaded. Try again"),
    "missing": _("The selected file could not be uploaded. Try again"),
    "empty": _("The selected file is empty"),
}


class PermissionFileForm(JourneyForm):
    """Optional: a copy of the written permission. Checked in the view by `uploads`."""

    title = _("Upload their written permission (optional)")
    permission_file = forms.FileField(
        label=_("Upload a file"),
        required=False,
        help_text=_("PDF, JPG, PNG, HEIC, DOCX or TXT, smaller than 10MB. You can skip this."),
        error_messages=FILE_ERRORS,
    )

    def answers(self) -> dict:
        return {}


# ---------------------------------------------------------------------------------------
# What it is about: the same questions as the "who should I complain to?" tool
# ---------------------------------------------------------------------------------------


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

    def layout(self):
        return [Field.radios("org_type", legend_size="l", legend_tag="h1")]


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

    def layout(self):
        return [Field.radios("subject", legend_size="l", legend_tag="h1")]


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
        # JavaScript, the select becomes the same accessible autocomplete as in the tool.
        self.uses_autocomplete = len(organisations) >= AUTOCOMPLETE_FROM
        if self.uses_autocomplete:
            field.widget.attrs.update(
                {"data-module": "app-autocomplete", "data-no-results": _("No results found")}
            )

    def layout(self):
        # The label is the page's heading (Field.select only sizes legends).
        return [Field("organisation", context={"label_size": "govuk-label--l", "label_tag": "h1"})]

    def answers(self) -> dict:
        value = self.cleaned_data["organisation"]
        return {"organisation_id": None if value == routing.UNKNOWN else int(value)}


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

    def answers(self) -> dict:
        # Each once: a browser sends each ticked box once, a hand-made POST may repeat one.
        return {"rights": sorted({int(n) for n in self.cleaned_data["rights"]})}


# ---------------------------------------------------------------------------------------
# When and what
# ---------------------------------------------------------------------------------------


class WhenForm(JourneyForm):
    """A GOV.UK date input. The template renders the three boxes as one question."""

    title = _("When did it happen?")
    # Long enough for a whole date typed into one box, which gets its own message.
    _not_real = {"max_length": _("The date it happened must be a real date")}
    day = TextField(label=_("Day"), max_length=40, error_messages=_not_real)
    month = TextField(label=_("Month"), max_length=40, error_messages=_not_real)
    year = TextField(label=_("Year"), max_length=40, error_messages=_not_real)
    approximate = forms.BooleanField(
        label=_("I am not sure of the exact day"),
        required=False,
    )

    EARLIEST_YEAR = 1900

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.date_error_parts: set[str] = set()

    def _error(self, message, parts: list[str]) -> None:
        self.date_error_parts.update(parts)
        # The error belongs to the first box that needs fixing, so the summary lands there.
        self.add_error(parts[0], message)

    def clean(self):
        data = super().clean()
        parts = ("day", "month", "year")
        if any(p in self.errors for p in parts):
            # One message for the date: a box's own error already says what is wrong.
            self.date_error_parts.update(parts)
            return data
        day, month, year = (data.get(p, "").strip() for p in parts)
        whole = [p for p, v in zip(parts, (day, month, year), strict=True) if WHOLE_DATE.match(v)]
        if whole:
            self._error(
                _(
                    "Enter the day, month and year in their own boxes, for example 27 in Day, "
                    "3 in Month and 2025 in Year"
                ),
                [whole[0]],
            )
            return data
        approximate = data.get("approximate", False)
        if approximate and not day:
            day = "1"
        missing = [p for p, v in (("day", day), ("month", month), ("year", year)) if not v]
        if len(missing) == 3:
            self._error(_("Enter the date it happened"), ["day", "month", "year"])
            return data
        if missing:
            names = {"day": _("a day"), "month": _("a month"), "year": _("a year")}
            message = _("The date it happened must include %(parts)s") % {
                "parts": _(" and ").join(str(names[p]) for p in missing)
            }
            self._error(message, missing)
            return data
        if not year.isdigit() or len(year) != 4:
            self._error(_("Year must include 4 numbers"), ["year"])
            return data
        month_value = month_number(month)
        if not day.isdigit() or month_value is None:
            self._error(_("The date it happened must be a real date"), ["day", "month", "year"])
            return data
        try:
            when = date(int(year), month_value, int(day))
        except (ValueError, OverflowError):
            self._error(_("The date it happened must be a real date"), ["day", "month", "year"])
            return data
        if when > timezone.localdate():
            self._error(
                _("The date it happened must be today or in the past"), ["day", "month", "year"]
            )
            return data
        if when.year < self.EARLIEST_YEAR:
            self._error(_("The date it happened must be after 1900"), ["year"])
            return data
        data["incident_date"] = when
        return data

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            "day": data["day"].strip(),
            "month": data["month"].strip(),
            "year": data["year"].strip(),
            "approximate": data["approximate"],
            "incident_date": data["incident_date"].isoformat(),
        }


class DecisionDateForm(JourneyForm):
    """The date of the decision or outcome letter a request is about (not a complaint).

    Its answers have their own keys, so they never mix with when it happened. A date past
    the usual limit is never refused: the late question then asks why it took longer.
    """

    title = _("What date is on the letter telling you the decision?")
    _not_real = {"max_length": _("The date of the letter must be a real date")}
    decision_day = TextField(label=_("Day"), max_length=10, error_messages=_not_real)
    decision_month = TextField(label=_("Month"), max_length=10, error_messages=_not_real)
    decision_year = TextField(label=_("Year"), max_length=10, error_messages=_not_real)
    PARTS = ("decision_day", "decision_month", "decision_year")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.date_error_parts: set[str] = set()

    def _error(self, message, parts) -> None:
        self.date_error_parts.update(parts)
        self.add_error(parts[0], message)

    def clean(self):
        data = super().clean()
        values = [data.get(p, "").strip() for p in self.PARTS]
        missing = [p for p, v in zip(self.PARTS, values, strict=True) if not v]
        if missing:
            self._error(_("Enter the date on the letter, as it is written"), missing)
            return data
        day, month, year = values
        try:
            when = date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            self._error(_("The date of the letter must be a real date"), list(self.PARTS))
            return data
        if len(year) != 4:
            self._error(_("Year must include 4 numbers"), ["decision_year"])
        elif when > timezone.localdate():
            self._error(_("The date of the letter must be today or in the past"), list(self.PARTS))
        elif when.year < 1900:
            self._error(_("The date of the letter must be after 1900"), ["decision_year"])
        else:
            data["decision_date"] = when
        return data

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            **{p: data[p].strip() for p in self.PARTS},
            "decision_date": data["decision_date"].isoformat(),
        }


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

    def layout(self):
        return [
            Field.textarea(
                "outcome_wanted", label_size="l", label_tag="h1", max_characters=LONG_TEXT_MAX
            )
        ]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "govuk-file-upload"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class EvidenceForm(JourneyForm):
    """Files are checked and kept by the view through `uploads`; this form only reads them."""

    title = _("Upload evidence (optional)")
    files = MultipleFileField(
        label=_("Upload a file"),
        required=False,
        error_messages=FILE_ERRORS,
    )

    def answers(self) -> dict:
        return {}


# ---------------------------------------------------------------------------------------
# Contact details and what is safe
# ---------------------------------------------------------------------------------------


class NameForm(JourneyForm):
    title = _("What is your name?")
    full_name = TextField(
        label=_("What is your name?"),
        help_text=_("Use the name you want the organisation to use when it contacts you."),
        max_length=SHORT_TEXT_MAX,
        required=True,
        error_messages={
            "required": _("Enter your name"),
            "max_length": _("Your name must be 200 characters or fewer"),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )

    def layout(self):
        return [Field.text("full_name", label_size="l", label_tag="h1")]


EMAIL, PHONE, POST = "email", "phone", "post"


class ContactMethodsForm(JourneyForm):
    """Which ways of contacting the person are safe, with each one's details revealed."""

    title = _("How can we contact you safely?")
    methods = forms.MultipleChoiceField(
        label=_("How can we contact you safely?"),
        choices=[(EMAIL, _("Email")), (PHONE, _("Phone")), (POST, _("Post"))],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one safe way to contact you")},
    )
    email = TextField(
        label=_("Email address"),
        max_length=254,
        help_text=_(
            "We will email you when we get your complaint and at its main steps, for example "
            "when the organisation replies. The emails do not say what your complaint is about."
        ),
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "spellcheck": "false", "class": "govuk-input"}
        ),
        error_messages={"max_length": _("Email address must be 254 characters or fewer")},
    )
    phone = TextField(
        label=_("Phone number"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "type": "tel",
                "autocomplete": "tel",
                "class": "govuk-input govuk-input--width-20",
            }
        ),
        error_messages={"max_length": _("Phone number must be 40 characters or fewer")},
    )
    may_leave_messages = forms.ChoiceField(
        label=_("Can we leave a message?"),
        help_text=_(
            "A message means a voicemail, a text message, or a message with someone else who "
            "answers the phone."
        ),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
        required=False,
        error_messages={"required": _("Select whether we can leave a message")},
    )
    address = TextField(
        label=_("Postal address"),
        max_length=500,
        multiline=True,
        widget=forms.Textarea(
            attrs={"rows": 4, "autocomplete": "street-address", "class": "govuk-textarea"}
        ),
        error_messages={"max_length": _("Postal address must be 500 characters or fewer")},
    )
    times_to_avoid = TextField(
        label=_("Are there times we should not contact you?"),
        help_text=_("For example, “not after 5pm” or “not at weekends”. You can leave this blank."),
        max_length=500,
        error_messages={"max_length": _("Times to avoid must be 500 characters or fewer")},
    )

    def clean(self):
        data = super().clean()
        methods = data.get("methods") or []
        if EMAIL in methods:
            email = data.get("email", "")
            if not email and "email" not in self.errors:
                self.add_error("email", _("Enter your email address"))
            elif email:
                try:
                    EmailValidator()(email)
                except forms.ValidationError:
                    self.add_error(
                        "email",
                        _("Enter an email address in the correct format, like name@example.com"),
                    )
        if PHONE in methods:
            phone = data.get("phone", "")
            if not phone and "phone" not in self.errors:
                self.add_error("phone", _("Enter your phone number"))
            elif phone and not PHONE_PATTERN.match(phone):
                self.add_error(
                    "phone",
                    _("Enter a phone number, like 01632 960 001 or +44 808 157 0192"),
                )
            if not data.get("may_leave_messages"):
                self.add_error("may_leave_messages", _("Select whether we can leave a message"))
        if POST in methods and not data.get("address") and "address" not in self.errors:
            self.add_error("address", _("Enter your postal address"))
        return data

    def answers(self) -> dict:
        data = self.cleaned_data
        methods = data["methods"]
        # Details for a method the person did not choose are not kept: they may have
        # typed them and then decided that way is not safe.
        return {
            "safe_by_email": EMAIL in methods,
            "safe_by_phone": PHONE in methods,
            "safe_by_post": POST in methods,
            "email": data["email"] if EMAIL in methods else "",
            "phone": data["phone"] if PHONE in methods else "",
            "may_leave_messages": PHONE in methods and data["may_leave_messages"] == "yes",
            "address": data["address"] if POST in methods else "",
            "times_to_avoid": data["times_to_avoid"],
        }

    @staticmethod
    def initial_from(answers: dict) -> dict:
        methods = [
            m
            for m, key in (
                (EMAIL, "safe_by_email"),
                (PHONE, "safe_by_phone"),
                (POST, "safe_by_post"),
            )
            if answers.get(key)
        ]
        leave = answers.get("may_leave_messages")
        return {
            "methods": methods,
            "email": answers.get("email", ""),
            "phone": answers.get("phone", ""),
            "address": answers.get("address", ""),
            "times_to_avoid": answers.get("times_to_avoid", ""),
            "may_leave_messages": ("yes" if leave else "no")
            if answers.get("safe_by_phone")
            else "",
        }


class SupportForm(JourneyForm):
    title = _("Do you need any support?")
    page_heading = True
    needs_interpreter = forms.BooleanField(
        label=_("I need an interpreter or information in another language"), required=False
    )
    language = TextField(
        label=_("Which language?"),
        max_length=100,
        error_messages={"max_length": _("Language must be 100 characters or fewer")},
    )
    accessibility_needs = TextField(
        label=_("Do you have any accessibility needs?"),
        help_text=_(
            "For example, large print, easy read, British Sign Language or a hearing loop."
        ),
        max_length=LONG_TEXT_MAX,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Accessibility needs must be 2,000 characters or fewer")},
    )
    adjustments = TextField(
        label=_("Is there anything else that would help you?"),
        help_text=_("For example, someone to support you, or a contact who is a woman."),
        max_length=LONG_TEXT_MAX,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Your answer must be 2,000 characters or fewer")},
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("needs_interpreter")
            and not data.get("language")
            and "language" not in self.errors
        ):
            self.add_error("language", _("Enter the language you need"))
        return data

    def layout(self):
        return [
            Field.checkbox("needs_interpreter"),
            Field.text("language", label_size="s", field_width=20),
            Field.textarea("accessibility_needs", label_size="s"),
            Field.textarea("adjustments", label_size="s"),
        ]

    def answers(self) -> dict:
        data = dict(self.cleaned_data)
        if not data["needs_interpreter"]:
            data["language"] = ""
        return data


class HoneypotMixin(forms.Form):
    # People never see this field; scripts that fill in every box do.
    website = forms.CharField(required=False, max_length=200)

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class DeclarationForm(HoneypotMixin, forms.Form):
    declaration = forms.BooleanField(
        label=_("I confirm that the information I have given is true to the best of my knowledge"),
        error_messages={"required": _("Confirm that the information you have given is true")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.checkbox("declaration"))


class ProgressCheckForm(HoneypotMixin, forms.Form):
    reference = TextField(
        label=_("Complaint reference"),
        help_text=_("This is on your confirmation page and email. For example, VC-7KQ4M2XP."),
        max_length=20,
        required=True,
        error_messages={
            "required": _("Enter your complaint reference"),
            "max_length": _("Enter your complaint reference, like VC-7KQ4M2XP"),
        },
        widget=forms.TextInput(
            attrs={"spellcheck": "false", "autocapitalize": "characters", "autocomplete": "off"}
        ),
    )
    email = TextField(
        label=_("Email address"),
        help_text=_("The email address you gave when you made the complaint."),
        max_length=254,
        required=True,
        error_messages={
            "required": _("Enter your email address"),
            "max_length": _("Email address must be 254 characters or fewer"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.text("reference", label_size="s", field_width=10),
            Field.text("email", label_size="s"),
        )

    def clean_reference(self) -> str:
        value = re.sub(r"[\s]", "", self.cleaned_data["reference"]).upper()
        if value and not value.startswith("VC"):
            value = "VC-" + value
        if not REFERENCE_PATTERN.match(value):
            raise forms.ValidationError(_("Enter your complaint reference, like VC-7KQ4M2XP"))
        return "VC-" + value.removeprefix("VC").removeprefix("-")

    def clean_email(self) -> str:
        value = self.cleaned_data["email"]
        try:
            EmailValidator()(value)
        except forms.ValidationError as error:
            raise forms.ValidationError(
                _("Enter an email address in the correct format, like name@example.com")
            ) from error
        return value
