"""The routes for the national services: probation, prisons, the Parole Board and the
Criminal Injuries Compensation Authority."""

from __future__ import annotations

from directory.routes.rows import (
    CICA_REVIEW,
    OUTCOME_REVIEW,
    PAROLE_RECONSIDERATION,
    Limit,
    Route,
)
from directory.routes.wording import (
    D21,
    D90,
    LATE,
    M12,
    NEXT_STAGE_SENT,
    PHSO,
    PHSO_WORDS,
    TEN_DAYS,
    complain_within,
)


def _service_and_handling(
    org_type: str,
    body: str,
    *,
    limit: Limit | None = M12,
    next_body: str = PHSO,
    notes: tuple[str, ...] = (),
) -> tuple[Route, Route]:
    words = (
        complain_within(limit, "what happened") + " " + LATE
        if limit
        else "There is no fixed time limit, but complain as soon as you can."
    )
    return (
        Route(
            org_type,
            "service",
            body=body,
            limit=limit,
            limit_words=words,
            stages=(TEN_DAYS,),
            next_body=next_body,
            next_within=M12 if next_body == PHSO else None,
            next_words=PHSO_WORDS if next_body == PHSO else "",
            notes=notes,
        ),
        Route(
            org_type,
            "complaint_handling",
            kind=OUTCOME_REVIEW,
            body=body,
            limit_words="Ask for the next stage of their complaints process first, if there "
            "is one. Its reply should say how.",
            stages=("If {organisation} has more stages, ask for the next one first.",),
            after_sending=(NEXT_STAGE_SENT,),
            next_body=next_body,
            next_within=M12 if next_body == PHSO else None,
            next_words=PHSO_WORDS if next_body == PHSO else "",
            notes=notes,
        ),
    )


PROBATION_NOTE = (
    "The Prisons and Probation Ombudsman does not take victims' complaints (only complaints "
    "from prisoners, people under probation supervision and residents of approved premises)."
)


ROUTES: tuple[Route, ...] = (
    *_service_and_handling(
        "probation",
        "the probation region that supervises the person",
        notes=(PROBATION_NOTE,),
    ),
    # facts.md gives no time limit for prisons, so none is shown.
    *_service_and_handling(
        "prisons", "HM Prison and Probation Service (the prison first)", limit=None
    ),
    *_service_and_handling("parole_board", "the Parole Board", limit=None),
    Route(
        "parole_board",
        "decision",
        kind=PAROLE_RECONSIDERATION,
        body="your Victim Liaison Officer (for the Secretary of State)",
        limit=D21,
        limit_words="Ask within 21 days of the decision. This time limit is short and strict, "
        "so do not wait.",
        stages=(
            "A release decision is not dealt with as a complaint. Through your Victim Liaison "
            "Officer you can ask the Secretary of State to consider applying for the decision "
            "to be reconsidered, and you can ask for a summary of the decision.",
        ),
        after_sending=(
            "Your Victim Liaison Officer can ask the Secretary of State to consider applying "
            "for the decision to be reconsidered. They can also ask for a summary of the "
            "decision for you.",
        ),
        next_words="Your Victim Liaison Officer will tell you what happens next.",
        notes=(
            "Contact your Victim Liaison Officer today if you can. Victims cannot ask the "
            "Parole Board itself: the Secretary of State decides whether to apply.",
        ),
    ),
    *_service_and_handling("cica", "the Criminal Injuries Compensation Authority", limit=None),
    Route(
        "cica",
        "decision",
        kind=CICA_REVIEW,
        body="the Criminal Injuries Compensation Authority",
        limit=D90,
        limit_words="Ask CICA for a review within 90 days of the date of its decision. If you "
        "could not ask sooner, say why: a late request can still be looked at in exceptional "
        "circumstances.",
        stages=(
            "A decision on your claim is not dealt with as a complaint: ask CICA to review it.",
        ),
        after_sending=("CICA will look at its decision again.",),
        next_body="the First-tier Tribunal (Criminal Injuries Compensation)",
        next_within=D90,
        next_words="If you disagree with the review decision, you can appeal to the First-tier "
        "Tribunal (Criminal Injuries Compensation) within 90 days of the review decision.",
    ),
)
