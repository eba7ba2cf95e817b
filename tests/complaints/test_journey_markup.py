"""The crispy-forms-gds template overrides produce GOV.UK Frontend 6 markup."""

from __future__ import annotations

import re

import pytest
from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Submit
from django import forms
from django.template import Context, Template


class SampleForm(forms.Form):
    colour = forms.ChoiceField(
        label="Colour", choices=[("red", "Red"), ("blue", "Blue")], widget=forms.RadioSelect
    )
    size = forms.ChoiceField(
        label="Size", choices=[("s", "Small"), ("l", "Large")], widget=forms.RadioSelect
    )
    extras = forms.MultipleChoiceField(
        label="Extras", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )
    when = DateInputField(label="When", required=True)
    story = forms.CharField(
        label="Story",
        help_text="Tell us",
        max_length=50,
        widget=forms.Textarea(attrs={"class": "govuk-textarea govuk-js-character-count"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("colour", legend_size="m", legend_tag="h1"),
            Field.radios("size", inline=True),
            Field.checkboxes("extras"),
            Field("when"),
            Field.textarea("story", max_characters=50),
            Submit("save", "Save"),
            Button("other", "Other"),
        )


def render(form) -> str:
    template = Template(
        "{% load crispy_forms_tags crispy_forms_gds %}{% error_summary form %}{% crispy form %}"
    )
    return template.render(Context({"form": form}))


@pytest.fixture
def invalid_html():
    form = SampleForm(data={"when_0": "1", "story": "x" * 51})
    assert not form.is_valid()
    return render(form)


def test_error_summary_links_radios_and_checkboxes_to_their_first_option(invalid_html):
    summary = invalid_html[: invalid_html.index("</ul>")]
    assert 'class="govuk-error-summary" data-module="govuk-error-summary"' in summary
    assert '<div role="alert">' in summary
    assert 'href="#id_colour_1"' in summary
    assert 'href="#id_extras_1"' in summary
    assert 'id="id_colour_1"' in invalid_html
    assert 'href="#id_colour"' not in summary


def test_radios_and_checkboxes_have_their_modules(invalid_html):
    assert re.search(r'class="govuk-radios"\s+data-module="govuk-radios"', invalid_html)
    assert 'class="govuk-checkboxes" data-module="govuk-checkboxes"' in invalid_html


def test_inline_radios_keep_the_base_class(invalid_html):
    assert 'class="govuk-radios govuk-radios--inline" data-module="govuk-radios"' in invalid_html


def test_error_messages_are_paragraphs(invalid_html):
    assert '<p id="id_colour_1_error" class="govuk-error-message">' in invalid_html
    assert '<span id="id_colour_1_error"' not in invalid_html


def test_date_input_is_a_group_with_numeric_inputs(invalid_html):
    assert '<fieldset class="govuk-fieldset" role="group"' in invalid_html
    assert len(re.findall(r'inputmode="numeric"', invalid_html)) == 3


def test_character_count_is_the_form_group(invalid_html):
    assert re.search(
        r'class="govuk-form-group govuk-form-group--error govuk-character-count"\s*'
        r'data-module="govuk-character-count" data-maxlength="50"',
        invalid_html,
    )
    assert 'id="id_story-info" class="govuk-hint govuk-character-count__message"' in invalid_html
    assert re.search(
        r'aria-describedby="id_story_hint id_story-info id_story_1_error"', invalid_html
    )


def test_buttons_are_buttons_with_the_module(invalid_html):
    assert '<input type="submit"' not in invalid_html
    assert re.search(
        r'<button type="submit" name="save" value="Save" class="govuk-button"'
        r'[^>]*data-module="govuk-button"',
        invalid_html,
    )
    assert re.search(
        r'<button type="submit" name="other" class="govuk-button"[^>]*data-module="govuk-button"',
        invalid_html,
    )


def test_legend_as_page_heading(invalid_html):
    assert re.search(
        r'<legend class="govuk-fieldset__legend govuk-fieldset__legend--m">\s*'
        r'<h1 class="govuk-fieldset__heading">Colour</h1>',
        invalid_html,
    )
