"""The OpenAPI document and the documentation pages are part of the product."""

import re

import pytest
import yaml
from django.core.management import call_command
from jsonschema.exceptions import ValidationError
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(api_client):
    response = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield path, method, operation


def test_schema_generates_without_warnings(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml")
    )


def test_served_schema_is_valid_openapi_3(schema):
    validate(schema)
    assert schema["openapi"].startswith("3.")


def test_every_parameter_has_its_own_description(schema):
    missing = [
        (path, method, parameter["name"])
        for path, method, operation in operations(schema)
        for parameter in operation.get("parameters", [])
        if not parameter.get("description")
    ]
    assert missing == []


def test_every_schema_property_has_a_description(schema):
    missing = [
        (name, prop)
        for name, component in schema["components"]["schemas"].items()
        for prop, spec in component.get("properties", {}).items()
        if not spec.get("description")
        and "$ref" not in spec
        and "allOf" not in spec
        and not name.startswith("Paginated")
    ]
    assert missing == []


def test_list_endpoints_have_an_example_response(schema):
    for path in [
        "/api/v1/agencies/",
        "/api/v1/channels/",
        "/api/v1/services/",
        "/api/v1/transactions/",
    ]:
        content = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        assert content.get("examples"), path


def test_errors_are_documented_as_problem_details(schema):
    response = schema["paths"]["/api/v1/transactions/"]["get"]["responses"]["400"]
    assert "application/problem+json" in response["content"]


def test_404_is_documented_only_where_it_can_happen(schema):
    def statuses(path):
        return set(schema["paths"][path]["get"]["responses"])

    # A page past the last, or no such code or id.
    assert "404" in statuses("/api/v1/transactions/")
    assert "404" in statuses("/api/v1/services/{code}/")
    # Statistics are not paginated and address nothing by code.
    for name in ("totals", "growth", "timeseries", "rankings", "service-counts", "summary"):
        assert "404" not in statuses(f"/api/v1/stats/{name}/"), name


def asset_urls(html):
    return re.findall(r'(?:src|href)="([^"]+\.(?:js|css|png))"', html)


@pytest.mark.parametrize("page", ["/api/docs/", "/api/redoc/"])
def test_doc_pages_load_only_assets_served_by_the_project(api_client, page):
    response = api_client.get(page)
    html = response.content.decode()

    assert response.status_code == 200
    urls = asset_urls(html)
    assert urls, "the page loads no script"
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html), "the page loads from the network"
    for url in urls:
        assert api_client.get(url).status_code == 200, url


def test_health_endpoints(api_client):
    assert api_client.get("/healthz").json() == {"status": "ok"}
    ready = api_client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "database": "ok", "cache": "local"}


def test_every_example_matches_the_schema_it_illustrates(schema):
    # An example that does not fit its own schema misleads whoever copies it from Swagger UI.
    checked, wrong = 0, []
    for path, method, operation in operations(schema):
        bodies = [("request", operation.get("requestBody", {}))]
        bodies += [(status, response) for status, response in operation["responses"].items()]
        for where, body in bodies:
            for media_type, content in body.get("content", {}).items():
                for name, example in content.get("examples", {}).items():
                    if media_type == "text/csv":
                        continue
                    document = {**content["schema"], "components": schema["components"]}
                    try:
                        OAS30Validator(document).validate(example["value"])
                    except ValidationError as error:
                        wrong.append((method, path, where, name, error.message[:200]))
                    checked += 1
    assert wrong == []
    assert checked > 50
