"""Reads of the organisation directory. Nothing here writes.

Most come from this process's copy of the directory (`directory.cache`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from django.db.models import Q, QuerySet

from directory import cache as directory_cache
from directory import contacts, routing
from directory.models import Organisation, OrganisationType
from directory.names import shown_name

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def central_triage() -> Organisation:
    return Organisation.objects.get(org_type=OrganisationType.CENTRAL_TRIAGE)


class RoutingInputs(NamedTuple):
    """What `routing.route` needs besides the answers."""

    rules: list[routing.Rule]
    organisations: Mapping[int, routing.Org]
    triage_id: int


def routing_inputs() -> RoutingInputs:
    """The data `routing.route` needs, from this process's copy of the directory."""
    current = directory_cache.directory()
    if current.triage_id is None:
        raise Organisation.DoesNotExist("The central triage team is missing from the directory.")
    return RoutingInputs(
        rules=list(current.rules), organisations=current.organisations, triage_id=current.triage_id
    )


def organisation_ids_for_user(user: User | AnonymousUser) -> frozenset[int]:
    """The organisations a member of staff works for.

    Cached on the user object, which lives for one request; code that changes memberships
    and reuses the same object (a script, a test) should fetch the user again.
    """
    cached: frozenset[int] | None = getattr(user, "_organisation_ids", None)
    return _memberships_load(user)[0] if cached is None else cached


def in_central_triage(user: User | AnonymousUser) -> bool:
    """Whether this member of staff is in the central triage team: from the same query
    (and cache) as `organisation_ids_for_user`, so asking costs nothing more."""
    cached: bool | None = getattr(user, "_in_central_triage", None)
    return _memberships_load(user)[1] if cached is None else cached


def _memberships_load(user: User | AnonymousUser) -> tuple[frozenset[int], bool]:
    """(their organisations, whether one is the central triage team), kept on the user
    object for the rest of the request."""
    from django.contrib.auth.models import User

    rows: list[tuple[int, str]] = []
    if isinstance(user, User) and user.is_active and user.is_staff:
        rows = list(user.memberships.values_list("organisation_id", "organisation__org_type"))
    ids = frozenset(pk for pk, _type in rows)
    in_triage = any(kind == OrganisationType.CENTRAL_TRIAGE for _pk, kind in rows)
    user._organisation_ids = ids  # type: ignore[union-attr]
    user._in_central_triage = in_triage  # type: ignore[union-attr]
    return ids, in_triage


def police_areas() -> QuerySet[Organisation]:
    """Territorial police forces: the ones with a local victims' service, by area name.

    British Transport Police and the Ministry of Defence Police cover no home area, so a
    person choosing where they live does not see them.
    """
    return (
        Organisation.objects.filter(
            org_type=OrganisationType.POLICE_FORCE,
            is_active=True,
            parent__children__org_type=OrganisationType.VICTIMS_SERVICE,
        )
        .distinct()
        .only("id", "slug", "name", "area")
        .order_by("area", "name")
    )


@dataclass(frozen=True)
class PoliceArea:
    force: Organisation
    policing_body: Organisation | None
    victims_services: list[Organisation]


def police_area(slug: str) -> PoliceArea | None:
    """A police force area with its local policing body and victims' services (2 queries)."""
    force = (
        Organisation.objects.filter(
            slug=slug, org_type=OrganisationType.POLICE_FORCE, is_active=True
        )
        .select_related("parent")
        .first()
    )
    if force is None:
        return None
    body = force.parent if force.parent and force.parent.is_active else None
    services = (
        list(
            Organisation.objects.filter(
                parent_id=body.id, org_type=OrganisationType.VICTIMS_SERVICE, is_active=True
            ).order_by("name")
        )
        if body
        else []
    )
    return PoliceArea(force=force, policing_body=body, victims_services=services)


def right_ids() -> Mapping[int, int]:
    """Victims' Code right number -> row id."""
    return directory_cache.directory().right_ids


def directory_counts() -> dict[str, int]:
    """How many active organisations of each type the directory holds."""
    return {org_type: len(pairs) for org_type, pairs in directory_cache.directory().choices.items()}


def directory_choices(org_type: str) -> list[tuple[int, str]]:
    """(id, name) of the active organisations of one type, by name, for a question; on a
    Welsh page a Welsh name goes first, with the English beside it."""
    current = directory_cache.directory()
    return [
        (pk, shown_name(name, current.welsh_names.get(name, "")))
        for pk, name in current.choices.get(org_type, ())
    ]


def organisation_details(organisation_id: int) -> routing.OrgDetails | None:
    """The directory's own figures for one active organisation (time limit, reply days)."""
    return directory_cache.directory().details.get(organisation_id)


@dataclass(frozen=True)
class PlaceOption:
    value: str
    label: str
    places: str  # the places it covers, "|"-separated, for the autocomplete to search


