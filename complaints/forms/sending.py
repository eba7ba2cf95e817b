"""Sending a complaint (the declaration) and asking for a link to check one's progress."""

from __future__ import annotations

from crispy_forms_gds.layout import Field
from django import forms
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

from complaints import reference as complaint_reference
from complaints.forms.base import HoneypotMixin, TextField, _helper


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
        value = complaint_reference.normalise(self.cleaned_data["reference"])
        if value is None:
            raise forms.ValidationError(_("Enter your complaint reference, like VC-7KQ4M2XP"))
        return value

    def clean_email(self) -> str:
        value = self.cleaned_data["email"]
        try:
            EmailValidator()(value)
        except forms.ValidationError as error:
            raise forms.ValidationError(
                _("Enter an email address in the correct format, like name@example.com")
            ) from error
        return value
