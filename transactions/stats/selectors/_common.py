"""Pieces shared by the selectors: metric conditions, sums and the SQL percentage."""

import datetime

from django.conf import settings
from django.db.models import BigIntegerField, Case, Q, Value, When
from django.db.models.lookups import Exact, GreaterThanOrEqual
from django.utils.translation import gettext

from egov_api.errors import FieldError, InvalidInput
from transactions.models import ELECTRONIC, TRADITIONAL, sum_of_counts

from ..statistics import share_pct

# Which counts each transaction metric sums: electronic channels, the others, or all.
METRIC_CONDITIONS: dict[str, Q | None] = {
    "electronic": ELECTRONIC,
    "traditional": TRADITIONAL,
    "total": None,
}


def in_months(start: datetime.date, end: datetime.date) -> Q:
    """Return the condition "the count's month lies from `start` to `end`, inclusive"."""
    return Q(period__gte=start, period__lte=end)


def both(*conditions: Q | None) -> Q | None:
    """Return the AND of the conditions that are not None (None when all are)."""
    present = [condition for condition in conditions if condition is not None]
    if not present:
        return None
    combined = present[0]
    for condition in present[1:]:
        combined &= condition
    return combined


def metric_sum(metric: str, condition: Q | None = None):
    """Return the aggregate summing `metric` over the counts matching `condition`."""
    return sum_of_counts(both(METRIC_CONDITIONS[metric], condition))


def with_share(row: dict) -> dict:
    """Return the `electronic`, `traditional`, `total` and `electronic_share_pct` of a row."""
    electronic, traditional = int(row["electronic"]), int(row["traditional"])
    total = int(row["total"])
    return {
        "electronic": electronic,
        "traditional": traditional,
        "total": total,
        "electronic_share_pct": share_pct(part=electronic, whole=total),
    }


def hundredths_sql(numerator, denominator):
    """Return the SQL twin of `statistics.hundredths`: 100 * numerator / denominator in
    hundredths, rounded half away from zero, NULL when the denominator is 0.

    Both arguments must be integer expressions: the division is integer division on SQLite
    and PostgreSQL alike, so the value is exact and equals the one Python computes.
    """
    rounded_up = (numerator * 20_000 + denominator) / (denominator * 2)
    rounded_down = -((numerator * -20_000 + denominator) / (denominator * 2))
    return Case(
        When(Exact(denominator, 0), then=Value(None)),
        When(GreaterThanOrEqual(numerator, 0), then=rounded_up),
        default=rounded_down,
        output_field=BigIntegerField(),
    )


def too_many_rows(parameter: str) -> InvalidInput:
    """Return the refusal of an answer that would hold more than EGOV_STATS_MAX_ROWS rows."""
    message = gettext(
        "The answer would hold more than %(limit)s rows: narrow the filters or the range, or "
        "group by fewer keys."
    ) % {"limit": settings.EGOV_STATS_MAX_ROWS}
    return InvalidInput(
        gettext("Invalid value for: %(fields)s.") % {"fields": parameter},
        errors=[FieldError(parameter, message, "too_many_rows")],
    )


def within_row_limit(rows, *, parameter: str = "group_by", per_answer_row: int = 1) -> list:
    """Return the grouped `rows` as a list, fetching at most one row past the limit; raise a
    400 naming `parameter` when there are more than EGOV_STATS_MAX_ROWS times
    `per_answer_row` of them."""
    limit = settings.EGOV_STATS_MAX_ROWS * per_answer_row
    found = list(rows[: limit + 1])
    if len(found) > limit:
        raise too_many_rows(parameter)
    return found
