"""`stats/totals/`: sums grouped by any keys."""

import pytest

from .conftest import Row, electronic, insert, pct, total, traditional

pytestmark = pytest.mark.django_db

ROWS = [
    Row("ssc-pension", "web", "2021-01", 200),
    Row("ssc-pension", "counter", "2021-01", 50),
    Row("ssc-pension", "web", "2021-02", 210),
    Row("ssc-join", "mobile", "2021-07", 30),
    Row("gam-permit", "web", "2021-04", 40),
    Row("gam-permit", "kiosk", "2022-01", 7),
    Row("gam-fees", "counter", "2022-01", 90),
    Row("gam-fees", "call_center", "2022-03", 11),
]


def figures(rows, where=lambda row: True):
    e, t = electronic(rows, where), traditional(rows, where)
    return {
        "electronic": e,
        "traditional": t,
        "total": e + t,
        "electronic_share_pct": pct(e, e + t),
    }


def test_no_counts_is_one_row_of_zeros(catalogue, get):
    response = get("totals")

    assert response.status_code == 200
    assert response.body == [
        {"electronic": 0, "traditional": 0, "total": 0, "electronic_share_pct": None}
    ]


def test_grand_total(catalogue, get):
    rows = insert(ROWS)

    body = get("totals").body

    assert body == [figures(rows)]
    assert body[0]["total"] == 200 + 50 + 210 + 30 + 40 + 7 + 90 + 11
    assert body[0]["electronic"] == 200 + 210 + 30 + 40 + 7


@pytest.mark.parametrize("dimension", ["agency", "service", "channel", "sector"])
def test_grouped_by_one_catalogue_key(catalogue, get, dimension):
    rows = insert(ROWS)
    keys = sorted({getattr(row, dimension) for row in rows})

    body = get("totals", group_by=dimension).body

    assert [row[dimension] for row in body] == keys
    for row in body:
        expected = figures(rows, lambda r, key=row[dimension]: getattr(r, dimension) == key)
        assert {name: row[name] for name in expected} == expected


def test_agency_and_service_rows_carry_names(catalogue, get):
    insert(ROWS)

    agencies = get("totals", group_by="agency").body
    services = get("totals", group_by="service").body

    assert agencies[0]["agency"] == "gam"
    assert agencies[0]["agency_name_en"] == "Greater Amman Municipality"
    assert agencies[0]["agency_name_ar"] == "الأمانة"
    assert services[0]["service"] == "gam-fees"
    assert services[0]["service_name_en"] == "Service gam-fees"
    assert services[0]["service_name_ar"] == "خدمة gam-fees"
    assert "service" not in agencies[0] and "month" not in agencies[0]


def test_grouped_by_month(catalogue, get):
    rows = insert(ROWS)
    months = sorted({row.period for row in rows})

    body = get("totals", group_by="month").body

    assert [row["month"] for row in body] == months
    for row in body:
        assert row["total"] == total(rows, lambda r, m=row["month"]: r.period == m)


def test_grouped_by_quarter_and_year(catalogue, get):
    rows = insert(ROWS)

    quarters = get("totals", group_by="quarter").body
    years = get("totals", group_by="year").body

    assert [row["quarter"] for row in quarters] == ["2021-Q1", "2021-Q2", "2021-Q3", "2022-Q1"]
    assert [row["total"] for row in quarters] == [200 + 50 + 210, 40, 30, 7 + 90 + 11]
    assert years == [
        {"year": "2021", **figures(rows, lambda r: r.period.startswith("2021"))},
        {"year": "2022", **figures(rows, lambda r: r.period.startswith("2022"))},
    ]


def test_grouped_by_a_combination(catalogue, get):
    rows = insert(ROWS)

    body = get("totals", group_by="year,agency,channel").body

    expected_keys = sorted({(r.period[:4], r.agency, r.channel) for r in rows})
    assert [(row["year"], row["agency"], row["channel"]) for row in body] == expected_keys
    for row in body:
        key = (row["year"], row["agency"], row["channel"])
        assert row["total"] == total(
            rows, lambda r, k=key: (r.period[:4], r.agency, r.channel) == k
        )


def test_repeated_group_by_parameter_is_accepted(catalogue, get):
    insert(ROWS)

    assert (
        get("totals", group_by=["year", "agency"]).body
        == get("totals", group_by="year,agency").body
    )


def test_electronic_share_is_rounded_half_up(catalogue, get):
    # 29 of 32 is 90.625 %: half-up gives 90.63, banker's rounding would give 90.62.
    insert([Row("ssc-pension", "web", "2022-01", 29), Row("ssc-pension", "counter", "2022-01", 3)])

    body = get("totals").body

    assert body[0]["electronic_share_pct"] == 90.63


def test_zero_counts_give_a_null_share(catalogue, get):
    insert([Row("ssc-pension", "web", "2022-01", 0)])

    assert get("totals").body[0]["electronic_share_pct"] is None


@pytest.mark.parametrize(
    "params, where",
    [
        ({"agency": "ssc"}, lambda r: r.agency == "ssc"),
        ({"service": "gam-fees,gam-permit"}, lambda r: r.agency == "gam"),
        ({"channel": "web"}, lambda r: r.channel == "web"),
        ({"sector": "tax"}, lambda r: r.sector == "tax"),
        ({"electronic": "false"}, lambda r: not r.electronic),
        (
            {"period_from": "2021-04", "period_to": "2022-01"},
            lambda r: "2021-04" <= r.period <= "2022-01",
        ),
        ({"year": "2022"}, lambda r: r.period.startswith("2022")),
        ({"year": "2021", "period_from": "2021-02"}, lambda r: "2021-02" <= r.period <= "2021-12"),
    ],
)
def test_filters_narrow_the_counts(catalogue, get, params, where):
    rows = insert(ROWS)

    assert get("totals", **params).body == [figures(rows, where)]


def test_totals_equal_the_sum_of_the_listed_counts(catalogue, get, api_client):
    insert(ROWS)

    listed = api_client.get("/api/v1/transactions/", {"agency": "ssc", "page_size": 1000}).json()

    assert get("totals", agency="ssc").body[0]["total"] == sum(
        count["count"] for count in listed["results"]
    )


@pytest.mark.parametrize(
    "params, field",
    [
        ({"group_by": "month,colour"}, "group_by"),
        ({"agency": "nowhere"}, "agency"),
        ({"period_from": "2022-13"}, "period_from"),
        ({"period_from": "2022-05", "period_to": "2022-01"}, "period_to"),
        ({"year": "2020", "period_from": "2021-01"}, "year"),
        ({"period_from": "1990-01", "period_to": "2015-01"}, "period_to"),
        ({"electronic": "maybe"}, "electronic"),
    ],
)
def test_bad_parameters_answer_400(catalogue, get, params, field):
    response = get("totals", **params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert field in [error["field"] for error in response.body["errors"]]


def test_unknown_group_by_lists_the_allowed_values(catalogue, get):
    response = get("totals", group_by="colour")

    message = response.body["errors"][0]["message"]
    assert response.status_code == 400
    for allowed in ("month", "quarter", "year", "agency", "service", "channel", "sector"):
        assert allowed in message


def test_a_span_of_exactly_the_maximum_is_accepted(catalogue, get, settings):
    settings.EGOV_STATS_MAX_YEARS = 2

    assert get("totals", period_from="2020-01", period_to="2021-12").status_code == 200
    assert get("totals", period_from="2020-01", period_to="2022-01").status_code == 400
