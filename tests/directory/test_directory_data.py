"""The shipped directory and routing rules, loaded into the database."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from directory import routing
from directory import selectors as directory_selectors
from directory.data.loader import directory_load
from directory.models import Organisation, OrganisationType, RoutingRule

pytestmark = pytest.mark.django_db

T = OrganisationType


@pytest.fixture
def loaded():
    directory_load()


def count(org_type) -> int:
    return Organisation.objects.filter(org_type=org_type).count()


def test_the_directory_holds_every_organisation_the_issue_names(loaded):
    assert count(T.POLICE_FORCE) == 45  # 43 territorial, BTP, MoD Police
    assert Organisation.objects.filter(slug="british-transport-police").exists()
    assert Organisation.objects.filter(slug="ministry-of-defence-police").exists()
    assert count(T.VICTIMS_SERVICE) == 43
    # One per territorial force, the BTPA and the Ministry of Defence Police Committee.
    assert count(T.LOCAL_POLICING_BODY) == 45
    assert count(T.CPS) == 15  # 14 Areas and CPS Direct
    assert count(T.PROBATION) == 12
    for org_type in (T.COURTS, T.PRISONS, T.PAROLE_BOARD, T.CICA, T.IOPC, T.IAC, T.PHSO):
        assert count(org_type) == 1, org_type
    for org_type in (T.LGSCO, T.JCIO, T.PPO, T.THIS_SERVICE, T.CENTRAL_TRIAGE):
        assert count(org_type) == 1, org_type


def test_london_and_the_mayors(loaded):
    def body(slug):
        return Organisation.objects.get(slug=slug).parent.name

    assert body("metropolitan-police") == "Mayor's Office for Policing and Crime (MOPAC)"
    assert body("city-of-london-police").startswith("City of London Corporation")
    assert body("greater-manchester-police").startswith("Mayor of Greater Manchester")
    assert body("west-yorkshire-police").startswith("Mayor of West Yorkshire")
    assert body("kent-police") == "Police and Crime Commissioner for Kent"


def test_every_territorial_force_has_a_policing_body_and_a_victims_service(loaded):
    forces = Organisation.objects.filter(org_type=T.POLICE_FORCE).select_related(
        "parent", "escalation_body"
    )
    for force in forces:
        assert force.escalation_body.org_type == T.IOPC
        assert force.time_limit_months == 12
        if force.slug == "ministry-of-defence-police":
            continue
        assert force.parent.org_type == T.LOCAL_POLICING_BODY, force
    assert len(directory_selectors.police_areas()) == 43
    for service in Organisation.objects.filter(org_type=T.VICTIMS_SERVICE):
        assert service.parent.org_type == T.LOCAL_POLICING_BODY


def test_where_each_organisation_goes_next(loaded):
    def next_type(slug):
        return Organisation.objects.get(slug=slug).escalation_body.org_type

    assert next_type("cps-wessex") == T.IAC
    assert next_type("cps-direct") == T.IAC
    assert next_type("independent-assessor-of-complaints") == T.PHSO
    for slug in ("hmcts", "cica", "parole-board", "hm-prison-service", "probation-wales"):
        assert next_type(slug) == T.PHSO
    cps = Organisation.objects.get(slug="cps-wessex")
    assert (cps.time_limit_months, cps.response_working_days) == (6, 20)
    assert Organisation.objects.get(slug="hmcts").response_working_days == 10


def test_nothing_unchecked_is_published_as_contact_details(loaded):
    with_contacts = Organisation.objects.exclude(website="", phone="", email="")
    # None: a contact detail is shown only with a source page and date (contacts.csv).
    assert [(o.slug, o.website, o.phone, o.email) for o in with_contacts] == []


def test_loading_twice_changes_nothing_and_keeps_staff_edits(loaded):
    force = Organisation.objects.get(slug="kent-police")
    force.phone = "01234 567890"
    force.inbox_email = "complaints@example.org"
    force.save()
    rule = RoutingRule.objects.get(org_type="prisons")
    rule.reason = "Edited by staff"
    rule.is_active = False
    rule.save()
    before = (Organisation.objects.count(), RoutingRule.objects.count())

    call_command("load_directory")

    assert (Organisation.objects.count(), RoutingRule.objects.count()) == before
    force.refresh_from_db()
    assert (force.phone, force.inbox_email) == ("01234 567890", "complaints@example.org")
    rule.refresh_from_db()
    assert (rule.reason, rule.is_active) == ("Edited by staff", False)

    result = directory_load(reset_rules=True)
    rule.refresh_from_db()
    assert rule.is_active and rule.reason != "Edited by staff"
    assert result.organisations_created == 0


def _every_answer():
    for org_type, _label in routing.ORG_TYPE_CHOICES:
        subjects = [value for value, _ in routing.SUBJECT_CHOICES.get(org_type, [])] or [""]
        for subject in subjects:
            yield org_type, subject


# What each combination should reach, given the first organisation of the chosen type.
EXPECTED_TYPE = {
    ("police_force", "service"): T.POLICE_FORCE,
    ("police_force", "chief_constable"): T.LOCAL_POLICING_BODY,
    ("police_force", "complaint_handling"): T.LOCAL_POLICING_BODY,
    ("witness_care", "service"): T.POLICE_FORCE,
    ("witness_care", "complaint_handling"): T.POLICE_FORCE,
    ("courts", "judge"): T.JCIO,
    # Urgent, through the Victim Liaison Officer: never the Parole Board itself.
    ("parole_board", "decision"): T.CENTRAL_TRIAGE,
    # Advisory Committees are not in the directory: the central team passes it on.
    ("courts", "magistrate"): T.CENTRAL_TRIAGE,
    ("courts", "tribunal_or_coroner"): T.CENTRAL_TRIAGE,
    ("police_force", "commissioner"): T.CENTRAL_TRIAGE,
    ("this_service", ""): T.THIS_SERVICE,
    ("unknown", ""): T.CENTRAL_TRIAGE,
}


def test_the_seeded_rules_route_every_answer_somewhere_sensible(loaded):
    rules, organisations, triage_id = directory_selectors.routing_inputs()
    for org_type, subject in _every_answer():
        kind = routing.directory_type(org_type)
        chosen = (
            Organisation.objects.filter(org_type=kind, parent__isnull=False).first()
            or Organisation.objects.filter(org_type=kind).first()
            if kind
            else None
        )
        decision = routing.route(
            routing.Answers(org_type, subject, chosen.id if chosen else None),
            rules=rules,
            organisations=organisations,
            triage_id=triage_id,
        )
        target = organisations[decision.organisation_id]
        expected = EXPECTED_TYPE.get((org_type, subject))
        if expected is None:
            expected = org_type
        assert target.org_type == expected, (org_type, subject, target)
        assert decision.reason
        # Only "I don't know" reaches triage without a rule deciding it.
        assert (decision.rule_id is None) == (org_type == "unknown"), (org_type, subject)


def test_directory_lookup_costs_two_queries(loaded, django_assert_num_queries):
    with django_assert_num_queries(2):
        area = directory_selectors.police_area("metropolitan-police")
    assert area.policing_body.slug == "metropolitan-local-policing-body"
    assert [s.slug for s in area.victims_services] == ["metropolitan-victims-service"]


def test_every_shipped_rule_passes_the_admin_form(loaded):
    """The rules staff edit in admin: each shipped one must save unchanged through the form."""
    from django.forms.models import model_to_dict

    from directory.admin import RoutingRuleForm

    rules = list(RoutingRule.objects.all())
    assert rules
    for rule in rules:
        form = RoutingRuleForm(data=model_to_dict(rule), instance=rule)
        assert form.is_valid(), (str(rule), form.errors)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"target": "fixed", "target_organisation": None}, "target_organisation"),
        ({"target": "chosen", "target_organisation": "any"}, "target_organisation"),
        ({"org_type": "police_force", "subject": "no-such-subject"}, "subject"),
    ],
)
def test_the_admin_form_refuses_a_rule_that_could_not_work(loaded, changes, field):
    from django.forms.models import model_to_dict

    from directory.admin import RoutingRuleForm

    rule = RoutingRule.objects.filter(org_type="police_force").first()
    data = model_to_dict(rule)
    for key, value in changes.items():
        data[key] = Organisation.objects.first().pk if value == "any" else value
    form = RoutingRuleForm(data={k: v for k, v in data.items() if v is not None}, instance=rule)
    assert not form.is_valid()
    assert field in form.errors
