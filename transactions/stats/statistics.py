"""Pure arithmetic of the statistics: percentages, months, quarters, years. No ORM here.

Percentages are computed from integers with integer arithmetic, so the value a client sees
is the exact quotient rounded once, half away from zero (`decimal.ROUND_HALF_UP`), to two
decimals. The ranking query orders by the same integer formula (`hundredths_sql` in the
selectors), so equal figures on the wire are equal in SQL too.
"""

import datetime
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal, NamedTuple

Interval = Literal["month", "quarter", "year"]
INTERVALS: tuple[Interval, ...] = ("month", "quarter", "year")
MONTHS_IN: dict[str, int] = {"month": 1, "quarter": 3, "year": 12}

TWO_PLACES = Decimal("0.01")


def round_half_up(value: Decimal) -> Decimal:
    """Return `value` rounded to 2 decimals, halves away from zero (90.625 -> 90.63)."""
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def hundredths(*, numerator: int, denominator: int) -> int:
    """Return 100 * numerator / denominator in hundredths, rounded half away from zero.

    `denominator` must be positive. Integer-only, so no intermediate rounding can move a
    value across a half.
    """
    scaled = abs(numerator) * 10_000
    rounded = (2 * scaled + denominator) // (2 * denominator)
    return rounded if numerator >= 0 else -rounded


def percent(*, numerator: int, denominator: int) -> Decimal | None:
    """Return numerator / denominator as a percentage with 2 decimals; None when the base is 0."""
    if denominator == 0:
        return None
    return round_half_up(Decimal(hundredths(numerator=numerator, denominator=denominator)) / 100)


def change_pct(*, previous: int, current: int) -> Decimal | None:
    """Return the change from `previous` to `current` in percent of `previous`.

    None when `previous` is 0: growth against nothing is undefined, not infinite.
    """
    return percent(numerator=current - previous, denominator=previous)


def share_pct(*, part: int, whole: int) -> Decimal | None:
    """Return `part` as a percentage of `whole`; None when `whole` is 0."""
    return percent(numerator=part, denominator=whole)


# Months ------------------------------------------------------------------------------


def add_months(month: datetime.date, months: int) -> datetime.date:
    """Return the first day of the month `months` after (or before, if negative) `month`."""
    index = month.year * 12 + month.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Return how many months `end` lies after `start` (0 for the same month)."""
    return (end.year - start.year) * 12 + end.month - start.month


def year_start(month: datetime.date) -> datetime.date:
    """Return January of `month`'s year."""
    return datetime.date(month.year, 1, 1)


def interval_start(month: datetime.date, interval: Interval) -> datetime.date:
    """Return the first month of the month, quarter or year that holds `month`."""
    size = MONTHS_IN[interval]
    return datetime.date(month.year, (month.month - 1) // size * size + 1, 1)


def interval_starts(
    start: datetime.date, end: datetime.date, interval: Interval
) -> Iterator[datetime.date]:
    """Yield the first month of every interval from the one holding `start` to the one
    holding `end`, in order; nothing when `end` is before `start`."""
    first, last = interval_start(start, interval), interval_start(end, interval)
    size = MONTHS_IN[interval]
    # Counted rather than stepped past `last`, which could lie beyond year 9999.
    for step in range(months_between(first, last) // size + 1):
        yield add_months(first, step * size)


def month_label(month: datetime.date) -> str:
    """Return `YYYY-MM`."""
    return f"{month.year:04d}-{month.month:02d}"


def quarter_label(month: datetime.date) -> str:
    """Return `YYYY-Qn` of the quarter holding `month`."""
    return f"{month.year:04d}-Q{(month.month - 1) // 3 + 1}"


def year_label(month: datetime.date) -> str:
    """Return `YYYY`."""
    return f"{month.year:04d}"


LABELS = {"month": month_label, "quarter": quarter_label, "year": year_label}


def interval_label(month: datetime.date, interval: Interval) -> str:
    """Return the label of the interval holding `month`: `2022-01`, `2022-Q1` or `2022`."""
    return LABELS[interval](month)


# Compared spans --------------------------------------------------------------------------

COMPARE_OFFSETS: dict[str, int] = {"yoy": -12, "mom": -1}


class Span(NamedTuple):
    """A run of months, both ends inclusive."""

    start: datetime.date
    end: datetime.date


def compared_spans(*, period: datetime.date, compare: str, basis: str) -> tuple[Span, Span]:
    """Return the current and the previous span of a growth figure.

    `basis="month"`: the month `period` against the month `compare` points to (a year before
    for `yoy`, the month before for `mom`). `basis="ytd"`: January to `period` against the
    same months a year before (only `yoy` is meaningful for a year-to-date).
    """
    offset = COMPARE_OFFSETS[compare]
    start = year_start(period) if basis == "ytd" else period
    return Span(start, period), Span(add_months(start, offset), add_months(period, offset))
