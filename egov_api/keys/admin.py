"""Admin of API keys: list, create (the key is shown once), revoke."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rest_framework_api_key.admin import APIKeyModelAdmin
from rest_framework_api_key.models import APIKey

from .models import ApiKey

# The library registers its own agency-less key model; only ours is used.
if admin.site.is_registered(APIKey):
    admin.site.unregister(APIKey)


@admin.register(ApiKey)
class ApiKeyAdmin(APIKeyModelAdmin):
    """Keys with their agency (or ministry-wide), state and last use."""

    list_display = (
        "prefix",
        "name",
        "agency",
        "is_ministry",
        "created",
        "expiry_date",
        "_has_expired",
        "revoked",
        "last_used_at",
    )
    list_filter = ("is_ministry", "revoked", "agency", "created")
    list_select_related = ("agency",)
    search_fields = ("name", "prefix", "agency__code", "agency__name_en", "agency__name_ar")
    actions = ["revoke_keys"]
    fields = ("name", "agency", "is_ministry", "expiry_date", "revoked", "prefix", "last_used_at")

    def get_readonly_fields(self, request, obj=None):
        fields = (*super().get_readonly_fields(request, obj), "last_used_at")
        if obj is not None:
            # A key's scope is fixed once made: make a new key rather than widen an old one.
            fields = (*fields, "agency", "is_ministry")
        return tuple(dict.fromkeys(fields))

    @admin.action(description=_("Revoke the selected keys (cannot be undone)"))
    def revoke_keys(self, request, queryset):
        revoked = queryset.filter(revoked=False).update(revoked=True)
        self.message_user(
            request,
            ngettext("%(n)d key revoked.", "%(n)d keys revoked.", revoked) % {"n": revoked},
            messages.SUCCESS,
        )
