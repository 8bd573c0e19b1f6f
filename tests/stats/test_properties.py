"""Properties that hold on any data: sums add up, growth is two totals, series have no holes."""

import contextlib

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import Row, electronic, insert, total, traditional

pytestmark = pytest.mark.django_db

SERVICES = ("ssc-pension", "ssc-join", "gam-permit", "gam-fees")
CHANNELS = ("web", "mobile", "kiosk", "call_center", "counter")
FIRST_YEAR, YEARS = 2020, 3
MONTHS = [f"{FIRST_YEAR + n // 12}-{n % 12 + 1:02d}" for n in range(YEARS * 12)]
DIMENSIONS = ("month", "quarter", "year", "agency", "service", "channel", "sector")

rows_strategy = st.lists(
    st.builds(
        Row,
        st.sampled_from(SERVICES),
        st.sampled_from(CHANNELS),
        st.sampled_from(MONTHS),
        st.integers(min_value=0, max_value=10_000),
    ),
    max_size=25,
    unique_by=lambda row: (row.service, row.channel, row.period),
)
month_strategy = st.sampled_from(MONTHS)
hypothesis_settings = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@contextlib.contextmanager
def rolled_back():
    """Run one example inside a savepoint that is rolled back, so examples never mix."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def sums(row: dict) -> tuple[int, int, int]:
    return row["electronic"], row["traditional"], row["total"]


@hypothesis_settings
@given(rows=rows_strategy, group_by=st.lists(st.sampled_from(DIMENSIONS), min_size=1, max_size=3))
def test_grouped_totals_add_up_to_the_grand_total(catalogue, get, rows, group_by):
    with rolled_back():
        insert(rows)

        grand = get("totals").body[0]
        groups = get("totals", group_by=",".join(group_by)).body

        assert sums(grand) == (electronic(rows), traditional(rows), total(rows))
        added = tuple(
            sum(group[name] for group in groups) for name in ("electronic", "traditional", "total")
        )
        assert added == sums(grand)
        assert len(groups) == len(
            {tuple(row_key(row, name) for name in dict.fromkeys(group_by)) for row in rows}
        )


def row_key(row: Row, dimension: str) -> str:
    if dimension == "month":
        return row.period
    if dimension == "quarter":
        return f"{row.period[:4]}-Q{(int(row.period[5:]) - 1) // 3 + 1}"
    if dimension == "year":
        return row.period[:4]
    return getattr(row, dimension)


@hypothesis_settings
@given(rows=rows_strategy, start=month_strategy, end=month_strategy)
def test_electronic_plus_traditional_is_total_everywhere(catalogue, get, rows, start, end):
    start, end = min(start, end), max(start, end)
    with rolled_back():
        insert(rows)

        answers = [
            *get("totals", group_by="month,agency,channel").body,
            *get("timeseries", period_from=start, period_to=end).body,
            *get("timeseries", interval="quarter", group_by="sector").body,
        ]

        for answer in answers:
            assert answer["electronic"] + answer["traditional"] == answer["total"]


@hypothesis_settings
@given(
    rows=rows_strategy,
    period=st.sampled_from(MONTHS[12:]),
    compare=st.sampled_from(["yoy", "mom"]),
    basis=st.sampled_from(["month", "ytd"]),
    metric=st.sampled_from(["electronic", "traditional", "total"]),
    group_by=st.sampled_from([None, "agency", "channel"]),
)
def test_growth_equals_the_two_totals_taken_separately(
    catalogue, get, rows, period, compare, basis, metric, group_by
):
    if basis == "ytd":
        compare = "yoy"
    params = {"period": period, "compare": compare, "basis": basis, "metric": metric}
    with rolled_back():
        insert(rows)

        growth = get("growth", **params, **({"group_by": group_by} if group_by else {})).body

        for row in growth:
            filters = {group_by: row[group_by]} if group_by else {}
            current = get(
                "totals", period_from=row["current_from"], period_to=row["current_to"], **filters
            ).body[0]
            previous = get(
                "totals", period_from=row["previous_from"], period_to=row["previous_to"], **filters
            ).body[0]
            assert (row["current"], row["previous"]) == (current[metric], previous[metric])
            assert row["change"] == current[metric] - previous[metric]


@hypothesis_settings
@given(
    rows=rows_strategy,
    start=month_strategy,
    end=month_strategy,
    interval=st.sampled_from(["month", "quarter", "year"]),
    group_by=st.sampled_from([None, "service"]),
)
def test_the_time_series_covers_every_interval_of_its_range(
    catalogue, get, rows, start, end, interval, group_by
):
    start, end = min(start, end), max(start, end)
    with rolled_back():
        insert(rows)

        params = {"period_from": start, "period_to": end, "interval": interval}
        points = get("timeseries", **params, **({"group_by": group_by} if group_by else {})).body

        in_range = [row for row in rows if start <= row.period <= end]
        expected_labels = list(
            dict.fromkeys(row_key(Row("", "", month, 0), interval) for month in MONTHS)
        )
        expected_labels = [
            label
            for label in expected_labels
            if row_key(Row("", "", start, 0), interval)
            <= label
            <= row_key(Row("", "", end, 0), interval)
        ]
        groups = sorted({row.service for row in in_range}) if group_by else [None]
        assert [(p.get("service"), p["period"]) for p in points] == [
            (group, label) for group in groups for label in expected_labels
        ]
        for p in points:
            of_point = [
                row
                for row in in_range
                if row_key(row, interval) == p["period"]
                and (group_by is None or row.service == p["service"])
            ]
            assert sums(p) == (electronic(of_point), traditional(of_point), total(of_point))
