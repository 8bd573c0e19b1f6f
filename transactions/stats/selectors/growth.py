"""Growth of a transaction metric between two spans of months."""

import datetime

from ..dimensions import Selection, aggregate_source
from ..statistics import Span, change_pct, compared_spans, month_label
from ._common import in_months, metric_sum, within_row_limit


def growth_row(*, current: int, previous: int, spans: tuple[Span, Span]) -> dict:
    """Return the wire fields of one growth figure."""
    current_span, previous_span = spans
    return {
        "current_from": month_label(current_span.start),
        "current_to": month_label(current_span.end),
        "previous_from": month_label(previous_span.start),
        "previous_to": month_label(previous_span.end),
        "current": current,
        "previous": previous,
        "change": current - previous,
        "change_pct": change_pct(previous=previous, current=current),
    }


def growth_list(
    *,
    counts: Selection,
    period: datetime.date,
    compare: str = "yoy",
    basis: str = "month",
    metric: str = "electronic",
    group_by: str | None = None,
) -> list[dict]:
    """Return the growth of `metric` from the previous span to the current one.

    Without `group_by`, one row. With it, one row per group that has a count in either span,
    ordered by the group key, each row starting with the key. One query.
    """
    spans = compared_spans(period=period, compare=compare, basis=basis)
    current_months, previous_months = (in_months(*span) for span in spans)
    sums = {
        "current": metric_sum(metric, current_months),
        "previous": metric_sum(metric, previous_months),
    }
    source = aggregate_source(counts, group_by)
    selected = source.rows.filter(current_months | previous_months)
    if group_by is None:
        figures = selected.aggregate(**sums)
        return [growth_row(current=figures["current"], previous=figures["previous"], spans=spans)]
    dimension = source.dimension(group_by)
    rows = within_row_limit(
        selected.values(**dimension.columns()).annotate(**sums).order_by(dimension.alias)
    )
    return [
        {
            **dimension.present(row),
            **growth_row(current=row["current"], previous=row["previous"], spans=spans),
        }
        for row in rows
    ]
