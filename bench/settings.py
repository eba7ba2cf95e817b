"""Used by the benchmark only when collectstatic fails with the real settings.

A CSS file that points at a missing image stops `collectstatic` (and so a deploy). The
benchmark still wants figures while that is being fixed, so it falls back to this module,
which leaves such references unhashed, and says so in RESULTS.md. Everything else is the
production settings module unchanged.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage

from victims_service.settings import *  # noqa: F403
from victims_service.settings import STORAGES


class TolerantManifestStorage(CompressedManifestStaticFilesStorage):
    def hashed_name(self, name, content=None, filename=None):
        try:
            return super().hashed_name(name, content, filename)
        except ValueError:
            return name


STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "bench.settings.TolerantManifestStorage"}}
