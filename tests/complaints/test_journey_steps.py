"""Each question owns its answers: a step's form says what check your answers shows and
which complaint fields it fills, and a step that does not say is refused at once."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from complaints import forms
from complaints.forms.base import ABOUT_CARD, SUMMARY_CARDS
from complaints.journey import STEPS, STEPS_BY_SLUG, Journey, Step
from complaints.journey import outputs as journey_outputs
from complaints.models import Complaint
from directory import routing
from directory import selectors as directory_selectors
from directory.data.loader import directory_load
from guidance import tool_views
from tests.complaints.journey_support import directory_create, journey_complete


class ForgetfulForm(forms.JourneyForm):
    """A new question, added without saying what its answer means."""

    title = "What colour was the car?"
    colour = forms.TextField(label="What colour was the car?")


def test_a_step_whose_form_declares_nothing_is_refused_when_it_is_made():
    with pytest.raises(ImproperlyConfigured) as refused:
        Step("colour", ForgetfulForm)
    message = str(refused.value)
    assert "'colour'" in message and "ForgetfulForm" in message
    assert "summary_card" in message and "fills" in message and "summary_rows()" in message


def test_a_step_whose_form_forgets_only_its_summary_rows_is_refused():
    class NoRows(ForgetfulForm):
        summary_card = ABOUT_CARD
        fills = ()

    with pytest.raises(ImproperlyConfigured, match=r"summary_rows\(\)"):
        Step("colour", NoRows)


def test_a_step_whose_form_fills_a_field_the_complaint_does_not_have_is_refused():
    class WrongField(ForgetfulForm):
        summary_card = ABOUT_CARD
        fills = ("car_colour",)

        @classmethod
        def summary_rows(cls, journey):
            return [("Colour", journey.answers.get("colour"))]

    with pytest.raises(ImproperlyConfigured, match="car_colour"):
        Step("colour", WrongField)


def test_a_step_that_declares_everything_is_accepted():
    class Colour(ForgetfulForm):
        summary_card = ABOUT_CARD
        fills = ()

        @classmethod
        def summary_rows(cls, journey):
            return [("Colour", journey.answers.get("colour"))]

    assert Step("colour", Colour).form_class is Colour


def test_every_step_of_the_journey_declares_its_answers():
    for step in STEPS:
        assert issubclass(step.form_class, forms.JourneyForm)
        assert step.form_class.declaration_problems() == [], step.slug
        assert step.form_class.summary_card in SUMMARY_CARDS


def test_no_complaint_field_is_filled_by_two_steps():
    seen: dict[str, str] = {}
    for step in STEPS:
        for name in step.form_class.fills:
            assert name not in seen, f"{name} is filled by {seen.get(name)} and {step.slug}"
            seen[name] = step.slug
            Complaint._meta.get_field(name)


@pytest.mark.django_db
def test_the_fields_sent_are_exactly_those_the_steps_declare(client):
    directory = directory_create()
    journey_complete(client, directory["north"].id)
    fields = Journey(client.session).complaint_fields()
    assert set(fields) == {name for step in STEPS for name in step.form_class.fills}


@pytest.mark.django_db
def test_a_form_that_fills_more_than_it_declares_stops_the_complaint(client, monkeypatch):
    directory = directory_create()
    journey_complete(client, directory["north"].id)

    class Sneaky(forms.WhatHappenedForm):
        @classmethod
        def complaint_fields(cls, journey):
            return {**super().complaint_fields(journey), "routing_reason": "typed"}

    steps = [Step(step.slug, Sneaky) if step.slug == "what-happened" else step for step in STEPS]
    monkeypatch.setattr(journey_outputs, "STEPS", steps)
    with pytest.raises(ImproperlyConfigured, match="Sneaky"):
        Journey(client.session).complaint_fields()


def test_the_tool_asks_the_journeys_routing_questions_with_the_journeys_forms():
    assert {
        routing.STEP_ORG_TYPE: forms.OrgTypeForm,
        routing.STEP_SUBJECT: forms.SubjectForm,
        routing.STEP_ORGANISATION: forms.OrganisationForm,
    } == tool_views.QUESTIONS
    by_slug = {step.slug: step.form_class for step in STEPS}
    for slug, form_class in tool_views.QUESTIONS.items():
        assert by_slug[slug] is form_class, slug


ROUTING_STEPS = (routing.STEP_ORG_TYPE, routing.STEP_SUBJECT, routing.STEP_ORGANISATION)


@pytest.mark.django_db
def test_the_tool_and_the_journey_agree_which_routing_questions_apply():
    from django.contrib.sessions.backends.db import SessionStore

    directory_load()
    counts = directory_selectors.directory_counts()
    for org_type, _label in routing.ORG_TYPE_CHOICES:
        journey = Journey(SessionStore())
        journey.start()
        journey.save_step(STEPS_BY_SLUG["about"], {"org_type": org_type})
        tool = routing.steps_for(org_type, directory_counts=counts)
        assert journey.routing_steps() == tool, org_type
        assert [s.slug for s in journey.relevant() if s.slug in ROUTING_STEPS] == tool, org_type
