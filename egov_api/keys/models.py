"""API keys: the secrets other systems write with."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.models import AbstractAPIKey


class ApiKey(AbstractAPIKey):
    """A secret that lets another system write: one agency's counts, or everything.

    Only a hash of the key is stored (see djangorestframework-api-key); the key itself is shown
    once, when it is created.
    """

    agency = models.ForeignKey(
        "services.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="api_keys",
        verbose_name=_("agency"),
        help_text=_("The agency whose counts the key writes; empty for a ministry-wide key."),
    )
    is_ministry = models.BooleanField(
        default=False,
        verbose_name=_("ministry-wide"),
        help_text=_("Ministry-wide: writes every agency's counts and the catalogue."),
    )
    last_used_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("last used"),
        help_text=_("When the key was last accepted."),
    )

    class Meta(AbstractAPIKey.Meta):
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        constraints = [
            models.CheckConstraint(
                condition=Q(agency__isnull=False, is_ministry=False)
                | Q(agency__isnull=True, is_ministry=True),
                name="apikey_agency_xor_ministry",
                violation_error_message=_(
                    "A key belongs to exactly one agency, or is ministry-wide (not both)."
                ),
            ),
        ]
