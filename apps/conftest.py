"""Fixtures for the unit tests under apps/; the personas live in the root conftest.py."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def client() -> Client:
    """A browser that asks for English, so anonymous pages read the same whatever LANGUAGE_CODE is.

    Logged-in personas have language="en" on their profile; this covers visitors.
    """
    return Client(headers={"Accept-Language": "en"})


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Hashing with the real hasher is most of a test's time; the behaviour is the same."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
