"""API key authentication: `Authorization: Api-Key <key>` makes the key `request.auth`."""

import datetime
import logging
import re

from django.db import DatabaseError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework_api_key.permissions import KeyParser

from .models import ApiKey

logger = logging.getLogger(__name__)

# Keys made by djangorestframework-api-key are `<prefix>.<secret>`, both alphanumeric. Anything
# else is refused before it reaches the database (a NUL byte would make PostgreSQL fail).
KEY_RE = re.compile(r"^[A-Za-z0-9]{1,32}\.[A-Za-z0-9]{1,128}$")

# `last_used_at` is a hint for stewards, not an audit trail: one UPDATE a minute per key at most.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


class ApiKeyUser:
    """The principal of a request made with an API key: authenticated, never staff.

    `pk` names the key, so per-user rate limits and logs tell keys apart.
    """

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False

    def __init__(self, api_key: ApiKey):
        self.api_key = api_key
        self.pk = self.id = f"api-key:{api_key.prefix}"
        self.username = api_key.name

    def __str__(self):
        return f"API key {self.api_key.prefix} ({self.api_key.name})"

    def get_username(self):
        return self.username

    def has_perm(self, perm, obj=None):
        return False

    def has_perms(self, perm_list, obj=None):
        return False

    def has_module_perms(self, app_label):
        return False


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """Accepts `Authorization: Api-Key <key>`; a bad, revoked or expired key answers 401."""

    keyword = "Api-Key"
    key_parser = KeyParser()

    def authenticate(self, request):
        key = self.key_parser.get_from_authorization(request)
        if key is None:
            return None  # another scheme, or none: not ours to judge
        key = key.strip()
        if not KEY_RE.match(key):
            raise exceptions.AuthenticationFailed(_("Malformed API key."))
        try:
            api_key = ApiKey.objects.get_from_key(key)
        except ApiKey.DoesNotExist:
            raise exceptions.AuthenticationFailed(_("Unknown or revoked API key.")) from None
        if api_key.has_expired:
            raise exceptions.AuthenticationFailed(_("This API key has expired."))
        self._touch(api_key)
        return ApiKeyUser(api_key), api_key

    def authenticate_header(self, request):
        # A value here makes DRF answer 401 (not 403) when no credentials were sent.
        return self.keyword

    @staticmethod
    def _touch(api_key: ApiKey):
        now = timezone.now()
        if api_key.last_used_at and now - api_key.last_used_at < LAST_USED_RESOLUTION:
            return
        try:
            ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        except DatabaseError:
            # Losing a last-used time is better than failing the request over it.
            logger.warning("could not record last use of API key %s", api_key.prefix)
        api_key.last_used_at = now


class ApiKeyScheme(OpenApiAuthenticationExtension):
    """Documents the key as the `ApiKeyAuth` security scheme."""

    target_class = ApiKeyAuthentication
    name = "ApiKeyAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "An API key, sent as `Authorization: Api-Key <key>` (the `Api-Key ` prefix is "
                "required). An agency key writes that agency's counts; a ministry-wide key also "
                "writes the catalogue. Reads need no key unless the deployment says so."
            ),
        }
