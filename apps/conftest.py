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


@pytest.fixture(autouse=True)
def _languages(request):
    """The languages the migrations create, present in every test that uses the database.

    A transactional test (the e2e tests, the Celery worker's, the Telegram ones) empties every
    table when it ends, and pytest-django does not always run them last.
    """
    uses = set(request.fixturenames)
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in uses or (marker and marker.kwargs.get("transaction")):
        request.getfixturevalue("transactional_db")
    elif "db" in uses or marker:
        request.getfixturevalue("db")
    else:
        return
    from apps.projects.models import Language

    if Language.objects.filter(code__in=[code for code, *_names in LANGUAGES]).count() < 3:
        for code, name, name_ru in LANGUAGES:
            Language.objects.get_or_create(code=code, defaults={"name": name, "name_ru": name_ru})


LANGUAGES = [
    ("en", "English", "Английский"),
    ("fr", "French", "Французский"),
    ("ru", "Russian", "Русский"),
]
