"""The production settings with STATIC_ROOT in a temporary folder (test_serve.py only)."""

import os
from pathlib import Path

from victims_service.settings import *  # noqa: F403

STATIC_ROOT = Path(os.environ["SERVE_TEST_STATIC_ROOT"])
