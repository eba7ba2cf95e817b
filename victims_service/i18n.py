"""The language switch: the same page in the other language, in the GOV.UK pattern.

The language is in the URL (English at the root, Welsh under /cy/), so the switch is two
links to the same page, made with Django's translate_url. A complaint's answers live in
the session, not the URL, so switching halfway through a form keeps every answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils.translation import get_language, override

# URL names whose address holds a secret (the one-time progress link): the switch sends
# the other language to where that page starts instead of repeating the secret.
SECRET_URL_FALLBACKS = {"complaints:progress_link": "complaints:progress_start"}


@dataclass(frozen=True)
class LanguageLink:
    code: str  # as in LANGUAGES: "en-gb", "cy"
    name: str  # in its own language: "English", "Cymraeg"
    url: str
    current: bool


def _prefix(code: str) -> str:
    return "" if code == settings.LANGUAGE_CODE else f"/{code}"


def _strip_prefix(path: str) -> str:
    for code, _name in settings.LANGUAGES:
        prefix = _prefix(code)
        if prefix and (path == prefix or path.startswith(prefix + "/")):
            return path[len(prefix) :] or "/"
    return path


def url_in_language(request: HttpRequest, code: str) -> str:
    """This page's address in another language (with its query string)."""
    path = request.path
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    if match is not None and match.view_name in SECRET_URL_FALLBACKS:
        with override(code):
            return reverse(SECRET_URL_FALLBACKS[match.view_name])
    # A page cached for everyone (a guidance page) must not repeat one visitor's query.
    keep_query = getattr(request, "language_switch_keeps_query", True)
    full = request.get_full_path() if keep_query else path
    if match is not None:
        translated = translate_url(full, code)
        if translated != full or code == get_language():
            return translated
    # A page that does not resolve (a 404): move the prefix by hand, so the switch on the
    # Welsh "page not found" leads to the English one at the same address.
    query = full[len(path) :]
    return _prefix(code) + _strip_prefix(path) + query


def language_links(request: HttpRequest) -> list[LanguageLink]:
    current = get_language()
    return [
        LanguageLink(
            code=code,
            name=str(name),
            url=url_in_language(request, code),
            current=code == current,
        )
        for code, name in settings.LANGUAGES
    ]
