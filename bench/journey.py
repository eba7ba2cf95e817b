"""A finished complaint journey in a fresh session, written straight to the session store.

The benchmark and the database-restart drill drive only the final POST (check your
answers -> submit): walking 15 question pages per complaint would measure the questions,
not the submission. The answers are saved through `complaints.journey.Journey`, the same
code the question pages use, so the session is exactly what a person would leave behind.
"""

from __future__ import annotations

import copy
import secrets
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import get_random_string

from complaints import uploads
from complaints.journey import STEPS_BY_SLUG, Journey
from complaints.models import Complaint
from directory import routing

ORG_TYPE = "police_force"


def _answers_for(journey: Journey) -> list[tuple[str, dict]]:
    incident = timezone.localdate() - timedelta(days=30)
    steps: list[tuple[str, dict]] = [
        ("who", {"role": Complaint.Role.SELF}),
        ("about", {"org_type": ORG_TYPE}),
    ]
    return steps + [
        ("rights", {"rights": [7]}),
        (
            "when",
            {
                "incident_date": incident.isoformat(),
                "day": str(incident.day),
                "month": str(incident.month),
                "year": str(incident.year),
                "approximate": False,
            },
        ),
        ("reference", {"crime_reference": ""}),
        ("what-happened", {"what_happened": "I was not offered the chance to make a statement."}),
        ("who-was-involved", {"who_was_involved": ""}),
        ("outcome", {"outcome_wanted": ""}),
        ("evidence", {}),
        ("name", {"full_name": "Benchmark Person"}),
        (
            "contact",
            {
                "safe_by_email": False,
                "safe_by_phone": False,
                "safe_by_post": False,
                "times_to_avoid": "",
            },
        ),
        ("support", {"needs_interpreter": False, "accessibility_needs": "", "adjustments": ""}),
    ]


def finished_session() -> tuple[str, str]:
    """Return ("<session cookie name>=<key>", csrf secret) for a ready-to-submit complaint."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    journey = Journey(store)
    journey.start()
    for slug, answers in _answers_for(journey):
        journey.save_step(STEPS_BY_SLUG[slug], answers)
        if slug == "about":
            if STEPS_BY_SLUG["subject"] in journey.applicable():
                subject = routing.SUBJECT_CHOICES[ORG_TYPE][0][0]
                journey.save_step(STEPS_BY_SLUG["subject"], {"subject": subject})
            if STEPS_BY_SLUG["organisation"] in journey.applicable():
                choice = journey.directory_choices()[0][0]
                journey.save_step(STEPS_BY_SLUG["organisation"], {"organisation_id": choice})
    missing = journey.first_incomplete()
    if missing is not None:
        raise RuntimeError(f"benchmark journey left {missing.slug!r} unanswered")
    store.save()
    csrf_secret = get_random_string(32)
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}", csrf_secret


def finished_sessions(count: int) -> list[tuple[str, str]]:
    """Many finished sessions at once: one walked through the journey, then copied.

    Each copy gets its own idempotency key and upload folder, as `Journey.start` would give
    it, so each is a different complaint. Written in bulk: thousands take seconds.
    """
    from django.contrib.sessions.models import Session

    engine = import_module(settings.SESSION_ENGINE)
    template = finished_session()[0].split("=", 1)[1]
    data = engine.SessionStore(session_key=template).load()
    expires = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    rows, result = [], []
    for _ in range(count):
        copied = copy.deepcopy(data)
        copied["complaint"]["key"] = secrets.token_urlsafe(32)
        copied["complaint"]["folder"] = uploads.pending_folder_new()
        store = engine.SessionStore()
        key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        encoded = store.encode(copied)
        rows.append(Session(session_key=key, session_data=encoded, expire_date=expires))
        result.append((f"{settings.SESSION_COOKIE_NAME}={key}", get_random_string(32)))
    Session.objects.bulk_create(rows, batch_size=1000)
    return result
