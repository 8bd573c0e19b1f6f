"""Monthly transaction counts: how many times a service was used on a channel in a month."""

import datetime
import functools

from django.conf import settings
from django.db import models, transaction
from django.db.models import BigIntegerField, F, Q, Sum, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from services.models import Agency, Channel, Sector, Service

ELECTRONIC = Q(channel__is_electronic=True)
TRADITIONAL = Q(channel__is_electronic=False)


def sum_of_counts(condition: Q | None = None):
    """Return an aggregate: the sum of `count` over the rows matching `condition`.

    Zero, never NULL, when no row matches; a bigint on every database (PostgreSQL's SUM of a
    bigint is a numeric, which would reach Python as a Decimal).
    """
    total = Sum("count", filter=condition) if condition is not None else Sum("count")
    return Cast(Coalesce(total, Value(0)), output_field=BigIntegerField())


class MonthlySumsQuerySet(models.QuerySet):
    """Monthly figures of services on channels: the counts, or their monthly roll-ups."""

    def in_period(self, start: datetime.date | None = None, end: datetime.date | None = None):
        """Return the counts of the months from `start` to `end`, both inclusive (None: open)."""
        queryset = self
        if start is not None:
            queryset = queryset.filter(period__gte=start)
        if end is not None:
            queryset = queryset.filter(period__lte=end)
        return queryset

    def electronic(self):
        """Return the counts of electronic channels."""
        return self.filter(ELECTRONIC)

    def traditional(self):
        """Return the counts of every channel that is not electronic."""
        return self.filter(TRADITIONAL)

    @staticmethod
    def channel_sums(condition: Q | None = None) -> dict:
        """Return the `electronic`, `traditional` and `total` sum aggregates, each limited to
        the rows matching `condition` as well."""

        def both(kind: Q) -> Q:
            return kind & condition if condition is not None else kind

        return {
            "electronic": sum_of_counts(both(ELECTRONIC)),
            "traditional": sum_of_counts(both(TRADITIONAL)),
            "total": sum_of_counts(condition),
        }

    def totals(self) -> dict:
        """Return `{"electronic", "traditional", "total"}` summed over every count (one query)."""
        return self.aggregate(**self.channel_sums())

    def totals_by(self, **keys):
        """Return one row per distinct combination of `keys` (alias -> expression), each with
        the keys and its `electronic`, `traditional` and `total` sums, ordered by the keys."""
        return self.values(**keys).annotate(**self.channel_sums()).order_by(*keys)


class CountQuerySet(MonthlySumsQuerySet):
    def delete(self):
        """Delete the counts and take them out of the monthly roll-ups, in one transaction;
        return what `QuerySet.delete()` returns."""
        from .rollups import remove_counts  # rollups imports this module

        return remove_counts(self, super().delete)

    delete.alters_data = True
    delete.queryset_only = True

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


# The largest count one service can report on one channel for one month: far above any real
# figure (a hundred billion), and low enough that a sum over tens of millions of counts, as the
# statistics and roll-ups compute in bigint, cannot overflow (92 million counts at the maximum
# still fit in 2**63 - 1).
MAX_COUNT = 10**11


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
                condition=Q(count__lte=MAX_COUNT),
                name="count_at_most_max",
                violation_error_message=f"A count cannot exceed {MAX_COUNT:,}.",
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

    # The write path (`transactions.writes`) writes counts with SQL of its own; these keep the
    # monthly roll-ups right when a count is saved or deleted through the ORM instead.
    def save(self, *args, **kwargs):
        from . import rollups  # rollups imports this module

        with transaction.atomic():
            before = rollups.stored_count(self.pk)
            super().save(*args, **kwargs)
            rollups.apply_deltas(rollups.count_moves(before, rollups.stored_count(self.pk)))

    def delete(self, *args, **kwargs):
        from .rollups import remove_counts  # rollups imports this module

        counts = type(self).objects.filter(pk=self.pk)
        return remove_counts(counts, functools.partial(super().delete, *args, **kwargs))


class SubmissionSource(models.TextChoices):
    API = "api", "One count over the API"
    BULK = "bulk", "Bulk request over the API"
    FILE = "file", "File import (import_counts)"


