"""`stats/growth/`: a metric in one span of months against another."""

import pytest

from .conftest import Row, electronic, insert, pct, total, traditional

pytestmark = pytest.mark.django_db

ROWS = [
    Row("ssc-pension", "web", "2020-12", 150),
    Row("ssc-pension", "web", "2021-01", 200),
    Row("ssc-pension", "counter", "2021-01", 80),
    Row("ssc-pension", "web", "2021-02", 220),
    Row("ssc-pension", "web", "2021-12", 260),
    Row("ssc-pension", "web", "2022-01", 290),
    Row("ssc-pension", "counter", "2022-01", 30),
    Row("ssc-pension", "web", "2022-02", 300),
    Row("gam-permit", "mobile", "2021-01", 100),
    Row("gam-permit", "mobile", "2022-01", 100),
    Row("gam-fees", "counter", "2022-01", 60),
]


FIGURES = ("current", "previous", "change", "change_pct")


def in_months(first, last):
    return lambda row: first <= row.period <= last


def spans(current_from, current_to, previous_from, previous_to):
    return {
        "current_from": current_from,
        "current_to": current_to,
        "previous_from": previous_from,
        "previous_to": previous_to,
    }


def growth(current, previous):
    return {
        "current": current,
        "previous": previous,
        "change": current - previous,
        "change_pct": pct(current - previous, previous),
    }


def test_no_counts_gives_zeros_and_a_null_change_pct(catalogue, get):
    response = get("growth", period="2022-01")

    assert response.status_code == 200
    assert response.body == [{**spans("2022-01", "2022-01", "2021-01", "2021-01"), **growth(0, 0)}]
    assert response.body[0]["change_pct"] is None


def test_year_on_year_of_electronic_transactions(catalogue, get):
    rows = insert(ROWS)

    body = get("growth", period="2022-01").body

    current = electronic(rows, in_months("2022-01", "2022-01"))
    previous = electronic(rows, in_months("2021-01", "2021-01"))
    assert (current, previous) == (290 + 100, 200 + 100)
    assert body == [
        {**spans("2022-01", "2022-01", "2021-01", "2021-01"), **growth(current, previous)}
    ]
    assert body[0]["change_pct"] == 30.0  # (390 - 300) / 300


def test_month_on_month(catalogue, get):
    rows = insert(ROWS)

    body = get("growth", period="2022-01", compare="mom").body

    current = electronic(rows, in_months("2022-01", "2022-01"))
    previous = electronic(rows, in_months("2021-12", "2021-12"))
    assert body == [
        {**spans("2022-01", "2022-01", "2021-12", "2021-12"), **growth(current, previous)}
    ]


def test_month_on_month_across_the_new_year_reads_december(catalogue, get):
    insert(ROWS)

    body = get("growth", period="2021-01", compare="mom").body

    assert body[0]["previous_from"] == "2020-12"
    assert body[0]["previous"] == 150


def test_year_to_date(catalogue, get):
    rows = insert(ROWS)

    body = get("growth", period="2022-02", basis="ytd").body

    current = electronic(rows, in_months("2022-01", "2022-02"))
    previous = electronic(rows, in_months("2021-01", "2021-02"))
    assert (current, previous) == (290 + 100 + 300, 200 + 100 + 220)
    assert body == [
        {**spans("2022-01", "2022-02", "2021-01", "2021-02"), **growth(current, previous)}
    ]


@pytest.mark.parametrize(
    "metric, measure", [("traditional", traditional), ("total", total), ("electronic", electronic)]
)
def test_metrics(catalogue, get, metric, measure):
    rows = insert(ROWS)

    body = get("growth", period="2022-01", metric=metric).body

    current = measure(rows, in_months("2022-01", "2022-01"))
    previous = measure(rows, in_months("2021-01", "2021-01"))
    assert {name: body[0][name] for name in FIGURES} == growth(current, previous)


