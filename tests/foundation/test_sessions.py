"""The session backend: Django's database sessions, with an existing one saved in one go."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session

from victims_service.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_the_site_uses_this_backend():
    assert settings.SESSION_ENGINE == "victims_service.sessions"


def test_saving_an_existing_session_is_one_statement(django_assert_num_queries):
    store = SessionStore()
    store["answers"] = {"what_happened": "first words"}
    store.save()

    again = SessionStore(session_key=store.session_key)
    again["answers"] = {"what_happened": "second words"}  # reads the session
    with django_assert_num_queries(1) as captured:  # no BEGIN and COMMIT around it
        again.save()
    assert captured[0]["sql"].startswith('UPDATE "django_session"')
    stored = SessionStore(session_key=store.session_key).load()
    assert stored["answers"] == {"what_happened": "second words"}


def test_a_session_that_has_gone_is_not_brought_back():
    """Ended in another tab (quick exit) or cleared: answers are not saved into it again."""
    store = SessionStore()
    store["answers"] = {"what_happened": "words"}
    store.save()
    Session.objects.filter(session_key=store.session_key).delete()

    store["answers"] = {"what_happened": "more words"}
    with pytest.raises(UpdateError):
        store.save()
    assert not Session.objects.exists()


def test_a_new_session_is_created_with_a_fresh_key():
    store = SessionStore()
    store["step"] = "who"
    store.save()
    assert Session.objects.filter(session_key=store.session_key).exists()


def test_an_expired_session_is_not_brought_back():
    """Saving after expiry starts a new, empty session, as Django's own backend does."""
    from datetime import timedelta

    from django.utils import timezone

    store = SessionStore()
    store["answers"] = {"what_happened": "words"}
    store.save()
    old_key = store.session_key
    Session.objects.filter(session_key=old_key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )

    later = SessionStore(session_key=old_key)
    later.save()
    assert later.session_key not in (None, old_key)
    assert "answers" not in SessionStore(session_key=later.session_key).load()
    assert Session.objects.get(session_key=old_key).expire_date < timezone.now()
