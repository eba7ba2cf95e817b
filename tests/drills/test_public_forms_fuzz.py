"""Fuzzing drill, part 2: the public forms outside the complaint journey never answer 500.

tests/complaints/test_forms_fuzz.py covers the journey's question pages, check your answers
and the progress check; this covers the rest of what the public can send: the site search,
the local police lookup, the "who should I complain to?" tool, the journey's start, delete
and keep-alive buttons, the progress page's finish button, and the feedback form.

`make test` runs a few examples per form (the "default" Hypothesis profile, capped here);
`drills/fuzz_forms.sh` runs the drill profile: 10,000 examples per form.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from directory import routing
from tests.complaints.journey_support import directory_create

pytestmark = pytest.mark.django_db

# `make test` stays quick; HYPOTHESIS_PROFILE=drill raises this to 10,000 (tests/conftest.py).
EXAMPLES = min(hypothesis_settings.default.max_examples, 25)
if hypothesis_settings.default.max_examples >= 1000:
    EXAMPLES = hypothesis_settings.default.max_examples
FUZZ = hypothesis_settings(
    hypothesis_settings.default,
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)
VALUE = st.one_of(
    TEXT,
    st.lists(TEXT, max_size=3),
    st.sampled_from(["", "on", "1", "-1", "unknown", "9" * 30, "\x00", "police_force"]),
)


def data_for(names: list[str]):
    keys = st.sampled_from([*names, "csrfmiddlewaretoken", "website"]) | TEXT
    return st.dictionaries(keys=keys, values=VALUE, max_size=6)


@pytest.fixture(autouse=True)
def _site(settings):
    from victims_service import ratelimit

    directory_create()
    # Fuzzing posts far faster than any person; the limits are tested elsewhere.
    original = dict(ratelimit.LIMITS)
    for scope in ratelimit.LIMITS:
        ratelimit.LIMITS[scope] = ratelimit.Limit(requests=10**9, seconds=60)
    yield
    ratelimit.LIMITS.update(original)


GET_FORMS = {
    "search": ("/search/", ["q"]),
    "local police lookup": ("/find-your-local-police/", ["force"]),
}

POST_FORMS = {
    "complaint start": ("/complaints/before-you-start/", ["action"]),
    "delete answers": ("/complaints/delete-answers/", []),
    "keep alive": ("/complaints/keep-alive/", []),
    "progress finish": ("/complaints/check/finish/", []),
    "feedback": ("/feedback/", ["doing", "problem", "email"]),
    "tool: who": (f"/who-should-i-complain-to/{routing.STEP_ORG_TYPE}/", ["answer"]),
    "tool: what about": (f"/who-should-i-complain-to/{routing.STEP_SUBJECT}/", ["answer"]),
    "tool: which one": (f"/who-should-i-complain-to/{routing.STEP_ORGANISATION}/", ["answer"]),
}


@pytest.mark.parametrize("name", GET_FORMS)
def test_get_forms_never_fail(client, name):
    url, names = GET_FORMS[name]

    @FUZZ
    @given(data=data_for(names))
    def run(data):
        assert client.get(url, data).status_code < 500, (name, data)

    run()


@pytest.mark.parametrize("name", POST_FORMS)
def test_post_forms_never_fail(client, name):
    url, names = POST_FORMS[name]
    # Earlier answers shape the later tool pages: give them some, as a visitor would.
    client.post(f"/who-should-i-complain-to/{routing.STEP_ORG_TYPE}/", {"answer": "police_force"})

    @FUZZ
    @given(data=data_for(names), fresh=st.booleans())
    def run(data, fresh):
        if fresh:
            client.cookies.clear()
        assert client.post(url, data).status_code < 500, (name, data)
        assert client.get(url).status_code < 500, name

    run()
