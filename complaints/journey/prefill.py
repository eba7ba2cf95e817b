"""What a new complaint starts with: the tool's answers, or the guidance page's choice.

The "who should I complain to?" tool keeps its answers in the session; a guidance page's
"Start your complaint" button leaves the type of organisation it is about. The journey
starts from them and skips the pages the tool already asked.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.base import SessionBase

from complaints import selectors
from directory import routing

# Set by the start page from ?about=<org_type> (links from guidance pages).
ABOUT_KEY = "complaint_about"


def tool_prefill(session: SessionBase) -> tuple[dict[str, Any], list[str]]:
    """The answers to pre-fill, and the pages the tool answered (to skip).

    Takes the guidance page's choice out of the session: it is used once.
    """
    tool = session.get(routing.ANSWERS_SESSION_KEY) or {}
    about = session.pop(ABOUT_KEY, None)
    if routing.is_org_type(about) and isinstance(tool, dict) and tool.get("org_type") != about:
        # The guidance page's button was pressed after the tool was used for something
        # else: the button is the person's latest choice.
        tool = {}
    prefill: dict[str, Any] = {}
    from_tool: list[str] = []
    if isinstance(tool, dict) and routing.is_org_type(tool.get("org_type")):
        prefill, from_tool = _from_tool(tool)
    if not prefill and routing.is_org_type(about):
        prefill["org_type"] = about
    return prefill, from_tool


def _from_tool(tool: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    org_type = tool["org_type"]
    prefill: dict[str, Any] = {"org_type": org_type}
    from_tool = ["about"]
    subjects = {v for v, _label in routing.SUBJECT_CHOICES.get(org_type, [])}
    if tool.get("subject") in subjects:
        prefill["subject"] = tool["subject"]
        from_tool.append("subject")
    directory_type = routing.directory_type(org_type)
    known = (
        {pk for pk, _name in (selectors.directory_choices(directory_type) or [])}
        if directory_type
        else set()
    )
    if isinstance(tool.get("organisation_id"), int):
        prefill["organisation_id"] = tool["organisation_id"]
        if tool["organisation_id"] in known:
            from_tool.append("organisation")
    elif "organisation_id" in tool and tool["organisation_id"] is None:
        # "I do not know" in the tool.
        prefill["organisation_id"] = None
        from_tool.append("organisation")
    return prefill, from_tool
