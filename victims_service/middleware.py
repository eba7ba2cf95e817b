"""Headers that protect the people using the site, on every response."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
)


class SafetyHeadersMiddleware:
    """Adds the headers Django has no setting for.

    `Cache-Control: no-store` goes on every page the app renders, not only forms: someone
    sharing a device should not find a cached copy of what they read or typed here. Static
    files are served by WhiteNoise before this middleware and keep their long cache.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers["Cache-Control"] = "no-store"
        response.headers.pop("Expires", None)
        return response
