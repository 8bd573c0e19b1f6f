"""A statistic that would answer more rows than EGOV_STATS_MAX_ROWS is refused with 400."""

import datetime

import pytest

from tests.factories import ServiceFactory, TransactionCountFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_services(small_catalogue):
    web = small_catalogue["channels"]["web"]
    for number in range(5):
        service = ServiceFactory(code=f"many-{number}", agency=small_catalogue["agencies"]["ssc"])
        TransactionCountFactory(
            service=service, channel=web, period=datetime.date(2022, 1, 1), count=number
        )


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/stats/totals/?group_by=service", "group_by"),
        ("/api/v1/stats/growth/?period=2022-01&group_by=service", "group_by"),
        (
            "/api/v1/stats/timeseries/?group_by=service&period_from=2022-01&period_to=2022-01",
            "group_by",
        ),
        ("/api/v1/stats/timeseries/?period_from=2021-01&period_to=2022-12", "interval"),
    ],
)
def test_answers_over_the_row_limit_are_refused(
    api_client, five_services, settings, url, parameter
):
    settings.EGOV_STATS_MAX_ROWS = 4

    response = api_client.get(url)

    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [parameter]
    assert "more than 4 rows" in response.json()["errors"][0]["message"]


def test_answers_at_the_row_limit_are_served(api_client, five_services, settings):
    settings.EGOV_STATS_MAX_ROWS = 5

    response = api_client.get("/api/v1/stats/totals/?group_by=service")

    assert response.status_code == 200
    assert [row["service"] for row in response.json()] == [f"many-{n}" for n in range(5)]


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/stats/timeseries/?metric=", "metric"),
        ("/api/v1/stats/rankings/?by=agency&metric=", "metric"),
        ("/api/v1/stats/growth/?period=2022-01&compare=", "compare"),
        ("/api/v1/stats/rankings/?by=agency&limit=", "limit"),
    ],
)
def test_an_empty_choice_is_refused_not_read_as_the_default(api_client, db, url, parameter):
    response = api_client.get(url)

    assert response.status_code == 400
    assert parameter in [error["field"] for error in response.json()["errors"]]
