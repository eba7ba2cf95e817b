"""Foundation placeholders; the guidance issue replaces these with content pages."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "guidance/home.html")


def search(request: HttpRequest) -> HttpResponse:
    return render(request, "guidance/search.html", {"query": request.GET.get("q", "")[:200]})


def page(request: HttpRequest, slug: str) -> HttpResponse:
    template = f"guidance/pages/{slug.replace('-', '_')}.html"
    try:
        get_template(template)
    except TemplateDoesNotExist:
        raise Http404 from None
    return render(request, template)
