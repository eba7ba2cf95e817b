"""The settings module fails loudly on what production must not run without."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "PATH": os.environ["PATH"],
    "DJANGO_SETTINGS_MODULE": "victims_service.settings",
    "DEBUG": "false",
    "SECRET_KEY": "x" * 64 + "production-like-secret-key-for-the-deploy-check",
    "ALLOWED_HOSTS": "victims.example.org",
    # A live site's emailed links are https:// (check --deploy warns otherwise, issue 12).
    "SITE_URL": "https://victims.example.org",
    "DATABASE_URL": "sqlite:////tmp/victims-deploy-check.sqlite3",
}


def run_manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_refuses_to_start_without_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_refuses_to_start_without_allowed_hosts():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "ALLOWED_HOSTS"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_refuses_a_value_it_cannot_read():
    result = run_manage("check", env={**PRODUCTION_ENV, "DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_a_variable_set_to_nothing_takes_its_default():
    """As in an env file copied from .env.example: `DATABASE_URL=`, `SECURE=`, `DEBUG=`."""
    env = {**PRODUCTION_ENV, "DATABASE_URL": "", "SECURE": " ", "DEBUG": "", "LOG_LEVEL": ""}
    script = (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.SECURE, s.DEBUG, s.QUICK_EXIT_URL)"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "False",
        "https://www.bbc.co.uk/weather",
    ]


def test_deploy_check_passes_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_missing_migrations():
    env = {**PRODUCTION_ENV, "DEBUG": "true"}
    result = run_manage("makemigrations", "--check", "--dry-run", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_setting_read_is_documented():
    """Every variable settings.py reads appears in .env.example and the README."""
    import re

    source = (ROOT / "victims_service" / "settings.py").read_text()
    names = set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', source))
    example = (ROOT / ".env.example").read_text()
    readme = (ROOT / "README.md").read_text()
    assert names, "no settings found"
    for name in sorted(names):
        assert re.search(rf"^#?\s*{name}=", example, re.M), f"{name} missing from .env.example"
        assert f"`{name}`" in readme, f"{name} missing from README"
