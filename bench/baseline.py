"""The bare view every benchmark figure is measured against.

It returns `size` bytes of HTML through the same middleware and server as the real pages,
with no template, database query or session of its own, so the ratio page / baseline shows
what the page itself costs. Mounted only when BENCH_BASELINE=true (victims_service/urls.py).

The benchmark also sends it the submission's own request (a POST with the CSRF token and a
finished journey's session cookie): then the middleware checks the token and reads and saves
the session, as it does for any request that carries one, and the view still does nothing.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

MAX_SIZE = 1_000_000
_CACHE: dict[int, bytes] = {}


def baseline(request: HttpRequest, size: int) -> HttpResponse:
    size = min(size, MAX_SIZE)
    body = _CACHE.get(size)
    if body is None:
        head = b"<!doctype html><html lang=en><title>baseline</title><p>"
        body = (head + b"x" * size)[:size]
        _CACHE[size] = body
    return HttpResponse(body, content_type="text/html; charset=utf-8")


# -- What would make the guidance page fast enough: a measured prototype -----------------

NONCE_PLACEHOLDER = b"@@csp-nonce@@"
CACHE_SECONDS = 60
_PAGES: dict[tuple[str, str], tuple[float, bytes, str]] = {}


def cached_guidance_page(request: HttpRequest, path: str) -> HttpResponse:
    """guidance.views.page with the whole response cached in this process for 60 s.

    The stored HTML has the CSP nonce replaced by a placeholder; each response gets this
    request's own nonce put back, so the strict CSP still holds and no two visitors share a
    nonce. Pages that used a CSRF token are never stored (nothing here has one). Mounted at
    /bench/cached/<path>/ with BENCH_BASELINE=true, so the benchmark can show the gain
    before anyone changes guidance/views.py. See bench/NOTES.md.
    """
    import time

    from django.utils.translation import get_language

    from guidance import views as guidance_views

    key = (path, get_language())
    nonce = request.csp_nonce.encode()
    hit = _PAGES.get(key)
    if hit is not None and hit[0] > time.monotonic():
        return HttpResponse(hit[1].replace(NONCE_PLACEHOLDER, nonce), content_type=hit[2])
    response = guidance_views.page(request, path=path)
    if response.status_code == 200 and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        stored = response.content.replace(nonce, NONCE_PLACEHOLDER)
        _PAGES[key] = (time.monotonic() + CACHE_SECONDS, stored, response["Content-Type"])
    return response
