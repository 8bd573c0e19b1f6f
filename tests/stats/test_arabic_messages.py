"""The statistics' query-parameter errors speak Arabic to `Accept-Language: ar`, and English
otherwise; the values and parameter names they quote stay as sent."""

import datetime
import json

import pytest

from tests.factories import TransactionCountFactory

pytestmark = pytest.mark.django_db


def has_arabic(text: str) -> bool:
    return any("\u0600" <= char <= "\u06ff" for char in text)


def problem_errors(response) -> list[dict]:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    return json.loads(response.content)["errors"]


@pytest.mark.parametrize(
    ("url", "field", "kept"),
    [
        ("/api/v1/stats/rankings/?by=agency&limit=0", "limit", "100"),
        ("/api/v1/stats/rankings/?by=agency&limit=ten", "limit", "100"),
        ("/api/v1/stats/rankings/?by=nope", "by", "nope"),
        ("/api/v1/stats/totals/?group_by=nope", "group_by", "nope"),
        ("/api/v1/stats/summary/", "period", "YYYY-MM"),
        ("/api/v1/stats/summary/?period=2022-01&period_from=2021-01", "period_from", "`period`"),
        ("/api/v1/stats/service-counts/?period=2022-01&year=2022", "year", "`period`"),
        ("/api/v1/stats/summary/?period=2022-01&electronic=true", "electronic", "غير مقبول"),
        ("/api/v1/stats/growth/?period=2022-01&basis=ytd&compare=mom", "compare", "yoy"),
        (
            "/api/v1/stats/totals/?period_from=1990-01&period_to=2022-01",
            "period_to",
            "period_from..period_to",
        ),
        ("/api/v1/stats/totals/?year=2019&period_from=2020-01", "year", "2019"),
        ("/api/v1/stats/rankings/?by=agency&metric=growth", "period_from", "metric=growth"),
    ],
)
def test_parameter_errors_are_in_arabic_when_asked(api_client, small_catalogue, url, field, kept):
    errors = problem_errors(api_client.get(url, HTTP_ACCEPT_LANGUAGE="ar"))

    assert errors[0]["field"] == field
    assert has_arabic(errors[0]["message"])
    assert kept in errors[0]["message"]


def test_an_unknown_choice_in_arabic_still_lists_the_allowed_values(api_client, small_catalogue):
    errors = problem_errors(
        api_client.get("/api/v1/stats/timeseries/?interval=week", HTTP_ACCEPT_LANGUAGE="ar")
    )

    assert errors[0]["field"] == "interval"
    assert has_arabic(errors[0]["message"])
    assert '"week"' in errors[0]["message"]
    assert "month, quarter, year" in errors[0]["message"]


def test_a_missing_growth_range_names_both_ends_in_arabic(api_client, small_catalogue):
    errors = problem_errors(
        api_client.get("/api/v1/stats/rankings/?by=agency&metric=growth", HTTP_ACCEPT_LANGUAGE="ar")
    )

    assert [error["field"] for error in errors] == ["period_from", "period_to"]
    assert all(has_arabic(error["message"]) for error in errors)
    assert "with" not in errors[0]["message"]


def test_the_row_limit_error_is_in_arabic(api_client, small_catalogue, settings):
    web = small_catalogue["channels"]["web"]
    for code in ("ssc-pension", "gam-permit"):
        TransactionCountFactory(
            service=small_catalogue["services"][code],
            channel=web,
            period=datetime.date(2022, 1, 1),
            count=5,
        )
    settings.EGOV_STATS_MAX_ROWS = 1

    errors = problem_errors(
        api_client.get("/api/v1/stats/totals/?group_by=service", HTTP_ACCEPT_LANGUAGE="ar")
    )

    assert errors[0]["field"] == "group_by"
    assert has_arabic(errors[0]["message"])
    assert "1" in errors[0]["message"]


@pytest.mark.parametrize(
    ("url", "field", "message"),
    [
        ("/api/v1/stats/rankings/?by=agency&limit=0", "limit", "Use a whole number from 1 to 100."),
        (
            "/api/v1/stats/rankings/?by=nope",
            "by",
            '"nope" is not allowed; use one of: agency, service, channel, sector.',
        ),
        (
            "/api/v1/stats/summary/?period=2022-01&period_from=2021-01",
            "period_from",
            "Not accepted here: the months compared follow from `period`.",
        ),
        (
            "/api/v1/stats/rankings/?by=agency&metric=growth",
            "period_from",
            "Required with metric=growth: give `year`, or `period_from` and `period_to`.",
        ),
    ],
)
def test_without_accept_language_the_same_errors_are_in_english(
    api_client, small_catalogue, url, field, message
):
    api_client.get(url, HTTP_ACCEPT_LANGUAGE="ar")  # an Arabic answer first changes nothing

    errors = problem_errors(api_client.get(url))

    assert errors[0]["field"] == field
    assert errors[0]["message"] == message
