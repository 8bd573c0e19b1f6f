"""A Redis cache that an unreachable Redis cannot turn into failed requests.

Everything the API keeps in the cache can be lost: figures are recomputed from the database
(their keys carry the data version) and rate-limit counters start again. So while Redis is
unreachable this backend answers as an empty cache that keeps nothing, instead of raising on
every request, and logs it. After a failure it does not ask Redis again for `RETRY_SECONDS`,
so a server that does not answer costs one socket timeout, not one per cache call.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("egov")


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._retry_seconds = params.get("RETRY_SECONDS", 5)
        self._unavailable_until = 0.0

    def ping(self) -> bool:
        """True when Redis answers now (for the readiness probe; ignores the retry pause)."""
        try:
            return bool(self._cache.get_client().ping())
        except RedisError:
            return False

    def _call(self, method, fallback, *args):
        if time.monotonic() < self._unavailable_until:
            return fallback
        try:
            return getattr(super(), method)(*args)
        except RedisError as error:
            self._unavailable_until = time.monotonic() + self._retry_seconds
            logger.warning(
                "cache unavailable (%s): answering without it for %s s",
                type(error).__name__,
                self._retry_seconds,
            )
            return fallback

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that could not be stored.
        return self._call("set_many", list(data), data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        self._call("delete_many", None, keys, version)

    def clear(self):
        self._call("clear", None)
