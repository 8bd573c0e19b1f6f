"""What the statistics group by, and where the grouped rows are read from.

This is the one place that maps a group key (`agency`, `month`, ...) to a database
expression, and the one place that names the table the sums are read from
(`aggregate_source`): reading some figures from a monthly roll-up instead of the raw counts
changes this module, not the selectors.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import F, QuerySet
from django.db.models.functions import TruncQuarter, TruncYear

from .statistics import Interval, interval_label

PERIOD_DIMENSIONS: tuple[Interval, ...] = ("month", "quarter", "year")
CATALOGUE_DIMENSIONS = ("agency", "service", "channel", "sector")
ALL_DIMENSIONS = PERIOD_DIMENSIONS + CATALOGUE_DIMENSIONS


@dataclass(frozen=True)
class Dimension:
    """A group key: its wire name, the expression grouped on, and the name columns it adds."""

    name: str
    expression: object
    names: dict[str, str] = field(default_factory=dict)
    interval: Interval | None = None

    @property
    def alias(self) -> str:
        # Aliased so that `service`, `channel` and `period` do not clash with model fields.
        return f"key_{self.name}"

    def columns(self) -> dict[str, object]:
        """Return the aliased expressions to group by: the key, then its name columns."""
        columns = {self.alias: self.expression}
        columns.update({f"key_{wire}": F(path) for wire, path in self.names.items()})
        return columns

    def present(self, row: dict) -> dict:
        """Return this key's wire fields read from an aggregated `row`."""
        value = row[self.alias]
        if self.interval is not None:
            value = interval_label(value, self.interval)
        fields = {self.name: value}
        fields.update({wire: row[f"key_{wire}"] for wire in self.names})
        return fields


# Counts: the transaction count table and the paths from it.
COUNT_DIMENSIONS: dict[str, Dimension] = {
    "month": Dimension("month", F("period"), interval="month"),
    "quarter": Dimension("quarter", TruncQuarter("period"), interval="quarter"),
    "year": Dimension("year", TruncYear("period"), interval="year"),
    "agency": Dimension(
        "agency",
        F("service__agency__code"),
        names={
            "agency_name_en": "service__agency__name_en",
            "agency_name_ar": "service__agency__name_ar",
        },
    ),
    "service": Dimension(
        "service",
        F("service__code"),
        names={"service_name_en": "service__name_en", "service_name_ar": "service__name_ar"},
    ),
    "channel": Dimension("channel", F("channel__code")),
    "sector": Dimension("sector", F("service__sector")),
}

# Services: the catalogue, for counts of electronic services.
SERVICE_DIMENSIONS: dict[str, Dimension] = {
    "agency": Dimension(
        "agency",
        F("agency__code"),
        names={"agency_name_en": "agency__name_en", "agency_name_ar": "agency__name_ar"},
    ),
    "sector": Dimension("sector", F("sector")),
    "channel": Dimension("channel", F("channels__code")),
}


def count_dimensions(names: Iterable[str]) -> list[Dimension]:
    """Return the count dimensions called `names`, in that order."""
    return [COUNT_DIMENSIONS[name] for name in names]


def group_columns(dimensions: Iterable[Dimension]) -> dict[str, object]:
    """Return every column to group by for `dimensions`."""
    columns: dict[str, object] = {}
    for dimension in dimensions:
        columns.update(dimension.columns())
    return columns


def group_order(dimensions: Iterable[Dimension]) -> list[str]:
    """Return the aliases to order grouped rows by: the keys, not their names."""
    return [dimension.alias for dimension in dimensions]


def present_keys(row: dict, dimensions: Iterable[Dimension]) -> dict:
    """Return the wire fields of every key of an aggregated row."""
    keys: dict = {}
    for dimension in dimensions:
        keys.update(dimension.present(row))
    return keys


def aggregate_source(counts: QuerySet) -> QuerySet:
    """Return the rows the statistics sum: today the (already filtered) monthly counts."""
    return counts
