"""Totals: electronic, traditional and all transactions, grouped by any keys."""

import datetime
from collections.abc import Sequence

from ..dimensions import Selection, aggregate_source, group_columns, group_order, present_keys
from ._common import with_share, within_row_limit


def totals_list(
    *,
    counts: Selection,
    group_by: Sequence[str] = (),
    period_from: datetime.date | None = None,
    period_to: datetime.date | None = None,
) -> list[dict]:
    """Return one row per group (one grand-total row when `group_by` is empty).

    Each row holds the group's keys, `electronic`, `traditional`, `total` and
    `electronic_share_pct`. Groups are those with at least one count in the range, ordered by
    their keys. One query.
    """
    source = aggregate_source(counts, *group_by)
    selected = source.rows.in_period(period_from, period_to)
    if not group_by:
        return [with_share(selected.totals())]
    dimensions = source.dimensions_of(group_by)
    rows = within_row_limit(
        selected.totals_by(**group_columns(dimensions)).order_by(*group_order(dimensions))
    )
    return [{**present_keys(row, dimensions), **with_share(row)} for row in rows]
