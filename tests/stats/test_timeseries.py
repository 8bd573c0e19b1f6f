"""`stats/timeseries/`: every interval of a range, zeros where nothing was reported."""

import pytest

from .conftest import Row, electronic, insert, pct, total, traditional

pytestmark = pytest.mark.django_db

ROWS = [
    Row("ssc-pension", "web", "2020-11", 80),
    Row("ssc-pension", "web", "2021-01", 100),
    Row("ssc-pension", "counter", "2021-01", 20),
    Row("ssc-pension", "web", "2021-03", 120),
    Row("ssc-pension", "web", "2021-12", 130),
    Row("ssc-pension", "web", "2022-01", 150),
    Row("ssc-pension", "counter", "2022-01", 10),
    Row("gam-permit", "mobile", "2021-02", 40),
    Row("gam-permit", "mobile", "2022-02", 50),
    Row("gam-fees", "counter", "2022-03", 5),
]


def point(rows, label, months, previous_months, measure=electronic):
    """The expected point of the interval `label` covering `months`."""
    e = electronic(rows, lambda r: r.period in months)
    t = traditional(rows, lambda r: r.period in months)
    current = measure(rows, lambda r: r.period in months)
    previous = measure(rows, lambda r: r.period in previous_months)
    return {
        "period": label,
        "electronic": e,
        "traditional": t,
        "total": e + t,
        "electronic_share_pct": pct(e, e + t),
        "yoy_change_pct": pct(current - previous, previous),
    }


def test_no_counts_and_no_range_is_empty(catalogue, get):
    response = get("timeseries")

    assert response.status_code == 200
    assert response.body == []


def test_a_range_without_counts_is_all_zeros(catalogue, get):
    body = get("timeseries", period_from="2022-01", period_to="2022-03").body

    assert body == [
        {
            "period": label,
            "electronic": 0,
            "traditional": 0,
            "total": 0,
            "electronic_share_pct": None,
            "yoy_change_pct": None,
        }
        for label in ("2022-01", "2022-02", "2022-03")
    ]


def test_default_range_is_the_whole_data_with_no_holes(catalogue, get):
    rows = insert(ROWS)

    body = get("timeseries").body

    labels = [f"2020-{m:02d}" for m in (11, 12)]
    labels += [f"2021-{m:02d}" for m in range(1, 13)] + ["2022-01", "2022-02", "2022-03"]
    assert [p["period"] for p in body] == labels
    for p in body:
        year, number = p["period"].split("-")
        previous = f"{int(year) - 1}-{number}"
        assert p == point(rows, p["period"], {p["period"]}, {previous})
    assert body[labels.index("2020-12")]["total"] == 0


def test_yoy_reads_the_year_before_the_range(catalogue, get):
    rows = insert(ROWS)

    body = get("timeseries", period_from="2022-01", period_to="2022-02").body

    assert body == [
        point(rows, "2022-01", {"2022-01"}, {"2021-01"}),
        point(rows, "2022-02", {"2022-02"}, {"2021-02"}),
    ]
    assert body[0]["yoy_change_pct"] == 50.0  # (150 - 100) / 100
    assert body[1]["yoy_change_pct"] == 25.0  # (50 - 40) / 40


@pytest.mark.parametrize(
    "metric, measure", [("traditional", traditional), ("total", total), ("electronic", electronic)]
)
def test_yoy_of_the_chosen_metric(catalogue, get, metric, measure):
    rows = insert(ROWS)

    body = get("timeseries", period_from="2022-01", period_to="2022-01", metric=metric).body

    assert body == [point(rows, "2022-01", {"2022-01"}, {"2021-01"}, measure)]


def test_quarters(catalogue, get):
    rows = insert(ROWS)

    body = get("timeseries", interval="quarter", period_from="2021-01", period_to="2022-03").body

    quarters = {
        "2021-Q1": ({"2021-01", "2021-02", "2021-03"}, {"2020-01", "2020-02", "2020-03"}),
        "2021-Q2": ({"2021-04", "2021-05", "2021-06"}, {"2020-04", "2020-05", "2020-06"}),
        "2021-Q3": ({"2021-07", "2021-08", "2021-09"}, {"2020-07", "2020-08", "2020-09"}),
        "2021-Q4": ({"2021-10", "2021-11", "2021-12"}, {"2020-10", "2020-11", "2020-12"}),
        "2022-Q1": ({"2022-01", "2022-02", "2022-03"}, {"2021-01", "2021-02", "2021-03"}),
    }
    assert body == [point(rows, label, *months) for label, months in quarters.items()]
    assert body[-1]["yoy_change_pct"] == pct((150 + 50) - (100 + 40 + 120), 100 + 40 + 120)


def test_a_partial_quarter_is_compared_with_the_same_months(catalogue, get):
    rows = insert(ROWS)

    body = get("timeseries", interval="quarter", period_from="2022-01", period_to="2022-02").body

    # Only January and February of 2022-Q1 are in the range: March 2021 (120) is left out.
    assert body == [point(rows, "2022-Q1", {"2022-01", "2022-02"}, {"2021-01", "2021-02"})]
    assert body[0]["yoy_change_pct"] == pct(200 - 140, 140)


