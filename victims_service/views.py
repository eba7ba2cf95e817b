"""Site-wide views: error pages, the quick exit endpoint and the health check."""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from complaints import journey
from victims_service.context_processors import service as service_context

logger = logging.getLogger(__name__)


def _error(request: HttpRequest, template: str, status: int) -> HttpResponse:
    return render(request, template, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _caused_by_database_outage(exception):
        return _service_unavailable(request)
    return _error(request, "errors/400.html", 400)


def _caused_by_database_outage(exception: BaseException | None) -> bool:
    # The database session backend turns a failed save into SessionInterrupted (a 400, "the
    # session was deleted") even when the database was simply unreachable. That is an
    # outage, and the person should be told their answers are kept, not that we could not
    # read their request.
    seen = 0
    while exception is not None and seen < 10:
        if isinstance(exception, OperationalError | InterfaceError):
            return True
        exception = exception.__cause__ or exception.__context__
        seen += 1
    return False


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "errors/403.html", 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "errors/404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without context processors that touch the database: the database may be
    # the reason we are here.
    if _database_unavailable():
        return _service_unavailable(request)
    try:
        html = render_to_string("errors/500.html", request=request)
    except Exception:
        logger.exception("Could not render the styled 500 page")
        html = (
            "<!doctype html><title>Sorry, there is a problem</title>"
            "<h1>Sorry, there is a problem with the service</h1>"
        )
    return HttpResponse(html, status=500)


def _database_unavailable() -> bool:
    # Django calls handler500 inside its `except` block, so the exception is still current.
    error = sys.exc_info()[1]
    return isinstance(error, OperationalError | InterfaceError)


def _service_unavailable(request: HttpRequest) -> HttpResponse:
    """The database is unreachable (a restart, a failover): a 503 that says answers are kept.

    Nothing is lost: a complaint's answers are in the session, which the database still holds,
    and submitting again is safe because the submission carries an idempotency key.
    """
    late = False
    try:
        html = render_to_string("errors/503.html", request=request)
    except Exception:
        # When saving the session fails on the way out, the CSP middleware has already written
        # its header and the nonce is spent: render without the request, and send the
        # headers the inner middleware would have added ourselves.
        late = True
        try:
            html = render_to_string("errors/503.html", service_context(request))
        except Exception:
            logger.exception("Could not render the styled 503 page")
            html = (
                "<!doctype html><title>Sorry, the service is unavailable</title>"
                "<h1>Sorry, the service is unavailable</h1>"
                "<p>Please try again in a few minutes. Your answers have been kept.</p>"
            )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "30"
    if late:
        response["Cache-Control"] = "no-store"
        response["Content-Security-Policy"] = LATE_RESPONSE_CSP
    return response


# For responses made after the CSP middleware has run: the same policy, with no script at all.
LATE_RESPONSE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(request, "errors/csrf.html", 403)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def quick_exit(request: HttpRequest) -> HttpResponse:
    """End the session, so nothing typed into the site stays on the server.

    The browser calls this with `navigator.sendBeacon` as it leaves (POST), and the exit
    button links here when JavaScript is off (GET). CSRF protection is off because the only
    effect is to forget this browser's answers, and an exit must never fail on a missing
    token; a cross-site request is still refused where the browser says it is one.
    """
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return HttpResponse(status=403)
    # Unsent evidence files live outside the session; delete them before forgetting it.
    journey.session_discard(request.session)
    request.session.flush()
    if request.method == "POST":
        return HttpResponse(status=204)
    return HttpResponseRedirect(settings.QUICK_EXIT_URL)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("Health check: database unavailable")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
