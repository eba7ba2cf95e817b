"""The project's own table: rate-limit counters (victims_service/ratelimit.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RateLimitCounter(models.Model):
    """How many limited POSTs one client has made in one window of one limit.

    The key holds a keyed hash of the IP address, never the address. A row is useless once
    its window has ended; `manage.py clear_rate_limits` deletes those (daily, from cron).
    """

    key = models.CharField(max_length=100, primary_key=True)
    hits = models.PositiveIntegerField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        # Moved from `complaints`, which made the table: the rows stay where they are.
        db_table = "complaints_ratelimitcounter"
        verbose_name = _("rate limit counter")

    def __str__(self) -> str:
        return f"{self.key}: {self.hits}"
