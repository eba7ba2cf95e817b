"""`manage.py check --deploy` warns on what would be unsafe on a live site (issue 12)."""

from __future__ import annotations

import pytest
from django.core import checks

pytestmark = pytest.mark.django_db


def deploy_warning_ids() -> set[str]:
    return {m.id for m in checks.run_checks(include_deployment_checks=True)}


@pytest.fixture
def production(settings):
    """A production configuration that passes every check of the project's own."""
    settings.DEBUG = False
    settings.SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SITE_URL = "https://complaints.example.org"
    settings.ALLOWED_HOSTS = ["complaints.example.org"]
    settings.BENCH_BASELINE = False
    return settings


def test_a_safe_production_configuration_raises_none_of_them(production):
    ours = {i for i in deploy_warning_ids() if i.startswith("victims_service.")}
    assert ours == set()


def test_a_csrf_cookie_that_is_not_secure_is_reported(production):
    production.CSRF_COOKIE_SECURE = False
    assert "victims_service.W016" in deploy_warning_ids()


def test_bench_baseline_on_is_reported(production):
    production.BENCH_BASELINE = True
    assert "victims_service.W010" in deploy_warning_ids()


@pytest.mark.parametrize("hosts", [["*"], ["complaints.example.org", "*"], ["*.example.org"]])
def test_a_wildcard_in_allowed_hosts_is_reported(production, hosts):
    production.ALLOWED_HOSTS = hosts
    assert "victims_service.W011" in deploy_warning_ids()


def test_an_http_site_url_with_secure_on_is_reported(production):
    production.SITE_URL = "http://complaints.example.org"
    assert "victims_service.W012" in deploy_warning_ids()
    production.SECURE = False  # `make serve` on localhost: plain HTTP on purpose
    assert "victims_service.W012" not in deploy_warning_ids()
