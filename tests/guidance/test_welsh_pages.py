"""Guidance pages in Welsh: edited like the English, shown at /cy/, searched in Welsh."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.db import connection

from guidance.models import Page
from guidance.search import search_pages
from guidance.services import page_save, pages_load_from_files
from tests.staff_auth import login_verified

WELSH_BODY = "## Beth i’w wneud\n\nGallwch gwyno wrth yr heddlu am y ffordd y cawsoch eich trin.\n"


@pytest.fixture
def police_page(make_page):
    return make_page(
        path="complain-about/police",
        title="Complain about the police",
        summary="How to complain about a police officer.",
        body="## What to do\n\nYou can complain to the police about how you were treated.\n",
        title_cy="Cwyno am yr heddlu",
        summary_cy="Sut i gwyno am swyddog heddlu.",
        body_cy=WELSH_BODY,
    )


def test_the_welsh_page_shows_the_welsh_text(client, police_page):
    html = client.get("/cy/complain-about/police/").content.decode()
    assert '<html lang="cy"' in html
    assert '<h1 class="govuk-heading-l">Cwyno am yr heddlu</h1>' in html
    assert "Gallwch gwyno wrth yr heddlu" in html
    assert "You can complain to the police" not in html
    english = client.get("/complain-about/police/").content.decode()
    assert "You can complain to the police" in english
    assert "Gallwch gwyno" not in english


def test_the_cache_keeps_each_language_apart(client, police_page):
    for _ in range(2):
        assert "Gallwch gwyno" in client.get("/cy/complain-about/police/").content.decode()
        assert "You can complain" in client.get("/complain-about/police/").content.decode()


def test_a_page_without_welsh_says_so_and_links_to_the_english(client, make_page):
    make_page(path="contact", title="Contact us", body="## Write to us\n\nWrite to us.\n")
    html = client.get("/cy/contact/").content.decode()
    assert '<html lang="cy"' in html
    assert "Write to us." not in html
    assert (
        'lang="en-gb"><a class="govuk-link" href="/contact/" hreflang="en-gb">Contact us</a>'
        in html
    )


def test_changing_the_english_marks_the_welsh_as_needing_an_update(police_page):
    assert not police_page.welsh_needs_updating
    police_page.body = police_page.body + "\nA new paragraph.\n"
    page_save(page=police_page)
    police_page.refresh_from_db()
    assert police_page.welsh_needs_updating
    # The Welsh page still shows the last Welsh text.
    assert police_page.body_cy == WELSH_BODY
    police_page.body_cy = WELSH_BODY + "\nParagraff newydd.\n"
    page_save(page=police_page)
    police_page.refresh_from_db()
    assert not police_page.welsh_needs_updating


def test_staff_see_welsh_needs_updating_in_admin(client, police_page, admin_user):
    login_verified(client, admin_user)
    police_page.title = "Complaining about the police"
    page_save(page=police_page)
    listing = client.get("/staff/guidance/page/").content.decode()
    assert "Welsh needs updating" in listing
    form = client.get(f"/staff/guidance/page/{police_page.pk}/change/").content.decode()
    assert "Welsh needs updating" in form
    assert 'name="body_cy"' in form
    preview = client.get(f"/staff/guidance/page/{police_page.pk}/preview/?language=cy")
    assert "Gallwch gwyno" in preview.content.decode()


def test_staff_edit_the_welsh_in_admin(client, police_page, admin_user):
    login_verified(client, admin_user)
    url = f"/staff/guidance/page/{police_page.pk}/change/"
    data = {
        "title": police_page.title,
        "path": police_page.path,
        "summary": police_page.summary,
        "section": "",
        "order": "0",
        "body": police_page.body,
        "org_type": "",
        "published": "on",
        "last_reviewed": "2026-11-01",
        "title_cy": "Cwyno am yr heddlu",
        "summary_cy": "",
        "body_cy": "## Beth i’w wneud\n\nTestun newydd.\n",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Testun newydd." in client.get("/cy/complain-about/police/").content.decode()


def test_a_welsh_title_needs_a_welsh_body(make_page):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        make_page(path="x", title="X", title_cy="Teitl")


def test_welsh_search_finds_welsh_pages_in_welsh(client, police_page, make_page):
    make_page(path="contact", title="Contact us", body="## Write\n\nThe police.\n")
    results = client.get("/cy/search/", {"q": "heddlu"}).content.decode()
    assert "Cwyno am yr heddlu" in results
    assert 'href="/cy/complain-about/police/"' in results
    # English words find nothing in Welsh, and Welsh words nothing in English.
    from django.utils import translation

    with translation.override("cy"):
        assert [r.title for r in search_pages("heddlu")] == ["Cwyno am yr heddlu"]
        assert search_pages("treated") == []
    with translation.override("en-gb"):
        assert search_pages("heddlu") == []
        assert [r.title for r in search_pages("treated")] == ["Complain about the police"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search needs PostgreSQL")
def test_welsh_search_on_postgresql_uses_no_english_stemming(police_page):
    from django.utils import translation

    with translation.override("cy"):
        [result] = search_pages("gwyno heddlu")
        assert "<mark>" in result.excerpt


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


ENGLISH_FILE = """---
title: Contact us
path: contact
last_reviewed: 2026-11-01
---
## Write to us

Write to us at the address below.
"""
WELSH_FILE = """---
title: Cysylltu â ni
summary: Sut i gysylltu â ni.
---
## Ysgrifennu atom

Ysgrifennwch atom yn y cyfeiriad isod.
"""


def test_load_content_loads_the_welsh_file_beside_the_english(db, tmp_path):
    _write(tmp_path, "contact.md", ENGLISH_FILE)
    _write(tmp_path / "cy", "contact.md", WELSH_FILE)
    result = pages_load_from_files(directory=tmp_path)
    assert result.errors == []
    page = Page.objects.get(path="contact")
    assert page.title_cy == "Cysylltu â ni"
    assert page.summary_cy == "Sut i gysylltu â ni."
    assert "Ysgrifennwch atom" in page.body_cy
    assert not page.welsh_needs_updating
    # A changed English file with the same Welsh file: the Welsh is kept, and marked.
    _write(tmp_path, "contact.md", ENGLISH_FILE.replace("below", "on this page"))
    pages_load_from_files(directory=tmp_path)
    page.refresh_from_db()
    assert "on this page" in page.body
    assert "Ysgrifennwch atom" in page.body_cy
    assert page.welsh_needs_updating
    assert page.last_reviewed == datetime.date(2026, 11, 1)


def test_links_in_a_welsh_page_lead_to_welsh_pages(client, make_page):
    make_page(
        path="support",
        title="Support",
        body="## Help\n\nRead [the code](/victims-code/).\n",
        title_cy="Cymorth",
        body_cy="## Help\n\nDarllenwch [y cod](/victims-code/) neu [gadael](/exit/).\n",
    )
    html = client.get("/cy/support/").content.decode()
    assert 'href="/cy/victims-code/"' in html
    assert 'href="/exit/"' in html
    assert 'href="/victims-code/"' in client.get("/support/").content.decode()
