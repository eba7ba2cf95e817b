"""CSRF protection that works with `Referrer-Policy: no-referrer`.

With that policy (which we keep, so no page address ever leaks), browsers send
`Origin: null` on form POSTs and no `Referer`. Django's origin check then refuses every
form. This middleware accepts `Origin: null` only when the browser itself vouches that
the request came from this site: `Sec-Fetch-Site: same-origin`, a header page scripts
cannot set and that sandboxed or cross-site frames never get. The CSRF token check still
runs on every POST, and the `__Host-` cookie prefix (in production) stops a subdomain from
planting a token cookie.
"""

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.http import HttpRequest
from django.middleware.csrf import CsrfViewMiddleware


class NoReferrerCsrfViewMiddleware(CsrfViewMiddleware):
    def _origin_verified(self, request: HttpRequest) -> bool:
        if (
            request.META.get("HTTP_ORIGIN") == "null"
            and request.META.get("HTTP_SEC_FETCH_SITE") == "same-origin"
        ):
            return True
        return super()._origin_verified(request)


@register(Tags.security, deploy=True)
def check_csrf_middleware(app_configs, **kwargs) -> list[Warning]:
    """Stands in for Django's security.W003, which only knows Django's own class name."""
    if NoReferrerCsrfViewMiddleware.__module__ + ".NoReferrerCsrfViewMiddleware" in (
        settings.MIDDLEWARE
    ):
        return []
    return [
        Warning(
            "NoReferrerCsrfViewMiddleware is not in MIDDLEWARE: forms have no CSRF protection.",
            id="victims_service.W003",
        )
    ]
