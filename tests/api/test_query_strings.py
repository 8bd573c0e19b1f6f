"""Query strings: a parameter given twice, or empty where the schema has no empty value, is
refused rather than read as its last value or as "not sent"."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/transactions/?agency=ssc&agency=gam", "agency"),
        ("/api/v1/transactions/?period_from=2021-01&period_from=2022-01", "period_from"),
        ("/api/v1/services/?sector=labour&sector=land", "sector"),
        ("/api/v1/agencies/?ordering=code&ordering=-code", "ordering"),
        ("/api/v1/channels/?electronic=true&electronic=false", "electronic"),
        ("/api/v1/agencies/?page=1&page=2", "page"),
        ("/api/v1/agencies/?page_size=1&page_size=2", "page_size"),
        ("/api/v1/stats/totals/?year=2022&year=2021", "year"),
        ("/api/v1/stats/rankings/?by=agency&limit=false&limit=", "limit"),
        ("/api/v1/stats/summary/?period=2022-01&period=2021-01", "period"),
        ("/api/v1/stats/growth/?period=2022-01&compare=yoy&compare=mom", "compare"),
    ],
)
def test_a_repeated_parameter_answers_400_naming_it(api_client, small_catalogue, url, parameter):
    response = api_client.get(url)

    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    errors = [error for error in response.json()["errors"] if error["code"] == "repeated"]
    assert [error["field"] for error in errors] == [parameter]


def test_the_same_parameter_once_is_accepted(api_client, small_catalogue):
    assert api_client.get("/api/v1/transactions/?agency=ssc,gam").status_code == 200
    assert api_client.get("/api/v1/stats/rankings/?by=agency&limit=5").status_code == 200


def test_group_by_may_repeat_as_documented(api_client, small_catalogue):
    repeated = api_client.get("/api/v1/stats/totals/?group_by=agency&group_by=channel")
    listed = api_client.get("/api/v1/stats/totals/?group_by=agency,channel")

    assert repeated.status_code == 200
    assert repeated.json() == listed.json()


def test_the_refusal_is_in_arabic_when_asked(api_client, small_catalogue):
    response = api_client.get("/api/v1/agencies/?page=1&page=2", HTTP_ACCEPT_LANGUAGE="ar")

    assert response.status_code == 400
    message = response.json()["errors"][0]["message"]
    assert any("\u0600" <= char <= "\u06ff" for char in message)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/transactions/?year=",
        "/api/v1/stats/totals/?service=&year=&electronic=true",
        "/api/v1/stats/timeseries/?year=",
    ],
)
def test_an_empty_year_answers_400(api_client, small_catalogue, url):
    response = api_client.get(url)

    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["year"]
