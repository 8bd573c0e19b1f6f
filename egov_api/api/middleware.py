"""Request-level middleware: request ids, access log lines, over-long addresses as 414, and
database outages as 503."""

import logging
import re
import time
import uuid

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext as _

from .logs import request_id_var
from .problems import django_problem

access_logger = logging.getLogger("egov.access")
logger = logging.getLogger("egov")

# An id from the client is echoed only when it is short and plain, so it cannot forge log lines.
REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
# Paths longer than this are cut in the access log: an over-long address is refused, not kept.
LOGGED_PATH_LENGTH = 512


class RequestIdMiddleware:
    """Accepts `X-Request-ID` or makes one, logs the request, and echoes the id back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if REQUEST_ID_RE.fullmatch(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        request.request_id = request_id
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            path = request.path[:LOGGED_PATH_LENGTH]
            access_logger.info(
                "%s %s %s",
                request.method,
                path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                },
            )
            return response
        finally:
            request_id_var.reset(token)


def sent_address(request) -> str:
    """The path and query string as the client sent them (still percent-encoded)."""
    # gunicorn passes the request line's target as RAW_URI; elsewhere, rebuild it.
    return request.META.get("RAW_URI") or request.get_full_path()


class UrlLengthLimitMiddleware:
    """Answers an over-long address with 414 before anything parses its query string.

    Without it the limit would be gunicorn's, whose answer is an HTML page; gunicorn is set to
    read longer request lines than this (gunicorn.conf.py) so the refusal is ours.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = len(sent_address(request))
        limit = settings.EGOV_MAX_URL_BYTES
        if length > limit:
            return django_problem(
                414,
                "uri_too_long",
                _("The address is %(length)d bytes long; the limit is %(limit)d.")
                % {"length": length, "limit": limit},
            )
        return self.get_response(request)


def database_unavailable_response():
    """Return the 503 problem answered while the database is down or a query timed out."""
    return django_problem(
        503,
        "service_unavailable",
        _("The database is unavailable or the query took too long. Retry later."),
        headers={"Retry-After": str(settings.EGOV_RETRY_AFTER_SECONDS)},
    )


def is_database_outage(exc):
    """True for errors that mean "the database cannot answer now", not a bug in a query.

    A cancelled statement (statement_timeout) is psycopg's QueryCanceled, which Django raises
    as OperationalError like a lost connection: one check covers both.
    """
    return isinstance(exc, (OperationalError, InterfaceError))


class DatabaseUnavailableMiddleware:
    """Turns a lost or refused database connection (or a statement timeout) into a 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_outage(exception):
            logger.warning("database unavailable: %s", type(exception).__name__)
            return database_unavailable_response()
        return None