class Submission(models.Model):
    """One write request (or file import) and how many of its rows changed a count."""

    api_key = models.ForeignKey(
        "keys.ApiKey",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submissions",
        help_text="The key that sent it, if any.",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="count_submissions",
        help_text="The signed-in staff user who sent it, if any.",
    )
    source = models.CharField(max_length=8, choices=SubmissionSource.choices)
    note = models.CharField(
        max_length=300, blank=True, default="", help_text="E.g. the name of an imported file."
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    rows = models.PositiveIntegerField(default=0, help_text="Rows in the request.")
    created = models.PositiveIntegerField(default=0, help_text="Counts that did not exist.")
    updated = models.PositiveIntegerField(default=0, help_text="Counts given a new value.")
    unchanged = models.PositiveIntegerField(default=0, help_text="Rows equal to the stored value.")
    deleted = models.PositiveIntegerField(default=0, help_text="Counts removed.")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"#{self.pk} {self.source} {self.created_at:%Y-%m-%d %H:%M}"


class CountAction(models.TextChoices):
    CREATE = "create", "Created"
    UPDATE = "update", "Changed"
    DELETE = "delete", "Deleted"


class CountHistory(models.Model):
    """One change of a count: the value before and after, who made it and when."""

    # No database constraint: the history of a deleted count outlives it, keeping its id.
    count = models.ForeignKey(
        TransactionCount,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="history",
        help_text="Id of the count (which may since have been deleted).",
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="count_history")
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="count_history")
    period = models.DateField()
    action = models.CharField(max_length=8, choices=CountAction.choices)
    old_count = models.BigIntegerField(null=True, blank=True, help_text="Null when created.")
    new_count = models.BigIntegerField(null=True, blank=True, help_text="Null when deleted.")
    api_key = models.ForeignKey(
        "keys.ApiKey", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submission = models.ForeignKey(
        Submission, null=True, blank=True, on_delete=models.PROTECT, related_name="changes"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["count_id", "changed_at", "id"]
        verbose_name_plural = "count history"
        indexes = [
            models.Index(fields=["count", "changed_at"], name="history_count_changed_idx"),
        ]

    def __str__(self):
        return f"{self.count_id} {self.action} {self.old_count} -> {self.new_count}"


class DataVersion(models.Model):
    """A single row: a number every write bumps, and when it last did.

    ETags and the statistics cache are derived from it, so a read can tell in one cheap query
    whether anything changed, in every process at once.
    """

    version = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    SINGLETON = 1

    def __str__(self):
        return f"data version {self.version} ({self.changed_at:%Y-%m-%d %H:%M:%S})"

    @classmethod
    def current(cls) -> tuple[int, datetime.datetime]:
        """Return `(version, changed_at)`."""
        row = cls.objects.filter(pk=cls.SINGLETON).values_list("version", "changed_at").first()
        return row or (0, datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))

    @classmethod
    def bump(cls) -> None:
        """Record that the data changed; call inside the writing transaction."""
        changed = cls.objects.filter(pk=cls.SINGLETON).update(
            version=F("version") + 1, changed_at=timezone.now()
        )
        if not changed:
            cls.objects.get_or_create(pk=cls.SINGLETON, defaults={"version": 1})


class Rollup(models.Model):
    """Counts of one month and channel summed over many services: one row per group that has
    at least one count (whose sum may be 0).

    The statistics read roll-ups whenever a figure needs nothing at service level.
    `transactions.rollups` keeps them equal to a GROUP BY over the counts, in the transaction
    of every write.
    """

    period = models.DateField(help_text="The month, stored as its first day.")
    # Indexed by the unique constraint and the indexes of each roll-up, which lead with it.
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="+", db_index=False)
    count = models.BigIntegerField(help_text="Sum of the counts.")
    rows = models.IntegerField(help_text="Number of counts summed.")

    objects = MonthlySumsQuerySet.as_manager()

    class Meta:
        abstract = True


class MonthlyRollup(Rollup):
    """The counts of one month, agency, sector and channel, summed."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", db_index=False)
    sector = models.CharField(max_length=32, choices=Sector.choices)

    class Meta:
        verbose_name = "monthly roll-up by agency and sector"
        verbose_name_plural = "monthly roll-ups by agency and sector"
        constraints = [
            models.UniqueConstraint(
                fields=["period", "agency", "sector", "channel"], name="rollup_unique_key"
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "period"], name="rollup_agency_period_idx"),
            models.Index(fields=["sector", "period"], name="rollup_sector_period_idx"),
            models.Index(fields=["channel", "period"], name="rollup_channel_period_idx"),
        ]

    def __str__(self):
        return f"{self.period:%Y-%m}/{self.agency_id}/{self.sector}/{self.channel_id}: {self.count}"


class MonthlyAgencyRollup(Rollup):
    """The counts of one month, agency and channel, summed (every sector)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", db_index=False)

    class Meta:
        verbose_name = "monthly roll-up by agency"
        verbose_name_plural = "monthly roll-ups by agency"
        constraints = [
            models.UniqueConstraint(
                fields=["period", "agency", "channel"], name="agency_rollup_unique_key"
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "period"], name="agency_rollup_agency_idx"),
            models.Index(fields=["channel", "period"], name="agency_rollup_channel_idx"),
        ]

    def __str__(self):
        return f"{self.period:%Y-%m}/{self.agency_id}/{self.channel_id}: {self.count}"


class MonthlySectorRollup(Rollup):
    """The counts of one month, sector and channel, summed (every agency)."""

    sector = models.CharField(max_length=32, choices=Sector.choices)

    class Meta:
        verbose_name = "monthly roll-up by sector"
        verbose_name_plural = "monthly roll-ups by sector"
        constraints = [
            models.UniqueConstraint(
                fields=["period", "sector", "channel"], name="sector_rollup_unique_key"
            ),
        ]
        indexes = [
            models.Index(fields=["sector", "period"], name="sector_rollup_sector_idx"),
        ]

    def __str__(self):
        return f"{self.period:%Y-%m}/{self.sector}/{self.channel_id}: {self.count}"


def current_data_version() -> tuple[int, datetime.datetime]:
    """Return `(version, changed_at)` of the data: what the API's ETags and figure cache are
    keyed on (setting `EGOV_DATA_VERSION`)."""
    return DataVersion.current()
