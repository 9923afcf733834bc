"""Settings read from the environment with strict helpers, failing closed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from verbal_voyager.settings import env_bool, env_int, env_list, env_str

PROJECT_ROOT = Path(settings.BASE_DIR)
PRODUCTION_SECRET = "k3J9-vQ2x_Lm8Rt5Yp0Wn7Zc4Hb6Fd1Sg3Ue9Ai2Oo5Mq8Tx0Vl"


@pytest.mark.parametrize(("value", "expected"), [("true", True), ("FALSE", False), ("1", True)])
def test_env_bool_reads_true_and_false(monkeypatch, value, expected):
    monkeypatch.setenv("VV_FLAG", value)

    assert env_bool("VV_FLAG", not expected) is expected


def test_env_bool_rejects_anything_else(monkeypatch):
    monkeypatch.setenv("VV_FLAG", "maybe")

    with pytest.raises(ImproperlyConfigured, match="VV_FLAG must be true or false"):
        env_bool("VV_FLAG", False)


def test_env_bool_uses_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("VV_FLAG", raising=False)

    assert env_bool("VV_FLAG", True) is True


def test_env_int_rejects_words(monkeypatch):
    monkeypatch.setenv("VV_NUMBER", "fourteen")

    with pytest.raises(ImproperlyConfigured, match="VV_NUMBER must be a whole number"):
        env_int("VV_NUMBER", 14)


def test_env_str_without_a_default_is_required(monkeypatch):
    monkeypatch.delenv("VV_TEXT", raising=False)

    with pytest.raises(ImproperlyConfigured, match="Set the VV_TEXT environment variable"):
        env_str("VV_TEXT")


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("VV_HOSTS", " example.com, www.example.com ,,")

    assert env_list("VV_HOSTS") == ["example.com", "www.example.com"]


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    """Run Python in a fresh process with only this environment (not the test run's)."""
    base = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT_ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "verbal_voyager.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        HTTPS="true",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="true",
        SECURE_HSTS_PRELOAD="true",
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="example.com",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_https_the_deploy_check_warns():
    """The check above must be able to fail: plain HTTP in production is reported."""
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="example.com",
    )

    assert result.returncode != 0
    assert "security.W004" in result.stderr  # no HSTS


def test_without_a_secret_key_settings_refuse_to_load():
    result = _run(["-c", "import verbal_voyager.settings"], ALLOWED_HOSTS="example.com")

    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable." in result.stderr


def test_a_misspelt_debug_refuses_to_load():
    result = _run(["-c", "import verbal_voyager.settings"], DEBUG="ture", SECRET_KEY="x")

    assert result.returncode != 0
    assert "DEBUG must be true or false, not 'ture'." in result.stderr


def test_debug_is_off_unless_set():
    result = _run(
        ["-c", "import verbal_voyager.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS)"],
        SECRET_KEY=PRODUCTION_SECRET,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False []"