def test_years(catalogue, get):
    rows = insert(ROWS)

    body = get("timeseries", interval="year").body

    def months(year):
        return {f"{year}-{m:02d}" for m in range(1, 13)}

    assert body == [
        point(rows, "2020", months(2020), months(2019)),
        point(rows, "2021", months(2021), months(2020)),
        point(rows, "2022", {"2022-01", "2022-02", "2022-03"}, {"2021-01", "2021-02", "2021-03"}),
    ]


def test_year_filter_is_its_twelve_months(catalogue, get):
    body = get("timeseries", year="2021").body

    assert [p["period"] for p in body] == [f"2021-{m:02d}" for m in range(1, 13)]


def test_grouped_series_cover_every_interval(catalogue, get):
    rows = insert(ROWS)

    body = get("timeseries", group_by="agency", period_from="2022-01", period_to="2022-03").body

    assert [(p["agency"], p["period"]) for p in body] == [
        (agency, month) for agency in ("gam", "ssc") for month in ("2022-01", "2022-02", "2022-03")
    ]
    for p in body:
        of_agency = [r for r in rows if r.agency == p["agency"]]
        year, number = p["period"].split("-")
        expected = point(of_agency, p["period"], {p["period"]}, {f"{int(year) - 1}-{number}"})
        assert {k: p[k] for k in expected} == expected
        assert p["agency_name_en"] in ("Greater Amman Municipality", "Social Security Corporation")


@pytest.mark.parametrize("dimension", ["agency", "service", "channel", "sector"])
def test_one_series_per_group(catalogue, get, dimension):
    rows = insert(ROWS)

    body = get("timeseries", group_by=dimension, interval="quarter", year="2022").body

    groups = sorted({getattr(r, dimension) for r in rows if r.period.startswith("2022")})
    assert [(p[dimension], p["period"]) for p in body] == [
        (group, f"2022-Q{quarter}") for group in groups for quarter in (1, 2, 3, 4)
    ]
    for p in body:
        quarter = int(p["period"][-1])
        months = [f"{quarter * 3 - 2 + offset:02d}" for offset in range(3)]
        of_group = [r for r in rows if getattr(r, dimension) == p[dimension]]
        expected = point(
            of_group, p["period"], {f"2022-{m}" for m in months}, {f"2021-{m}" for m in months}
        )
        assert {k: p[k] for k in expected} == expected


def test_groups_without_counts_in_the_range_are_left_out(catalogue, get):
    insert(ROWS)

    body = get("timeseries", group_by="service", period_from="2021-03", period_to="2021-03").body

    # gam-permit had counts only a year later and a month earlier: not in this range.
    assert [(p["service"], p["period"]) for p in body] == [("ssc-pension", "2021-03")]


def test_a_service_that_went_electronic_mid_range(catalogue, get):
    # ssc-join became electronic in 2021-06: counter only before, web after.
    rows = insert(
        [
            Row("ssc-join", "counter", "2021-04", 30),
            Row("ssc-join", "counter", "2021-05", 30),
            Row("ssc-join", "web", "2021-06", 10),
            Row("ssc-join", "counter", "2021-06", 25),
            Row("ssc-join", "web", "2021-07", 20),
        ]
    )

    body = get("timeseries", service="ssc-join", period_from="2021-04", period_to="2021-07").body

    assert [p["electronic"] for p in body] == [0, 0, 10, 20]
    assert [p["electronic_share_pct"] for p in body] == [0.0, 0.0, pct(10, 35), 100.0]
    assert [p["total"] for p in body] == [
        total(rows, lambda r, m=m: r.period == m)
        for m in ("2021-04", "2021-05", "2021-06", "2021-07")
    ]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"interval": "week"}, "interval"),
        ({"group_by": "month"}, "group_by"),
        ({"metric": "share"}, "metric"),
        ({"period_from": "2022-03", "period_to": "2022-01"}, "period_to"),
        ({"period_from": "1990-01", "period_to": "2016-01"}, "period_to"),
        ({"year": "99999"}, "year"),
    ],
)
def test_bad_parameters_answer_400(catalogue, get, params, field):
    response = get("timeseries", **params)

    assert response.status_code == 400
    assert field in [error["field"] for error in response.body["errors"]]


def test_unknown_interval_lists_the_allowed_values(catalogue, get):
    message = get("timeseries", interval="week").body["errors"][0]["message"]

    assert "month" in message and "quarter" in message and "year" in message


@pytest.mark.parametrize(
    "endpoint, params",
    [
        ("timeseries", {"period_from": "9999-01", "period_to": "9999-12"}),
        ("timeseries", {"interval": "year", "year": "9999"}),
        ("timeseries", {"interval": "quarter", "period_from": "1900-01", "period_to": "1900-02"}),
        ("growth", {"period": "1900-01", "basis": "ytd"}),
        ("rankings", {"by": "agency", "metric": "growth", "year": "1900"}),
        ("service-counts", {"period": "1900-01"}),
        ("summary", {"period": "9999-12"}),
    ],
)
def test_the_ends_of_the_calendar_answer_200(catalogue, get, endpoint, params):
    assert get(endpoint, **params).status_code == 200
