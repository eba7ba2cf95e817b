"""The "who should I complain to?" tool: every path to its result, back links, errors."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from directory import routing
from directory.data.loader import directory_load
from directory.models import Organisation

pytestmark = pytest.mark.django_db

START = reverse("guidance:tool_start")
RESULT = reverse("guidance:tool_result")


def step_url(step: str) -> str:
    return reverse("guidance:tool_step", args=[step])


@pytest.fixture(autouse=True)
def loaded():
    directory_load()


def first_choice(org_type: str) -> Organisation:
    kind = routing.directory_type(org_type)
    return Organisation.objects.filter(org_type=kind).order_by("name").first()


def answer(client, step: str, value) -> str:
    response = client.post(step_url(step), {"answer": value})
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def walk(client, org_type: str, subject: str, organisation: str | None = None) -> str:
    """Answer every question that is asked; return the page the tool ends on."""
    location = answer(client, "about", org_type)
    if location == step_url("subject"):
        location = answer(client, "subject", subject)
    if location == step_url("organisation"):
        if organisation is None and org_type in ("council", "youth_offending"):
            # Which council decides the nation's row; not knowing keeps the subject's.
            organisation = "unknown"
        location = answer(client, "organisation", organisation or first_choice(org_type).id)
    return location


def every_path():
    for org_type, _label in routing.ORG_TYPE_CHOICES:
        for subject, _ in routing.SUBJECT_CHOICES.get(org_type, [("", "")]):
            yield org_type, subject


# (org_type, subject) -> words the result must show. The organisation is checked separately.
HEADINGS = {
    ("cps", "decision"): "Ask for the decision to be reviewed",
    ("unknown", ""): "We will find the right organisation for you",
    ("police_force", "no_further_action"): "Ask for the decision to be reviewed",
    ("cica", "decision"): "Ask CICA to review its decision",
    ("parole_board", "decision"): "Ask for the decision to be looked at again",
    ("council", "adults"): "The council that runs the service (in England)</h1>",
    ("council", "children"): "The council that runs the service (in England)</h1>",
    ("council", "wales"): "The council that runs the service (in Wales)</h1>",
    ("youth_offending", "service"): "The council that runs the youth justice service (in England)",
    (
        "youth_offending",
        "service_wales",
    ): "The council that runs the youth justice service (in Wales",
    # A review stays with the council (its next stage); the ombudsman comes after.
    ("council", "complaint_handling"): "The council that runs the service (in England)</h1>",
    (
        "youth_offending",
        "complaint_handling",
    ): "The council that runs the youth justice service (in England)</h1>",
    ("council", "complaint_handling_wales"): "The council that runs the service (in Wales)</h1>",
    (
        "youth_offending",
        "complaint_handling_wales",
    ): "The council that runs the youth justice service (in Wales)</h1>",
}
NOT_COMPLAINTS = {
    ("police_force", "no_further_action"),
    ("cps", "decision"),
    ("cica", "decision"),
    ("parole_board", "decision"),
}
for _path in [("police_force", "complaint_handling"), ("cps", "complaint_handling")]:
    HEADINGS[_path] = "Who to go to next"
for _path in [
    ("council", "complaint_handling_wales"),
    ("youth_offending", "complaint_handling_wales"),
]:
    HEADINGS[_path] = "Public Services Ombudsman for Wales"
for _org_type in ("courts", "probation", "prisons", "parole_board", "cica", "witness_care"):
    HEADINGS[(_org_type, "complaint_handling")] = "Who to go to next"
WORDS = {
    ("police_force", "chief_constable"): "Police and Crime Commissioner for Avon and Somerset",
    ("police_force", "complaint_handling"): "28 days",
    ("cps", "decision"): "Victims&#x27; Right to Review",
    ("police_force", "no_further_action"): "Victims&#x27; Right to Review",
    ("cica", "decision"): "First-tier Tribunal (Criminal Injuries Compensation) within 90 days",
    ("council", "wales"): "Public Services Ombudsman for Wales",
    ("probation", "service"): "Prisons and Probation Ombudsman does not take victims",
    ("cps", "complaint_handling"): "Independent Assessor of Complaints",
    ("courts", "judge"): "Judicial Conduct Investigations Office",
    ("courts", "magistrate"): "local Advisory Committee",
    ("courts", "tribunal_or_coroner"): "the president of the tribunal, or the coroner",
    ("police_force", "commissioner"): "Police and Crime Panel",
    ("council", "complaint_handling"): "Local Government and Social Care Ombudsman",
    ("youth_offending", "complaint_handling"): "Local Government and Social Care Ombudsman",
    ("prisons", "complaint_handling"): "29 January 2025",
    ("unknown", ""): "find the right organisation",
}


@pytest.mark.parametrize(("org_type", "subject"), list(every_path()))
def test_every_path_reaches_a_result(client, org_type, subject):
    assert walk(client, org_type, subject) == RESULT
    response = client.get(RESULT)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="{}"'.format(reverse("complaints:start")) in html
    if (org_type, subject) in NOT_COMPLAINTS:
        assert "This is not a complaint" in html and "Start your request" in html
    elif subject.startswith("complaint_handling"):
        assert "Start your request" in html and "outcome letter" in html
    else:
        assert "Start your complaint" in html
    assert f'href="{routing.guidance_path(org_type)}"' in html
    assert HEADINGS.get((org_type, subject), "Who to complain to") in html
    if (org_type, subject) in WORDS:
        assert WORDS[(org_type, subject)] in html
    stored = client.session["routing_answers"]
    assert stored["org_type"] == org_type
    assert stored.get("subject", "") == subject


@pytest.mark.parametrize(
    ("org_type", "subject", "organisation"),
    [
        ("police_force", "service", "Avon and Somerset Police"),
        ("witness_care", "service", "Avon and Somerset Police"),
        ("cps", "service", "CPS Cymru-Wales"),
        ("courts", "service", "HM Courts &amp; Tribunals Service (HMCTS)"),
        ("courts", "judge", "Judicial Conduct Investigations Office (JCIO)"),
        ("probation", "service", "Probation Service: East Midlands"),
        ("prisons", "service", "HM Prison Service"),
        ("parole_board", "service", "Parole Board"),
        ("cica", "service", "Criminal Injuries Compensation Authority (CICA)"),
        ("this_service", "", "This website&#x27;s team"),
        ("council", "children", "Barnsley Council"),
        ("youth_offending", "service", "Youth justice service (Barnsley Council)"),
    ],
)
def test_the_result_names_the_organisation(client, org_type, subject, organisation):
    kind = routing.directory_type(org_type)
    walk(client, org_type, subject, first_choice(org_type).id if kind else None)
    html = client.get(RESULT).content.decode()
    assert f'<h1 class="govuk-heading-l">{organisation}</h1>' in html


def test_the_result_states_the_usual_time_limit(client):
    walk(client, "cps", "service")
    assert "Complain within 6 months" in client.get(RESULT).content.decode()


def test_i_do_not_know_which_force_names_the_kind_of_body_and_keeps_its_limit(client):
    assert walk(client, "police_force", "service", organisation="unknown") == RESULT
    html = client.get(RESULT).content.decode()
    assert "The police force for the area where it happened</h1>" in html
    assert "Complain within 12 months" in html
    assert "our central team will pass it to the police force for the area" in html
    assert "Central triage team" not in html
    assert "Complain to Central triage" not in html
    assert client.session["routing_answers"]["organisation_id"] is None


def test_i_do_not_know_which_cps_area_keeps_six_months(client):
    walk(client, "cps", "service", organisation="unknown")
    html = client.get(RESULT).content.decode()
    assert "The CPS Area that dealt with the case</h1>" in html
    assert "Complain within 6 months" in html
    assert "Central triage" not in html and "no fixed time limit" not in html


def test_i_do_not_know_which_cps_area_for_a_decision_says_who_looks_again(client):
    walk(client, "cps", "decision", organisation="unknown")
    html = client.get(RESULT).content.decode()
    assert "A prosecutor who did not make the decision" in html
    assert "Central triage" not in html


def test_questions_that_do_not_apply_are_skipped(client):
    assert answer(client, "about", "this_service") == RESULT
    assert answer(client, "about", "courts") == step_url("subject")
    assert answer(client, "subject", "service") == RESULT
    # The skipped question's page sends the person on to the right place.
    assert client.get(step_url("organisation"))["Location"] == RESULT


def test_pages_out_of_turn_redirect_to_the_first_unanswered_question(client):
    assert client.get(RESULT)["Location"] == step_url("about")
    assert client.get(step_url("subject"))["Location"] == step_url("about")
    answer(client, "about", "police_force")
    assert client.get(step_url("organisation"))["Location"] == step_url("subject")
    assert client.get(RESULT)["Location"] == step_url("subject")


def test_an_unknown_step_is_not_found(client):
    assert client.get(step_url("nothing-here")).status_code == 404


def test_back_links_keep_answers(client):
    force = Organisation.objects.get(slug="kent-police")
    walk(client, "police_force", "chief_constable", organisation=force.id)

    result = client.get(RESULT).content.decode()
    assert f'href="{step_url("organisation")}" class="govuk-back-link"' in result

    organisation = client.get(step_url("organisation")).content.decode()
    assert re.search(f'<option value="{force.id}" data-places="[^"]*" selected>', organisation)
    assert f'href="{step_url("subject")}" class="govuk-back-link"' in organisation

    subject = client.get(step_url("subject")).content.decode()
    assert 'value="chief_constable" checked' in subject
    assert f'href="{step_url("about")}" class="govuk-back-link"' in subject

    about = client.get(step_url("about")).content.decode()
    assert 'value="police_force" checked' in about
    assert f'href="{START}" class="govuk-back-link"' in about


def test_giving_the_same_first_answer_again_keeps_the_rest(client):
    walk(client, "cps", "decision")
    assert answer(client, "about", "cps") == RESULT
    assert client.session["routing_answers"]["subject"] == "decision"


def test_changing_the_first_answer_clears_answers_that_no_longer_apply(client):
    walk(client, "cps", "decision")
    assert answer(client, "about", "police_force") == step_url("subject")
    assert client.session["routing_answers"] == {"org_type": "police_force", "subject": ""}


@pytest.mark.parametrize(
    ("step", "setup", "value", "message", "target"),
    [
        ("about", None, None, "Select who your complaint is about", "answer-police_force"),
        ("about", None, "nonsense", "Select who your complaint is about", "answer-police_force"),
        ("subject", "police_force", None, "Select what your complaint is about", "answer-service"),
        ("subject", "courts", "chief_constable", "Select what your complaint is about", None),
        ("organisation", "cps", None, "Select the CPS Area", "answer"),
        ("organisation", "police_force", "99999", "Select the police force", "answer"),
    ],
)
def test_missing_or_invalid_answers_show_the_error_summary(
    client, step, setup, value, message, target
):
    if setup:
        answer(client, "about", setup)
        if step == "organisation":
            answer(client, "subject", "service")
    response = client.post(step_url(step), {"answer": value} if value else {})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert "<title>Error:" in html
    assert 'class="govuk-error-message"' in html
    if target:
        # The summary link lands on the first input of the question.
        assert f'href="#{target}"' in html
        assert f'id="{target}"' in html


def test_nothing_but_the_step_name_is_in_the_url(client):
    location = walk(client, "police_force", "service")
    assert location == "/who-should-i-complain-to/result/"


def test_start_page_links_to_the_first_question(client):
    html = client.get(START).content.decode()
    assert f'href="{step_url("about")}"' in html


def test_the_result_page_query_count_is_small(client, django_assert_max_num_queries):
    walk(client, "police_force", "chief_constable")
    # The session (read and save), directory counts, rules, the directory, the organisation.
    with django_assert_max_num_queries(8):
        assert client.get(RESULT).status_code == 200


@pytest.mark.parametrize(("org_type", "subject"), list(every_path()))
def test_every_result_in_welsh_reads_as_welsh(client, org_type, subject):
    """The tool's result for every answer, in Welsh: the routes table's words included."""
    from tests.welsh_text import english_paragraphs, page_blocks

    def welsh_answer(step, value):
        response = client.post(f"/cy/who-should-i-complain-to/{step}/", {"answer": value})
        assert response.status_code == 302
        return response["Location"]

    location = welsh_answer("about", org_type)
    if location.endswith("/subject/"):
        location = welsh_answer("subject", subject)
    if location.endswith("/organisation/"):
        location = welsh_answer("organisation", first_choice(org_type).id)
    assert location == "/cy/who-should-i-complain-to/result/"
    html = client.get(location).content.decode()
    assert '<html lang="cy"' in html
    # Organisations are named as the directory names them.
    names = tuple(Organisation.objects.values_list("name", flat=True))
    assert english_paragraphs(page_blocks(html), allowed=names) == []
