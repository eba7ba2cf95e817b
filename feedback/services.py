"""Storing feedback, and deleting it after a year. Nothing else writes a Feedback row."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from feedback.models import Feedback


def feedback_create(*, doing: str, problem: str, email: str = "") -> Feedback:
    with transaction.atomic():
        return Feedback.objects.create(
            doing=doing, problem=problem, email=email, created_at=timezone.now()
        )


def feedback_delete_old(*, now=None) -> int:
    """Delete feedback older than the retention period. Returns how many went."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.FEEDBACK_RETENTION_DAYS)
    deleted, _ = Feedback.objects.filter(created_at__lt=cutoff).delete()
    return deleted
