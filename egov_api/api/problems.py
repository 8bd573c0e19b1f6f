"""Errors as RFC 9457 problem details (`application/problem+json`).

Every error the API answers has the same shape: `type`, `title`, `status`, `detail`, a
machine-readable `code`, and for invalid input an `errors` list naming each bad field (and
the row, for bulk submissions).
"""

from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from egov_api import errors as domain

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://egov-stats.gov.jo/problems/"

TITLES = {
    400: _("Invalid request"),
    401: _("Authentication required"),
    403: _("Permission denied"),
    404: _("Not found"),
    405: _("Method not allowed"),
    406: _("Not acceptable"),
    409: _("Conflict"),
    413: _("Request body too large"),
    414: _("URI too long"),
    415: _("Unsupported media type"),
    429: _("Too many requests"),
    500: _("Internal server error"),
    503: _("Service unavailable"),
}


def safe_text(value) -> str:
    """Return `value` as text that can be encoded: a lone surrogate echoed from the input is
    escaped (it cannot be written as UTF-8)."""
    return str(value).encode("utf-8", "backslashreplace").decode("utf-8")


def flatten_errors(detail, field=None):
    """Return `[{"field", "message", "code"}]` for a DRF error detail of any nesting.

    Nested fields are joined with dots (`channels.0`); errors not tied to one field
    (`non_field_errors`) have `field` null.
    """
    if isinstance(detail, dict):
        errors = []
        for key, value in detail.items():
            name = None if key in ("non_field_errors", "__all__") else str(key)
            errors += flatten_errors(value, f"{field}.{name}" if field and name else field or name)
        return errors
    if isinstance(detail, list):
        errors = []
        for item in detail:
            errors += flatten_errors(item, field)
        return errors
    code = getattr(detail, "code", None) or "invalid"
    return [{"field": field, "message": safe_text(detail), "code": code}]


def problem(status_code, *, detail, code, errors=None, extra=None):
    """Return the problem+json body for an error."""
    body = {
        "type": f"{PROBLEM_TYPE_BASE}{code}",
        "title": str(TITLES.get(status_code, HTTPStatus(status_code).phrase)),
        "status": status_code,
        "detail": safe_text(detail),
        "code": code,
    }
    if errors is not None:
        body["errors"] = errors
    if extra:
        body.update(extra)
    return body


def problem_response(status_code, *, detail, code, errors=None, headers=None, extra=None):
    """Return a DRF Response carrying a problem document."""
    return Response(
        problem(status_code, detail=detail, code=code, errors=errors, extra=extra),
        status=status_code,
        headers=headers,
        content_type=PROBLEM_CONTENT_TYPE,
    )


class ProblemError(exceptions.APIException):
    """An error that already knows its problem document: status, code, detail and `errors`.

    `errors` is a list of `{"field", "message", "code"}` dicts (plus `"row"` for bulk rows).
    """

    def __init__(self, status_code, *, detail, code, errors=None):
        super().__init__(detail=detail, code=code)
        self.status_code = status_code
        self.code = code
        self.errors = errors


# The HTTP status of each kind of domain error; the first match in this order wins.
DOMAIN_STATUSES = (
    (domain.InvalidInput, 400),
    (domain.NotPermitted, 403),
    (domain.NotFound, 404),
    (domain.Conflict, 409),
)


def domain_problem(exc: domain.DomainError) -> dict:
    """Return the problem document of a domain error (its status decided here, at the edge)."""
    status_code = next(code for kind, code in DOMAIN_STATUSES if isinstance(exc, kind))
    errors = None if exc.errors is None else [error.as_dict() for error in exc.errors]
    return problem(status_code, detail=exc.detail, code=exc.code, errors=errors)


def exception_handler(exc, context):
    """DRF's handler, with every answer reshaped as a problem document; domain errors are
    answered with the status of their kind."""
    if isinstance(exc, domain.DomainError):
        set_rollback()
        body = domain_problem(exc)
        return Response(body, status=body["status"], content_type=PROBLEM_CONTENT_TYPE)
    if isinstance(exc, RequestDataTooBig):
        # Django raises this while the body is read; left alone it becomes a plain-text 400.
        set_rollback()
        return problem_response(
            status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            detail=_("The request body exceeds the size limit of %(limit)d bytes.")
            % {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE},
            code="request_too_large",
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, ProblemError):
        body = problem(exc.status_code, detail=exc.detail, code=exc.code, errors=exc.errors)
    elif isinstance(exc, exceptions.ValidationError):
        errors = flatten_errors(exc.detail)
        fields = sorted({e["field"] for e in errors if e["field"]})
        detail = (
            _("Invalid value for: %(fields)s.") % {"fields": ", ".join(fields)}
            if fields
            else errors[0]["message"]
            if errors
            else _("Invalid input.")
        )
        body = problem(status.HTTP_400_BAD_REQUEST, detail=detail, code="invalid", errors=errors)
    elif isinstance(exc, Http404):
        # Django's own message names the model in English only.
        body = problem(404, detail=_("Nothing has this code or id."), code="not_found")
    else:
        detail = getattr(exc, "detail", response.data.get("detail", ""))
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        body = problem(response.status_code, detail=detail, code=code)
    response.data = body
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def django_problem(status_code, code, detail, headers=None):
    """A problem document as a plain Django response, for answers given outside DRF views
    (URL resolution, middleware)."""
    return JsonResponse(
        problem(status_code, detail=detail, code=code),
        status=status_code,
        headers=headers,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )


def not_found(request, exception=None):
    """Django's 404 for URLs outside any endpoint, as a problem document."""
    return django_problem(404, "not_found", _("No endpoint at this address."))


def server_error(request):
    """Django's 500, as a problem document that reveals nothing of the failure."""
    return django_problem(500, "server_error", _("The server failed to answer the request."))


def bad_request(request, exception=None):
    return django_problem(400, "bad_request", _("The request could not be understood."))


def permission_denied(request, exception=None):
    return django_problem(403, "permission_denied", _("You may not do this."))
