"""OpenAPI post-processing shared by every endpoint."""


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
