"""Conditional requests and the statistics cache, both keyed on the data version.

Every write (a count, a bulk submission, a catalogue change) bumps one version number in the
database in the same transaction. A read takes that number in one cheap query and derives its
ETag from it and from what was asked; so a repeat request with `If-None-Match` gets 304
without computing anything, a cached figure is served only while the data it came from is
unchanged, and every process — with a local or a shared cache — sees a write at once.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.utils.http import http_date, parse_etags
from django.utils.module_loading import import_string
from rest_framework.response import Response


class _ShortCircuit(Exception):
    """Carries a finished response out of `initial()` past the view's handler."""

    def __init__(self, response):
        super().__init__()
        self.response = response


def data_version():
    """Return `(version, changed_at)` of the data as of now, from the function the setting
    `EGOV_DATA_VERSION` names (the edge knows no domain app; the project tells it where the
    data's version is kept)."""
    return import_string(settings.EGOV_DATA_VERSION)()


class ConditionalGetMixin:
    """ETag and Last-Modified on GET answers; 304 on a matching `If-None-Match`.

    Views that set `cache_results = True` also keep their 200 answers in the cache named by
    EGOV_CACHE_ALIAS until the data changes. Authentication, permissions and throttles run
    first (`initial()`), so neither a 304 nor a cached answer skips them.
    """

    cache_results = False

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self._validators = None
        if request.method not in ("GET", "HEAD"):
            return
        version, changed_at = data_version()
        fingerprint = "|".join(
            [
                str(version),
                request.get_full_path(),
                request.headers.get("Accept", ""),
                getattr(request, "LANGUAGE_CODE", ""),
            ]
        )
        digest = hashlib.sha256(fingerprint.encode()).hexdigest()[:40]
        etag = f'"{digest}"'
        self._validators = (etag, changed_at)
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            raise _ShortCircuit(Response(status=304))
        if self._cache_enabled():
            cached = caches[settings.EGOV_CACHE_ALIAS].get(self._cache_key(etag))
            if cached is not None:
                self._from_cache = True
                raise _ShortCircuit(Response(cached))

    def _cache_enabled(self):
        return self.cache_results and settings.EGOV_CACHE_ENABLED

    @staticmethod
    def _cache_key(etag):
        return f"egov:stats:{etag.strip(chr(34))}"

    def handle_exception(self, exc):
        if isinstance(exc, _ShortCircuit):
            return exc.response
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        validators = getattr(self, "_validators", None)
        if validators is None or response.status_code not in (200, 304):
            return response
        etag, changed_at = validators
        response["ETag"] = etag
        response["Last-Modified"] = http_date(changed_at.timestamp())
        response["Cache-Control"] = "no-cache"
        if (
            response.status_code == 200
            and self._cache_enabled()
            and not getattr(self, "_from_cache", False)
        ):
            caches[settings.EGOV_CACHE_ALIAS].set(
                self._cache_key(etag), response.data, settings.EGOV_CACHE_SECONDS
            )
        return response
