"""Staff of organisation A walk every URL of every registered ModelAdmin against B's objects.

They must get a refusal (403), a "not found" (404) or a redirect (302), and never see any of
B's text: its reference or the canary written into what happened, the complainant's name,
an internal note, an email subject and an attachment.
"""

from __future__ import annotations

import itertools

import pytest
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, reverse
from django.utils import timezone

from complaints import services, uploads
from complaints.admin.actions import ACTIONS
from complaints.emails import email_queue
from complaints.models import (
    AccessLog,
    Attachment,
    Complaint,
    InternalNote,
    OutboundEmail,
    StatusChange,
)
from complaints.workflow import Status
from directory.models import StaffMembership
from tests.complaints.triage_setup import CANARY, two_orgs  # noqa: F401

ALLOWED = {200, 302, 403, 404, 405}


@pytest.fixture
def world(two_orgs, settings):  # noqa: F811
    """Organisation B's complaint with something of B's in every related table."""
    b = two_orgs.complaint_b
    bob = two_orgs.staff_b
    services.complaint_acknowledge(complaint_id=b.pk, actor=bob, note=f"Ack {CANARY}")
    services.note_add(complaint_id=b.pk, author=bob, text=f"Note {CANARY}")
    services.access_log_record(user=bob, complaint_id=b.pk, action="viewed")
    email_queue(
        to="bravo.person@example.com",
        kind="acknowledged",
        subject=f"Subject {CANARY}",
        body=f"Body {CANARY}",
        complaint=b,
        organisation=two_orgs.org_b,
    )
    # An email to B's inbox that is about no complaint in particular.
    email_queue(
        to="inbox@bravo.example.org",
        kind="inbox",
        subject=f"Inbox {CANARY}",
        body=f"Body {CANARY}",
        organisation=two_orgs.org_b,
    )
    path = uploads.attachment_path(stored_name="b" * 32)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(CANARY.encode())
    Attachment.objects.create(
        complaint=b,
        original_name=f"{CANARY}.pdf",
        stored_name="b" * 32,
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        uploaded_at=timezone.now(),
    )
    # B's own admin history, which must not show up in A's "recent actions" or history.
    LogEntry.objects.log_actions(
        user_id=bob.pk,
        queryset=[b],
        action_flag=CHANGE,
        change_message=f"Changed {CANARY}",
        single_object=True,
    )
    return two_orgs


def _b_objects(world) -> dict[type, object]:
    b = world.complaint_b
    return {
        Complaint: b,
        type(world.org_b): world.org_b,
        type(world.staff_b): world.staff_b,
        StatusChange: StatusChange.objects.filter(complaint=b).first(),
        InternalNote: InternalNote.objects.filter(complaint=b).first(),
        OutboundEmail: OutboundEmail.objects.filter(complaint=b).first(),
        AccessLog: AccessLog.objects.filter(complaint=b).first(),
        Attachment: Attachment.objects.filter(complaint=b).first(),
        StaffMembership: StaffMembership.objects.filter(user=world.staff_b).first(),
    }


def _urls_for(model, model_admin, obj, attachment, reference) -> list[tuple[str, bool]]:
    """Every URL this ModelAdmin serves, filled in with B's object: (url, names_b_object)."""
    urls = []
    for pattern in model_admin.get_urls():
        if not isinstance(pattern, URLPattern) or not pattern.name:
            continue
        converters = set(pattern.pattern.converters)
        options: dict[str, list] = {}
        for name in converters:
            if name == "action":
                options[name] = list(ACTIONS)
            elif name == "attachment_id":
                options[name] = [attachment.pk]
            else:  # object_id, or id (the user admin's password page)
                options[name] = [obj.pk if obj is not None else 999999]
        keys = list(options)
        for values in itertools.product(*(options[k] for k in keys)):
            kwargs = dict(zip(keys, values, strict=True))
            url = reverse(f"admin:{pattern.name}", kwargs=kwargs)
            urls.append((url, obj is not None and bool(kwargs)))
    changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    # Search terms are echoed back, so search for part of the canary and of B's reference.
    urls.append((f"{changelist}?q={CANARY[:-1]}", False))
    urls.append((f"{changelist}?q={reference[:-1]}", False))
    return urls


def _b_texts(world) -> list[str]:
    return [world.complaint_b.reference, CANARY]


def _assert_nothing_of_b(response, url, world):
    assert response.status_code in ALLOWED, f"{url} -> {response.status_code}"
    if hasattr(response, "streaming_content"):
        body = b"".join(response.streaming_content).decode(errors="replace")
    else:
        body = response.content.decode(errors="replace")
    for text in _b_texts(world):
        assert text not in body, f"{url} showed organisation B's {text!r}"


