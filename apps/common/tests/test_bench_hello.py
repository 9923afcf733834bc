"""The load benchmark's reference page exists only when BENCH_HELLO is on."""

from __future__ import annotations

import importlib

import pytest
from django.urls import clear_url_caches

import verbal_voyager.urls


@pytest.fixture
def bench_urls(settings):
    settings.BENCH_HELLO = True
    importlib.reload(verbal_voyager.urls)
    clear_url_caches()
    yield
    settings.BENCH_HELLO = False
    importlib.reload(verbal_voyager.urls)
    clear_url_caches()


def test_it_is_off_by_default(client, db):
    assert client.get("/bench/hello").status_code == 404


def test_it_says_hello_through_the_usual_middleware(client, db, bench_urls):
    response = client.get("/bench/hello")

    assert response.status_code == 200
    assert response.content == b"Hello"
    # The same stack as every page: the security headers are there.
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response
