"""The project's own `check --deploy` warnings, for what Django's checks cannot see here.

Django's CSRF cookie check (security.W016) looks for its own middleware class by name, so
`victims_service.csrf.NoReferrerCsrfViewMiddleware` hides it; the rest are settings of this
project that are safe on a laptop and dangerous on a live site.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

from victims_service.csrf import NoReferrerCsrfViewMiddleware

_OUR_CSRF = f"{NoReferrerCsrfViewMiddleware.__module__}.{NoReferrerCsrfViewMiddleware.__name__}"


@register(Tags.security, deploy=True)
def check_csrf_cookie_secure(app_configs=None, **kwargs) -> list[Warning]:
    """Stands in for Django's security.W016 under the site's own CSRF middleware."""
    if (
        _OUR_CSRF in settings.MIDDLEWARE
        and not settings.CSRF_USE_SESSIONS
        and not settings.CSRF_COOKIE_SECURE
    ):
        return [
            Warning(
                "CSRF_COOKIE_SECURE is off: the CSRF cookie can be sent over plain HTTP, "
                "where anyone on the network can read it.",
                hint="Keep SECURE on (the default whenever DEBUG is off).",
                id="victims_service.W016",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_bench_baseline_off(app_configs=None, **kwargs) -> list[Warning]:
    if settings.BENCH_BASELINE:
        return [
            Warning(
                "BENCH_BASELINE is on: the benchmark's bare views under /bench/ are served.",
                hint="Remove BENCH_BASELINE from the environment: it is for benchmarks only.",
                id="victims_service.W010",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_allowed_hosts_not_wildcard(app_configs=None, **kwargs) -> list[Warning]:
    if any("*" in host for host in settings.ALLOWED_HOSTS):
        return [
            Warning(
                "ALLOWED_HOSTS contains '*': the site answers to any Host header, so links "
                "it builds from the request can point anywhere.",
                hint="List the host names the site answers to, separated by commas.",
                id="victims_service.W011",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_site_url_https(app_configs=None, **kwargs) -> list[Warning]:
    if getattr(settings, "SECURE", False) and urlsplit(settings.SITE_URL).scheme != "https":
        return [
            Warning(
                "SITE_URL does not start with https:// while SECURE is on: the links in "
                "emails (progress links, staff set-up links) would go over plain HTTP.",
                hint="Set SITE_URL to the site's https:// address.",
                id="victims_service.W012",
            )
        ]
    return []
