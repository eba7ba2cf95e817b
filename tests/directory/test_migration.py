"""The directory's models moved from `complaints` to `directory` without touching a row.

Runs on whichever database the suite uses; on PostgreSQL the foreign-key constraints are
real, so a broken move would fail the inserts or the checks below.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("complaints", "0003_rate_limit_counter"), ("directory", None)]


def _executor():
    return MigrationExecutor(connection)


@pytest.mark.django_db(transaction=True)
def test_rows_and_foreign_keys_survive_the_move_to_the_directory_app():
    executor = _executor()
    executor.migrate(BEFORE)
    old = executor.loader.project_state([BEFORE[0]]).apps
    Organisation = old.get_model("complaints", "Organisation")
    Rule = old.get_model("complaints", "RoutingRule")
    Right = old.get_model("complaints", "VictimsCodeRight")
    Membership = old.get_model("complaints", "StaffMembership")
    Complaint = old.get_model("complaints", "Complaint")
    User = old.get_model("auth", "User")
    ContentType.objects.filter(app_label="directory").delete()
    ContentType.objects.get_or_create(app_label="complaints", model="organisation")
    ContentType.objects.clear_cache()

    body = Organisation.objects.create(
        name="Old Body", slug="old-body", org_type="local_policing_body"
    )
    force = Organisation.objects.create(
        name="Old Police",
        slug="old-police",
        org_type="police_force",
        parent=body,
        escalation_body=body,
        inbox_email="inbox@example.org",
    )
    rule = Rule.objects.create(
        org_type="police_force",
        subject="service",
        target="chosen",
        reason="r",
        chosen_organisation=force,
    )
    right, _ = Right.objects.get_or_create(number=4, defaults={"title": "Support"})
    user = User.objects.create(username="old-staff", is_staff=True)
    Membership.objects.create(user=user, organisation=force)
    from django.utils import timezone

    complaint = Complaint.objects.create(
        reference="VC-OLDROW01",
        idempotency_key="k-old",
        received_at=timezone.now(),
        organisation=force,
        named_organisation=force,
        routing_rule=rule,
        role="self",
        what_happened="x",
        full_name="A Person",
    )
    complaint.rights_not_met.add(right)

    executor = _executor()
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    new = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps
    NewOrganisation = new.get_model("directory", "Organisation")
    NewComplaint = new.get_model("complaints", "Complaint")
    assert NewOrganisation._meta.db_table == "complaints_organisation"

    moved = NewOrganisation.objects.get(slug="old-police")
    assert moved.pk == force.pk and moved.parent.slug == "old-body"
    assert moved.escalation_body_id == body.pk and moved.inbox_email == "inbox@example.org"
    stored = NewComplaint.objects.get(reference="VC-OLDROW01")
    assert stored.organisation_id == force.pk and stored.named_organisation_id == force.pk
    assert stored.routing_rule.chosen_organisation_id == force.pk
    assert list(stored.rights_not_met.values_list("number", flat=True)) == [4]
    assert new.get_model("directory", "StaffMembership").objects.get().organisation_id == force.pk
    assert ContentType.objects.filter(app_label="directory", model="organisation").exists()
    assert not ContentType.objects.filter(app_label="complaints", model="organisation").exists()
    with connection.cursor() as cursor:
        checks = connection.introspection.get_constraints(cursor, "complaints_complaint")
    assert any(c["foreign_key"] == ("complaints_organisation", "id") for c in checks.values())
    ContentType.objects.clear_cache()