def place_options(kind: str) -> list[PlaceOption]:
    """The choices for a "which organisation?" question, each with the places it covers.

    The places are found by the organisation's own (English) name; the label is the name
    the page shows (on a Welsh page, the Welsh name with the English beside it).
    """
    from directory import place_choices

    terms = place_choices.terms(kind)
    current = directory_cache.directory()
    return [
        PlaceOption(
            str(pk),
            shown_name(name, current.welsh_names.get(name, "")),
            "|".join(terms.get(name, ())),
        )
        for pk, name in current.choices.get(kind, ())
    ]


@dataclass(frozen=True)
class PlaceResult:
    """What a place typed found: choices with the place shown, or none (then the regions)."""

    text: str
    options: list[tuple[str, str]]  # (value, "West Yorkshire Police (Leeds)")
    note: str = ""  # set when London was typed: the City of London has its own force
    region: str = ""
    regions: tuple[str, ...] = ()


# Longer than any place name; what is typed is cut to this before it is looked up or shown.
PLACE_MAX = 100


def place_search(
    kind: str, *, text: str = "", region: str = "", values: Mapping[str, str] | None = None
) -> PlaceResult:
    """The organisations of `kind` for a place (or a region) a person gave.

    Each option's value is the organisation's id, or `values[name]` when given (the lookup
    page uses slugs); an organisation not in the directory (or not in `values`) is left out.
    """
    from directory import place_choices

    text = str(text or "")[:PLACE_MAX].strip()
    current = directory_cache.directory()
    if values is None:
        values = {name: str(pk) for pk, name in current.choices.get(kind, ())}

    def shown(name: str) -> str:
        return shown_name(name, current.welsh_names.get(name, ""))

    if region and region in place_choices.regions():
        names = place_choices.in_region(kind, region)
        return PlaceResult(
            text="", region=region, options=[(values[n], shown(n)) for n in names if n in values]
        )
    found = place_choices.search(kind, text)
    options = [
        (
            values[o.organisation],
            f"{shown(o.organisation)} ({o.where})" if o.where else shown(o.organisation),
        )
        for o in found.options
        if o.organisation in values
    ]
    return PlaceResult(
        text=text,
        options=options,
        note=found.note,
        regions=() if options else place_choices.regions(),
    )


# ---------------------------------------------------------------------------------------
# Transfer: staff find the organisation a complaint belongs with.
# ---------------------------------------------------------------------------------------

# At most this many matches are offered at once: staff narrow the search for more.
TRANSFER_MATCH_LIMIT = 25
# Types a complaint is never transferred to: support services do not handle complaints.
NOT_TRANSFER_TYPES = frozenset({OrganisationType.VICTIMS_SERVICE, OrganisationType.THIS_SERVICE})


def transfer_destinations_all(*, exclude_id: int) -> QuerySet[Organisation]:
    """Every active organisation a complaint now at `exclude_id` may be transferred to."""
    return (
        Organisation.objects.filter(is_active=True)
        .exclude(pk=exclude_id)
        .exclude(org_type__in=NOT_TRANSFER_TYPES)
        .order_by("name")
    )


def transfer_destinations(
    *, exclude_id: int, org_type: str = "", text: str = "", limit: int = TRANSFER_MATCH_LIMIT
) -> tuple[list[Organisation], int]:
    """The first `limit` organisations of a type whose name (English or Welsh) or area has
    every word typed, or which cover the place typed ("Leeds" finds West Yorkshire
    Police), by name; and how many matched in all (two queries)."""
    from directory import place_choices

    matches = transfer_destinations_all(exclude_id=exclude_id)
    if org_type:
        matches = matches.filter(org_type=org_type)
    words = text.split()[:6]
    if words:
        named = Q()
        for word in words:
            named &= Q(name__icontains=word) | Q(name_cy__icontains=word) | Q(area__icontains=word)
        covering = (
            [option.organisation for option in place_choices.search(org_type, text).options]
            if org_type in place_choices.KINDS
            else []
        )
        matches = matches.filter(named | Q(name__in=covering))
    return list(matches[:limit]), matches.count()


# Organisations whose complaints go through the body that runs them: a youth justice
# service through its council, a Witness Care Unit through its police force.
_COMPLAINTS_THROUGH_PARENT = frozenset(
    {OrganisationType.YOUTH_OFFENDING, OrganisationType.WITNESS_CARE}
)


@dataclass(frozen=True)
class CheckedContacts:
    contacts: list[contacts.Contact]
    through: str = ""  # the body whose contacts these are, when not the organisation's own


def checked_contacts(organisation_id: int | None) -> CheckedContacts:
    """An organisation's checked contacts (directory/data/contacts.csv); where it has none
    and its complaints go through the body that runs it, that body's, named."""
    current = directory_cache.directory()
    org = current.organisations.get(organisation_id) if organisation_id else None
    if org is None:
        return CheckedContacts([])
    own = contacts.contacts_for(org.name)
    parent = current.organisations.get(org.parent_id) if org.parent_id else None
    if own or parent is None or org.org_type not in _COMPLAINTS_THROUGH_PARENT:
        return CheckedContacts(own)
    found = contacts.contacts_for(parent.name)
    through = shown_name(parent.name, current.welsh_names.get(parent.name, ""))
    return CheckedContacts(found, through=through if found else "")
