import os
import shutil

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Hypothesis profiles. "default" keeps `make test` quick; HYPOTHESIS_PROFILE=drill is the
# fuzzing drill (drills/fuzz_forms.sh): 10,000 examples a test (HYPOTHESIS_DRILL_EXAMPLES),
# no time limit per example.
DRILL_EXAMPLES = int(os.environ.get("HYPOTHESIS_DRILL_EXAMPLES", "10000"))
hypothesis_settings.register_profile("default", max_examples=100, deadline=None)
hypothesis_settings.register_profile(
    "drill",
    max_examples=DRILL_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
if os.environ.get("HYPOTHESIS_PROFILE") == "drill":
    # Tests keep `make test` quick with @settings(max_examples=...), which a profile cannot
    # override; in the drill, every such setting becomes the drill's count.
    _settings_init = hypothesis_settings.__init__

    def _drill_settings_init(self, parent=None, **kwargs):
        if "max_examples" in kwargs:
            kwargs["max_examples"] = DRILL_EXAMPLES
        _settings_init(self, parent, **kwargs)

    hypothesis_settings.__init__ = _drill_settings_init

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# Flags that keep Chromium off the network: the tests must never reach a third party.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"


@pytest.fixture
def staff_login(client):
    """`staff_login(user)` signs a user in on `client` with a verified authenticator app."""
    from tests.staff_auth import login_verified

    return lambda user: login_verified(client, user)


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Rendered guidance pages are cached per process by path; no test sees another's."""
    from django.core.cache import caches

    from directory import cache as directory_cache

    caches["pages"].clear()
    # The directory is copied per process too; each test builds its own.
    directory_cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request for a Welsh page leaves Welsh active in the thread (LocaleMiddleware never
    switches back), so a later test would read dates and labels in Welsh."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_task_fails_unseen():
    """The test task backend runs a task at once and keeps its exception to itself, so a
    task that failed (an email not sent because the database was busy, say) would show
    only as a missing email later. Any task that fails in a test fails the test, with the
    task's own traceback."""
    from django_tasks import TaskResultStatus
    from django_tasks.signals import task_finished

    failed = []

    def record(sender, task_result, **kwargs):
        if task_result.status == TaskResultStatus.FAILED:
            failed.append(task_result)

    task_finished.connect(record, weak=False)
    yield
    task_finished.disconnect(record)
    if failed:
        tracebacks = "\n".join(error.traceback for result in failed for error in result.errors)
        pytest.fail(f"{len(failed)} task(s) failed during the test:\n{tracebacks}")
