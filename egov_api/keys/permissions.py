"""Who may read and who may write.

Reads are open unless `EGOV_PUBLIC_READ` is false, then they need a key or a signed-in user.
Counts are written by any valid key (an agency key only for its own agency's services, which
the write path checks row by row) or by a staff user; the catalogue by a ministry-wide key or
a staff user.
"""

from django.conf import settings
from rest_framework import permissions

from .models import ApiKey


def request_api_key(request) -> ApiKey | None:
    """Return the API key the request authenticated with, or None."""
    return request.auth if isinstance(request.auth, ApiKey) else None


def is_staff_user(request) -> bool:
    """Return True when a signed-in staff user (not a key) made the request."""
    user = request.user
    return request_api_key(request) is None and bool(user and user.is_staff)


def may_read(request) -> bool:
    """Return True when the request may read: always, unless public reading is switched off."""
    if settings.EGOV_PUBLIC_READ:
        return True
    return request_api_key(request) is not None or bool(
        request.user and request.user.is_authenticated
    )


class PublicRead(permissions.BasePermission):
    """Reads as configured by `EGOV_PUBLIC_READ`; no writes (endpoints that write say so)."""

    # Tells the schema generator that reads may need no credentials.
    public_read = True

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return may_read(request)
        return False


class CanWriteCounts(PublicRead):
    """Reads as configured; writes with any valid key or as a staff user.

    Whether an agency key may write a given service is decided per row by the write path.
    """

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return may_read(request)
        return request_api_key(request) is not None or is_staff_user(request)


class CanWriteCatalogue(PublicRead):
    """Reads as configured; writes with a ministry-wide key or as a staff user."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return may_read(request)
        api_key = request_api_key(request)
        if api_key is not None:
            return api_key.is_ministry
        return is_staff_user(request)
