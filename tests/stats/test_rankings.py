"""`stats/rankings/`: groups ranked on a metric, ties sharing a rank."""

import pytest

from .conftest import Row, electronic, insert, pct, total, traditional

pytestmark = pytest.mark.django_db

ROWS = [
    Row("ssc-pension", "web", "2021-01", 100),
    Row("ssc-pension", "web", "2022-01", 300),
    Row("ssc-pension", "counter", "2022-01", 100),
    Row("ssc-join", "web", "2022-01", 150),
    Row("ssc-join", "counter", "2022-01", 50),
    Row("gam-permit", "mobile", "2021-01", 100),
    Row("gam-permit", "mobile", "2022-01", 150),
    Row("gam-permit", "counter", "2022-01", 50),
    Row("gam-fees", "counter", "2022-01", 40),
]


def ranked(values: dict) -> list[tuple[int, str, object]]:
    """(rank, key, value) for `values`, highest first, ties sharing a rank, by key in a tie;
    None ranks last."""
    order = sorted(values, key=lambda key: (values[key] is None, -(values[key] or 0), key))
    result = []
    for position, key in enumerate(order, start=1):
        same_as_previous = result and values[result[-1][1]] == values[key]
        result.append((result[-1][0] if same_as_previous else position, key, values[key]))
    return result


def as_tuples(body, by):
    return [(row["rank"], row[by], row["value"]) for row in body]


def test_no_counts_is_empty(catalogue, get):
    assert get("rankings", by="agency").body == []


def test_services_by_electronic_transactions_with_a_tie(catalogue, get):
    rows = insert(ROWS)

    body = get("rankings", by="service", year="2022").body

    values = {
        code: electronic(rows, lambda r, c=code: r.service == c and r.period == "2022-01")
        for code in ("ssc-pension", "ssc-join", "gam-permit", "gam-fees")
    }
    assert as_tuples(body, "service") == ranked(values)
    # gam-permit and ssc-join tie at 150: both second, by code; gam-fees (0) is fourth.
    assert as_tuples(body, "service") == [
        (1, "ssc-pension", 300),
        (2, "gam-permit", 150),
        (2, "ssc-join", 150),
        (4, "gam-fees", 0),
    ]
    assert body[0]["service_name_en"] == "Service ssc-pension"


def test_ties_at_the_top_share_rank_one(catalogue, get):
    insert(
        [
            Row("ssc-pension", "web", "2022-01", 10),
            Row("gam-permit", "web", "2022-01", 10),
            Row("gam-fees", "web", "2022-01", 5),
        ]
    )

    body = get("rankings", by="service").body

    assert [row["rank"] for row in body] == [1, 1, 3]
    assert [row["service"] for row in body] == ["gam-permit", "ssc-pension", "gam-fees"]


@pytest.mark.parametrize("metric, measure", [("total", total), ("traditional", traditional)])
def test_agencies_by_count_metrics(catalogue, get, metric, measure):
    rows = insert(ROWS)

    body = get("rankings", by="agency", metric=metric).body

    values = {code: measure(rows, lambda r, c=code: r.agency == c) for code in ("ssc", "gam")}
    assert as_tuples(body, "agency") == ranked(values)
    assert {row["agency"]: row["agency_name_ar"] for row in body} == {
        "ssc": "الضمان",
        "gam": "الأمانة",
    }


def test_sectors_and_channels(catalogue, get):
    rows = insert(ROWS)

    sectors = get("rankings", by="sector", metric="total").body
    channels = get("rankings", by="channel", metric="total").body

    assert as_tuples(sectors, "sector") == ranked(
        {s: total(rows, lambda r, s=s: r.sector == s) for s in {r.sector for r in rows}}
    )
    assert as_tuples(channels, "channel") == ranked(
        {c: total(rows, lambda r, c=c: r.channel == c) for c in {r.channel for r in rows}}
    )


