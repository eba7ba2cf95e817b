"""Find your local police force, police and crime commissioner and victims' service.

A plain GET form with a <select>: it works without JavaScript and puts only an area (not
anything personal) in the URL. JavaScript turns the select into an accessible autocomplete.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from directory import selectors
from directory.data.directory import force_places
from directory.routing import guidance_path


def directory(request: HttpRequest) -> HttpResponse:
    forces = list(selectors.police_areas())
    chosen = request.GET.get("force")
    error = None
    if chosen is not None:
        if chosen in {force.slug for force in forces}:
            return redirect("guidance:directory_result", slug=chosen)
        error = _("Select the area where you live")
    places = force_places()
    options = [
        (force.slug, f"{force.area} ({places[force.slug]})" if force.slug in places else force.area)
        for force in forces
    ]
    return render(
        request,
        "guidance/directory/lookup.html",
        {"options": options, "error": error},
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
