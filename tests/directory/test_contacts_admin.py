"""Staff see each checked contact in admin with the page it came from and the date."""

from __future__ import annotations

import pytest
from django.contrib import admin

from directory.admin import OrganisationAdmin
from directory.data.loader import directory_load
from directory.models import Organisation

pytestmark = pytest.mark.django_db


def test_an_organisation_s_checked_contacts_are_shown_read_only_with_source_and_date(rf):
    directory_load()
    model_admin = OrganisationAdmin(Organisation, admin.site)
    cica = Organisation.objects.get(slug="cica")
    shown = str(model_admin.checked_contacts(cica))
    assert "checked on 2026-12-01 against" in shown
    assert 'href="https://www.gov.uk/' in shown
    request = rf.get("/")
    request.user = type("U", (), {"is_superuser": True, "is_active": True, "is_staff": True})()
    assert "checked_contacts" in model_admin.get_readonly_fields(request, cica)


def test_an_organisation_with_none_checked_says_so(rf):
    directory_load()
    # A council whose own complaints page was not found among the stored pages.
    council = Organisation.objects.get(name="Rotherham Council")
    shown = str(OrganisationAdmin(Organisation, admin.site).checked_contacts(council))
    assert "None checked yet" in shown
