"""Monthly transaction counts: how many times a service was used on a channel in a month."""

from django.db import models
from django.db.models import F, Q

from services.models import Channel, Service


class CountQuerySet(models.QuerySet):
    def for_api(self):
        """Return dicts holding exactly the columns the API shows, related codes included.

        One query with two joins; no model instances are built.
        """
        return self.values(
            "id",
            "period",
            "count",
            "updated_at",
            service_code=F("service__code"),
            agency_code=F("service__agency__code"),
            channel_code=F("channel__code"),
            electronic=F("channel__is_electronic"),
        )


class TransactionCount(models.Model):
    """The number of transactions of one service on one channel in one month."""

    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="counts", help_text="Service code."
    )
    channel = models.ForeignKey(
        Channel, on_delete=models.PROTECT, related_name="counts", help_text="Channel code."
    )
    period = models.DateField(
        help_text="The month, stored as its first day; `YYYY-MM` on the wire."
    )
    count = models.BigIntegerField(help_text="Number of transactions, a non-negative integer.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, help_text="When the count last changed.")

    objects = CountQuerySet.as_manager()

    class Meta:
        ordering = ["period", "service_id", "channel_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "channel", "period"],
                name="count_unique_service_channel_period",
                violation_error_message="This service, channel and month already has a count.",
            ),
            models.CheckConstraint(
                condition=Q(count__gte=0),
                name="count_non_negative",
                violation_error_message="A count cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(period__day=1),
                name="count_period_first_of_month",
                violation_error_message="A period is stored as the first day of its month.",
            ),
        ]
        indexes = [
            models.Index(fields=["period", "channel"], name="count_period_channel_idx"),
            models.Index(fields=["channel", "period"], name="count_channel_period_idx"),
        ]

    def __str__(self):
        return f"{self.service_id}/{self.channel_id}/{self.period:%Y-%m}: {self.count}"
