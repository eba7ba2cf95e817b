"""Contact details, the ways that are safe to use, and the support the person needs."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from crispy_forms_gds.layout import Field
from django import forms
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

from complaints import safe_contact
from complaints.forms.base import (
    CONTACT_CARD,
    LONG_TEXT_MAX,
    SHORT_TEXT_MAX,
    SUPPORT_CARD,
    JourneyForm,
    SummaryRow,
    TextField,
    text_row,
)

if TYPE_CHECKING:
    from complaints.journey import Journey

# A number, optionally followed by an extension: "020 7946 0000 ext 123", "… x123".
PHONE_PATTERN = re.compile(
    r"^\+?[0-9 ()\-]{7,25}?(?:\s*,?\s*(?:ext\.?|extension|x)\s*[0-9]{1,6})?$",
    re.IGNORECASE,
)


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

    summary_card = CONTACT_CARD
    fills = ("full_name",)

    def layout(self):
        return [Field.text("full_name", label_size="l", label_tag="h1")]

    @classmethod
    def summary_rows(cls, journey: Journey) -> list[SummaryRow]:
        return text_row(journey, _("Name"), "full_name")


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

    summary_card = CONTACT_CARD
    fills = (
        "email",
        "phone",
        "address",
        "safe_by_email",
        "safe_by_phone",
        "safe_by_post",
        "may_leave_messages",
        "times_to_avoid",
        "no_letters_home",
    )

    @classmethod
    def initial_from(cls, answers: Mapping[str, Any], *, answered: bool) -> dict:
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

    @classmethod
    def summary_rows(cls, journey: Journey) -> list[SummaryRow]:
        a = journey.answers
        methods = [
            str(label)
            for key, label in (
                ("safe_by_email", _("Email")),
                ("safe_by_phone", _("Phone")),
                ("safe_by_post", _("Post")),
            )
            if a.get(key)
        ]
        rows: list[SummaryRow] = [(_("Safe ways to contact you"), ", ".join(methods))]
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
            rows.append((line.label, line.text))
        rows.append((_("Times to avoid"), a.get("times_to_avoid") or _("None")))
        return rows

    @classmethod
    def complaint_fields(cls, journey: Journey) -> dict[str, Any]:
        a = journey.answers
        return {
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

    summary_card = SUPPORT_CARD
    fills = ("needs_interpreter", "language", "accessibility_needs", "adjustments")

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

    @classmethod
    def summary_rows(cls, journey: Journey) -> list[SummaryRow]:
        a = journey.answers
        return [
            (
                _("Interpreter"),
                a.get("language") if a.get("needs_interpreter") else _("Not needed"),
            ),
            (_("Accessibility needs"), a.get("accessibility_needs") or _("None")),
            (_("Other support"), a.get("adjustments") or _("None")),
        ]

    @classmethod
    def complaint_fields(cls, journey: Journey) -> dict[str, Any]:
        a = journey.answers
        return {
            "needs_interpreter": bool(a.get("needs_interpreter")),
            "language": a.get("language", ""),
            "accessibility_needs": a.get("accessibility_needs", ""),
            "adjustments": a.get("adjustments", ""),
        }
