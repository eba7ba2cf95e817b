"""Find your local police force, police and crime commissioner and victims' service.

Plain GET forms, so it works without JavaScript and puts only a place or an area (never
an answer about a complaint) in the URL. A person types where they live ("Leeds"), picks
from a short list of regions, or says they do not know; the same place index as the
complaint form and the tool finds the force (`directory.place_question`). With JavaScript,
a list of the forces becomes an autocomplete that also finds a force by a place.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from directory import place_question, selectors
from directory.routing import guidance_path

UNKNOWN = "unknown"


def directory(request: HttpRequest) -> HttpResponse:
    forces = list(selectors.police_areas())
    slugs = {force.name: force.slug for force in forces}
    chosen = request.GET.get("force")
    error = None
    if chosen == UNKNOWN:
        return render(request, "guidance/directory/unknown.html", {"lookup_url": request.path})
    if chosen is not None:
        if chosen in slugs.values():
            return redirect("guidance:directory_result", slug=chosen)
        error = _("Select the area where you live")
    result = None if error else place_question.from_query("police_force", request.GET, values=slugs)
    if result and len(result.options) == 1 and not result.note and not result.region:
        # One force for the place typed: straight to it.
        return redirect("guidance:directory_result", slug=result.options[0][0])
    places = {option.value: option.places for option in selectors.place_options("police_force")}
    return render(
        request,
        "guidance/directory/lookup.html",
        {
            "options": [
                (force.slug, force.shown_name, places.get(str(force.pk), "")) for force in forces
            ],
            "error": error,
            "result": result,
            "unknown_value": UNKNOWN,
        },
    )


def directory_result(request: HttpRequest, slug: str) -> HttpResponse:
    area = selectors.police_area(slug)
    if area is None:
        raise Http404
    return render(
        request,
        "guidance/directory/result.html",
        {
            "area": area,
            "police_guidance": guidance_path("police_force"),
        },
    )
