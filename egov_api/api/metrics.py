"""`/metrics` for Prometheus, closed to the public by default.

A scrape is allowed when it carries `Authorization: Bearer <EGOV_METRICS_TOKEN>`, or when it
comes straight from an address in EGOV_METRICS_ALLOWED_IPS without passing a reverse proxy
(a proxied request carries X-Forwarded-For, and its REMOTE_ADDR is the proxy's).
"""

import hmac

from django.conf import settings
from django_prometheus.exports import ExportToDjangoView

from .problems import not_found


def _token_matches(request):
    token = settings.EGOV_METRICS_TOKEN
    sent = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(sent.encode(), f"Bearer {token}".encode())


def _direct_from_allowed_address(request):
    return (
        "HTTP_X_FORWARDED_FOR" not in request.META
        and request.META.get("REMOTE_ADDR") in settings.EGOV_METRICS_ALLOWED_IPS
    )


def metrics(request):
    """The Prometheus exposition, or a 404 (the endpoint does not admit to existing)."""
    if _token_matches(request) or _direct_from_allowed_address(request):
        return ExportToDjangoView(request)
    return not_found(request)
