"""The pure arithmetic under the statistics."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transactions.stats.statistics import (
    add_months,
    change_pct,
    compared_spans,
    interval_label,
    interval_starts,
    months_between,
    percent,
    round_half_up,
    share_pct,
)

D = datetime.date


def test_change_pct_of_a_zero_base_is_none():
    assert change_pct(previous=0, current=0) is None
    assert change_pct(previous=0, current=5) is None


def test_change_pct_of_the_press_report():
    assert change_pct(previous=2_000_000, current=2_900_000) == Decimal("45.00")
    assert change_pct(previous=375, current=437) == Decimal("16.53")  # 16.5333...


def test_share_pct_rounds_half_up():
    assert share_pct(part=29, whole=32) == Decimal("90.63")  # 90.625
    assert share_pct(part=0, whole=0) is None
    assert share_pct(part=0, whole=7) == Decimal("0.00")


def test_halves_round_away_from_zero():
    assert change_pct(previous=800, current=801) == Decimal("0.13")  # +0.125
    assert change_pct(previous=800, current=799) == Decimal("-0.13")  # -0.125
    assert round_half_up(Decimal("-2.345")) == Decimal("-2.35")


@given(
    numerator=st.integers(min_value=-(10**12), max_value=10**12),
    denominator=st.integers(min_value=1, max_value=10**12),
)
def test_percent_equals_the_decimal_quotient_rounded_once(numerator, denominator):
    exact = Decimal(numerator) * 100 / Decimal(denominator)
    expected = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    assert percent(numerator=numerator, denominator=denominator) == expected


def test_month_arithmetic():
    assert add_months(D(2022, 1, 1), -1) == D(2021, 12, 1)
    assert add_months(D(2022, 1, 1), -12) == D(2021, 1, 1)
    assert add_months(D(2021, 11, 1), 3) == D(2022, 2, 1)
    assert months_between(D(2021, 11, 1), D(2022, 2, 1)) == 3
    assert months_between(D(2022, 2, 1), D(2022, 2, 1)) == 0


def test_labels():
    assert interval_label(D(2021, 7, 1), "month") == "2021-07"
    assert interval_label(D(2021, 7, 1), "quarter") == "2021-Q3"
    assert interval_label(D(2021, 12, 1), "quarter") == "2021-Q4"
    assert interval_label(D(2021, 7, 1), "year") == "2021"


@pytest.mark.parametrize(
    "start, end, interval, labels",
    [
        (D(2021, 11, 1), D(2022, 2, 1), "month", ["2021-11", "2021-12", "2022-01", "2022-02"]),
        (D(2021, 2, 1), D(2021, 7, 1), "quarter", ["2021-Q1", "2021-Q2", "2021-Q3"]),
        (D(2020, 12, 1), D(2021, 1, 1), "year", ["2020", "2021"]),
        (D(2022, 2, 1), D(2022, 1, 1), "month", []),
        (D(9999, 11, 1), D(9999, 12, 1), "month", ["9999-11", "9999-12"]),
        (D(9999, 1, 1), D(9999, 12, 1), "year", ["9999"]),
    ],
)
def test_interval_starts(start, end, interval, labels):
    assert [interval_label(m, interval) for m in interval_starts(start, end, interval)] == labels


@pytest.mark.parametrize(
    "compare, basis, spans",
    [
        ("yoy", "month", ((D(2022, 3, 1), D(2022, 3, 1)), (D(2021, 3, 1), D(2021, 3, 1)))),
        ("mom", "month", ((D(2022, 3, 1), D(2022, 3, 1)), (D(2022, 2, 1), D(2022, 2, 1)))),
        ("yoy", "ytd", ((D(2022, 1, 1), D(2022, 3, 1)), (D(2021, 1, 1), D(2021, 3, 1)))),
    ],
)
def test_compared_spans(compare, basis, spans):
    assert compared_spans(period=D(2022, 3, 1), compare=compare, basis=basis) == spans
