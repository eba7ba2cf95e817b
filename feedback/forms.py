from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

from complaints.forms import HoneypotMixin, TextField

FEEDBACK_MAX = 1200


class FeedbackForm(HoneypotMixin, forms.Form):
    doing = TextField(
        label=_("What were you doing?"),
        help_text=_("For example, looking for who to complain to about the police."),
        max_length=FEEDBACK_MAX,
        multiline=True,
        required=True,
        error_messages={
            "required": _("Enter what you were doing"),
            "max_length": _("What you were doing must be 1,200 characters or fewer"),
        },
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    problem = TextField(
        label=_("What went wrong?"),
        help_text=_("Or tell us what we could do better."),
        max_length=FEEDBACK_MAX,
        multiline=True,
        required=True,
        error_messages={
            "required": _("Enter what went wrong"),
            "max_length": _("What went wrong must be 1,200 characters or fewer"),
        },
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    email = TextField(
        label=_("Email address (optional)"),
        help_text=_(
            "Only if you would like a reply. Give an address that only you can read, "
            "and that is safe for us to use."
        ),
        max_length=254,
        error_messages={"max_length": _("Email address must be 254 characters or fewer")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field.textarea("doing", label_size="s", max_characters=FEEDBACK_MAX),
            Field.textarea("problem", label_size="s", max_characters=FEEDBACK_MAX),
            Field.text("email", label_size="s"),
        )

    def clean_email(self) -> str:
        value = self.cleaned_data["email"].strip()
        if value:
            try:
                EmailValidator()(value)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("Enter an email address in the correct format, like name@example.com")
                ) from error
        return value

    def answers(self) -> dict:
        return {key: self.cleaned_data[key] for key in ("doing", "problem", "email")}
