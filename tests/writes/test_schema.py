"""The OpenAPI document describes the key scheme, every write endpoint, both bulk body types
and every error a write can answer, with examples."""

import pytest
import yaml
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

WRITES = [
    ("/api/v1/transactions/", "post"),
    ("/api/v1/transactions/bulk/", "post"),
    ("/api/v1/transactions/{id}/", "patch"),
    ("/api/v1/transactions/{id}/", "delete"),
    ("/api/v1/agencies/", "post"),
    ("/api/v1/agencies/{code}/", "patch"),
    ("/api/v1/agencies/{code}/", "delete"),
    ("/api/v1/channels/", "post"),
    ("/api/v1/channels/{code}/", "patch"),
    ("/api/v1/channels/{code}/", "delete"),
    ("/api/v1/services/", "post"),
    ("/api/v1/services/{code}/", "patch"),
    ("/api/v1/services/{code}/", "delete"),
]


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        response = APIClient().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_api_key_security_scheme(schema):
    scheme = schema["components"]["securitySchemes"]["ApiKeyAuth"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "Authorization")
    assert "Api-Key " in scheme["description"]


@pytest.mark.parametrize(("path", "method"), WRITES)
def test_every_write_needs_a_key_and_documents_its_errors(schema, path, method):
    operation = schema["paths"][path][method]
    assert {"ApiKeyAuth": []} in operation["security"]
    assert {} not in operation["security"]
    expected = {"401", "403"} | ({"400", "413"} if method != "delete" else set())
    assert expected <= set(operation["responses"])
    for status in expected:
        content = operation["responses"][status]["content"]["application/problem+json"]
        assert content["examples"], (path, method, status)


def test_reads_may_be_made_without_a_key(schema):
    assert {} in schema["paths"]["/api/v1/transactions/"]["get"]["security"]


def test_bulk_body_is_json_or_csv_with_examples(schema):
    operation = schema["paths"]["/api/v1/transactions/bulk/"]["post"]
    content = operation["requestBody"]["content"]
    assert content["application/json"]["schema"]["type"] == "array"
    [json_example] = content["application/json"]["examples"].values()
    assert isinstance(json_example["value"], list)
    assert set(json_example["value"][0]) == {"service", "channel", "period", "count"}
    assert content["text/csv"]["schema"]["type"] == "string"
    [csv_example] = content["text/csv"]["examples"].values()
    assert csv_example["value"].startswith("service,channel,period,count\n")


def test_bulk_errors_show_their_row_lists(schema):
    responses = schema["paths"]["/api/v1/transactions/bulk/"]["post"]["responses"]
    for status in ("400", "403"):
        [example] = responses[status]["content"]["application/problem+json"]["examples"].values()
        assert all("row" in error for error in example["value"]["errors"])
    report = responses["200"]["content"]["application/json"]["schema"]["$ref"]
    properties = schema["components"]["schemas"][report.rsplit("/", 1)[1]]["properties"]
    assert {"created", "updated", "unchanged"} <= set(properties)


def test_history_endpoint_is_documented(schema):
    operation = schema["paths"]["/api/v1/transactions/{id}/history/"]["get"]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"]["type"] == (
        "array"
    )


def test_catalogue_delete_documents_409(schema):
    for entity in ("agencies", "channels", "services"):
        assert "409" in schema["paths"][f"/api/v1/{entity}/{{code}}/"]["delete"]["responses"]
