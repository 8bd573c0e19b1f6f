"""Request body parsing shared by every endpoint that accepts a body."""

import json
import re

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


def read_body(parser_context) -> bytes:
    """Return the raw body of the request being parsed.

    Reading through Django's `HttpRequest.body` enforces `DATA_UPLOAD_MAX_MEMORY_SIZE`
    (RequestDataTooBig, answered 413), whatever the declared `Content-Length`.
    """
    return parser_context["request"]._request.body


# `\uD800`-`\uDFFF` escapes: halves of a surrogate pair, and an invalid string when alone.
SURROGATE_ESCAPE_RE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _has_lone_surrogate(data) -> bool:
    if isinstance(data, str):
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(data, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in data.items())
    if isinstance(data, list):
        return any(_has_lone_surrogate(item) for item in data)
    return False


def _refuse_constant(name):
    raise ValueError(f"{name} is not valid JSON")


class JSONParser(parsers.JSONParser):
    """Strict JSON in UTF-8, read within the size limit.

    Refused with 400: invalid UTF-8, NaN and Infinity, nesting too deep for the parser, and
    strings holding half a surrogate pair (no text can hold one).
    """

    def parse(self, stream, media_type=None, parser_context=None):
        body = read_body(parser_context or {})
        try:
            text = body.decode("utf-8")
            data = json.loads(text, parse_constant=_refuse_constant)
            # Only bodies that spell a surrogate escape are walked.
            unpaired = SURROGATE_ESCAPE_RE.search(text) and _has_lone_surrogate(data)
        except UnicodeDecodeError as exc:
            raise ParseError(_("The body is not valid UTF-8.")) from exc
        except RecursionError as exc:
            raise ParseError(_("The JSON body is nested too deeply.")) from exc
        except ValueError as exc:
            raise ParseError(_("JSON parse error - %(error)s") % {"error": exc}) from exc
        if unpaired:
            raise ParseError(_("The JSON body holds an unpaired surrogate (\\uD800-\\uDFFF)."))
        return data


class CSVTextParser(parsers.BaseParser):
    """`text/csv` in UTF-8 (a byte-order mark is allowed): returns the decoded text, read
    within the size limit; what the rows mean is for the endpoint to say."""

    media_type = "text/csv"

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        charset = (parser_context.get("encoding") or "utf-8").lower().replace("_", "-")
        if charset not in ("utf-8", "utf8", "us-ascii", "ascii"):
            raise ParseError(_("Send CSV encoded as UTF-8 (charset=utf-8)."))
        try:
            return read_body(parser_context).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ParseError(
                _("The CSV body is not valid UTF-8."), code="invalid_encoding"
            ) from None
