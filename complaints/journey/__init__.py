"""The complaint journey: which question pages are asked, in what order, and the answers.

`steps` lists the pages and when each applies; `session.Journey` keeps the answers in the
server-side session and loops over the steps, whose forms own what their answers mean
(`complaints.forms.base.JourneyForm`); `prefill` starts a complaint from the "who should I
complain to?" tool's answers; `limits` says whether the usual time limit has passed;
`recorded` asks the same steps of staff recording a complaint received by phone or letter.
Every name is importable from `complaints.journey` as before.
"""

from complaints.journey.prefill import ABOUT_KEY
from complaints.journey.session import SENT_KEY, SESSION_KEY, Journey, session_discard
from complaints.journey.steps import MAX_UPLOADS, STEPS, STEPS_BY_SLUG, THIS_SERVICE, Step

__all__ = [
    "ABOUT_KEY",
    "MAX_UPLOADS",
    "SENT_KEY",
    "SESSION_KEY",
    "STEPS",
    "STEPS_BY_SLUG",
    "THIS_SERVICE",
    "Journey",
    "Step",
    "session_discard",
]
