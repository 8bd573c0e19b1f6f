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


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/stats/service-counts/?channel=%0D&period=2022-01", "channel"),
        ("/api/v1/transactions/?agency=ssc,%20gam", "agency"),
        ("/api/v1/transactions/?agency=ssc,,gam", "agency"),
        ("/api/v1/transactions/?agency=ssc,", "agency"),
        ("/api/v1/transactions/?period_from=%202022-01", "period_from"),
        ("/api/v1/transactions/?period_from=2022-01%0A", "period_from"),
        ("/api/v1/channels/?electronic=true%20", "electronic"),
        ("/api/v1/stats/rankings/?by=agency&limit=5.0", "limit"),
        ("/api/v1/stats/rankings/?by=agency&limit=%205", "limit"),
        ("/api/v1/stats/totals/?group_by=month,,agency", "group_by"),
        ("/api/v1/stats/totals/?group_by=%20month", "group_by"),
        ("/api/v1/stats/summary/?period=2022-01%0A", "period"),
        ("/api/v1/transactions/?year=%202022", "year"),
        ("/api/v1/transactions/?year=2022.0", "year"),
        ("/api/v1/stats/totals/?year=2022.0", "year"),
        ("/api/v1/transactions/?agency=ssc%0A", "agency"),
    ],
)
def test_a_value_outside_the_documented_pattern_answers_400(
    api_client, small_catalogue, url, parameter
):
    # Whitespace, control characters and empty list items are not trimmed or skipped: the
    # schema's patterns allow none of them, so a value carrying one is refused, not guessed at.
    response = api_client.get(url)

    assert response.status_code == 400, response.content
    assert parameter in [error["field"] for error in response.json()["errors"]]


@pytest.mark.parametrize("page", ["%201", "+1", "1.0", "abc", "9" * 4400])
def test_a_page_that_is_not_written_in_digits_is_not_found(api_client, small_catalogue, page):
    response = api_client.get(f"/api/v1/agencies/?page={page}")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_a_page_size_of_thousands_of_digits_is_served_at_the_maximum(api_client, small_catalogue):
    response = api_client.get("/api/v1/agencies/?page_size=" + "9" * 4400)

    assert response.status_code == 200
    assert response.json()["count"] == 2


def test_a_count_id_of_thousands_of_digits_is_not_found(api_client, small_catalogue):
    for url in ("/api/v1/transactions/{}/", "/api/v1/transactions/{}/history/"):
        response = api_client.get(url.format("9" * 4400))
        assert response.status_code == 404
        assert len(response.content) < 500
