"""JSON log lines and error reports for production, with nothing personal in either.

Only the logger name, level, message and the exception's type and code lines are written.
Request objects, which hold form bodies and cookies, are never serialised, and an exception's
message is left out: a database error quotes the values it refused, and a ValueError often
quotes what someone typed. The type and the line that raised it are enough to find the bug.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
import traceback
from datetime import UTC, datetime

WITHHELD = "(message withheld: it may quote what someone typed)"

# URL paths that carry a secret: the progress check's emailed one-time link
# (complaints/urls.py, "progress_link"). A link stays usable for an hour after it is opened
# (only the button on its page spends it), so anyone reading logs or error reports could
# open someone's complaint with it. Logs and reports show the path with the secret blanked.
# Staff authenticator set-up links (complaints/staff_enrolment.py) too.
_SECRET_IN_PATH = re.compile(r"(/check/link/|/set-up-authenticator/)[^/\s?#]+")


def redact_secrets(text: str) -> str:
    return _SECRET_IN_PATH.sub(r"\1[token]", text)


def format_exception_safely(exc_info) -> str:
    """The traceback's file names, line numbers and code, and each exception's type."""
    exc_type, exc, tb = exc_info
    parts: list[str] = []
    seen: set[int] = set()
    # Walk the chain (raise ... from ...) as Python would print it, oldest first.
    chain = []
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        chain.append(exc)
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    if not chain:
        return f"{_type_name(exc_type)} {WITHHELD}"
    for error in reversed(chain):
        frames = "".join(traceback.format_tb(error.__traceback__))
        parts.append(
            f"Traceback (most recent call last):\n{frames}{_type_name(type(error))} {WITHHELD}"
        )
    return "\n\nDuring handling, another exception was raised:\n\n".join(parts)


def _type_name(exc_type) -> str:
    if exc_type is None:
        return "Exception"
    module = exc_type.__module__
    return exc_type.__qualname__ if module == "builtins" else f"{module}.{exc_type.__qualname__}"


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            # Access log lines and Django's "Not Found: <path>" carry the path.
            "message": redact_secrets(record.getMessage()),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = format_exception_safely(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class ErrorEmailHandler(logging.Handler):
    """Emails ERROR records to ERROR_REPORT_EMAILS (settings.ADMINS): path and traceback only.

    Django's own AdminEmailHandler attaches the request's POST data, cookies and headers; a
    complaint form's fields would end up in someone's inbox. This sends the exception type,
    the code lines of the traceback and the URL path (never the query string, and with the
    progress check's one-time token blanked out: see `redact_secrets`).
    A storm (the database down, every request failing) sends one email per error and path
    every REPEAT_SECONDS per process, not thousands.
    """

    REPEAT_SECONDS = 300

    def __init__(self, level: int = logging.ERROR):
        super().__init__(level)
        self._last_sent: dict[tuple[str, str, str], float] = {}
        self._sent_lock = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        from django.core.mail import mail_admins

        try:
            request = getattr(record, "request", None)
            path = redact_secrets(getattr(request, "path", "") or "-")
            method = getattr(request, "method", "") or ""
            error = _type_name(record.exc_info[0]) if record.exc_info else "no exception"
            if not self._should_send((record.name, path, error)):
                return
            trace = format_exception_safely(record.exc_info) if record.exc_info else ""
            subject = f"{record.levelname}: {error} at {path}"
            body = (
                f"Logger: {record.name}\n"
                f"Request: {method} {path}\n"
                f"Time: {datetime.fromtimestamp(record.created, UTC).isoformat()}\n\n"
                f"{trace}\n"
            )
            mail_admins(subject, body, fail_silently=True)
        except Exception:
            self.handleError(record)

    def _should_send(self, key: tuple[str, str, str]) -> bool:
        now = time.monotonic()
        with self._sent_lock:
            last = self._last_sent.get(key)
            if last is not None and now - last < self.REPEAT_SECONDS:
                return False
            self._last_sent[key] = now
            return True
