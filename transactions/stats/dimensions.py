"""What the statistics group by, and where the grouped rows are read from.

This is the one place that maps a group key (`agency`, `month`, ...) to a database
expression, and the one place that chooses the table the sums are read from
(`aggregate_source`): when a figure needs nothing at service level, the smallest monthly
roll-up holding its keys and filters (by sector, by agency, or by both), the counts otherwise.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import F, FilteredRelation, QuerySet
from django.db.models.functions import TruncQuarter, TruncYear

from transactions.models import MonthlyAgencyRollup, MonthlyRollup, MonthlySectorRollup, Rollup

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
    # A primary key the key and names depend on: grouped on as well, it lets PostgreSQL group
    # by that one integer instead of hashing the code and both names of every row.
    pk: str | None = None

    @property
    def alias(self) -> str:
        # Aliased so that `service`, `channel` and `period` do not clash with model fields.
        return f"key_{self.name}"

    def columns(self) -> dict[str, object]:
        """Return the aliased expressions to group by: the key, then its name columns."""
        columns = {self.alias: self.expression}
        columns.update({f"key_{wire}": F(path) for wire, path in self.names.items()})
        if self.pk is not None:
            columns[f"{self.alias}_pk"] = F(self.pk)
        return columns

    def present(self, row: dict) -> dict:
        """Return this key's wire fields read from an aggregated `row`."""
        value = row[self.alias]
        if self.interval is not None:
            value = interval_label(value, self.interval)
        fields = {self.name: value}
        fields.update({wire: row[f"key_{wire}"] for wire in self.names})
        return fields


# Months, quarters and years: the `period` column, the same in both tables.
PERIOD_KEYS: dict[str, Dimension] = {
    "month": Dimension("month", F("period"), interval="month"),
    "quarter": Dimension("quarter", TruncQuarter("period"), interval="quarter"),
    "year": Dimension("year", TruncYear("period"), interval="year"),
}

# Counts: the transaction count table and the paths from it.
COUNT_DIMENSIONS: dict[str, Dimension] = {
    **PERIOD_KEYS,
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

# Monthly roll-ups: the counts summed per month and channel, and per agency, sector or both.
ROLLUP_GROUPS: dict[str, Dimension] = {
    "channel": Dimension("channel", F("channel__code")),
    "agency": Dimension(
        "agency",
        F("agency_row__code"),
        names={
            "agency_name_en": "agency_row__name_en",
            "agency_name_ar": "agency_row__name_ar",
        },
        pk="agency_row__id",
    ),
    "sector": Dimension("sector", F("sector")),
}
# The agency joined under an alias of its own (`F("agency__id")` would read the roll-up's
# agency_id column instead of the agency's primary key, which the grouping needs).
AGENCY_JOIN = {"agency_row": FilteredRelation("agency")}


def rollup_dimensions(*names: str) -> dict[str, Dimension]:
    """Return the keys of a roll-up: months, quarters, years, channels and `names`."""
    return {**PERIOD_KEYS, "channel": ROLLUP_GROUPS["channel"]} | {
        name: ROLLUP_GROUPS[name] for name in names
    }


ROLLUP_DIMENSIONS: dict[type[Rollup], dict[str, Dimension]] = {
    MonthlyRollup: rollup_dimensions("agency", "sector"),
    MonthlyAgencyRollup: rollup_dimensions("agency"),
    MonthlySectorRollup: rollup_dimensions("sector"),
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


@dataclass(frozen=True)
class Selection:
    """The counts the shared filters select: as counts, and as every monthly roll-up that
    holds them, smallest first (none when a filter names services)."""

    counts: QuerySet
    rollups: tuple[QuerySet, ...] = ()


@dataclass(frozen=True)
class Source:
    """The rows a figure sums, and the group keys over them."""

    rows: QuerySet
    dimensions: Mapping[str, Dimension]

    def dimension(self, name: str) -> Dimension:
        """Return the dimension called `name`."""
        return self.dimensions[name]

    def dimensions_of(self, names: Iterable[str]) -> list[Dimension]:
        """Return the dimensions called `names`, in that order."""
        return [self.dimensions[name] for name in names]


def aggregate_source(selection: Selection | QuerySet, *keys: str | None) -> Source:
    """Return the rows to sum for a figure grouped by `keys` (None entries are ignored).

    The smallest selected monthly roll-up that holds every key, which spares a scan of the
    counts; the counts when none does (a `service` key), or when given a plain queryset of
    counts.
    """
    if isinstance(selection, QuerySet):
        selection = Selection(selection)
    wanted = [key for key in keys if key is not None]
    for rows in selection.rollups:
        dimensions = ROLLUP_DIMENSIONS[rows.model]
        if all(key in dimensions for key in wanted):
            if "agency" in dimensions:
                rows = rows.annotate(**AGENCY_JOIN)
            return Source(rows, dimensions)
    return Source(selection.counts, COUNT_DIMENSIONS)
