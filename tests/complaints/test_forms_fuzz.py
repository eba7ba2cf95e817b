"""Whatever is posted to any form, the service answers with a page, never a 500."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaints.journey import STEPS
from tests.complaints.journey_support import directory_create, journey_complete, step_url

pytestmark = pytest.mark.django_db

# Any Unicode a browser can send (no lone surrogates, which cannot be encoded as UTF-8).
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)
VALUE = st.one_of(
    TEXT, st.lists(TEXT, max_size=3), st.sampled_from(["on", "1", "", "-1", "9" * 30])
)

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def form_data(field_names):
    keys = st.sampled_from([*field_names, "action", "website", "csrfmiddlewaretoken"]) | TEXT
    return st.dictionaries(keys=keys, values=VALUE, max_size=8)


@pytest.fixture
def journey(client):
    directory = directory_create()
    journey_complete(client, directory["north"].id)
    return client


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    # Fuzzing posts far faster than any person; the limits are tested elsewhere.
    from victims_service import ratelimit

    original = dict(ratelimit.LIMITS)
    for scope in ratelimit.LIMITS:
        ratelimit.LIMITS[scope] = ratelimit.Limit(requests=10**9, seconds=60)
    yield
    ratelimit.LIMITS.update(original)


@pytest.mark.parametrize("step", STEPS, ids=[step.slug for step in STEPS])
def test_question_pages_never_fail(journey, step):
    names = list(step.form_class.base_fields)

    @FUZZ
    @given(data=form_data(names))
    def run(data):
        response = journey.post(step_url(step.slug) + "?change=1", data)
        assert response.status_code < 500, (step.slug, data)

    run()


def test_check_answers_never_fails(journey):
    @FUZZ
    @given(data=form_data(["declaration"]))
    def run(data):
        data.pop("declaration", None)  # submitting is tested elsewhere; here, bad input only
        assert journey.post("/complaints/check-your-answers/", data).status_code < 500

    run()


def test_progress_check_never_fails(client):

    @FUZZ
    @given(data=form_data(["reference", "email"]))
    def run(data):
        assert client.post("/complaints/check/", data).status_code < 500

    run()


def test_progress_links_never_fail(client):
    @FUZZ
    @given(
        token=st.text(
            alphabet=st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=200
        ).filter(lambda t: "/" not in t and t.strip() == t and t not in (".", ".."))
    )
    def run(token):
        from urllib.parse import quote

        url = f"/complaints/check/link/{quote(token, safe='')}/"
        assert client.get(url).status_code < 500
        assert client.post(url).status_code < 500

    run()
