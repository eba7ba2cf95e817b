"""Error pages on the Welsh site are in Welsh, with the quick exit and a way back."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import path

from victims_service import urls as site_urls
from victims_service.views import permission_denied


def _boom(request):
    raise RuntimeError("secret detail")


def _forbidden(request):
    return permission_denied(request)


urlpatterns = [
    *site_urls.i18n_patterns(
        path("boom/", _boom), path("forbidden/", _forbidden), prefix_default_language=False
    ),
    *site_urls.urlpatterns,
]
handler500 = site_urls.handler500


def assert_welsh_page(response, heading: str) -> None:
    html = response.content.decode()
    assert '<html lang="cy"' in html
    assert heading in html
    assert "Gadael y dudalen hon" in html
    assert "Exit this page" not in html


@pytest.mark.django_db
def test_welsh_404(client):
    response = client.get("/cy/complaints/no-such-page/")
    assert response.status_code == 404
    assert_welsh_page(response, "Heb ddod o hyd i’r dudalen")


@pytest.mark.django_db
def test_welsh_csrf_failure():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/cy/feedback/", {"doing": "x"})
    assert response.status_code == 403
    assert_welsh_page(response, "Roedd eich tudalen wedi dyddio")


@pytest.mark.django_db
def test_welsh_400_for_a_body_too_large(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/cy/feedback/", {"doing": "x" * 5000})
    assert response.status_code == 400
    assert_welsh_page(response, "Mae’n ddrwg gennym, nid oeddem yn gallu darllen y cais hwnnw")


@pytest.mark.django_db
@pytest.mark.urls("tests.foundation.test_welsh_errors")
def test_welsh_403_and_500(client):
    assert_welsh_page(client.get("/cy/forbidden/"), "Ni allwch weld y dudalen hon")
    client.raise_request_exception = False
    response = client.get("/cy/boom/")
    assert response.status_code == 500
    assert_welsh_page(response, "Mae’n ddrwg gennym, mae problem gyda’r gwasanaeth")
    assert "secret detail" not in response.content.decode()


@pytest.mark.django_db
def test_welsh_429_too_many_requests(client, settings):
    from django.template.loader import render_to_string
    from django.test import RequestFactory
    from django.utils import translation

    request = RequestFactory().get("/cy/complaints/")
    request.csp_nonce = "n"
    with translation.override("cy"):
        html = render_to_string("errors/429.html", {"minutes": 2}, request=request)
    assert '<html lang="cy"' in html
    assert "Arhoswch ychydig funudau" in html
    assert "Arhoswch 2 munud, yna ewch yn ôl" in html
