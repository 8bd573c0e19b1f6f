"""Every error, of every kind, is RFC 9457 problem details; in Arabic when asked."""

import json

import pytest
from django.db import OperationalError, connection

from tests.writes.conftest import client_for, make_key

pytestmark = pytest.mark.django_db

PROBLEM_FIELDS = {"type", "title", "status", "detail", "code"}


def assert_problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert set(body) >= PROBLEM_FIELDS
    assert body["status"] == status
    assert body["title"] and body["detail"]
    text = response.content.decode()
    assert "Traceback" not in text and "SELECT" not in text and "settings" not in text
    return body


@pytest.fixture
def ssc_client(small_catalogue):
    return client_for(make_key(agency=small_catalogue["agencies"]["ssc"])[1])


def test_400_names_the_parameter(api_client, small_catalogue):
    body = assert_problem(api_client.get("/api/v1/transactions/?period_from=2022-13"), 400)
    assert body["errors"][0]["field"] == "period_from"


def test_401_without_a_key(api_client, small_catalogue):
    response = api_client.post("/api/v1/transactions/", {}, format="json")
    assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Api-Key")


def test_403_for_an_agency_key_writing_the_catalogue(ssc_client):
    response = ssc_client.post("/api/v1/channels/", {"code": "fax"}, format="json")
    assert_problem(response, 403)


def test_404_for_an_unknown_code_and_an_unknown_address(api_client, db):
    assert_problem(api_client.get("/api/v1/services/no-such-service/"), 404)
    assert_problem(api_client.get("/api/v1/no-such-endpoint/"), 404)


def test_405_for_a_method_the_endpoint_lacks(small_catalogue):
    ministry = client_for(make_key()[1])
    assert_problem(ministry.put("/api/v1/agencies/ssc/", {}, format="json"), 405)


def test_406_for_a_format_the_api_does_not_produce(api_client, db):
    assert_problem(api_client.get("/api/v1/agencies/", HTTP_ACCEPT="application/xml"), 406)


def test_413_for_a_body_over_the_limit(ssc_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = "service,channel,period,count\n" + "ssc-pension,web,2022-01,1\n" * 100
    response = ssc_client.generic(
        "POST", "/api/v1/transactions/bulk/", body.encode(), content_type="text/csv"
    )
    assert_problem(response, 413)


def test_414_for_an_address_over_the_limit(api_client, small_catalogue, settings):
    settings.EGOV_MAX_URL_BYTES = 200
    agencies = ",".join(["ssc"] * 60)
    assert api_client.get("/api/v1/transactions/?agency=ssc").status_code == 200

    body = assert_problem(api_client.get(f"/api/v1/transactions/?agency={agencies}"), 414)

    assert body["code"] == "uri_too_long"
    assert "200" in body["detail"]


def test_415_for_a_body_type_the_endpoint_does_not_read(ssc_client):
    response = ssc_client.generic(
        "POST", "/api/v1/transactions/", b"count=5", content_type="text/plain"
    )
    assert_problem(response, 415)


def test_429_with_retry_after(api_client, db, settings):
    settings.EGOV_THROTTLE_RATES = {"key": None, "anon": "2/min"}
    for _ in range(2):
        assert api_client.get("/api/v1/channels/").status_code == 200
    response = api_client.get("/api/v1/channels/")
    assert_problem(response, 429)
    assert int(response["Retry-After"]) > 0


def test_500_reveals_nothing_of_the_failure(api_client, small_catalogue, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("secret internals: SELECT password FROM settings")

    monkeypatch.setattr("transactions.stats.views.totals_list", broken)
    api_client.raise_request_exception = False
    response = api_client.get("/api/v1/stats/totals/")
    body = assert_problem(response, 500)
    assert "secret" not in json.dumps(body)


def test_503_when_the_database_refuses(api_client, small_catalogue, monkeypatch):
    def unavailable(**kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("transactions.stats.views.totals_list", unavailable)
    response = api_client.get("/api/v1/stats/totals/")
    assert_problem(response, 503)
    assert int(response["Retry-After"]) > 0


@pytest.mark.parametrize(
    ("url", "status", "title"),
    [
        ("/api/v1/transactions/?period_from=2022-13", 400, "طلب غير صالح"),
        ("/api/v1/agencies/nope/", 404, "غير موجود"),
        ("/api/v1/agencies/?search=" + "x" * 9000, 414, "العنوان طويل جداً"),
    ],
)
def test_arabic_titles_and_details(api_client, small_catalogue, url, status, title):
    body = assert_problem(api_client.get(url, HTTP_ACCEPT_LANGUAGE="ar"), status)
    assert body["title"] == title
    assert any("\u0600" <= char <= "\u06ff" for char in body["detail"])


def test_arabic_400_messages_name_the_field_in_arabic(api_client, small_catalogue):
    body = assert_problem(
        api_client.get("/api/v1/transactions/?period_from=2022-13", HTTP_ACCEPT_LANGUAGE="ar"), 400
    )
    assert body["errors"][0]["field"] == "period_from"
    assert body["errors"][0]["message"].startswith("أدخل شهراً")


def test_arabic_403(ssc_client):
    response = ssc_client.post(
        "/api/v1/channels/", {"code": "fax"}, format="json", HTTP_ACCEPT_LANGUAGE="ar"
    )
    body = assert_problem(response, 403)
    assert body["title"] == "تم رفض الإذن"
    assert any("\u0600" <= char <= "\u06ff" for char in body["detail"])


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="statement_timeout is a PostgreSQL setting"
)
def test_a_query_past_the_statement_timeout_answers_503(api_client, small_catalogue, monkeypatch):
    def slow(**kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 50")
            cursor.execute("SELECT pg_sleep(2)")

    monkeypatch.setattr("transactions.stats.views.totals_list", slow)
    response = api_client.get("/api/v1/stats/totals/")

    assert_problem(response, 503)
    assert int(response["Retry-After"]) > 0
