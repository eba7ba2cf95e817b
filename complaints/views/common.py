"""What every public complaints page shares: the session timeout warning's figures."""

from __future__ import annotations

from django.conf import settings

# Set when a page of a complaint already sent is opened or posted (Back, another tab): the
# confirmation page then says the complaint was sent and its answers cannot be changed.
ALREADY_SENT_KEY = "complaint_already_sent"
WARNING_BEFORE_SECONDS = 5 * 60


def timeout_context() -> dict:
    """What the timeout warning needs: the session lives this long after the last request."""
    return {
        "timeout_seconds": settings.SESSION_COOKIE_AGE,
        "timeout_warning_seconds": min(WARNING_BEFORE_SECONDS, settings.SESSION_COOKIE_AGE // 2),
        "timeout_minutes": settings.SESSION_COOKIE_AGE // 60,
    }
