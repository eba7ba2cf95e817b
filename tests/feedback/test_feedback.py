"""The feedback form the phase banner links to: one page, stored, read in admin."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from feedback.models import Feedback
from victims_service import ratelimit

pytestmark = pytest.mark.django_db

URL = "/feedback/"
GOOD = {
    "doing": "Looking for how to complain about a court",
    "problem": "The search found nothing for “court”",
    "email": "",
}


def test_the_phase_banner_links_to_the_feedback_form_not_the_complaint_form(client):
    html = client.get("/complaints/check/").content.decode()
    banner = re.search(r'<div class="govuk-phase-banner">.*?</div>', html, re.S).group(0)
    assert 'href="/feedback/"' in banner
    assert client.get(URL).status_code == 200


def test_the_form_is_one_page_with_the_quick_exit_no_store_and_a_matching_title(client):
    response = client.get(URL)
    html = response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert "govuk-exit-this-page__button" in html
    assert "<title>Give feedback on this website – " in html
    assert '<h1 class="govuk-heading-l">Give feedback on this website</h1>' in html
    for field in ("id_doing", "id_problem", "id_email", "id_website"):
        assert f'id="{field}"' in html
    assert "If you are in danger now, call 999." in html


def test_feedback_is_stored_and_thanked_for(client):
    response = client.post(URL, {**GOOD, "email": " reply.me@example.com "})
    assert response.status_code == 302 and response["Location"] == "/feedback/thank-you/"
    feedback = Feedback.objects.get()
    assert feedback.doing == GOOD["doing"] and feedback.problem == GOOD["problem"]
    assert feedback.email == "reply.me@example.com" and feedback.created_at
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Thank you for your feedback" in thanks.content.decode()


def test_an_email_is_optional(client):
    client.post(URL, GOOD)
    assert Feedback.objects.get().email == ""


def test_errors_use_the_error_summary_with_working_links_and_keep_what_was_typed(client):
    response = client.post(URL, {"doing": "", "problem": "", "email": "not an email"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "<title>Error: Give feedback on this website" in html
    assert '<a href="#id_doing">Enter what you were doing</a>' in html
    assert '<a href="#id_problem">Enter what went wrong</a>' in html
    assert (
        '<a href="#id_email">Enter an email address in the correct format, like '
        "name@example.com</a>" in html
    )
    assert not Feedback.objects.exists()
    # Typed text is kept.
    response = client.post(URL, {**GOOD, "email": "nope"})
    html = response.content.decode()
    assert "Looking for how to complain about a court" in html
    assert "The search found nothing for “court”" in html
    assert 'value="nope"' in html


def test_too_long_answers_say_how_long_they_can_be(client):
    html = client.post(URL, {**GOOD, "problem": "x" * 1201}).content.decode()
    assert "What went wrong must be 1,200 characters or fewer" in html
    assert "x" * 1201 in html


def test_a_script_filling_the_hidden_box_is_thanked_and_nothing_stored(client):
    response = client.post(URL, {**GOOD, "website": "http://spam.example"})
    assert response["Location"] == "/feedback/thank-you/"
    assert not Feedback.objects.exists()


def test_sending_is_rate_limited(client):
    for _ in range(ratelimit.LIMITS["feedback"].requests):
        assert client.post(URL, GOOD).status_code == 302
    response = client.post(URL, GOOD)
    assert response.status_code == 429
    assert response["Retry-After"]
    assert Feedback.objects.count() == ratelimit.LIMITS["feedback"].requests
    assert client.get(URL).status_code == 200  # reading is never limited


# -- the service team reads it in admin --------------------------------------------------


@pytest.fixture
def feedback_row(client):
    client.post(URL, {**GOOD, "email": "reply.me@example.com"})
    return Feedback.objects.get()


def test_superusers_read_feedback_and_nobody_can_change_it(client, staff_login, feedback_row):
    admin_user = User.objects.create_superuser("boss", password="not-used-in-tests")
    staff_login(admin_user)
    listing = client.get(reverse("admin:feedback_feedback_changelist"))
    assert listing.status_code == 200
    assert "Looking for how to complain about a court" in listing.content.decode()
    detail = client.get(reverse("admin:feedback_feedback_change", args=[feedback_row.pk]))
    html = detail.content.decode()
    assert detail.status_code == 200 and "reply.me@example.com" in html
    assert 'name="_save"' not in html  # read-only
    assert client.get(reverse("admin:feedback_feedback_add")).status_code == 403
    assert (
        client.post(
            reverse("admin:feedback_feedback_change", args=[feedback_row.pk]),
            {"doing": "changed", "problem": "changed"},
        ).status_code
        == 403
    )
    Feedback.objects.get(doing=GOOD["doing"])


def test_staff_with_the_permission_read_it_and_complaint_handlers_do_not(
    client, staff_login, feedback_row
):
    team = User.objects.create_user("team", password="not-used-in-tests", is_staff=True)
    team.user_permissions.add(Permission.objects.get(codename="view_feedback"))
    staff_login(team)
    assert client.get(reverse("admin:feedback_feedback_changelist")).status_code == 200
    assert "Feedback about the website" in client.get(reverse("admin:index")).content.decode()

    from complaints.services import complaint_handlers_group_ensure

    handler = User.objects.create_user("handler", password="not-used-in-tests", is_staff=True)
    handler.groups.add(complaint_handlers_group_ensure())
    staff_login(handler)
    assert client.get(reverse("admin:feedback_feedback_changelist")).status_code == 403
    assert "Feedback about the website" not in client.get(reverse("admin:index")).content.decode()


# -- the contact page lists only routes that exist ---------------------------------------


def test_every_link_on_the_contact_page_works_and_none_sends_feedback_to_the_complaint_form(
    client,
):
    from django.core.management import call_command

    call_command("load_content", verbosity=0)
    html = client.get("/contact/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    links = set(re.findall(r'href="(/[^"#]*)"', main))
    assert "/feedback/" in links
    for link in links:
        assert client.get(link).status_code == 200, link
    section = main[main.index("Contact the website team") : main.index("another service")]
    assert 'href="/complaints/"' not in section


def test_feedback_over_a_year_old_is_deleted(settings):
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    from feedback.services import feedback_create

    old = feedback_create(doing="a", problem="b", email="old@example.com")
    Feedback.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=settings.FEEDBACK_RETENTION_DAYS, seconds=1)
    )
    recent = feedback_create(doing="c", problem="d")
    out = StringIO()
    call_command("delete_old_feedback", stdout=out)
    assert "Deleted 1 feedback message(s)." in out.getvalue()
    assert list(Feedback.objects.all()) == [recent]
