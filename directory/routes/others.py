"""The routes for a complaint about this website, and for "I do not know"."""

from __future__ import annotations

from directory.routes.rows import Route
from directory.routes.wording import LATE

ROUTES: tuple[Route, ...] = (
    Route(
        "this_service",
        "",
        body="this website's team",
        limit_words="There is no fixed time limit.",
        stages=("We will reply within 10 working days.",),
        next_words="Our reply will tell you what you can do if you are still unhappy.",
    ),
    Route(
        "unknown",
        "",
        body="the organisation your complaint is about",
        limit_words="Time limits depend on the organisation. Many are 6 or 12 months, but "
        "some are much shorter, from 10 working days to 3 months for decisions and reviews, "
        "so send it now. " + LATE,
        stages=(
            "That is fine. Our central team will find the right organisation and pass your "
            "complaint to them, and we will tell you who has it.",
        ),
        # The confirmation already says the central team will find it and pass it on.
        after_sending=(),
        next_words="The organisation's reply will tell you where to go next if you are unhappy.",
    ),
)