@pytest.mark.parametrize("dimension", ["agency", "service", "channel", "sector"])
def test_grouped(catalogue, get, dimension):
    rows = insert(ROWS)
    compared = [row for row in rows if row.period in ("2022-01", "2021-01")]
    keys = sorted({getattr(row, dimension) for row in compared})

    body = get("growth", period="2022-01", group_by=dimension).body

    assert [row[dimension] for row in body] == keys
    for row in body:
        of_group = lambda r, key=row[dimension]: getattr(r, dimension) == key  # noqa: E731
        current = electronic(rows, lambda r, g=of_group: g(r) and r.period == "2022-01")
        previous = electronic(rows, lambda r, g=of_group: g(r) and r.period == "2021-01")
        assert {name: row[name] for name in FIGURES} == growth(current, previous)


def test_a_group_with_counts_only_in_the_current_month_has_a_null_change_pct(catalogue, get):
    insert(ROWS)

    body = get("growth", period="2022-01", group_by="service").body

    fees = next(row for row in body if row["service"] == "gam-fees")
    # gam-fees had only traditional counts, in 2022-01 alone: it appears, with zeros.
    assert {name: fees[name] for name in FIGURES} == growth(0, 0)
    permit = next(row for row in body if row["service"] == "gam-permit")
    assert permit["change_pct"] == 0.0


def test_groups_outside_both_months_are_left_out(catalogue, get):
    insert(ROWS)

    body = get("growth", period="2021-02", group_by="agency").body

    assert [row["agency"] for row in body] == ["ssc"]


def test_filters_narrow_the_counts(catalogue, get):
    rows = insert(ROWS)

    body = get("growth", period="2022-01", agency="gam", metric="total").body

    of_gam = lambda r: r.agency == "gam"  # noqa: E731
    assert body[0]["current"] == total(rows, lambda r: of_gam(r) and r.period == "2022-01")
    assert body[0]["previous"] == total(rows, lambda r: of_gam(r) and r.period == "2021-01")


@pytest.mark.parametrize(
    "previous, current, expected",
    [
        (800, 799, -0.13),  # -0.125 %: halves round away from zero
        (800, 801, 0.13),  # +0.125 %
        (3, 1, -66.67),  # -66.666... %
        (8, 5, -37.5),
    ],
)
def test_change_pct_is_rounded_half_away_from_zero(catalogue, get, previous, current, expected):
    insert(
        [
            Row("ssc-pension", "web", "2021-01", previous),
            Row("ssc-pension", "web", "2022-01", current),
        ]
    )

    assert (
        get("growth", period="2022-01").body[0]["change_pct"]
        == expected
        == pct(current - previous, previous)
    )


@pytest.mark.parametrize(
    "params, field",
    [
        ({}, "period"),
        ({"period": "2022"}, "period"),
        ({"period": "2022-1"}, "period"),
        ({"period": "2022-01", "compare": "wow"}, "compare"),
        ({"period": "2022-01", "basis": "week"}, "basis"),
        ({"period": "2022-01", "metric": "kiosk"}, "metric"),
        ({"period": "2022-01", "group_by": "month"}, "group_by"),
        ({"period": "2022-01", "basis": "ytd", "compare": "mom"}, "compare"),
        ({"period": "2022-01", "period_from": "2021-01"}, "period_from"),
        ({"period": "2022-01", "year": "2022"}, "year"),
        ({"period": "2022-01", "agency": "nowhere"}, "agency"),
    ],
)
def test_bad_parameters_answer_400(catalogue, get, params, field):
    response = get("growth", **params)

    assert response.status_code == 400
    assert field in [error["field"] for error in response.body["errors"]]


def test_unknown_group_by_lists_the_allowed_values(catalogue, get):
    message = get("growth", period="2022-01", group_by="month").body["errors"][0]["message"]

    assert all(name in message for name in ("agency", "service", "channel", "sector"))
