"""Django's built-in Redis cache, made to degrade to "no cache" while Redis is unreachable.

The site keeps working (slower) when Redis goes away: a read is a miss, a write is dropped,
and a warning goes to the "apps.common.cache" logger at most once a minute. Only connection
problems are swallowed (redis ConnectionError and TimeoutError); anything else, e.g. a
wrong-type reply or a bad key, still raises. /healthz still reports the cache as failing,
because its check reads back a value it has just stored (apps.common.views.check_cache).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

T = TypeVar("T")

# Part of the keys of rendered HTML kept in the cache (teachers' pages, dictionary searches): a
# process of a new release never serves markup an old one rendered, even from a shared Redis.
STARTED = str(int(time.time()))

# What counts as "Redis is away". Both are redis.exceptions.RedisError subclasses; the
# builtin ConnectionError/TimeoutError are unrelated classes, so name redis's own.
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)

# Short timeouts by default, so an unreachable Redis costs a fraction of a second per call
# rather than the OS's connect timeout. Settings' OPTIONS override them; Django passes
# OPTIONS through RedisCacheClient to redis.ConnectionPool.from_url(url, **options).
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}

WARN_EVERY_SECONDS = 60.0


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._options = {**DEFAULT_OPTIONS, **self._options}
        self._warned_at: float | None = None
        self._warn_lock = threading.Lock()

    def _warn(self, operation: str, exc: Exception) -> None:
        now = time.monotonic()
        with self._warn_lock:
            if self._warned_at is not None and now - self._warned_at < WARN_EVERY_SECONDS:
                return
            self._warned_at = now
        logger.warning(
            "Redis cache unavailable (%s failed: %r); carrying on without the cache.",
            operation,
            exc,
        )

    def _safely(self, operation: str, call: Callable[[], T], fallback: T) -> T:
        try:
            return call()
        except UNAVAILABLE as exc:
            self._warn(operation, exc)
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        return self._safely(
            "add", lambda: super(ResilientRedisCache, self).add(key, value, timeout, version), False
        )

    def get(self, key, default=None, version=None) -> Any:
        return self._safely(
            "get", lambda: super(ResilientRedisCache, self).get(key, default, version), default
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        self._safely(
            "set", lambda: super(ResilientRedisCache, self).set(key, value, timeout, version), None
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        return self._safely(
            "touch", lambda: super(ResilientRedisCache, self).touch(key, timeout, version), False
        )

    def delete(self, key, version=None) -> bool:
        return self._safely(
            "delete", lambda: super(ResilientRedisCache, self).delete(key, version), False
        )

    def get_many(self, keys, version=None) -> dict:
        return self._safely(
            "get_many", lambda: super(ResilientRedisCache, self).get_many(keys, version), {}
        )

    def has_key(self, key, version=None) -> bool:
        return self._safely(
            "has_key", lambda: super(ResilientRedisCache, self).has_key(key, version), False
        )

    def incr(self, key, delta=1, version=None) -> int:
        # decr() is incr() with -delta. A missing key raises ValueError in every Django
        # backend, so an unreachable Redis answers the same: "not found" is a miss.
        try:
            return super().incr(key, delta, version)
        except UNAVAILABLE as exc:
            self._warn("incr", exc)
            raise ValueError(f"Key '{key}' not found (the cache is unavailable).") from exc

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None) -> list:
        # The keys that could not be stored: all of them.
        return self._safely(
            "set_many",
            lambda: super(ResilientRedisCache, self).set_many(data, timeout, version),
            list(data),
        )

    def delete_many(self, keys, version=None) -> None:
        self._safely(
            "delete_many",
            lambda: super(ResilientRedisCache, self).delete_many(keys, version),
            None,
        )

    def clear(self) -> bool:
        return self._safely("clear", lambda: super(ResilientRedisCache, self).clear(), False)

    # get_or_set() (BaseCache) calls get() and add(), decr() calls incr(): both are covered,
    # and an unreachable Redis makes get_or_set() compute and return the default each time.
