"""docs/routes.md, made from the routes table (`manage.py routes_doc`; a test keeps it current)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils import translation

from directory import routes, routing

PATH = Path(settings.BASE_DIR) / "docs" / "routes.md"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|") or "-"


def render() -> str:
    with translation.override("en-gb"):
        return _render()


def _render() -> str:
    types = dict(routing.ORG_TYPE_CHOICES)
    kinds = dict(routes.REQUEST_KINDS)
    subjects = {
        (org_type, value): str(label)
        for org_type, choices in routing.SUBJECT_CHOICES.items()
        for value, label in choices
    }
    lines = [
        "# Complaint routes",
        "",
        "Generated from `directory/routes/` by `manage.py routes_doc`. Do not edit by hand:",
        "`tests/directory/test_routes_doc.py` fails when this file is not current.",
        "",
        'Each row is one answer to "who is it about?" and "what is it about?" (and, where the',
        'route differs, the nation). "Body" is who deals with it first, in the words used when',
        "the person does not know which one; `{organisation}` and `{policing_body}` are filled",
        'in with the organisation chosen and its local policing body. "Next" is who reviews or',
        "investigates after the final reply, and how long the person usually has.",
        "",
        f"{len(routes.ROUTES)} routes.",
        "",
        "| type | subject | nation | kind | body | usual time limit | replies and stages "
        "| next | next within | source |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for route in routes.ROUTES:
        lines.append(
            "| "
            + " | ".join(
                _cell(value)
                for value in (
                    types.get(route.org_type, route.org_type),
                    subjects.get((route.org_type, route.subject), route.subject or "-"),
                    routes.NATIONS[route.nation],
                    kinds[route.kind],
                    route.body,
                    route.limit_words,
                    " ".join(route.stages),
                    (route.next_body + ". " if route.next_body else "") + route.next_words,
                    route.next_within.words() if route.next_within else "-",
                    route.source or "facts.md",
                )
            )
            + " |"
        )
    return "\n".join(lines) + "\n"
