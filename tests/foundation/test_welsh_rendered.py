"""The public pages at /cy/ read as Welsh: no block of a page is English, apart from what
is marked lang="en-gb" on purpose (the switch to English, a link to an English page)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils.translation import override

from complaints.right_titles import RIGHT_TITLES
from directory import cache as directory_cache
from directory.models import VictimsCodeRight
from guidance.models import Page
from tests.complaints.journey_support import default_answers, directory_create
from tests.welsh_text import english_paragraphs, page_blocks


@pytest.fixture
def shipped_pages(db):
    call_command("load_content", verbosity=0)
    return list(Page.objects.order_by("path"))


PAGES = [
    "/cy/",
    "/cy/complaints/",
    "/cy/complaints/check/",
    "/cy/who-should-i-complain-to/",
    "/cy/who-should-i-complain-to/about/",
    "/cy/find-your-local-police/",
    "/cy/search/?q=heddlu",
    "/cy/search/?q=zzzz",
    "/cy/feedback/",
    "/cy/no-such-page/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_public_pages_in_welsh_have_no_english_block(client, shipped_pages, url):
    html = client.get(url).content.decode()
    assert '<html lang="cy"' in html
    assert english_paragraphs(page_blocks(html)) == []


@pytest.mark.django_db
def test_every_guidance_page_in_welsh_has_no_english_block(client, shipped_pages):
    for page in shipped_pages:
        html = client.get(f"/cy/{page.path}/").content.decode()
        assert english_paragraphs(page_blocks(html)) == [], page.path


@pytest.mark.django_db
def test_every_question_of_the_complaint_in_welsh_has_no_english_block(client):
    directory = directory_create()
    # The rights as the migration stores them (the test directory shortens two).
    with override("en-gb"):
        for number, title in RIGHT_TITLES.items():
            VictimsCodeRight.objects.filter(number=number).update(title=str(title))
    directory_cache.clear()
    client.post("/cy/complaints/before-you-start/")
    # A Welsh speaker's answers, so check your answers is all Welsh.
    welsh_answers = {
        "what-happened": {"what_happened": "Ni wnaethant ddweud wrthyf am ddyddiad y llys."},
        "who-was-involved": {"who_was_involved": "Y swyddog yn yr achos."},
        "outcome": {"outcome_wanted": "Ymddiheuriad."},
        "support": {"accessibility_needs": "Print bras"},
    }
    for slug, data in default_answers(directory["north"].pk):
        data = welsh_answers.get(slug, data)
        url = f"/cy/complaints/question/{slug}/"
        html = client.get(url).content.decode()
        assert english_paragraphs(page_blocks(html)) == [], slug
        # The same page with its errors shown.
        if slug in ("what-happened", "name"):
            errors = client.post(url, {}).content.decode()
            assert "Mae problem wedi codi" in errors
            assert english_paragraphs(page_blocks(errors)) == [], slug
        client.post(url, data)
    html = client.get("/cy/complaints/check-your-answers/").content.decode()
    assert english_paragraphs(page_blocks(html)) == []
    confirmation = client.post(
        "/cy/complaints/check-your-answers/", {"declaration": "on"}, follow=True
    )
    html = confirmation.content.decode()
    assert "Cwyn wedi’i hanfon" in html
    assert english_paragraphs(page_blocks(html)) == []
