"""Request ids on every answer and log line; metrics closed to the public by default."""

import json
import logging

import pytest

pytestmark = pytest.mark.django_db


def test_request_id_is_echoed_or_generated(api_client):
    given = api_client.get("/api/v1/channels/", HTTP_X_REQUEST_ID="abc-123")
    made = api_client.get("/api/v1/channels/")

    assert given["X-Request-ID"] == "abc-123"
    assert len(made["X-Request-ID"]) == 32


def test_a_forged_request_id_is_replaced(api_client):
    response = api_client.get("/api/v1/channels/", HTTP_X_REQUEST_ID='x"\n{"level":"ERROR"}')
    assert response["X-Request-ID"] != 'x"\n{"level":"ERROR"}'


def test_log_lines_are_json_with_the_request_id(api_client, caplog):
    from django.conf import settings

    formatter_config = settings.LOGGING["formatters"]["json"]
    formatter = formatter_config["()"]
    assert formatter == "pythonjsonlogger.json.JsonFormatter"

    with caplog.at_level(logging.INFO, logger="egov.access"):
        api_client.get("/api/v1/channels/", HTTP_X_REQUEST_ID="trace-42")
    [record] = [r for r in caplog.records if r.name == "egov.access"]

    from pythonjsonlogger.json import JsonFormatter

    line = JsonFormatter(
        formatter_config["fmt"], rename_fields=formatter_config["rename_fields"]
    ).format(record)
    entry = json.loads(line)
    assert entry["request_id"] == "trace-42"
    assert entry["status"] == 200
    assert entry["path"] == "/api/v1/channels/"


def test_metrics_are_served_to_a_local_scraper(client):
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 200
    assert b"django_http_requests_total" in response.content


def test_metrics_are_hidden_from_outside_and_through_the_proxy(client):
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 404
    proxied = client.get("/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert proxied.status_code == 404


def test_metrics_accept_the_configured_token(client, settings):
    settings.EGOV_METRICS_TOKEN = "scrape-secret"
    outside = {"REMOTE_ADDR": "203.0.113.9"}
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong", **outside).status_code == 404
    ok = client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-secret", **outside)
    assert ok.status_code == 200