def test_electronic_share_with_a_tie_and_a_zero_base(catalogue, get):
    rows = insert([*ROWS, Row("ssc-join", "kiosk", "2021-01", 0)])

    body = get("rankings", by="service", metric="electronic_share").body

    values = {
        code: pct(
            electronic(rows, lambda r, c=code: r.service == c),
            total(rows, lambda r, c=code: r.service == c),
        )
        for code in ("ssc-pension", "ssc-join", "gam-permit", "gam-fees")
    }
    assert as_tuples(body, "service") == ranked(values)
    # gam-permit: 250 of 300; ssc-join: 150 of 200 = 75.0; ssc-pension: 400 of 500 = 80.0.
    assert body[0]["value"] == pct(250, 300) == 83.33


def test_equal_shares_from_different_counts_tie(catalogue, get):
    insert(
        [
            Row("ssc-pension", "web", "2022-01", 1),
            Row("ssc-pension", "counter", "2022-01", 2),
            Row("gam-permit", "web", "2022-01", 100),
            Row("gam-permit", "counter", "2022-01", 200),
        ]
    )

    body = get("rankings", by="service", metric="electronic_share").body

    assert as_tuples(body, "service") == [(1, "gam-permit", 33.33), (1, "ssc-pension", 33.33)]


def test_null_shares_rank_last(catalogue, get):
    insert([Row("ssc-pension", "web", "2022-01", 0), Row("gam-fees", "counter", "2022-01", 3)])

    body = get("rankings", by="service", metric="electronic_share").body

    assert as_tuples(body, "service") == [(1, "gam-fees", 0.0), (2, "ssc-pension", None)]


def test_growth_over_a_year(catalogue, get):
    rows = insert(ROWS)

    body = get("rankings", by="service", metric="growth", year="2022").body

    def growth(code):
        current = electronic(rows, lambda r: r.service == code and r.period.startswith("2022"))
        previous = electronic(rows, lambda r: r.service == code and r.period.startswith("2021"))
        return pct(current - previous, previous)

    # Every service has a count in 2022; ssc-join and gam-fees had no electronic base.
    values = {code: growth(code) for code in ("ssc-pension", "ssc-join", "gam-permit", "gam-fees")}
    assert as_tuples(body, "service") == ranked(values)
    assert as_tuples(body, "service") == [
        (1, "ssc-pension", 200.0),
        (2, "gam-permit", 50.0),
        (3, "gam-fees", None),
        (3, "ssc-join", None),
    ]


def test_growth_reads_the_year_before_the_range(catalogue, get):
    insert(ROWS)

    body = get(
        "rankings", by="agency", metric="growth", period_from="2022-01", period_to="2022-01"
    ).body

    assert as_tuples(body, "agency") == [(1, "ssc", pct(450 - 100, 100)), (2, "gam", 50.0)]


def test_growth_leaves_out_groups_without_counts_in_the_range(catalogue, get):
    insert([Row("ssc-pension", "web", "2021-01", 5), Row("gam-permit", "web", "2022-01", 5)])

    body = get("rankings", by="service", metric="growth", year="2022").body

    assert [row["service"] for row in body] == ["gam-permit"]


def test_limit(catalogue, get):
    insert(ROWS)

    body = get("rankings", by="service", limit=2).body

    assert as_tuples(body, "service") == [(1, "ssc-pension", 400), (2, "gam-permit", 250)]


@pytest.mark.parametrize(
    "params, field",
    [
        ({}, "by"),
        ({"by": "month"}, "by"),
        ({"by": "agency", "metric": "share"}, "metric"),
        ({"by": "agency", "limit": "101"}, "limit"),
        ({"by": "agency", "limit": "0"}, "limit"),
        ({"by": "agency", "limit": "ten"}, "limit"),
        ({"by": "agency", "metric": "growth"}, "period_from"),
        ({"by": "agency", "metric": "growth", "period_from": "2022-01"}, "period_to"),
        ({"by": "agency", "period_from": "2022-02", "period_to": "2022-01"}, "period_to"),
    ],
)
def test_bad_parameters_answer_400(catalogue, get, params, field):
    response = get("rankings", **params)

    assert response.status_code == 400
    assert field in [error["field"] for error in response.body["errors"]]


def test_unknown_by_lists_the_allowed_values(catalogue, get):
    message = get("rankings", by="month").body["errors"][0]["message"]

    assert all(name in message for name in ("agency", "service", "channel", "sector"))
