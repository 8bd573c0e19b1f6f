"""The statistics in the OpenAPI document: parameters, enums, typed responses, examples."""

import pytest
from drf_spectacular.generators import SchemaGenerator

SHARED_FILTERS = {
    "agency",
    "service",
    "channel",
    "sector",
    "electronic",
    "period_from",
    "period_to",
    "year",
}
ENDPOINTS = ["totals", "growth", "timeseries", "rankings", "service-counts", "summary"]


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def operation(schema, endpoint):
    return schema["paths"][f"/api/v1/stats/{endpoint}/"]["get"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_shared_filter_is_documented_with_a_description(schema, endpoint):
    parameters = {p["name"]: p for p in operation(schema, endpoint)["parameters"]}

    assert set(parameters) >= SHARED_FILTERS
    for parameter in parameters.values():
        assert parameter.get("description"), parameter["name"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_responses_are_typed_and_illustrated(schema, endpoint):
    content = operation(schema, endpoint)["responses"]["200"]["content"]["application/json"]

    body = content["schema"]
    reference = body.get("items", body).get("$ref")
    assert reference, body
    component = schema["components"]["schemas"][reference.rsplit("/", 1)[1]]
    assert component.get("properties") or component.get("oneOf")
    assert content.get("examples")


@pytest.mark.parametrize(
    "endpoint, parameter, values",
    [
        (
            "totals",
            "group_by",
            ["agency", "channel", "month", "quarter", "sector", "service", "year"],
        ),
        ("growth", "compare", ["mom", "yoy"]),
        ("growth", "basis", ["month", "ytd"]),
        ("growth", "metric", ["electronic", "total", "traditional"]),
        ("timeseries", "interval", ["month", "quarter", "year"]),
        ("rankings", "by", ["agency", "channel", "sector", "service"]),
        (
            "rankings",
            "metric",
            ["electronic", "electronic_share", "growth", "total", "traditional"],
        ),
        ("service-counts", "group_by", ["agency", "channel", "sector"]),
    ],
)
def test_choices_are_enums(schema, endpoint, parameter, values):
    parameters = {p["name"]: p for p in operation(schema, endpoint)["parameters"]}

    parameter_schema = parameters[parameter]["schema"]
    assert sorted(parameter_schema.get("items", parameter_schema)["enum"]) == values


@pytest.mark.parametrize("endpoint", ["growth", "service-counts", "summary"])
def test_period_is_required_where_the_endpoint_is_about_one_month(schema, endpoint):
    parameters = {p["name"]: p for p in operation(schema, endpoint)["parameters"]}

    assert parameters["period"]["required"] is True
    assert "Not accepted here" in parameters["period_from"]["description"]
