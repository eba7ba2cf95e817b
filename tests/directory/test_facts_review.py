"""What the routes table and the tool say agree with facts.md (the content review of
issue 15): the right body, the right limits, and no sentence that loses someone a deadline."""

from __future__ import annotations

import html

import pytest

from directory import routes
from directory.data.loader import directory_load
from tests.directory.test_routing import PAROLE, TRIAGE, decide
from tests.guidance.test_tool import RESULT, walk


def _result(client, org_type: str, subject: str, organisation: str | None = None) -> str:
    directory_load()
    assert walk(client, org_type, subject, organisation) == RESULT
    return html.unescape(client.get(RESULT).content.decode())


def test_a_parole_release_decision_is_never_routed_to_the_parole_board():
    decision = decide("parole_board", "decision")
    assert decision.organisation_id == TRIAGE != PAROLE
    assert "URGENT" in decision.reason and "Victim Liaison Officer" in decision.reason
    # A complaint about the Board's service still goes to the Board.
    assert decide("parole_board", "service").organisation_id == PAROLE


def test_the_parole_route_names_the_victim_liaison_officer_not_the_board():
    route = routes.route_for("parole_board", "decision")
    assert "Victim Liaison Officer" in route.body and "Parole Board" not in route.body
    assert "today" in " ".join(route.notes)


@pytest.mark.django_db
def test_the_tool_tells_someone_to_contact_their_victim_liaison_officer_today(client):
    page = _result(client, "parole_board", "decision")
    assert "Contact your Victim Liaison Officer today" in page
    assert "pass it to the Parole Board" not in page
    assert "pass it to Parole Board" not in page


@pytest.mark.parametrize(
    "route",
    [
        r
        for r in routes.ROUTES
        if r.limit and r.kind in (routes.COMPLAINT, routes.VRR, routes.CICA_REVIEW)
    ],
    ids=lambda r: r.key,
)
def test_every_stated_limit_says_late_can_still_be_looked_at(route):
    assert "exceptional circumstances" in route.limit_words, route.key


def test_judicial_conduct_source_does_not_deny_the_limit_it_shows():
    assert "none is shown" not in routes.JACO_SOURCE
    for subject in ("judge", "magistrate", "tribunal_or_coroner"):
        assert routes.route_for("courts", subject).limit == routes.M3


def test_i_do_not_know_warns_that_some_limits_are_short():
    words = routes.route_for("unknown", "").limit_words
    assert "Most are 6 or 12 months" not in words
    assert "10 working days" in words and "exceptional circumstances" in words


@pytest.mark.parametrize("subject", ["complaint_handling", "complaint_handling_wales"])
def test_a_council_review_stays_with_the_council_and_the_ombudsman_is_next(subject):
    route = routes.route_for("council", subject)
    assert "council" in route.body and "Ombudsman" not in route.body
    assert "Ombudsman" in route.next_body


def test_prisons_show_no_time_limit_facts_do_not_give():
    route = routes.route_for("prisons", "service")
    assert route.limit is None
    assert "HM Prison and Probation Service" in route.body


def test_the_chief_officer_rule_covers_the_met_and_city_of_london():
    reason = decide("police_force", "chief_constable", 10).reason
    assert "chief officer" in reason and "Commissioner" in reason


@pytest.mark.django_db
def test_the_police_result_gives_the_review_time_once(client):
    page = _result(client, "police_force", "service")
    assert "within 28 days of the date on the outcome letter" in page
    assert "of the final reply" not in page


@pytest.mark.django_db
def test_the_cica_result_does_not_count_the_appeal_from_a_final_reply(client):
    page = _result(client, "cica", "decision")
    assert "within 90 days of the review decision" in page
    assert "90 days of the final reply" not in page


@pytest.mark.django_db
def test_i_do_not_know_links_to_how_complaints_work(client):
    page = _result(client, "unknown", "")
    assert "Read how complaints work" in page
    assert "Read more about complaining to this organisation" not in page


@pytest.mark.django_db
def test_the_local_services_page_says_chief_officer(client):
    directory_load()
    page = html.unescape(
        client.get("/find-your-local-police/city-of-london-police/").content.decode()
    )
    assert "chief officer" in page
    assert "chief constable" not in page


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Parole Board", "the Parole Board"),
        ("Police and Crime Commissioner for Kent", "the Police and Crime Commissioner for Kent"),
        ("Criminal Injuries Compensation Authority (CICA)", "the Criminal Injuries"),
        ("Kent Police", "Kent Police"),
        ("CPS South East", "CPS South East"),
        ("the police force for the area where it happened", "the police force for the area"),
    ],
)
def test_names_read_with_the_mid_sentence(name, words):
    assert routes.in_sentence(name).startswith(words)


@pytest.mark.django_db
def test_the_tool_puts_the_before_a_commissioner_and_the_parole_board(client):
    page = _result(client, "police_force", "service")
    assert "usually the Police and Crime Commissioner for" in page
    assert "usually Police and Crime Commissioner" not in page
    client.get("/who-should-i-complain-to/")
    page = _result(client, "parole_board", "service")
    assert "pass it to Parole Board" not in page
    assert "the Parole Board" in page
