"""Rate limits: per API key for systems that write, per client address for anonymous reads.

Agencies' systems often share one network exit, so a key's budget must not be spent by
another agency behind the same address. Counters live in the default cache (Redis when
REDIS_URL is set, so every process shares them).
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


def api_key_ident(request):
    """Return a stable identifier of the request's API key, or None without one."""
    key = request.auth
    if key is None:
        return None
    return str(getattr(key, "prefix", None) or getattr(key, "pk", None) or "") or None


class SettingsRateThrottle(SimpleRateThrottle):
    """Reads its rate from settings on every request, so a changed setting takes effect."""

    def get_rate(self):
        return settings.EGOV_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)


class ApiKeyRateThrottle(SettingsRateThrottle):
    """Limits each API key (scope `key`); staff sessions count per user."""

    scope = "key"

    def get_cache_key(self, request, view):
        ident = api_key_ident(request)
        if ident is None and request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        if ident is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AnonymousRateThrottle(SettingsRateThrottle):
    """Limits requests without a key or session by client address (scope `anon`)."""

    scope = "anon"

    def get_cache_key(self, request, view):
        if api_key_ident(request) is not None or (request.user and request.user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
