"""Every routing rule and special route, on plain data: route() never touches the database."""

from __future__ import annotations

import pytest

from directory import routes, routing
from directory.data.routing_rules import RULES
from directory.routing import Answers, Org, Rule, route

TRIAGE = 1
FORCE, COMMISSIONER, OTHER_FORCE, NO_PARENT_FORCE = 10, 11, 12, 13
CPS_AREA, HMCTS, JCIO, PROBATION, PRISONS, PAROLE, CICA, WEBSITE = range(20, 28)
LEEDS, LEEDS_YJS = 30, 31

ORGS = {
    o.id: o
    for o in [
        Org(TRIAGE, "Central triage team", "central_triage"),
        Org(FORCE, "Kent Police", "police_force", parent_id=COMMISSIONER),
        Org(COMMISSIONER, "Police and Crime Commissioner for Kent", "local_policing_body"),
        Org(OTHER_FORCE, "Essex Police", "police_force"),
        Org(NO_PARENT_FORCE, "Ministry of Defence Police", "police_force"),
        Org(CPS_AREA, "CPS South East", "cps"),
        Org(HMCTS, "HMCTS", "courts"),
        Org(JCIO, "JCIO", "jcio"),
        Org(PROBATION, "Probation Service: London", "probation"),
        Org(PRISONS, "HM Prison Service", "prisons"),
        Org(PAROLE, "Parole Board", "parole_board"),
        Org(CICA, "CICA", "cica"),
        Org(WEBSITE, "This website's team", "this_service"),
        Org(LEEDS, "Leeds City Council", "council"),
        Org(LEEDS_YJS, "Youth justice service (Leeds City Council)", "youth_offending", LEEDS),
    ]
}
SLUGS = {
    "hmcts": HMCTS,
    "jcio": JCIO,
    "hm-prison-service": PRISONS,
    "parole-board": PAROLE,
    "cica": CICA,
    "this-website": WEBSITE,
    "central-triage": TRIAGE,
}


def shipped_rules() -> list[Rule]:
    """The shipped rules (directory/data/routing_rules.py) as route() sees them."""
    return [
        Rule(
            id=index,
            priority=index * 10,
            org_type=spec["org_type"],
            subject=spec["subject"],
            chosen_organisation_id=None,
            target=spec["target"],
            target_organisation_id=SLUGS.get(spec.get("target_organisation", "")),
            reason=spec["reason"],
        )
        for index, spec in enumerate(RULES, start=1)
    ]


def decide(org_type: str, subject: str = "", organisation_id: int | None = None, rules=None):
    return route(
        Answers(org_type=org_type, subject=subject, organisation_id=organisation_id),
        rules=shipped_rules() if rules is None else rules,
        organisations=ORGS,
        triage_id=TRIAGE,
    )


@pytest.mark.parametrize(
    ("org_type", "subject", "chosen", "expected", "words"),
    [
        ("police_force", "service", FORCE, FORCE, "Kent Police"),
        ("police_force", "chief_constable", FORCE, COMMISSIONER, "chief officer"),
        ("police_force", "complaint_handling", FORCE, COMMISSIONER, "IOPC"),
        ("witness_care", "service", FORCE, FORCE, "Witness Care"),
        ("witness_care", "complaint_handling", FORCE, FORCE, "Witness Care"),
        ("cps", "service", CPS_AREA, CPS_AREA, "CPS South East"),
        ("cps", "decision", CPS_AREA, CPS_AREA, "Victims' Right to Review"),
        ("cps", "complaint_handling", CPS_AREA, CPS_AREA, "stage 2"),
        ("courts", "service", None, HMCTS, "HM Courts"),
        ("courts", "complaint_handling", None, HMCTS, "HM Courts"),
        ("courts", "judge", None, JCIO, "Judicial Conduct"),
        ("probation", "service", PROBATION, PROBATION, "Probation Service: London"),
        ("probation", "complaint_handling", PROBATION, PROBATION, "Probation"),
        ("prisons", "service", None, PRISONS, "prison"),
        ("parole_board", "service", None, PAROLE, "Parole Board"),
        ("cica", "complaint_handling", None, CICA, "CICA"),
        ("this_service", "", None, WEBSITE, "this website"),
        ("council", "adults", LEEDS, LEEDS, "Leeds City Council"),
        ("council", "children", LEEDS, LEEDS, "Leeds City Council"),
        ("youth_offending", "service", LEEDS_YJS, LEEDS_YJS, "Youth justice service (Leeds"),
    ],
)
def test_each_shipped_rule_routes_and_explains(org_type, subject, chosen, expected, words):
    decision = decide(org_type, subject, chosen)
    assert decision.organisation_id == expected
    assert decision.rule_id is not None
    assert words in decision.reason
    assert "{organisation}" not in decision.reason


def test_chief_constable_goes_to_the_local_policing_body_not_the_force():
    decision = decide("police_force", "chief_constable", FORCE)
    assert decision.organisation_id == COMMISSIONER
    assert "Kent Police" in decision.reason


