"""Councils, their youth justice services and Witness Care Units are in the directory, and a
council complaint goes to the council the person chose, by the procedure of its nation."""

from __future__ import annotations

import pytest

from directory import cache as directory_cache
from directory import decide, routes, routing
from directory.data import routing_rules
from directory.data.loader import directory_load
from directory.models import Organisation, OrganisationType, RoutingRule

pytestmark = pytest.mark.django_db

T = OrganisationType


@pytest.fixture
def loaded():
    directory_load()
    directory_cache.clear()


def test_every_council_with_social_services_duties_is_in_the_directory(loaded):
    councils = Organisation.objects.filter(org_type=T.COUNCIL)
    assert councils.count() == 175
    assert councils.filter(area__endswith="(England)").count() == 153
    assert councils.filter(area__endswith="(Wales)").count() == 22
    assert councils.filter(name="Leeds City Council").exists()
    assert councils.filter(name="Cardiff Council").exists()


def test_each_council_goes_next_to_its_own_nation_s_ombudsman(loaded):
    for council in Organisation.objects.filter(org_type=T.COUNCIL).select_related(
        "escalation_body"
    ):
        wales = council.area.endswith("(Wales)")
        expected = T.PSOW if wales else T.LGSCO
        assert council.escalation_body.org_type == expected, council.name
        assert ("two stages" in council.response_policy) == wales, council.name


def test_youth_justice_services_by_council_and_a_witness_care_unit_for_each_police_area(loaded):
    services = Organisation.objects.filter(org_type=T.YOUTH_OFFENDING).select_related("parent")
    assert services.count() == 175
    assert all(s.parent.org_type == T.COUNCIL for s in services)
    units = Organisation.objects.filter(org_type=T.WITNESS_CARE).select_related("parent")
    assert units.count() == 43
    # Run by the police with the CPS: a police complaint route.
    assert all(u.parent.org_type == T.POLICE_FORCE for u in units)
    assert all("Crown Prosecution Service" in u.response_policy for u in units)


def test_loading_twice_changes_nothing(loaded):
    before = Organisation.objects.count(), RoutingRule.objects.count()
    result = directory_load()
    assert result.organisations_created == 0
    assert (Organisation.objects.count(), RoutingRule.objects.count()) == before


def test_a_load_brings_the_old_council_rule_up_to_date_unless_staff_changed_it(loaded):
    old_council, old_youth = routing_rules.SUPERSEDED
    rule = RoutingRule.objects.get(org_type="council", subject="")
    rule.target, rule.reason = old_council[2], old_council[3]
    rule.target_organisation = Organisation.objects.get(slug="central-triage")
    rule.save()
    edited = RoutingRule.objects.get(org_type="youth_offending", subject="")
    edited.target, edited.reason = "fixed", "Staff wrote this."
    edited.target_organisation = Organisation.objects.get(slug="central-triage")
    edited.save()
    directory_load()
    rule.refresh_from_db()
    edited.refresh_from_db()
    assert rule.target == "chosen"
    assert edited.reason == "Staff wrote this."


def _decide(org_type, subject, name):
    chosen = Organisation.objects.get(name=name)
    return decide.decide(routing.Answers(org_type, subject, chosen.pk))


def test_a_council_complaint_goes_to_the_council_chosen(loaded):
    outcome = _decide("council", "children", "Leeds City Council")
    assert outcome.organisation_name == "Leeds City Council"
    assert "Leeds City Council" in outcome.reason
    assert outcome.route.key == "council/children/england"
    assert outcome.route.next_body == routes.LGSCO


def test_a_welsh_council_takes_the_welsh_row_whatever_subject_was_picked(loaded):
    outcome = _decide("council", "adults", "Cardiff Council")
    assert outcome.organisation_name == "Cardiff Council"
    assert outcome.route.key == "council/wales/wales"
    assert outcome.route.next_body == routes.PSOW
    assert len(outcome.stages) == 2


def test_an_english_council_never_gets_the_welsh_row(loaded):
    outcome = _decide("council", "wales", "Leeds City Council")
    assert outcome.route.nation == routes.ENGLAND
    assert outcome.route.next_body == routes.LGSCO


def test_a_youth_justice_service_goes_to_itself_by_its_council_s_nation(loaded):
    outcome = _decide("youth_offending", "service", "Youth justice service (Cardiff Council)")
    assert outcome.organisation_name == "Youth justice service (Cardiff Council)"
    assert outcome.route.key == "youth_offending/service_wales/wales"


def test_not_knowing_which_council_goes_to_the_central_team(loaded):
    outcome = decide.decide(routing.Answers("council", "adults", None))
    assert outcome.passes_on
    assert outcome.organisation_id is None


def test_every_welsh_council_its_youth_justice_service_and_witness_care_unit_has_a_welsh_name():
    from directory.data.directory import organisations

    rows = organisations()
    welsh_councils = [r for r in rows if r["org_type"] == "council" and "(Wales)" in r["area"]]
    welsh_youth = [r for r in rows if r["org_type"] == "youth_offending" and "(Wales)" in r["area"]]
    assert len(welsh_councils) == len(welsh_youth) == 22
    assert all(r["name_cy"].startswith("Cyngor ") for r in welsh_councils)
    assert all(
        r["name_cy"].startswith("Gwasanaeth cyfiawnder ieuenctid (Cyngor ") for r in welsh_youth
    )
    units = {r["slug"]: r["name_cy"] for r in rows if r["org_type"] == "witness_care"}
    assert units["south-wales-witness-care-unit"] == "Uned Gofal Tystion (Heddlu De Cymru)"
    english = [r for r in rows if r["org_type"] == "council" and "(England)" in r["area"]]
    assert english and not any(r["name_cy"] for r in english)
