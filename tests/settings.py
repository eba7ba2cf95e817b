"""Test settings: the real settings module, with the environment a test run needs.

Only what cannot come from the environment is changed here, each with its reason.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE", "false")
# Tests must never reach a real site: the quick exit goes to a page the live server serves.
os.environ.setdefault("QUICK_EXIT_URL", "/healthz")

from victims_service.settings import *  # noqa: E402,F403
from victims_service.settings import STORAGES  # noqa: E402

# pytest-django's live server serves static files from the source folders, where the
# manifest's hashed names do not exist (stack notes).
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PRIVATE_MEDIA_ROOT = Path(os.environ.get("TEST_PRIVATE_MEDIA_ROOT", "/tmp/victims-test-media"))  # noqa: F405,S108

# Playwright's sync API runs an event loop in the test thread; Django's live server is fine
# with that but its async-safety check is not (stack notes).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
