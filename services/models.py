"""The catalogue: agencies, the channels services are used through, and the services."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    DEPARTMENT = "department", _("Department")
    PUBLIC_INSTITUTION = "public_institution", _("Public institution")
    MUNICIPALITY = "municipality", _("Municipality")
    COMMISSION = "commission", _("Commission")
    OTHER = "other", _("Other")


class Sector(models.TextChoices):
    SOCIAL_PROTECTION = "social_protection", _("Social protection")
    TRANSPORT = "transport", _("Transport")
    TAX = "tax", _("Tax")
    BUSINESS = "business", _("Business")
    JUSTICE = "justice", _("Justice")
    LAND = "land", _("Land")
    CIVIL_STATUS = "civil_status", _("Civil status")
    TOURISM = "tourism", _("Tourism")
    LABOUR = "labour", _("Labour")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    SECURITY = "security", _("Security")
    TRADE = "trade", _("Trade")
    OTHER = "other", _("Other")


class Agency(models.Model):
    """A government body that offers services and reports their monthly counts."""

    code = models.SlugField(
        max_length=50, unique=True, help_text="Short stable identifier used in URLs, e.g. `ssc`."
    )
    name_en = models.CharField(max_length=200, help_text="Name in English.")
    name_ar = models.CharField(max_length=200, help_text="Name in Arabic.")
    kind = models.CharField(
        max_length=32, choices=AgencyKind.choices, db_index=True, help_text="Kind of body."
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Code of the agency this one belongs to, or null.",
    )
    website = models.URLField(blank=True, default="", help_text="Public website, may be empty.")
    is_active = models.BooleanField(default=True, help_text="False once the agency is dissolved.")

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "agencies"

    def __str__(self):
        return f"{self.code} ({self.name_en})"


class Channel(models.Model):
    """A way a service is used: web portal, mobile app, kiosk, call centre, counter, ..."""

    code = models.SlugField(
        max_length=50, unique=True, help_text="Short stable identifier, e.g. `web`."
    )
    name_en = models.CharField(max_length=100, help_text="Name in English.")
    name_ar = models.CharField(max_length=100, help_text="Name in Arabic.")
    is_electronic = models.BooleanField(
        db_index=True,
        help_text="True for electronic channels; every other channel counts as traditional.",
    )

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.code


def electronic_and_live_on(day: datetime.date) -> Q:
    """Return the condition "electronic and live on `day`": electronic_since <= day, and not
    retired (retired_on null or after `day`). Usable in filters and inside aggregates."""
    return Q(electronic_since__lte=day) & (Q(retired_on__isnull=True) | Q(retired_on__gt=day))


class ServiceQuerySet(models.QuerySet):
    def electronic_on(self, day: datetime.date):
        """Services electronic and live on `day`: electronic_since <= day < retired_on."""
        return self.filter(electronic_and_live_on(day))


class Service(models.Model):
    """A government service offered by one agency through one or more channels."""

    code = models.SlugField(
        max_length=80, unique=True, help_text="Short stable identifier, e.g. `ssc-pension-inquiry`."
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="services",
        help_text="Code of the agency offering the service.",
    )
    name_en = models.CharField(max_length=300, help_text="Name in English.")
    name_ar = models.CharField(max_length=300, help_text="Name in Arabic.")
    sector = models.CharField(
        max_length=32, choices=Sector.choices, db_index=True, help_text="Sector of government."
    )
    channels = models.ManyToManyField(
        Channel,
        related_name="services",
        blank=True,
        help_text="Codes of the channels the service is offered on.",
    )
    electronic_since = models.DateField(
        null=True,
        blank=True,
        db_index=True,
        help_text="Date the service became electronic; null when it is not electronic yet.",
    )
    retired_on = models.DateField(
        null=True, blank=True, help_text="Date the service was withdrawn; null while it is live."
    )

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(retired_on__isnull=True)
                | Q(electronic_since__isnull=True)
                | Q(retired_on__gt=models.F("electronic_since")),
                name="service_retired_after_electronic",
                violation_error_message="A service cannot be retired before it became electronic.",
            ),
        ]

    def __str__(self):
        return self.code
