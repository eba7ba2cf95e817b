"""What every question page shares: text that is tidied as it is read, and the step contract.

A `JourneyForm` is one question page. Besides checking what was typed, it owns its
answers: how they are put back into the form (`initial_from`), the rows it adds to check
your answers (`summary_rows`, in the card `summary_card`) and the `Complaint` fields they
fill (`fills` and `complaint_fields`; `skipped_fields` when the page does not apply).
`complaints.journey` loops over the steps and asks each form; nothing else knows a page's
answers. A form used as a journey step without these declarations is refused when the
step is made (`complaints.journey.Step`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint

if TYPE_CHECKING:
    from complaints.journey import Journey

# Control characters (C0 and C1) are removed from everything typed. Long text keeps new
# lines and tabs. Every other Unicode character, in any script, is kept.
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")

WHAT_HAPPENED_MAX = 5000
LONG_TEXT_MAX = 2000
SHORT_TEXT_MAX = 200
# The class GOV.UK Frontend's character count script looks for.
COUNTED = "govuk-textarea govuk-js-character-count"

# The cards of check your answers, in the order they are shown. Each page's rows go in one.
ABOUT_CARD, WHAT_CARD, CONTACT_CARD, SUPPORT_CARD = "about", "what", "contact", "support"
SUMMARY_CARDS = {
    ABOUT_CARD: _("About the complaint"),
    WHAT_CARD: _("What happened"),
    CONTACT_CARD: _("Contact details"),
    SUPPORT_CARD: _("Support"),
}

# One row of check your answers: what was asked, in short, and the answer.
SummaryRow = tuple[Any, Any]


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


def blank_value(field_name: str) -> object:
    """What a Complaint field holds when its question was not asked."""
    field = Complaint._meta.get_field(field_name)
    if isinstance(field, models.BooleanField):
        return False
    return None if field.null else ""


class JourneyForm(forms.Form):
    """A question page. `layout()` says how crispy-forms-gds renders it."""

    # Shown as the page's <title>. Pages with more than one question also show it as
    # the <h1>; a page with one question uses that question as its heading.
    title = ""
    page_heading = False
    # Every step declares these two (see the module docstring); None means "forgotten".
    summary_card: ClassVar[str | None] = None
    fills: ClassVar[tuple[str, ...] | None] = None

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

    # -- what the page owns (called on the class, with the session's answers) -------------

    @classmethod
    def initial_from(cls, answers: Mapping[str, Any], *, answered: bool) -> dict:
        """The form's initial values from the stored answers (`answered`: page done)."""
        return {name: answers[name] for name in cls.base_fields if name in answers}

    @classmethod
    def summary_rows(cls, journey: Journey) -> list[SummaryRow]:
        """The page's rows on check your answers. Every step must say (even none)."""
        raise NotImplementedError(f"{cls.__name__} does not say what check your answers shows")

    @classmethod
    def complaint_fields(cls, journey: Journey) -> dict[str, Any]:
        """Complaint field values from the page's answers, when the page applies."""
        answers = journey.answers
        return {name: answers.get(name, "") for name in cls.fills or ()}

    @classmethod
    def skipped_fields(cls, journey: Journey) -> dict[str, Any]:
        """Complaint field values when the page does not apply: blank, unless implied."""
        return {name: blank_value(name) for name in cls.fills or ()}

    @classmethod
    def declaration_problems(cls) -> list[str]:
        """What a step's form has not declared; empty when it can be a journey step."""
        problems = []
        if cls.summary_card not in SUMMARY_CARDS:
            problems.append(f"summary_card (one of {', '.join(SUMMARY_CARDS)})")
        if cls.fills is None:
            problems.append("fills (the Complaint fields its answers fill, or ())")
        if cls.summary_rows.__func__ is JourneyForm.summary_rows.__func__:
            problems.append("summary_rows()")
        unknown = [name for name in cls.fills or () if not _is_complaint_field(name)]
        if unknown:
            problems.append(f"fills names no Complaint field: {', '.join(unknown)}")
        return problems


def _is_complaint_field(name: str) -> bool:
    try:
        Complaint._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def text_row(journey: Journey, label: object, name: str) -> list[SummaryRow]:
    """The usual row: one answer as typed."""
    return [(label, journey.answers.get(name))]


# GOV.UK wording in place of Django's ("The submitted file is empty." and so on).
FILE_ERRORS = {
    "invalid": _("The selected file could not be uploaded. Try again"),
    "missing": _("The selected file could not be uploaded. Try again"),
    "empty": _("The selected file is empty"),
}


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


class HoneypotMixin(forms.Form):
    # People never see this field; scripts that fill in every box do.
    website = forms.CharField(required=False, max_length=200)

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))
