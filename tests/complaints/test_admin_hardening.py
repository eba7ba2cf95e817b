"""Admin lists take only the filters they show; ids that cannot be rows are 404 (issue 12)."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import URLPattern, URLResolver, reverse

from tests.complaints.triage_setup import two_orgs  # noqa: F401
from tests.staff_auth import login_verified

pytestmark = pytest.mark.django_db

HUGE_ID = "9" * 25


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser(
        username="root", password="correct horse battery staple", email="root@example.org"
    )


def changelist_urls():
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        yield model, model_admin, reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")


def test_every_admin_list_refuses_a_lookup_it_does_not_offer(client, superuser):
    """`body__regex` read a one-time token out of a failed email, a character at a time."""
    login_verified(client, superuser)
    walked = 0
    for model, _model_admin, url in changelist_urls():
        fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.BinaryField)]
        for field in fields:
            response = client.get(url, {f"{field.attname}__regex": "^."})
            assert response.status_code == 400, (url, field.attname, response.status_code)
            walked += 1
    assert walked > 50
    assert len(admin.site._registry) >= 10  # third-party models (users, devices, tasks) too


def test_offered_filters_and_search_still_work(client, superuser):
    login_verified(client, superuser)
    outbox = reverse("admin:complaints_outboundemail_changelist")
    assert client.get(outbox, {"state__exact": "failed", "kind__exact": "x"}).status_code == 200
    assert client.get(outbox, {"q": "VC-1234"}).status_code == 200
    complaints = reverse("admin:complaints_complaint_changelist")
    for query in (
        {"status__exact": "received"},
        {"deadline": "overdue"},
        {"mine": "yes"},
        {"open": "no"},
        {"organisation__id__exact": "1"},
        {"assigned_to__isnull": "True"},
        {"rights_not_met__id__exact": "1"},
        {"o": "1", "p": "1"},
    ):
        assert client.get(complaints, query).status_code == 200, query
    log = reverse("admin:complaints_accesslog_changelist")
    assert client.get(log, {"at__year": "2026", "at__month": "1"}).status_code == 200
    users = reverse("admin:auth_user_changelist")
    assert client.get(users, {"is_staff__exact": "1", "q": "root"}).status_code == 200


def test_a_handler_cannot_read_an_outbox_body_through_a_filter(client, two_orgs):  # noqa: F811
    login_verified(client, two_orgs.staff_a)
    url = reverse("admin:complaints_outboundemail_changelist")
    response = client.get(
        url, {"kind__exact": "progress_link", "state__exact": "failed", "body__regex": "link/B"}
    )
    assert response.status_code == 400


# Ids that cannot be rows ---------------------------------------------------------------


def admin_urls_with(bad_id: str) -> list[str]:
    app_label = "complaints"
    urls: list[str] = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.name:
                names = list(pattern.pattern.regex.groupindex)
                if not names or names in (["app_label"], ["url"]):
                    continue
                route = prefix + str(pattern.pattern)
                for name in names:
                    value = app_label if name == "app_label" else bad_id
                    route = re.sub(rf"<(?:\w+:)?{name}>", value, route)
                urls.append("/staff/" + route.lstrip("^").rstrip("$"))

    walk(admin.site.get_urls())
    return urls


@pytest.mark.parametrize("bad_id", [HUGE_ID, "not-a-number"])
def test_every_admin_url_with_an_impossible_id_is_not_found(client, superuser, bad_id):
    login_verified(client, superuser)
    urls = admin_urls_with(bad_id)
    assert any("/attachments/" in url for url in urls)
    assert len(urls) > 30
    for url in urls:
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code in {404, 405}, (method.__name__, url, response.status_code)
