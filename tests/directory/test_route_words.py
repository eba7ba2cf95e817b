"""The routes table's wording is in the Welsh catalogue, and shown in Welsh on Welsh pages."""

from __future__ import annotations

import pytest
from django.utils import translation

from directory import route_words, routes


def _route_texts() -> set[str]:
    texts = set()
    for route in routes.ROUTES:
        for text in (route.body, route.limit_words, route.next_body, route.next_words):
            if text:
                texts.add(text)
        texts.update(route.stages)
        texts.update(route.after_sending or ())
        texts.update(route.notes)
    return texts


def test_the_message_list_names_every_sentence_of_the_routes_table():
    """If this fails, regenerate directory/route_words.py and run make messages."""
    assert set(route_words.TEXTS) == _route_texts()


def test_every_sentence_of_the_routes_table_has_welsh():
    with translation.override("cy"):
        untranslated = sorted(t for t in _route_texts() if routes.words(t) == t)
    assert untranslated == []


@pytest.mark.django_db
def test_the_words_are_filled_in_the_active_language():
    text = (
        "{organisation} should reply, or tell you they have your complaint and when to "
        "expect a full answer, within 10 working days."
    )
    with translation.override("cy"):
        filled = routes.fill(text, organisation="Heddlu De Cymru", policing_body="")
        assert filled.startswith("Dylai Heddlu De Cymru ateb")
        body = routes.fill(
            "{organisation}",
            organisation="the police force for the area where it happened",
            policing_body="",
        )
        assert body == "Yr heddlu ar gyfer yr ardal lle digwyddodd"
    with translation.override("en-gb"):
        assert routes.fill(text, organisation="X", policing_body="").startswith("X should reply")


@pytest.mark.django_db
def test_welsh_pages_give_welsh_names_with_the_english_beside(client):
    from directory.data.loader import directory_load
    from directory.models import Organisation
    from directory.selectors import directory_choices

    directory_load()
    police = Organisation.objects.get(slug="south-wales-police")
    assert police.name_cy == "Heddlu De Cymru"
    with translation.override("cy"):
        assert police.shown_name == "Heddlu De Cymru (South Wales Police)"
        names = dict(directory_choices("police_force"))
        assert names[police.pk] == "Heddlu De Cymru (South Wales Police)"
        # An organisation with no Welsh name keeps its name.
        kent = Organisation.objects.get(slug="kent-police")
        assert names[kent.pk] == kent.name
    with translation.override("en-gb"):
        assert police.shown_name == "South Wales Police"
        assert dict(directory_choices("police_force"))[police.pk] == "South Wales Police"
    html = client.get(f"/cy/find-your-local-police/{police.slug}/").content.decode()
    assert "Heddlu De Cymru (South Wales Police)" in html
