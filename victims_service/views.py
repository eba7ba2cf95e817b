"""Site-wide views: error pages, the quick exit endpoint and the health check."""

from __future__ import annotations

import logging
import sys
from importlib import import_module

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from victims_service.quick_exit import quick_exit_hooks_run

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
        html = _PLAIN_PAGE % {
            "title": "Sorry, there is a problem with the service",
            "text": "Please try again later.",
        }
    return HttpResponse(html, status=500)


def _database_unavailable() -> bool:
    # Django calls handler500 inside its `except` block, so the exception is still current.
    error = sys.exc_info()[1]
    return isinstance(error, OperationalError | InterfaceError)


def _service_unavailable(request: HttpRequest) -> HttpResponse:
    """The database is unreachable (a restart, a failover): a 503 that says answers are kept.

    Nothing is lost: a complaint's answers are in the session, which the database still holds,
    and submitting again is safe because the submission carries an idempotency key. This
    page can be made after the session failed to save on the way out; the CSP and safety
    headers middleware sit outside the session middleware, so it still gets a CSP nonce (for
    the exit button's script) and no-store.
    """
    try:
        html = render_to_string("errors/503.html", request=request)
    except Exception:
        logger.exception("Could not render the styled 503 page")
        html = _PLAIN_PAGE % {
            "title": "Sorry, the service is unavailable",
            "text": "Please try again in a few minutes. Your answers have been kept.",
        }
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "30"
    return response


# The last resort when even the styled error page cannot be made: no script, no style, and
# still a way to leave the site.
_PLAIN_PAGE = (
    '<!doctype html><html lang="en-gb"><title>%(title)s</title><h1>%(title)s</h1>'
    '<p>%(text)s</p><p><a href="/exit/">Exit this page</a></p></html>'
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
    try:
        # What the apps keep outside the session (unsent evidence files) goes first.
        quick_exit_hooks_run(request.session)
        request.session.flush()
    except Exception:
        # The database is down (a restart, a failover) or something else broke. Leaving
        # must still work: an error page here would keep the person on the site, and its own
        # exit button leads back here. Give the middleware an empty session, so it deletes
        # the cookie without touching the database; the old session can no longer be
        # reached, and expires (its files are swept) by itself.
        logger.warning("Quick exit could not end the session on the server", exc_info=True)
        request.session = import_module(settings.SESSION_ENGINE).SessionStore()
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
