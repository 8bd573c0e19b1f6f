"""Rankings of agencies, services, channels or sectors by a metric."""

import datetime

from django.db.models import Count, F, Window
from django.db.models.functions import Rank

from ..dimensions import Selection, aggregate_source
from ..statistics import add_months, change_pct, share_pct
from ._common import hundredths_sql, in_months, metric_sum

COUNT_METRICS = ("electronic", "total", "traditional")
PERCENT_METRICS = ("electronic_share", "growth")


def rankings_list(
    *,
    counts: Selection,
    by: str,
    metric: str = "electronic",
    limit: int = 10,
    period_from: datetime.date | None = None,
    period_to: datetime.date | None = None,
) -> list[dict]:
    """Return the first `limit` groups of dimension `by` ranked on `metric`, highest first.

    Each row holds `rank`, the group key (and names) and `value`. Equal values share a rank
    (1, 1, 3) and are ordered by code; undefined values (a zero base) rank last. `growth` is
    the change in percent of electronic transactions from the same range a year before, and
    needs both ends of the range. Every group with a count in the range is ranked, value 0
    included. One query: the rank is a window function over the grouped sums.
    """
    source = aggregate_source(counts, by)
    dimension = source.dimension(by)
    if metric == "growth":
        current_months = in_months(period_from, period_to)
        previous_months = in_months(add_months(period_from, -12), add_months(period_to, -12))
        grouped = (
            source.rows.filter(current_months | previous_months)
            .values(**dimension.columns())
            .annotate(
                current=metric_sum("electronic", current_months),
                previous=metric_sum("electronic", previous_months),
                reported=Count("id", filter=current_months),
            )
            .filter(reported__gt=0)
        )
        rank_value = hundredths_sql(F("current") - F("previous"), F("previous"))
    else:
        # Only the sums the value needs: each one more is a condition on every row summed.
        summed = ("electronic", "total") if metric == "electronic_share" else (metric,)
        grouped = (
            source.rows.in_period(period_from, period_to)
            .values(**dimension.columns())
            .annotate(**{name: metric_sum(name) for name in summed})
        )
        if metric == "electronic_share":
            rank_value = hundredths_sql(F("electronic"), F("total"))
        else:
            rank_value = F(metric)

    rows = (
        grouped.annotate(rank_value=rank_value)
        .annotate(rank=Window(Rank(), order_by=F("rank_value").desc(nulls_last=True)))
        .order_by("rank", dimension.alias)[:limit]
    )
    return [
        {"rank": row["rank"], **dimension.present(row), "value": ranked_value(row, metric)}
        for row in rows
    ]


def ranked_value(row: dict, metric: str):
    """Return the value a row was ranked on, as shown on the wire."""
    if metric == "growth":
        return change_pct(previous=row["previous"], current=row["current"])
    if metric == "electronic_share":
        return share_pct(part=row["electronic"], whole=row["total"])
    return row[metric]
