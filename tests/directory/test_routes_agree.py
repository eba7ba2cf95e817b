"""For every row of the routes table, the tool, the closure email and the progress page say
the same body and deadline: they all read the row, none decides again."""

from __future__ import annotations

import html
import re
import uuid

import pytest
from django.utils import timezone

from complaints import services
from complaints.models import Complaint, OutboundEmail
from directory import routes, routing
from directory.data.loader import directory_load
from directory.models import Organisation

pytestmark = pytest.mark.django_db


def _chosen(org_type: str, nation: str = "") -> Organisation | None:
    kind = routing.directory_type(org_type)
    if kind is None:
        return None
    shown = Organisation.objects.filter(org_type=kind, is_active=True)
    if kind in ("council", "youth_offending") and nation:
        # A council of the row's own nation: its nation decides the row.
        shown = shown.filter(area__endswith=f"({nation.title()})")
    # A force with a local policing body, so the police rows name it.
    return (
        shown.filter(parent__isnull=False).order_by("name").first()
        or shown.order_by("name").first()
    )


def _tool_result(client, org_type: str, subject: str, chosen) -> str:
    client.post("/who-should-i-complain-to/about/", {"answer": org_type})
    if routing.asks_subject(org_type):
        client.post("/who-should-i-complain-to/subject/", {"answer": subject})
    if chosen is not None:
        client.post("/who-should-i-complain-to/organisation/", {"answer": str(chosen.pk)})
    response = client.get("/who-should-i-complain-to/result/")
    assert response.status_code == 200, (org_type, subject)
    return html.unescape(response.content.decode())


def _progress_page(client, complaint: Complaint) -> str:
    from django.core import mail

    from complaints import emails

    services.progress_link_create(reference=complaint.reference, email=complaint.email)
    # The link is made when the email is sent (the outbox never holds it).
    email = OutboundEmail.objects.filter(kind=OutboundEmail.Kind.PROGRESS_LINK).latest("id")
    if email.state == OutboundEmail.State.QUEUED:
        emails.email_send(email_id=email.pk)
    token = re.search(r"/complaints/check/link/([A-Za-z0-9_\-]+)/", mail.outbox[-1].body).group(1)
    client.post(f"/complaints/check/link/{token}/")
    return html.unescape(client.get("/complaints/check/status/").content.decode())


@pytest.mark.parametrize("route", routes.ROUTES, ids=lambda r: r.key)
def test_tool_closure_email_and_progress_page_agree(
    client, route, mailoutbox, django_capture_on_commit_callbacks
):
    directory_load()
    from django.urls import reverse

    assert reverse("guidance:tool_result") == "/who-should-i-complain-to/result/"
    chosen = _chosen(route.org_type, route.nation)
    tool = _tool_result(client, route.org_type, route.subject, chosen)

    with django_capture_on_commit_callbacks(execute=True):
        submitted = services.complaint_submit(
            idempotency_key=uuid.uuid4().hex,
            fields={
                "about_org_type": route.org_type,
                "about_subject": route.subject,
                "named_organisation_id": chosen.pk if chosen else None,
                "role": Complaint.Role.SELF,
                "what_happened": "What happened.",
                "full_name": "A Person",
                "email": "person@example.com",
                "safe_by_email": True,
            },
        )
    complaint = submitted.complaint
    assert complaint.route_key == route.key and complaint.request_kind == route.kind
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_close(complaint_id=complaint.pk, actor=None)
    complaint.refresh_from_db()
    closed = (
        "Your complaint has been closed"
        if route.is_complaint
        else "We have finished dealing with your request"
    )
    [closure] = [m for m in mailoutbox if m.subject == closed]
    email = html.unescape(closure.body)
    progress = _progress_page(client, complaint)

    from complaints import notifications

    step = notifications.next_step(complaint)
    if route.next_body:
        body = step.body
        assert "{" not in body
        for page in (tool, email, progress):
            assert f"Who to ask next: {body}." in page, (route.key, page[-3000:])
    else:
        for page in (tool, email, progress):
            assert "Who to ask next" not in page, route.key
    if route.next_within:
        deadline = route.next_deadline(timezone.localdate(complaint.closed_at))
        assert step.deadline == deadline
        words = f"{deadline.day} {deadline:%B %Y}"
        # The date the site closed it is not the date on the letter: no date is computed.
        assert words not in email and words not in progress
        # Said once, in the row's own words (never "of the final reply" as well).
        assert "data-next>" in tool
        assert "Count the time from the date on the letter or final reply" in email
        assert "Count the time from the date on the letter or final reply" in progress
    else:
        assert step.deadline is None
        assert "Count the time" not in email and "Count the time" not in progress
    # The closure never sends everyone to the PHSO, nor every police complainant to the IOPC.
    if route.next_body != routes.PHSO:
        assert "Who to ask next: the Parliamentary" not in email
    if route.org_type in ("police_force", "witness_care") and route.next_body:
        assert "Who to ask next: the Independent Office" not in email or (
            route.subject == "chief_constable"
        )
