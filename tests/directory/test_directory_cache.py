"""Each process keeps one copy of the directory; edits reach it at once or within seconds."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory

from complaints import selectors
from directory import cache as directory_cache
from directory import selectors as directory_selectors
from directory.data.loader import directory_load
from directory.models import Organisation, RoutingRule
from tests.complaints.journey_support import directory_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    return directory_create()


def test_the_directory_is_read_once_between_rechecks(
    directory, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(directory_cache, "RECHECK_SECONDS", 3600)  # however slow the run
    directory_selectors.routing_inputs()
    with django_assert_num_queries(0):
        rules, organisations, triage_id = directory_selectors.routing_inputs()
        choices = directory_selectors.directory_choices("police_force")
        details = directory_selectors.organisation_details(directory["north"].id)
        rights = directory_selectors.right_ids()
    assert triage_id == directory["triage"].id
    assert directory["north"].id in organisations
    assert choices == [
        (directory["north"].id, "Northshire Police"),
        (directory["south"].id, "Southshire Police"),
    ]
    assert details.time_limit_months == 12 and details.escalation_name == "Test Ombudsman"
    assert sorted(rights) == list(range(1, 13))


def test_loading_it_again_is_four_small_queries(directory, monkeypatch, django_assert_num_queries):
    directory_selectors.routing_inputs()
    monkeypatch.setattr(directory_cache, "RECHECK_SECONDS", 0)
    with django_assert_num_queries(4):  # rules, organisations, staff, rights
        directory_selectors.routing_inputs()


def test_nobody_can_change_the_shared_copy(directory):
    _rules, organisations, _triage = directory_selectors.routing_inputs()
    with pytest.raises(TypeError):
        organisations[directory["north"].id] = None


def test_an_edit_made_in_another_process_shows_after_the_recheck(directory, monkeypatch):
    """Another worker's save cannot clear this process's copy; the reload catches it,
    however the row was written (here `update()`, which bypasses save())."""
    assert directory["south"].id in directory_selectors.routing_inputs().organisations

    Organisation.objects.filter(pk=directory["south"].pk).update(is_active=False)
    # Within the interval:
    assert directory["south"].id in directory_selectors.routing_inputs().organisations

    monkeypatch.setattr(directory_cache, "RECHECK_SECONDS", 0)
    assert directory["south"].id not in directory_selectors.routing_inputs().organisations
    assert directory_selectors.directory_choices("police_force") == [
        (directory["north"].id, "Northshire Police")
    ]


def test_a_deleted_rule_is_noticed_by_the_recheck(directory, monkeypatch):
    assert len(directory_selectors.routing_inputs().rules) == 1
    RoutingRule.objects.all().delete()
    monkeypatch.setattr(directory_cache, "RECHECK_SECONDS", 0)
    assert directory_selectors.routing_inputs().rules == []


def test_saving_in_admin_shows_in_this_process_at_once(directory, admin_user):
    from directory.admin import OrganisationAdmin, RoutingRuleAdmin

    request = RequestFactory().post("/")
    request.user = admin_user
    assert directory_selectors.directory_choices("police_force")[1][1] == "Southshire Police"

    south = directory["south"]
    south.name = "South Shire Constabulary"
    OrganisationAdmin(Organisation, admin.site).save_model(request, south, None, True)
    assert directory_selectors.directory_choices("police_force")[1][1] == "South Shire Constabulary"

    rule = RoutingRule.objects.get()
    RoutingRuleAdmin(RoutingRule, admin.site).delete_model(request, rule)
    assert directory_selectors.routing_inputs().rules == []


def test_loading_the_directory_shows_in_this_process_at_once():
    assert directory_selectors.directory_counts().get("police_force", 0) == 0
    directory_load()
    assert directory_selectors.directory_counts()["police_force"] > 40


def test_without_a_central_triage_team_routing_says_so_and_the_journey_guesses_nothing():
    Organisation.objects.all().delete()
    with pytest.raises(Organisation.DoesNotExist):
        directory_selectors.routing_inputs()
    assert (
        selectors.complaint_route_preview(org_type="police_force", subject="", organisation_id=None)
        is None
    )
