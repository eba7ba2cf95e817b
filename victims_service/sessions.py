"""Database sessions that save an existing session in one statement.

Every page of the complaint journey saves the session (SESSION_SAVE_EVERY_REQUEST), and
Django's database backend wraps each save in a transaction: BEGIN, UPDATE, COMMIT, three
round trips to the database. Updating a session that already exists needs no
transaction, so this backend sends the UPDATE alone. Creating a session still goes through
Django's code, which needs the transaction to detect a clash of keys.
"""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.utils import timezone


class SessionStore(db.SessionStore):
    def save(self, must_create: bool = False) -> None:
        if must_create or self.session_key is None:
            super().save(must_create=must_create)
            return
        # Load first: loading an expired session clears its key, and then, as in Django,
        # a new session is created rather than the old row brought back.
        data = self._get_session()
        if self.session_key is None:
            self.create()
            return
        # No transaction and no savepoint: sessions are saved by the middleware, outside
        # any transaction. A database error is not turned into UpdateError as Django does:
        # it reaches the site's outage handling, which shows the 503 page and keeps the
        # answers saved before (tests/drills/test_quick_drills.py).
        updated = self.model.objects.filter(
            session_key=self.session_key, expire_date__gt=timezone.now()
        ).update(session_data=self.encode(data), expire_date=self.get_expiry_date())
        if not updated:
            # The row went (expired, cleared, or ended in another tab by the quick exit):
            # as Django does, the middleware turns this into "session interrupted" rather
            # than saving answers into a session that was meant to be gone.
            raise UpdateError