def test_chief_constable_of_a_force_with_no_policing_body_goes_to_triage():
    decision = decide("police_force", "chief_constable", NO_PARENT_FORCE)
    assert decision.organisation_id == TRIAGE
    assert decision.rule_id is None
    assert decision.reason


@pytest.mark.parametrize(
    "org_type", ["police_force", "witness_care", "cps", "probation", "council", "youth_offending"]
)
def test_a_chosen_type_without_a_choice_goes_to_triage(org_type):
    subject = routing.SUBJECT_CHOICES[org_type][0][0]
    decision = decide(org_type, subject, None)
    assert decision.organisation_id == TRIAGE
    assert "No routing rule matched" in decision.reason


@pytest.mark.parametrize("org_type", ["unknown", ""])
def test_i_do_not_know_goes_to_triage(org_type):
    decision = decide(org_type)
    assert decision.organisation_id == TRIAGE
    assert decision.rule_id is None
    assert "did not know" in decision.reason


def test_an_unmatched_answer_goes_to_triage_never_dropped():
    decision = decide("police_force", "service", FORCE, rules=[])
    assert decision.organisation_id == TRIAGE
    assert "No routing rule matched" in decision.reason


def test_a_chosen_organisation_missing_from_the_directory_goes_to_triage():
    assert decide("police_force", "service", 999).organisation_id == TRIAGE


def _rule(id, *, subject="", chosen=None, target="fixed", to=None, priority=100, reason="r"):
    return Rule(id, priority, "police_force", subject, chosen, target, to, reason)


def test_a_rule_for_the_chosen_organisation_beats_a_general_one():
    rules = [
        _rule(1, subject="service", target="chosen", priority=1),
        _rule(2, chosen=FORCE, to=TRIAGE, priority=500, reason="special"),
    ]
    assert decide("police_force", "service", FORCE, rules=rules).rule_id == 2
    # Another force is not affected by the special rule.
    assert decide("police_force", "service", OTHER_FORCE, rules=rules).rule_id == 1


def test_a_rule_for_the_subject_beats_a_rule_for_any_subject():
    rules = [_rule(1, to=HMCTS, priority=1), _rule(2, subject="service", to=JCIO, priority=500)]
    assert decide("police_force", "service", FORCE, rules=rules).organisation_id == JCIO
    assert decide("police_force", "other", FORCE, rules=rules).organisation_id == HMCTS


def test_among_equally_specific_rules_the_lower_priority_number_wins():
    rules = [_rule(1, to=HMCTS, priority=50), _rule(2, to=JCIO, priority=10)]
    assert decide("police_force", "service", FORCE, rules=rules).organisation_id == JCIO


def test_a_rule_whose_target_is_missing_falls_through_to_the_next():
    rules = [_rule(1, to=999, priority=1), _rule(2, to=JCIO, priority=2)]
    assert decide("police_force", "service", FORCE, rules=rules).organisation_id == JCIO


def test_a_disabled_rule_is_ignored(db):
    """route() gets only active rules: routing_inputs() leaves disabled ones out."""
    from directory import selectors as directory_selectors
    from directory.models import Organisation, RoutingRule

    force = Organisation.objects.create(name="Kent Police", slug="kent", org_type="police_force")
    hmcts = Organisation.objects.create(name="HMCTS", slug="hmcts", org_type="courts")
    RoutingRule.objects.create(
        org_type="police_force", target="fixed", target_organisation=hmcts, reason="off",
        is_active=False,
    )  # fmt: skip
    rules, organisations, triage_id = directory_selectors.routing_inputs()
    assert rules == []
    decision = route(
        Answers("police_force", "service", force.id),
        rules=rules,
        organisations=organisations,
        triage_id=triage_id,
    )
    assert decision.organisation_id == triage_id


def test_the_reason_names_the_organisation_chosen():
    rules = [_rule(1, target="chosen", reason="Goes to {organisation} first.")]
    assert decide("police_force", "service", FORCE, rules=rules).reason == (
        "Goes to Kent Police first."
    )


def test_every_shipped_rule_has_a_reason_and_a_real_question_behind_it():
    types = dict(routing.ORG_TYPE_CHOICES)
    for spec in RULES:
        assert spec["reason"].strip()
        assert spec["org_type"] in types
        if spec["subject"]:
            assert spec["subject"] in dict(routing.SUBJECT_CHOICES[spec["org_type"]])
        assert spec["target"] in ("chosen", "chosen_parent", "fixed")
        assert (spec["target"] == "fixed") == bool(spec.get("target_organisation"))


# Which questions apply ------------------------------------------------------------------

COUNTS = {"police_force": 45, "cps": 15, "probation": 12, "courts": 1}


@pytest.mark.parametrize(
    ("org_type", "steps"),
    [
        ("police_force", ["about", "subject", "organisation"]),
        ("witness_care", ["about", "subject", "organisation"]),
        ("cps", ["about", "subject", "organisation"]),
        ("courts", ["about", "subject"]),
        ("probation", ["about", "subject", "organisation"]),
        ("this_service", ["about"]),
        ("unknown", ["about"]),
    ],
)
def test_questions_that_do_not_apply_are_skipped(org_type, steps):
    assert routing.steps_for(org_type, directory_counts=COUNTS) == steps


