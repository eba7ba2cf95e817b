"""The routes for councils' social services and youth justice services, which differ in
England and Wales: a council's own nation decides the row (see `subject_for_nation`)."""

from __future__ import annotations

from directory.routes.rows import ENGLAND, OUTCOME_REVIEW, WALES, Route
from directory.routes.wording import LATE, LGSCO, M12, NEXT_STAGE_SENT, PSOW, PSOW_SOURCE, TEN_DAYS


def _service_england(org_type: str, body: str) -> Route:
    return Route(
        org_type,
        "adults" if org_type == "council" else "service",
        ENGLAND,
        body=body + " (in England)",
        limit=M12,
        limit_words="Complain within 12 months of what happened, or of when you found out "
        "about it. " + LATE,
        stages=(
            (
                "The council's complaints manager should acknowledge your complaint within "
                "3 working days. A full reply can take up to 6 months."
            )
            if org_type == "council"
            # A youth justice service follows the council's own process; the Code's
            # 10 working days apply (facts.md gives no statutory stages for it).
            else TEN_DAYS,
        ),
        next_body=LGSCO,
        next_within=M12,
        next_words="If you are unhappy with the council's final reply, you can go to the "
        "Local Government and Social Care Ombudsman, normally within 12 months.",
    )


def _children_england(body: str) -> Route:
    stages = (
        "Stage 1: the council should reply within 10 working days (up to 20 if it is "
        "complicated). Stage 2: an investigation, 25 working days (up to 65). Stage 3: a "
        "review panel, asked for within 20 working days."
    )
    return Route(
        "council",
        "children",
        ENGLAND,
        body=body + " (in England)",
        limit=M12,
        limit_words="Complain within 12 months of what happened, or of when you "
        "found out about it. " + LATE,
        stages=(stages,),
        next_body=LGSCO,
        next_within=M12,
        next_words="If you are unhappy after the council's last stage, you can go "
        "to the Local Government and Social Care Ombudsman, normally within 12 "
        "months.",
    )


def _service_wales(org_type: str, body: str) -> Route:
    return Route(
        org_type,
        "wales" if org_type == "council" else "service_wales",
        WALES,
        body=body + " (in Wales)",
        limit=M12,
        limit_words="Complain within 12 months of what happened, or of when you found out "
        "about it. " + LATE,
        stages=(
            (
                "Stage 1: local resolution. The council should reply within 10 working days.",
                "Stage 2: a formal investigation, within 25 working days.",
            )
            if org_type == "council"
            else (TEN_DAYS,)
        ),
        next_body=PSOW,
        next_within=M12,
        next_words="If you are unhappy with the council's final reply, you can go to the "
        "Public Services Ombudsman for Wales (not the Local Government and Social Care "
        "Ombudsman), normally within 12 months of knowing about the problem.",
        source=PSOW_SOURCE,
    )


def _handling_england(org_type: str, body: str) -> Route:
    return Route(
        org_type,
        "complaint_handling",
        ENGLAND,
        kind=OUTCOME_REVIEW,
        body=body + " (in England)",
        limit=M12,
        limit_words="Go to the Ombudsman normally within 12 months of finding out about "
        "the problem. It usually expects you to finish the council's process first.",
        stages=(
            "If the council has more stages in its complaints process, ask for the next "
            "stage first.",
        ),
        after_sending=(NEXT_STAGE_SENT,),
        next_body=LGSCO,
        next_within=M12,
        next_words="After the council's final reply, the Local Government and Social Care "
        "Ombudsman can look at your complaint.",
    )


def _handling_wales(org_type: str, body: str) -> Route:
    return Route(
        org_type,
        "complaint_handling_wales",
        WALES,
        kind=OUTCOME_REVIEW,
        body=body + " (in Wales)",
        limit=M12,
        limit_words="Go to the Ombudsman normally within 12 months of knowing about the "
        "problem. It usually expects you to finish the council's two stages first.",
        stages=("If you have not had the council's stage 2 reply, ask for stage 2 first.",),
        after_sending=(NEXT_STAGE_SENT,),
        next_body=PSOW,
        next_within=M12,
        next_words="After stage 2, the Public Services Ombudsman for Wales can look at your "
        "complaint.",
        source=PSOW_SOURCE,
    )


def _council(org_type: str, body: str) -> tuple[Route, ...]:
    """A council's rows, or its youth justice service's: England, then Wales."""
    children = (_children_england(body),) if org_type == "council" else ()
    return (
        _service_england(org_type, body),
        *children,
        _service_wales(org_type, body),
        _handling_england(org_type, body),
        _handling_wales(org_type, body),
    )


ROUTES: tuple[Route, ...] = (
    *_council("youth_offending", "the council that runs the youth justice service"),
    *_council("council", "the council that runs the service"),
)
