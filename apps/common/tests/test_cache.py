"""The Redis cache backend: a real cache while Redis is up, no cache (but no errors) while not."""

from __future__ import annotations

import logging
import time

import pytest
from django.core.cache import cache
from django.urls import reverse
from redis.exceptions import ResponseError

from apps.common import cache as resilient

from .test_settings import _run

BACKEND = "apps.common.cache.ResilientRedisCache"
REDIS = "redis://127.0.0.1:6379/14"
NOBODY_LISTENS = "redis://127.0.0.1:1/0"


def _use(settings, location: str, **options) -> None:
    # Changing CACHES resets django.core.cache.caches, so `cache` is a fresh backend.
    settings.CACHES = {
        "default": {"BACKEND": BACKEND, "LOCATION": location, "OPTIONS": options},
    }


@pytest.fixture
def redis_cache(settings):
    _use(settings, REDIS)
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def dead_cache(settings):
    _use(settings, NOBODY_LISTENS)
    return cache


# Redis up: an ordinary cache.


def test_values_round_trip(redis_cache):
    redis_cache.set("word", {"en": "voyage", "fr": "voyage"})
    redis_cache.set_many({"a": 1, "b": "two"})

    assert redis_cache.get("word") == {"en": "voyage", "fr": "voyage"}
    assert redis_cache.get_many(["a", "b", "c"]) == {"a": 1, "b": "two"}
    assert redis_cache.has_key("a")
    assert redis_cache.incr("a") == 2
    assert redis_cache.decr("a", 2) == 0
    assert redis_cache.add("a", 5) is False
    assert redis_cache.get_or_set("c", lambda: 3) == 3
    assert redis_cache.touch("c", 60) is True
    assert redis_cache.delete("word") is True
    redis_cache.delete_many(["a", "b"])
    assert redis_cache.get("word", "gone") == "gone"
    assert redis_cache.get_many(["a", "b"]) == {}


def test_a_missing_key_still_cannot_be_incremented(redis_cache):
    with pytest.raises(ValueError):
        redis_cache.incr("nothing-here")


def test_errors_other_than_an_unreachable_redis_are_not_hidden(redis_cache):
    redis_cache.set("word", "voyage")

    with pytest.raises(ResponseError):
        redis_cache.incr("word")


def test_short_socket_timeouts_are_the_default_and_options_override_them(settings):
    _use(settings, REDIS, socket_timeout=2)

    options = cache._cache._pool_options
    assert options["socket_connect_timeout"] == 0.25
    assert options["socket_timeout"] == 2


# Redis away: misses and dropped writes, quickly, without raising.


def test_reads_miss_and_writes_are_dropped(dead_cache):
    assert dead_cache.get("word") is None
    assert dead_cache.get("word", "default") == "default"
    assert dead_cache.get_many(["a", "b"]) == {}
    assert dead_cache.has_key("word") is False
    assert dead_cache.set("word", "voyage") is None
    assert dead_cache.add("word", "voyage") is False
    assert dead_cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert dead_cache.touch("word") is False
    assert dead_cache.delete("word") is False
    assert dead_cache.delete_many(["a", "b"]) is None
    assert dead_cache.clear() is False
    assert dead_cache.get_or_set("word", lambda: "computed") == "computed"


def test_incr_and_decr_answer_like_a_missing_key(dead_cache):
    with pytest.raises(ValueError):
        dead_cache.incr("counter")
    with pytest.raises(ValueError):
        dead_cache.decr("counter")


def test_it_is_quick(dead_cache):
    started = time.monotonic()
    for _ in range(3):
        dead_cache.set("word", "voyage")
        dead_cache.get("word")
        dead_cache.delete("word")

    assert time.monotonic() - started < 1


def test_it_warns_at_most_once_a_minute(dead_cache, caplog, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(resilient.time, "monotonic", lambda: now[0])

    with caplog.at_level(logging.WARNING, logger="apps.common.cache"):
        dead_cache.get("a")
        dead_cache.set("a", 1)
        now[0] += 59
        dead_cache.get("a")
        assert len(caplog.records) == 1
        now[0] += 2
        dead_cache.delete("a")

    assert len(caplog.records) == 2
    assert all(record.name == "apps.common.cache" for record in caplog.records)
    assert "Redis cache unavailable" in caplog.records[0].getMessage()


def test_pages_still_render(dead_cache, settings, client, teacher):
    # Sessions kept in the cache (backed by the database) still work without Redis.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

    assert client.get(reverse("accounts:login")).status_code == 200

    client.force_login(teacher)
    response = client.get(reverse("common:home"))

    assert response.status_code == 200
    assert response.context["user"] == teacher


def test_healthz_still_reports_the_cache_as_failing(dead_cache, client, db):
    started = time.monotonic()
    response = client.get(reverse("common:healthz"))

    assert time.monotonic() - started < 3
    assert response.status_code == 503
    cache_check = response.json()["checks"]["cache"]
    assert cache_check["ok"] is False
    assert response.json()["checks"]["database"]["ok"] is True


def test_healthz_is_ok_with_redis_up(redis_cache, client, db):
    response = client.get(reverse("common:healthz"))

    assert response.status_code == 200, response.json()
    assert response.json()["checks"]["cache"]["ok"] is True


# Settings: the resilient backend when REDIS_URL is set.


def test_settings_use_it_when_redis_url_is_set():
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"

    with_redis = _run(["-c", code], SECRET_KEY="x" * 50, DEBUG="true", REDIS_URL=REDIS)
    without = _run(["-c", code], SECRET_KEY="x" * 50, DEBUG="true")

    assert with_redis.stdout.strip() == BACKEND, with_redis.stderr
    assert without.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"