def _walk(client, world, *, visible_models=()) -> int:
    """GET and POST every URL of every registered ModelAdmin with B's objects filled in.

    `visible_models` may show B's object itself (the directory, to its editors), though
    still none of B's complaint text.
    """
    objects = _b_objects(world)
    attachment = objects[Attachment]
    walked = 0
    for model, model_admin in admin.site._registry.items():
        for url, names_b_object in _urls_for(
            model, model_admin, objects.get(model), attachment, world.complaint_b.reference
        ):
            for method in ("get", "post"):
                data = {
                    "note": "x",
                    "text": "x",
                    "organisation": world.org_a.pk,
                    "assign_to_me": "1",
                    "post": "yes",
                }
                response = getattr(client, method)(url, data if method == "post" else None)
                walked += 1
                _assert_nothing_of_b(response, f"{method.upper()} {url}", world)
                if names_b_object and model not in visible_models:
                    assert response.status_code != 200, f"{method.upper()} {url} was allowed"
    return walked


def _assert_b_unchanged(world, history_before: int) -> None:
    b_complaint = world.complaint_b
    b_complaint.refresh_from_db()
    assert b_complaint.status == Status.ACKNOWLEDGED
    assert b_complaint.organisation == world.org_b
    assert b_complaint.assigned_to is None
    assert StatusChange.objects.filter(complaint=b_complaint).count() == history_before
    assert InternalNote.objects.filter(complaint=b_complaint).count() == 1
    assert StaffMembership.objects.filter(user=world.staff_b, organisation=world.org_b).exists()
    assert not StaffMembership.objects.filter(user=world.staff_a, organisation=world.org_b).exists()
    world.staff_a.refresh_from_db()
    assert not world.staff_a.is_superuser
    assert type(world.org_b).objects.filter(pk=world.org_b.pk).exists()
    assert type(world.staff_b).objects.filter(pk=world.staff_b.pk).exists()


def test_every_admin_url_refuses_another_organisations_objects(client, staff_login, world):
    staff_login(world.staff_a)
    history_before = StatusChange.objects.filter(complaint=world.complaint_b).count()
    assert _walk(client, world) > 100  # the walk really covered the admin
    _assert_b_unchanged(world, history_before)


def test_scoping_holds_for_staff_with_every_model_permission(client, staff_login, world):
    """Scoping rests on memberships, not permissions: A's staff with every permission Django
    has (short of superuser) still see nothing of B's complaint, and cannot reach the
    accounts, memberships, authenticator devices or task results that would let them
    give themselves more (auth, django-otp and django-tasks-db admins included)."""
    from django.contrib.auth.models import Permission

    world.staff_a.user_permissions.set(Permission.objects.all())
    staff_login(world.staff_a)
    history_before = StatusChange.objects.filter(complaint=world.complaint_b).count()
    assert _walk(client, world, visible_models={type(world.org_b)}) > 100
    _assert_b_unchanged(world, history_before)
    for name in (
        "auth_user_changelist",
        "auth_group_changelist",
        "otp_totp_totpdevice_changelist",
        "django_tasks_database_dbtaskresult_changelist",
        "directory_staffmembership_changelist",
    ):
        assert client.get(reverse(f"admin:{name}")).status_code == 403, name
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:auth_user_changelist") not in index

    # The direct attempts: join organisation B, or make yourself a superuser.
    me = world.staff_a
    joined = client.post(
        reverse("admin:directory_staffmembership_add"),
        {"user": me.pk, "organisation": world.org_b.pk},
    )
    promoted = client.post(
        reverse("admin:auth_user_change", args=[me.pk]),
        {"username": me.username, "is_staff": "on", "is_active": "on", "is_superuser": "on"},
    )
    assert (joined.status_code, promoted.status_code) == (403, 403)
    _assert_b_unchanged(world, history_before)


def test_directory_and_routing_rules_are_edited_by_superusers_only(client, staff_login, world):
    """A rule or an organisation decides whose staff see a complaint, so staff with every
    directory permission still cannot send B's future complaints to A, retire B, or change
    the inbox B's notifications go to."""
    from django.contrib.auth.models import Permission

    from directory.models import RoutingRule

    world.staff_a.user_permissions.set(
        Permission.objects.filter(content_type__model__in=["organisation", "routingrule"])
    )
    staff_login(world.staff_a)
    rules_before = RoutingRule.objects.count()
    rule = client.post(
        reverse("admin:directory_routingrule_add"),
        {
            "priority": 1,
            "org_type": world.org_b.org_type,
            "chosen_organisation": world.org_b.pk,
            "target": RoutingRule.Target.FIXED,
            "target_organisation": world.org_a.pk,
            "reason": "Redirected.",
            "is_active": "on",
        },
    )
    retire = client.post(
        reverse("admin:directory_organisation_change", args=[world.org_b.pk]),
        {"name": world.org_b.name, "inbox_email": "attacker@alpha.example.org"},
    )
    own = client.get(reverse("admin:directory_organisation_change", args=[world.org_a.pk]))
    assert rule.status_code == 403 and retire.status_code in (302, 403)
    assert RoutingRule.objects.count() == rules_before
    world.org_b.refresh_from_db()
    assert world.org_b.is_active and world.org_b.inbox_email != "attacker@alpha.example.org"
    # Rules can be read; their own organisation can be seen but not edited.
    assert client.get(reverse("admin:directory_routingrule_changelist")).status_code == 200
    assert own.status_code == 200 and b'name="inbox_email"' not in own.content