def test_the_organisation_is_not_asked_when_the_directory_holds_only_one():
    assert routing.steps_for("probation", directory_counts={"probation": 1}) == [
        "about",
        "subject",
    ]


def test_implied_subject():
    assert routing.implied_subject("this_service") == ""
    assert routing.implied_subject("police_force") == ""


# The routes table (directory/routes/): what each answer leads to ------------------------


def test_every_question_has_exactly_one_route_and_every_route_a_question():
    asked = {("unknown", ""), ("this_service", "")}
    for org_type, _label in routing.ORG_TYPE_CHOICES:
        for subject, _ in routing.SUBJECT_CHOICES.get(org_type, []):
            asked.add((org_type, subject))
    assert {(r.org_type, r.subject) for r in routes.ROUTES} == asked
    for org_type, subject in asked:
        route = routes.route_for(org_type, subject)
        assert (route.org_type, route.subject) == (org_type, subject)


def test_police_review_names_the_policing_body_and_the_iopc_for_its_cases():
    route = routes.route_for("police_force", "service")
    assert route.next_within == routes.Limit(days=28)
    assert "{policing_body}" in route.next_words and "IOPC" in route.next_words
    assert route.next_body.startswith("{policing_body}")


def test_magistrates_go_to_the_advisory_committee_not_the_jcio():
    route = routes.route_for("courts", "magistrate")
    assert "Advisory Committee" in route.body
    assert "JCIO does not take" in " ".join(route.stages)
    assert route.next_body == routes.JACO


def test_welsh_councils_go_to_the_psow_with_two_stages():
    route = routes.route_for("council", "wales")
    assert route.nation == routes.WALES and route.next_body == routes.PSOW
    assert len(route.stages) == 2 and "Local Government and Social Care" not in route.next_body
    assert routes.route_for("youth_offending", "service_wales").next_body == routes.PSOW
    assert routes.route_for("council", "adults").next_body == routes.LGSCO


def test_probation_never_offers_the_prisons_and_probation_ombudsman():
    for subject in ("service", "complaint_handling"):
        route = routes.route_for("probation", subject)
        assert route.next_body == routes.PHSO
        assert "does not take victims" in " ".join(route.notes)


def test_cica_decision_is_review_then_tribunal_ninety_days_each():
    route = routes.route_for("cica", "decision")
    assert route.kind == routes.CICA_REVIEW and route.limit == routes.Limit(days=90)
    assert route.next_within == routes.Limit(days=90) and "First-tier Tribunal" in route.next_body


def test_witness_care_is_a_police_complaint():
    assert routes.route_for("witness_care", "service").next_body == routes.POLICE_NEXT_BODY


def test_no_closure_falls_back_to_the_phso_where_it_does_not_apply():
    for org_type, subject in [("courts", "judge"), ("this_service", ""), ("unknown", "")]:
        assert routes.route_for(org_type, subject).next_body != routes.PHSO


def test_answers_the_questions_cannot_give_keep_what_is_known():
    assert routes.route_for("police_force", "nonsense").key == "police_force/service/"
    assert routes.route_for("nonsense", "service").org_type == "unknown"
    assert routes.route_for("", "").org_type == "unknown"


def test_every_guidance_path_is_a_shipped_page():
    from pathlib import Path

    pages = Path(__file__).resolve().parents[2] / "guidance" / "content" / "pages"
    for org_type, _label in routing.ORG_TYPE_CHOICES:
        path = routing.guidance_path(org_type).strip("/").replace("/", "__")
        assert (pages / f"{path}.md").exists(), org_type


@pytest.mark.parametrize(
    ("org_type", "subject", "nation", "expected"),
    [
        # A Welsh council takes the Welsh row whichever subject was picked...
        ("council", "adults", "Wales", "wales"),
        ("council", "children", "Wales", "wales"),
        ("council", "complaint_handling", "Wales", "complaint_handling_wales"),
        # ...and an English council the English row.
        ("council", "wales", "England", "adults"),
        ("council", "children", "England", "children"),
        ("council", "complaint_handling_wales", "England", "complaint_handling"),
        ("youth_offending", "service", "Wales", "service_wales"),
        ("youth_offending", "service_wales", "England", "service"),
        ("council", "children", None, "children"),
    ],
)
def test_a_council_s_nation_selects_its_row(org_type, subject, nation, expected):
    assert routes.subject_for_nation(org_type, subject, nation) == expected


def test_org_type_validity_has_one_answer_for_the_tool_the_form_and_guidance_links():
    assert all(routing.is_org_type(value) for value, _label in routing.ORG_TYPE_CHOICES)
    for value in ("", "police", None, ["police_force"], {"police_force": 1}):
        assert not routing.is_org_type(value)
