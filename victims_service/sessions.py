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


class SessionStore(db.SessionStore):
    def save(self, must_create: bool = False) -> None:
        if must_create or self.session_key is None:
            super().save(must_create=must_create)
            return
        updated = self.model.objects.filter(session_key=self.session_key).update(
            session_data=self.encode(self._get_session()),
            expire_date=self.get_expiry_date(),
        )
        if not updated:
            # The row went (expired and cleared, or ended in another tab): as Django does,
            # the middleware turns this into "session interrupted" rather than saving
            # answers into a session that was meant to be gone.
            raise UpdateError
