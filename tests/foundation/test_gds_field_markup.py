"""Form fields in error carry the class GOV.UK Frontend 6 draws the red border with.

crispy-forms-gds gives a textarea or select in error an input's class and an email,
number or password input none; victims_service/templatetags/gds_fields.py puts that right.
"""

import re

import pytest
from crispy_forms.helper import FormHelper
from django import forms
from django.template import Context, Template


class EveryKindOfField(forms.Form):
    name = forms.CharField()
    story = forms.CharField(widget=forms.Textarea)
    email = forms.EmailField()
    age = forms.IntegerField()
    secret = forms.CharField(widget=forms.PasswordInput)
    force = forms.ChoiceField(choices=[("", "Choose"), ("a", "A")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


def _classes(html: str, element: str, name: str) -> set[str]:
    match = re.search(rf'<{element}[^>]*name="{name}"[^>]*>', html)
    assert match, f"no <{element} name={name}>"
    tag = match.group(0)
    return set(re.search(r'class="([^"]*)"', tag).group(1).split())


def _render(form: forms.Form) -> str:
    return Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))


@pytest.mark.parametrize(
    ("element", "name", "base", "error"),
    [
        ("input", "name", "govuk-input", "govuk-input--error"),
        ("textarea", "story", "govuk-textarea", "govuk-textarea--error"),
        ("input", "email", "govuk-input", "govuk-input--error"),
        ("input", "age", "govuk-input", "govuk-input--error"),
        ("input", "secret", "govuk-input", "govuk-input--error"),
        ("select", "force", "govuk-select", "govuk-select--error"),
    ],
)
def test_a_field_in_error_has_its_own_error_class(element, name, base, error):
    form = EveryKindOfField(data={})
    assert not form.is_valid()
    classes = _classes(_render(form), element, name)
    assert {base, error} <= classes
    wrong = {"govuk-input--error", "govuk-textarea--error", "govuk-select--error"} - {error}
    assert not classes & wrong


@pytest.mark.parametrize("name", ["name", "email", "age", "secret"])
def test_a_field_without_an_error_has_no_error_class(name):
    form = EveryKindOfField(
        data={
            "name": "Sam",
            "email": "sam@example.com",
            "age": "3",
            "secret": "x",
            "story": "text",
            "force": "a",
        }
    )
    assert form.is_valid()
    classes = _classes(_render(form), "input", name)
    assert "govuk-input" in classes
    assert not any(c.endswith("--error") for c in classes)
