"""A value typed into every field of the journey never reaches the logs."""

from __future__ import annotations

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints.models import Complaint
from tests.complaints import files
from tests.complaints.journey_support import directory_create, step_url

CANARY = "canary7Q3zX"


@pytest.mark.django_db
def test_a_canary_in_every_field_never_appears_in_logs(
    client, caplog, django_capture_on_commit_callbacks
):
    directory = directory_create()
    caplog.set_level(logging.DEBUG)
    client.get(f"/complaints/?about=police_force&{CANARY}=1")
    client.post("/complaints/before-you-start/")
    pages = [
        ("who", {"role": "on_behalf"}),
        (
            "on-behalf",
            {
                "affected_person_name": f"{CANARY} affected",
                "relationship": f"{CANARY} relation",
                "permission": "written",
            },
        ),
        (
            "permission",
            {
                "action": "continue",
                "permission_file": SimpleUploadedFile(f"{CANARY}.pdf", files.pdf(text=CANARY)),
            },
        ),
        ("about", {"org_type": "police_force"}),
        ("subject", {"subject": "service"}),
        ("organisation", {"organisation": str(directory["north"].id)}),
        ("rights", {"rights": ["2"]}),
        ("when", {"day": "1", "month": "1", "year": "2020"}),
        ("late", {"late_reason": f"{CANARY} late"}),
        ("reference", {"crime_reference": f"{CANARY} ref"}),
        ("what-happened", {"what_happened": f"{CANARY} what"}),
        ("who-was-involved", {"who_was_involved": f"{CANARY} who"}),
        ("outcome", {"outcome_wanted": f"{CANARY} outcome"}),
        (
            "evidence",
            {
                "action": "continue",
                "files": SimpleUploadedFile(f"{CANARY}.txt", f"{CANARY} text".encode()),
            },
        ),
        ("name", {"full_name": f"{CANARY} Name"}),
        (
            "contact",
            {
                "methods": ["email", "phone", "post"],
                "email": f"{CANARY}@example.com",
                "phone": "07700 900982",
                "may_leave_messages": "yes",
                "address": f"{CANARY} Street",
                "times_to_avoid": f"{CANARY} times",
            },
        ),
        (
            "support",
            {
                "needs_interpreter": "on",
                "language": f"{CANARY} language",
                "accessibility_needs": f"{CANARY} access",
                "adjustments": f"{CANARY} adjust",
            },
        ),
    ]
    for slug, data in pages:
        assert client.post(step_url(slug), data).status_code == 302, slug
    # Bad input too: error pages must not log what was typed either.
    client.post(step_url("contact"), {"methods": ["email"], "email": f"{CANARY}-not-an-email"})
    client.post(step_url("contact") + "?change=1", pages[14][1])
    client.get("/complaints/check-your-answers/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/complaints/check-your-answers/", {"declaration": "on"})
    complaint = Complaint.objects.get()
    assert CANARY in complaint.what_happened
    client.get("/complaints/complaint-sent/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/complaints/check/", {"reference": complaint.reference, "email": complaint.email}
        )
    client.post("/complaints/check/", {"reference": CANARY, "email": CANARY})

    assert caplog.records, "expected some log records to check"
    logged = caplog.text + "\n".join(str(r.__dict__) for r in caplog.records)
    assert CANARY not in logged
    assert complaint.reference not in logged
