"""A Redis cache that an unreachable Redis cannot turn into failed requests.

Everything the API keeps in the cache can be lost: figures are recomputed from the database
(their keys carry the data version) and rate-limit counters start again. So while Redis is
unreachable this backend serves from a cache in the process's own memory instead of raising
on every request: figures stay cached and rate limits keep counting, per process, until Redis
answers again. After a failure Redis is not asked for `RETRY_SECONDS`, so a server that does
not answer costs one socket timeout, not one per cache call.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("egov")


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._retry_seconds = params.get("RETRY_SECONDS", 5)
        self._unavailable_until = 0.0
        # Django makes one backend per thread; one name shares the memory across them.
        self._local = LocMemCache(f"egov-redis-fallback:{server}", params)

    def available(self) -> bool:
        """False while Redis is in its pause after a failure."""
        return time.monotonic() >= self._unavailable_until

    def ping(self) -> bool:
        """True when Redis answers now (for the readiness probe)."""
        if not self.available():
            return False
        try:
            return bool(self._cache.get_client().ping())
        except RedisError:
            return False

    def _call(self, method, *args):
        if self.available():
            try:
                return getattr(super(), method)(*args)
            except RedisError as error:
                self._unavailable_until = time.monotonic() + self._retry_seconds
                logger.warning(
                    "cache unavailable (%s): using process memory for %s s",
                    type(error).__name__,
                    self._retry_seconds,
                )
        return getattr(self._local, method)(*args)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call("set", key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout, version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta, version)

    def decr(self, key, delta=1, version=None):
        return self._call("decr", key, delta, version)

    def delete(self, key, version=None):
        return self._call("delete", key, version)

    def delete_many(self, keys, version=None):
        self._call("delete_many", keys, version)

    def clear(self):
        self._call("clear")
