"""The complaint list fits a 1280 px screen: no sideways scrolling, references on one line.

Staff on an ordinary laptop must see every column (deadline, assigned to, safe to contact
by) without scrolling sideways, and a reference split over two lines is misread over the
phone. Realistic rows: long organisation names, every flag, a long assignee name.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from complaints.workflow import Status
from tests.browser.helpers import assert_accessible
from tests.browser.test_admin_triage import _sign_in
from tests.complaints.builders import complaint_build, organisation_build
from tests.complaints.triage_setup import handler_build

WIDTH, HEIGHT = 1280, 800


@pytest.fixture
def wide_page(browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    yield page
    context.close()


def _realistic_rows():
    today = timezone.localdate()
    forces = [
        organisation_build(name="Heddlu Dyfed-Powys (Dyfed-Powys Police)"),
        organisation_build(name="Avon and Somerset Constabulary"),
        organisation_build(
            name="Police and Crime Commissioner for Devon, Cornwall and the Isles of Scilly"
        ),
    ]
    user = handler_build(
        *forces,
        username="bartholomew.featherstonehaugh-smythe",
        first_name="Bartholomew",
        last_name="Featherstonehaugh-Smythe",
    )
    statuses = [Status.RECEIVED, Status.ACKNOWLEDGED, Status.UNDER_INVESTIGATION, Status.CLOSED]
    for n in range(24):
        complaint_build(
            forces[n % len(forces)],
            status=statuses[n % len(statuses)],
            received_at=timezone.now() - timedelta(days=n),
            acknowledgement_due=today + timedelta(days=n - 5),
            response_due=today + timedelta(days=n + 10),
            request_kind="outcome_review" if n % 5 == 0 else "complaint",
            is_priority=n % 2 == 0,
            has_safeguarding_concern=n % 3 == 0,
            pass_on="to_pass_on" if n % 4 == 0 else "",
            assigned_to=user if n % 2 else None,
            safe_by_email=True,
            safe_by_phone=n % 2 == 0,
            safe_by_post=n % 3 == 0,
            may_leave_messages=n % 2 == 0,
        )
    return user


def test_the_complaint_list_fits_1280_pixels_and_references_do_not_wrap(wide_page, site):
    user = _realistic_rows()
    _sign_in(wide_page, site, user)
    wide_page.goto(f"{site}/staff/complaints/complaint/")
    wide_page.wait_for_load_state("load")

    scroll_width, client_width = wide_page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll_width <= client_width, (
        f"the list is {scroll_width} px wide in a {client_width} px window"
    )
    # Every column, the last one included, is on the screen.
    right_edge = wide_page.evaluate(
        "Math.max(...[...document.querySelectorAll('#result_list th')]"
        ".map(cell => cell.getBoundingClientRect().right))"
    )
    assert right_edge <= client_width
    # Nor does the table scroll inside its own box (Django admin lets it).
    inner, box = wide_page.evaluate(
        "[document.querySelector('#changelist-form .results').scrollWidth,"
        " document.querySelector('#changelist-form .results').clientWidth]"
    )
    assert inner <= box, f"the table is {inner} px wide in a {box} px box"

    heights = wide_page.evaluate(
        """[...document.querySelectorAll('#result_list .field-reference')].map(cell => {
            const link = cell.querySelector('a') || cell;
            const line = parseFloat(getComputedStyle(link).lineHeight)
                || parseFloat(getComputedStyle(link).fontSize) * 1.5;
            return [link.getClientRects().length, link.getBoundingClientRect().height, line];
        })"""
    )
    assert len(heights) == 24
    for rects, height, line in heights:
        assert rects == 1 and height <= line + 1, (rects, height, line)
    assert_accessible(wide_page)
