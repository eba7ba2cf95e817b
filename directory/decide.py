"""The one decision: where a person's complaint (or request) goes, and what happens next.

`decide()` takes the person's answers and returns one `Outcome`: the organisation (or the
kind of body in words, when the person does not know which one), the plain-words reason,
the request kind and the row of `directory.routes` with the next-step facts. The tool,
the journey, submission, the confirmation page, every email, the progress page and the
staff page read that value (or what submission stored from it); nothing decides again.
"""

from __future__ import annotations

from dataclasses import dataclass

from directory import cache as directory_cache
from directory import places, routes, routing
from directory.models import OrganisationType
from directory.routes import Route

# What the central team promises when it passes a complaint on.
PASS_ON_WORKING_DAYS = 2

POLICING_BODY_WORDS = "the local policing body (the police and crime commissioner, or equivalent)"


@dataclass(frozen=True)
class Outcome:
    route: Route
    # Who deals with it. None when the person does not know, or it is a body that is not
    # in the directory (a council, an Advisory Committee): then `organisation_name` is the
    # kind of body in words.
    organisation_id: int | None
    organisation_name: str
    # Who has it on this site: the organisation, or the central triage team.
    holder_id: int
    # The central triage team passes it on: the organisation is not known, not in the
    # directory, or has nobody here to read it ("not connected").
    passes_on: bool
    reason: str
    rule_id: int | None
    # Resolved words: the local policing body's name where the force is known.
    policing_body: str

    @property
    def request_kind(self) -> str:
        return self.route.kind

    @property
    def is_complaint(self) -> bool:
        return self.route.is_complaint

    @property
    def known(self) -> bool:
        return self.organisation_id is not None

    @property
    def shown_organisation_name(self) -> str:
        """The organisation's name, or the kind of body in words in the active language."""
        return routes.shown_name(routes.words(self.organisation_name))

    def fill(self, text: str) -> str:
        return routes.fill(
            text,
            organisation=routes.in_sentence(self.organisation_name),
            policing_body=self.policing_body,
        )

    @property
    def stages(self) -> list[str]:
        return [self.fill(stage) for stage in self.route.stages]

    @property
    def next_body(self) -> str:
        # Mid-sentence ("Who to ask next: the ..."), so not capitalised.
        return routes.words(self.route.next_body).replace(
            "{policing_body}", routes.words(self.policing_body)
        )

    @property
    def next_words(self) -> str:
        return self.fill(self.route.next_words)

    @property
    def guidance_path(self) -> str:
        return routing.guidance_path(self.route.org_type)


def policing_body_name(
    organisation_id: int | None, current: directory_cache.Directory | None = None
) -> str:
    """The local policing body of a force (or of the body itself), by name, else in words."""
    current = current or directory_cache.directory()
    org = current.organisations.get(organisation_id) if organisation_id else None
    if org is None:
        return POLICING_BODY_WORDS
    if org.org_type == OrganisationType.LOCAL_POLICING_BODY:
        return routes.in_sentence(org.name)
    parent = current.organisations.get(org.parent_id) if org.parent_id else None
    return routes.in_sentence(parent.name) if parent else POLICING_BODY_WORDS


def decide(answers: routing.Answers, current: directory_cache.Directory | None = None) -> Outcome:
    """Route the answers with this process's copy of the directory.

    Raises `Organisation.DoesNotExist` when the directory has no central triage team.
    """
    from directory.models import Organisation

    current = current or directory_cache.directory()
    if current.triage_id is None:
        raise Organisation.DoesNotExist("The central triage team is missing from the directory.")
    org_type = answers.org_type or routing.UNKNOWN
    chosen = current.organisations.get(answers.organisation_id) if answers.organisation_id else None
    if chosen is not None and chosen.org_type == org_type:
        # A Welsh council takes the Welsh row (two stages, the PSOW) and an English one the
        # English row, whichever nation the subject picked said.
        subject = routes.subject_for_nation(
            org_type, answers.subject, places.nation_of(chosen.name)
        )
        answers = routing.Answers(answers.org_type, subject, answers.organisation_id)
    route = routes.route_for(org_type, answers.subject)
    if route.org_type == routing.UNKNOWN and org_type != routing.UNKNOWN:
        # Answers the questions cannot give (a hand-made request): treat as not known.
        org_type = routing.UNKNOWN
    decision = routing.route(
        routing.Answers(org_type, answers.subject, answers.organisation_id),
        rules=current.rules,
        organisations=current.organisations,
        triage_id=current.triage_id,
    )
    target = current.organisations.get(decision.organisation_id)
    to_triage = decision.organisation_id == current.triage_id
    if to_triage and org_type not in (routing.UNKNOWN, OrganisationType.CENTRAL_TRIAGE):
        # The right body is known only as a kind: the person did not know which one, or
        # bodies of this kind are not in the directory. The central team passes it on.
        reason = decision.reason
        if decision.rule_id is None:
            reason = (
                f"The person did not know which one ({route.body}), so the central triage "
                "team finds it and passes the complaint on."
            )
        return Outcome(
            route=route,
            organisation_id=None,
            organisation_name=route.body,
            holder_id=current.triage_id,
            passes_on=True,
            reason=reason,
            rule_id=decision.rule_id,
            policing_body=policing_body_name(answers.organisation_id, current),
        )
    if to_triage:
        return Outcome(
            route=route,
            organisation_id=None,
            organisation_name=route.body,
            holder_id=current.triage_id,
            passes_on=True,
            reason=decision.reason,
            rule_id=decision.rule_id,
            policing_body=POLICING_BODY_WORDS,
        )
    connected = decision.organisation_id in current.connected_ids
    reason = decision.reason
    if not connected:
        reason += (
            " Nobody at this organisation uses this site yet, so the central triage team "
            "passes the complaint on to it."
        )
    return Outcome(
        route=route,
        organisation_id=decision.organisation_id,
        organisation_name=target.name if target else route.body,
        holder_id=decision.organisation_id,
        passes_on=not connected,
        reason=reason,
        rule_id=decision.rule_id,
        policing_body=policing_body_name(
            answers.organisation_id or decision.organisation_id, current
        ),
    )
