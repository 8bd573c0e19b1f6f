"""OpenAPI post-processing shared by every endpoint."""

from egov_api.formats import MONTH_PATTERN

from .filters import CODE_LIST_PATTERN

# Query parameters whose value is a month, or a list of catalogue codes, wherever they appear.
MONTH_PARAMETERS = {"period", "period_from", "period_to", "electronic_on"}
CODE_LIST_PARAMETERS = {"agency", "service", "channel", "parent"}


def copy_parameter_descriptions(result, generator, request, public):
    """Give every parameter its own `description`.

    drf-spectacular puts a model field's help_text of a path parameter into the parameter's
    `schema.description`; clients and Swagger UI read the parameter's own `description`.
    """
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if not parameter.get("description") and schema.get("description"):
                    parameter["description"] = schema["description"]
    return result


def _optional(pattern):
    """Return `pattern` that also admits the empty string (an empty filter is no filter)."""
    return f"^({pattern[1:-1]})?$"


def constrain_query_parameters(result, generator, request, public):
    """Give month, code-list and year query parameters the exact form the API accepts.

    The filters validate these values themselves; stating the form in the schema lets clients
    and fuzzers tell a well-formed value from a malformed one without a round trip.
    """
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("in") != "query":
                    continue
                name, schema = parameter["name"], parameter.setdefault("schema", {})
                if name in MONTH_PARAMETERS and schema.get("type") == "string":
                    required = parameter.get("required", False)
                    schema["pattern"] = MONTH_PATTERN if required else _optional(MONTH_PATTERN)
                elif name in CODE_LIST_PARAMETERS and schema.get("type") == "string":
                    schema["pattern"] = _optional(CODE_LIST_PATTERN)
                elif name == "year":
                    schema.clear()
                    schema.update({"type": "integer", "minimum": 1900, "maximum": 9999})
    return result
