"""`stats/service-counts/`: services electronic and live on the first day of a month."""

import datetime

import pytest

from tests.factories import AgencyFactory, ServiceFactory

from .conftest import pct

pytestmark = pytest.mark.django_db

D = datetime.date

# code, agency, sector, electronic_since, retired_on, channels
SPECS = [
    ("a-old", "ssc", "social_protection", D(2019, 5, 1), None, ["web", "counter"]),
    ("a-new", "ssc", "social_protection", D(2022, 1, 1), None, ["web"]),  # electronic on the day
    ("a-late", "ssc", "labour", D(2022, 1, 2), None, ["mobile"]),  # a day too late
    ("a-never", "ssc", "labour", None, None, ["counter"]),
    ("b-retired", "gam", "tax", D(2020, 3, 1), D(2022, 1, 1), ["web"]),  # retired on the day
    ("b-retiring", "gam", "tax", D(2020, 3, 1), D(2022, 1, 2), ["web", "mobile"]),
    ("b-gone", "gam", "local_government", D(2018, 1, 1), D(2021, 1, 1), ["kiosk"]),
    ("b-mid", "gam", "local_government", D(2021, 6, 15), None, ["mobile", "kiosk"]),
]


def live(spec, day):
    _, _, _, since, retired, _ = spec
    return since is not None and since <= day and (retired is None or retired > day)


def figures(period, previous_period, where=lambda spec: True):
    current = sum(1 for spec in SPECS if where(spec) and live(spec, period))
    previous = sum(1 for spec in SPECS if where(spec) and live(spec, previous_period))
    return {
        "period": f"{period:%Y-%m}",
        "previous_period": f"{previous_period:%Y-%m}",
        "current": current,
        "previous": previous,
        "change": current - previous,
        "change_pct": pct(current - previous, previous),
    }


@pytest.fixture
def services(channels):
    agencies = {
        "ssc": AgencyFactory(code="ssc", name_en="Social Security Corporation", name_ar="الضمان"),
        "gam": AgencyFactory(code="gam", name_en="Greater Amman Municipality", name_ar="الأمانة"),
    }
    for code, agency, sector, since, retired, offered in SPECS:
        service = ServiceFactory(
            code=code,
            agency=agencies[agency],
            sector=sector,
            electronic_since=since,
            retired_on=retired,
        )
        service.channels.set([channels[name] for name in offered])


def test_no_services(db, get):
    assert get("service-counts", period="2022-01").body == {
        "period": "2022-01",
        "previous_period": "2021-01",
        "current": 0,
        "previous": 0,
        "change": 0,
        "change_pct": None,
    }


def test_year_on_year(services, get):
    body = get("service-counts", period="2022-01").body

    assert body == figures(D(2022, 1, 1), D(2021, 1, 1))
    # 2022-01-01: a-old, a-new, b-retiring, b-mid; 2021-01-01: a-old, b-retired, b-retiring.
    assert (body["current"], body["previous"]) == (4, 3)


def test_month_on_month(services, get):
    body = get("service-counts", period="2022-01", compare="mom").body

    assert body == figures(D(2022, 1, 1), D(2021, 12, 1))


def test_retired_and_late_services_are_not_counted_on_the_day(services, get):
    before = get("service-counts", period="2021-12", compare="mom").body
    after = get("service-counts", period="2022-02", compare="mom").body

    assert before == figures(D(2021, 12, 1), D(2021, 11, 1))
    assert after == figures(D(2022, 2, 1), D(2022, 1, 1))
    # a-late joins and b-retiring leaves between 2022-01-01 and 2022-02-01.
    assert after["current"] == after["previous"]


def test_grouped_by_agency(services, get):
    body = get("service-counts", period="2022-01", group_by="agency").body

    assert body == [
        {
            "agency": agency,
            "agency_name_en": name_en,
            "agency_name_ar": name_ar,
            **figures(D(2022, 1, 1), D(2021, 1, 1), lambda spec, a=agency: spec[1] == a),
        }
        for agency, name_en, name_ar in (
            ("gam", "Greater Amman Municipality", "الأمانة"),
            ("ssc", "Social Security Corporation", "الضمان"),
        )
    ]


def test_grouped_by_sector_leaves_out_sectors_without_electronic_services(services, get):
    body = get("service-counts", period="2022-01", group_by="sector").body

    sectors = sorted(
        {spec[2] for spec in SPECS if live(spec, D(2022, 1, 1)) or live(spec, D(2021, 1, 1))}
    )
    assert [row["sector"] for row in body] == sectors
    assert "labour" not in sectors
    for row in body:
        expected = figures(D(2022, 1, 1), D(2021, 1, 1), lambda s, x=row["sector"]: s[2] == x)
        assert {k: row[k] for k in expected} == expected


def test_grouped_by_channel_counts_a_service_under_each_channel(services, get):
    body = get("service-counts", period="2022-01", group_by="channel").body

    for row in body:
        expected = figures(D(2022, 1, 1), D(2021, 1, 1), lambda s, c=row["channel"]: c in s[5])
        assert {k: row[k] for k in expected} == expected
    assert [row["channel"] for row in body] == ["counter", "kiosk", "mobile", "web"]
    assert sum(row["current"] for row in body) > figures(D(2022, 1, 1), D(2021, 1, 1))["current"]


def test_channel_filter_with_channel_groups_keeps_only_those_channels(services, get):
    body = get("service-counts", period="2022-01", group_by="channel", channel="web,kiosk").body

    assert [row["channel"] for row in body] == ["kiosk", "web"]


@pytest.mark.parametrize(
    "params, where",
    [
        ({"agency": "gam"}, lambda spec: spec[1] == "gam"),
        ({"sector": "tax,labour"}, lambda spec: spec[2] in ("tax", "labour")),
        ({"channel": "web,mobile"}, lambda spec: {"web", "mobile"} & set(spec[5])),
        ({"service": "a-old,b-mid"}, lambda spec: spec[0] in ("a-old", "b-mid")),
    ],
)
def test_filters_select_services(services, get, params, where):
    body = get("service-counts", period="2022-01", **params).body

    assert body == figures(D(2022, 1, 1), D(2021, 1, 1), where)


def test_zero_base_gives_a_null_change_pct(services, get):
    body = get("service-counts", period="2018-06").body

    assert body["previous"] == 0 and body["current"] == 1  # b-gone
    assert body["change_pct"] is None


@pytest.mark.parametrize(
    "params, field",
    [
        ({}, "period"),
        ({"period": "2022-00"}, "period"),
        ({"period": "2022-01", "compare": "qoq"}, "compare"),
        ({"period": "2022-01", "group_by": "service"}, "group_by"),
        ({"period": "2022-01", "period_from": "2021-01"}, "period_from"),
        ({"period": "2022-01", "period_to": "2021-01"}, "period_to"),
        ({"period": "2022-01", "year": "2022"}, "year"),
        ({"period": "2022-01", "electronic": "true"}, "electronic"),
        ({"period": "2022-01", "sector": "space"}, "sector"),
    ],
)
def test_bad_parameters_answer_400(db, get, params, field):
    response = get("service-counts", **params)

    assert response.status_code == 400
    assert field in [error["field"] for error in response.body["errors"]]
