"""Schema generation: every operation documents the error answers it can give."""

from drf_spectacular.openapi import AutoSchema as BaseAutoSchema
from drf_spectacular.plumbing import build_array_type, force_instance
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema_serializer
from rest_framework import serializers

from .problems import PROBLEM_CONTENT_TYPE, problem


class ProblemErrorSerializer(serializers.Serializer):
    field = serializers.CharField(
        allow_null=True, help_text="The parameter, field or column at fault; null for the whole."
    )
    message = serializers.CharField(help_text="Why the value was refused.")
    code = serializers.CharField(help_text="Machine-readable reason, e.g. `invalid`, `required`.")
    row = serializers.IntegerField(
        required=False, help_text="Bulk submissions only: the row number, from 1."
    )


class ProblemSerializer(serializers.Serializer):
    """An error, as RFC 9457 problem details."""

    type = serializers.CharField(help_text="URI identifying the kind of problem.")
    title = serializers.CharField(help_text="Short summary of the kind of problem.")
    status = serializers.IntegerField(help_text="The HTTP status code.")
    detail = serializers.CharField(help_text="Explanation of this occurrence of the problem.")
    code = serializers.CharField(help_text="Machine-readable error code.")
    errors = ProblemErrorSerializer(
        many=True, required=False, help_text="Validation errors, one per bad field or row."
    )


@extend_schema_serializer(many=False)
class ArrayAsWritten(serializers.ListSerializer):
    """A bare JSON array (a body or an answer) whose examples are whole arrays.

    drf-spectacular wraps every example of a list-shaped operation in one more array; marked as
    not a list, the schema is still an array of the child while examples are shown as written.
    """


def array_of(serializer_class):
    """The schema of a JSON array of `serializer_class` items, for `extend_schema`."""
    return ArrayAsWritten(child=serializer_class())


def _example(status_code, code, detail, errors=None):
    return OpenApiExample(
        code,
        value=problem(status_code, detail=detail, code=code, errors=errors),
        response_only=True,
        status_codes=[str(status_code)],
    )


ERROR_RESPONSES = {
    400: (
        "Invalid parameter or body: `errors` names each bad field and the reason.",
        _example(
            400,
            "invalid",
            "Invalid value for: period_from.",
            [{"field": "period_from", "message": "Enter a month as YYYY-MM.", "code": "invalid"}],
        ),
    ),
    401: (
        "No valid API key: missing, unknown, revoked or expired. Reads need a key only where "
        "the deployment closes them (`EGOV_PUBLIC_READ=false`); a bad key is refused anyway.",
        _example(401, "not_authenticated", "Authentication credentials were not provided."),
    ),
    403: (
        "The API key may not do this.",
        _example(403, "permission_denied", "You do not have permission to perform this action."),
    ),
    404: ("No such object.", _example(404, "not_found", "No Service matches the given query.")),
    406: (
        "The `Accept` header asks for a format the API does not produce.",
        _example(406, "not_acceptable", "Could not satisfy the request Accept header."),
    ),
    413: (
        "The body is larger than the configured limit.",
        _example(413, "request_too_large", "The request body exceeds the size limit."),
    ),
    414: (
        "The address (path and query string) is longer than the configured limit.",
        _example(414, "uri_too_long", "The address is 9210 bytes long; the limit is 8000."),
    ),
    415: (
        "The body's `Content-Type` is not accepted here.",
        _example(415, "unsupported_media_type", 'Unsupported media type "text/plain" in request.'),
    ),
    429: (
        "Too many requests; retry after the number of seconds in `Retry-After`.",
        _example(429, "throttled", "Request was throttled. Expected available in 12 seconds."),
    ),
    503: (
        "The database is unavailable or the query ran too long; retry after `Retry-After`.",
        _example(503, "service_unavailable", "The service is temporarily unavailable."),
    ),
}


class AutoSchema(BaseAutoSchema):
    """Adds the problem responses an operation can answer to every operation."""

    def get_auth(self):
        """Security requirements; reads that may be open also list the empty requirement."""
        auths = super().get_auth()
        permissions = self.view.get_permissions()
        public = any(getattr(permission, "public_read", False) for permission in permissions)
        if public and self.method in ("GET", "HEAD", "OPTIONS") and {} not in auths:
            auths.append({})
        return auths

    def _error_statuses(self):
        # 401 everywhere: a bad key is refused on reads too, and reads may be closed to the public.
        # 414 everywhere: any address can be made longer than the limit.
        statuses = {400, 401, 406, 414, 429, 503}
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            statuses |= {401, 403}
        if self.method in ("POST", "PUT", "PATCH"):
            statuses |= {413, 415}
        # Detail pages: no such code or id; paginated lists: a page past the last.
        paginated = self._is_list_view() and getattr(self.view, "pagination_class", None)
        if "{" in self.path or paginated:
            statuses.add(404)
        return sorted(statuses)

    def _get_response_for_code(
        self, serializer, status_code, media_types=None, direction="response"
    ):
        response = super()._get_response_for_code(serializer, status_code, media_types, direction)
        # Marked as not a list so its examples stay whole arrays, an `array_of` answer is
        # described by drf-spectacular as its child alone: make it the array it is.
        if isinstance(force_instance(serializer), ArrayAsWritten):
            for media_type in response.get("content", {}).values():
                media_type["schema"] = build_array_type(media_type["schema"])
        return response

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for status_code in self._error_statuses():
            if str(status_code) in responses:
                continue
            description, example = ERROR_RESPONSES[status_code]
            responses[str(status_code)] = self._get_response_for_code(
                OpenApiResponse(ProblemSerializer, description=description, examples=[example]),
                str(status_code),
                [PROBLEM_CONTENT_TYPE],
                direction,
            )
        return responses
