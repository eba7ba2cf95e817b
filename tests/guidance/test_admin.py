"""Content designers edit pages in admin, and the site changes at once."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission, User
from django.core.cache import cache
from django.urls import reverse

from guidance.models import Page


@pytest.fixture
def designer(db, client, staff_login):
    user = User.objects.create_user("designer", password="not-used-in-tests", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="guidance", codename__endswith="_page")
    )
    staff_login(user)
    return user


@pytest.fixture
def page(make_page):
    return make_page(
        path="privacy",
        title="Privacy notice",
        body="## What we collect\n\nOld words.\n",
        last_reviewed=datetime.date(2026, 1, 1),
    )


def form_data(page: Page, **changes) -> dict:
    data = {
        "title": page.title,
        "path": page.path,
        "summary": page.summary,
        "section": page.section,
        "order": page.order,
        "body": page.body,
        "org_type": page.org_type,
        "last_reviewed": page.last_reviewed.isoformat(),
    }
    if page.published:
        data["published"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_designer_sees_the_list_and_the_editor(client, designer, page):
    changelist = client.get(reverse("admin:guidance_page_changelist"))
    assert changelist.status_code == 200
    assert "Privacy notice" in changelist.content.decode()

    change = client.get(reverse("admin:guidance_page_change", args=[page.pk]))
    html = change.content.decode()
    assert change.status_code == 200
    assert 'name="body"' in html
    # The rendered body, so the designer sees the result of their Markdown.
    assert '<h2 class="govuk-heading-m">What we collect</h2>' in html
    assert reverse("admin:guidance_page_preview", args=[page.pk]) in html


def test_an_edit_in_admin_shows_on_the_site_at_once(client, designer, page):
    cache.clear()
    assert "Old words." in client.get("/privacy/").content.decode()  # now cached

    response = client.post(
        reverse("admin:guidance_page_change", args=[page.pk]),
        form_data(page, body="## What we collect\n\nNew words.\n", last_reviewed="2026-11-20"),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    html = client.get("/privacy/").content.decode()
    assert "New words." in html and "Old words." not in html
    assert '<time datetime="2026-11-20">20 November 2026</time>' in html


def test_unpublishing_takes_a_page_off_the_site(client, designer, page):
    client.post(
        reverse("admin:guidance_page_change", args=[page.pk]), form_data(page, published=None)
    )
    assert client.get("/privacy/").status_code == 404


def test_headings_out_of_order_are_refused_with_a_reason(client, designer, page):
    response = client.post(
        reverse("admin:guidance_page_change", args=[page.pk]),
        form_data(page, body="# Another title\n\nWords.\n"),
    )
    assert response.status_code == 200
    assert "Start body headings at ##" in response.content.decode()
    page.refresh_from_db()
    assert "Old words." in page.body


def test_designer_can_add_a_page(client, designer):
    response = client.post(
        reverse("admin:guidance_page_add"),
        {
            "title": "Cookies",
            "path": "cookies",
            "summary": "",
            "section": "",
            "order": 0,
            "body": "## Essential cookies\n\nWe only use cookies we need.\n",
            "org_type": "",
            "published": "on",
            "last_reviewed": "2026-11-20",
        },
    )
    assert response.status_code == 302
    assert "We only use cookies we need." in client.get("/cookies/").content.decode()


def test_preview_shows_an_unpublished_page_as_the_public_would_see_it(client, designer, make_page):
    draft = make_page(path="draft-page", title="A draft", published=False)

    response = client.get(reverse("admin:guidance_page_preview", args=[draft.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">A draft</h1>' in html
    assert "It is not published yet." in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert client.get("/draft-page/").status_code == 404


def test_deleting_a_page_removes_it_from_its_section(client, designer, make_page):
    make_page(path="victims-code", title="The Victims’ Code")
    child = make_page(path="victims-code/gone", title="Gone right")
    assert "Gone right" in client.get("/victims-code/").content.decode()

    client.post(reverse("admin:guidance_page_delete", args=[child.pk]), {"post": "yes"})

    assert "Gone right" not in client.get("/victims-code/").content.decode()


def test_staff_without_permission_cannot_edit(client, db, staff_login, page):
    user = User.objects.create_user("other", password="not-used-in-tests", is_staff=True)
    staff_login(user)
    response = client.get(reverse("admin:guidance_page_change", args=[page.pk]))
    assert response.status_code == 403
    assert client.get(reverse("admin:guidance_page_preview", args=[page.pk])).status_code == 403


def test_the_public_cannot_preview(client, page):
    response = client.get(reverse("admin:guidance_page_preview", args=[page.pk]))
    assert response.status_code == 302