def test_admin_index_autocomplete_and_bulk_actions_show_nothing_of_b(client, staff_login, world):
    staff_login(world.staff_a)
    b = world.complaint_b
    for url in [
        reverse("admin:index"),
        reverse("admin:app_list", args=["complaints"]),
        reverse("admin:complaints_complaint_dashboard"),
        reverse("admin:complaints_complaint_changelist") + f"?q={b.reference[:-1]}",
        reverse("admin:complaints_complaint_changelist")
        + f"?organisation__id__exact={world.org_b.pk}",
        reverse("admin:autocomplete")
        + "?app_label=complaints&model_name=organisation&field_name=parent&term=Bravo",
        reverse("admin:autocomplete")
        + "?app_label=complaints&model_name=staffmembership&field_name=organisation&term=Bravo",
    ]:
        _assert_nothing_of_b(client.get(url), url, world)

    changelist = reverse("admin:complaints_complaint_changelist")
    for action in (
        "acknowledge_selected",
        "assign_to_me",
        "start_investigation_selected",
        "export_csv",
    ):
        response = client.post(
            changelist, {"action": action, "_selected_action": [b.pk], "index": 0}
        )
        _assert_nothing_of_b(response, f"{action} on B", world)
    b.refresh_from_db()
    assert b.status == Status.ACKNOWLEDGED and b.assigned_to is None


def test_a_superuser_sees_b_so_the_walk_is_not_vacuous(client, staff_login, world):
    from tests.complaints.builders import staff_build

    staff_login(staff_build(is_superuser=True))
    b = world.complaint_b
    response = client.get(reverse("admin:complaints_complaint_change", args=[b.pk]))
    assert response.status_code == 200
    assert CANARY in response.content.decode()


def test_staff_see_their_own_complaint_through_the_same_urls(client, staff_login, world):
    staff_login(world.staff_a)
    a = world.complaint_a
    response = client.get(reverse("admin:complaints_complaint_change", args=[a.pk]))
    assert response.status_code == 200 and a.reference in response.content.decode()
    changelist = client.get(reverse("admin:complaints_complaint_changelist")).content.decode()
    assert a.reference in changelist


def test_organisation_and_routing_rule_editing_is_not_for_handlers(client, staff_login, world):
    staff_login(world.staff_a)
    assert client.get(reverse("admin:directory_routingrule_changelist")).status_code == 403
    assert client.get(reverse("admin:directory_organisation_add")).status_code == 403
    own = client.get(reverse("admin:directory_organisation_change", args=[world.org_a.pk]))
    assert own.status_code == 200
    assert b'name="name"' not in own.content  # view only
    ContentType.objects.clear_cache()


def test_an_inbox_email_stays_with_its_inbox_when_the_complaint_moves(two_orgs):  # noqa: F811
    """Before, inbox emails followed the complaint: after a transfer B saw (and could resend)
    a failed email holding A's private inbox address, and A lost sight of its own failure."""
    from complaints import selectors

    a, b = two_orgs.org_a, two_orgs.org_b
    complaint = two_orgs.complaint_a
    common = {"subject": "s", "body": "b", "complaint": complaint, "organisation": a}
    email_queue(to="inbox@alpha.example.org", kind=OutboundEmail.Kind.INBOX_ROUTED, **common)
    email_queue(to="person@example.com", kind=OutboundEmail.Kind.RECEIVED, **common)
    OutboundEmail.objects.update(state=OutboundEmail.State.FAILED)
    services.complaint_transfer(
        complaint_id=complaint.pk, actor=two_orgs.staff_a, to_organisation_id=b.pk, reason="B's."
    )

    def failed_for(user) -> set[str]:
        emails = selectors.emails_for_user(user).filter(state=OutboundEmail.State.FAILED)
        return set(emails.values_list("to_address", flat=True))

    assert failed_for(two_orgs.staff_a) == {"inbox@alpha.example.org"}
    assert failed_for(two_orgs.staff_b) == {"person@example.com"}
