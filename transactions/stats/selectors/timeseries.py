"""Time series for charts: every interval of a range, zeros where nothing was reported."""

import datetime

from django.conf import settings
from django.db.models import Count, Max, Min, QuerySet

from transactions.models import CountQuerySet

from ..dimensions import Selection, aggregate_source, group_columns
from ..statistics import (
    Interval,
    add_months,
    change_pct,
    interval_label,
    interval_start,
    interval_starts,
)
from ._common import in_months, metric_sum, too_many_rows, with_share, within_row_limit

YEAR_BEFORE = -12


def data_bounds(rows: QuerySet) -> tuple[datetime.date | None, datetime.date | None]:
    """Return the first and the last month holding a count (None, None when there is none)."""
    bounds = rows.aggregate(first=Min("period"), last=Max("period"))
    return bounds["first"], bounds["last"]


def timeseries_list(
    *,
    counts: Selection,
    interval: Interval = "month",
    metric: str = "electronic",
    group_by: str | None = None,
    period_from: datetime.date | None = None,
    period_to: datetime.date | None = None,
) -> list[dict]:
    """Return one point per interval from `period_from` to `period_to` (per group, if any).

    A missing end of the range is the first or last month with a count. Each point holds
    `period` (the interval's label), the group key, `electronic`, `traditional`, `total`,
    `electronic_share_pct` and `yoy_change_pct` of `metric` against the same interval a
    year earlier, read from the data even before `period_from`. Groups are those with a
    count in the range, ordered by key; points are in time order. Without `group_by`, every
    interval of the range appears even when the range holds no count at all. One query, two when an
    end of the range is missing.
    """
    source = aggregate_source(counts, group_by, interval)
    if period_from is None or period_to is None:
        first, last = data_bounds(source.rows.in_period(period_from, period_to))
        period_from, period_to = period_from or first, period_to or last
    if period_from is None or period_to is None or period_to < period_from:
        return []

    current_months = in_months(period_from, period_to)
    # The same months a year before, so that every interval, partial ones at the ends of
    # the range included, is compared with exactly the same months of the previous year.
    previous_months = in_months(
        add_months(period_from, YEAR_BEFORE), add_months(period_to, YEAR_BEFORE)
    )
    dimensions = [source.dimension(group_by)] if group_by else []
    interval_dimension = source.dimension(interval)
    rows = (
        source.rows.filter(current_months | previous_months)
        .values(**group_columns([*dimensions, interval_dimension]))
        .annotate(
            **CountQuerySet.channel_sums(current_months),
            previous=metric_sum(metric, previous_months),
            reported=Count("id", filter=current_months),
        )
        .order_by()
    )
    # At most two aggregated rows per point (the interval and the same months a year before).
    rows = within_row_limit(
        rows, parameter="group_by" if dimensions else "interval", per_answer_row=2
    )

    by_key: dict[tuple, dict] = {}
    # Ungrouped, the range itself is the one series, data or not.
    groups: dict[tuple, dict] = {} if dimensions else {(): {}}
    for row in rows:
        group = tuple(row[dimension.alias] for dimension in dimensions)
        start = interval_start(row[interval_dimension.alias], interval)
        by_key[group, start] = row
        if row["reported"]:
            groups.setdefault(group, row)

    starts = list(interval_starts(period_from, period_to, interval))
    if len(groups) * len(starts) > settings.EGOV_STATS_MAX_ROWS:
        raise too_many_rows("group_by" if dimensions else "interval")
    empty = {"electronic": 0, "traditional": 0, "total": 0, "previous": 0}
    points = []
    for group in sorted(groups):
        keys = {}
        for dimension in dimensions:
            keys.update(dimension.present(groups[group]))
        for start in starts:
            current = with_share(by_key.get((group, start), empty))
            previous = by_key.get((group, add_months(start, YEAR_BEFORE)), empty)["previous"]
            points.append(
                {
                    "period": interval_label(start, interval),
                    **keys,
                    **current,
                    "yoy_change_pct": change_pct(previous=previous, current=current[metric]),
                }
            )
    return points
