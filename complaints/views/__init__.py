"""The public half of complaints: the journey, submitting, and checking progress.

Views are thin: a form checks what was typed, `journey.Journey` keeps it in the session,
`services` saves, `selectors` reads. Nothing personal goes into a URL or a log line.
By page group: `questions` (start and the question pages), `sending` (check your answers,
the confirmation and copies) and `progress` (checking a complaint). Every view is
importable from `complaints.views` as before.
"""

from complaints.views.common import ALREADY_SENT_KEY, WARNING_BEFORE_SECONDS
from complaints.views.progress import (
    PROGRESS_REPLIED_KEY,
    PROGRESS_SESSION_KEY,
    STATUS_TEXT,
    progress_finish,
    progress_link,
    progress_reply,
    progress_sent,
    progress_start,
    progress_status,
)
from complaints.views.questions import before_you_start, start, step
from complaints.views.sending import (
    answers_copy,
    check_answers,
    confirmation,
    delete_answers,
    keep_alive,
    missing_upload_message,
    sent_copy,
    session_ended,
)

__all__ = [
    "ALREADY_SENT_KEY",
    "PROGRESS_REPLIED_KEY",
    "PROGRESS_SESSION_KEY",
    "STATUS_TEXT",
    "WARNING_BEFORE_SECONDS",
    "answers_copy",
    "before_you_start",
    "check_answers",
    "confirmation",
    "delete_answers",
    "keep_alive",
    "missing_upload_message",
    "progress_finish",
    "progress_link",
    "progress_reply",
    "progress_sent",
    "progress_start",
    "progress_status",
    "sent_copy",
    "session_ended",
    "start",
    "step",
]
