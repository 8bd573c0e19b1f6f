"""Rows of a submission as sent: a JSON array of objects or CSV text, numbered from 1."""

import csv
import io
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from egov_api.errors import FieldError, InvalidInput

FIELDS = ("service", "channel", "period", "count")
CSV_HEADER = ",".join(FIELDS)


@dataclass(frozen=True, slots=True)
class RawRow:
    """One row as sent, values not yet checked; `error` set when its shape is already wrong."""

    number: int
    service: object = None
    channel: object = None
    period: object = None
    count: object = None
    error: FieldError | None = None


def body_error(message: str, code: str = "parse_error") -> InvalidInput:
    """Return the refusal of a body that cannot be read as rows at all."""
    return InvalidInput(message, code=code, errors=[FieldError(None, message, code)])


def _check_row_limit(number: int):
    limit = settings.EGOV_BULK_MAX_ROWS
    if number > limit:
        raise body_error(
            _("A submission holds at most %(limit)d rows.") % {"limit": limit}, "too_many_rows"
        )


def row_from_mapping(number: int, data) -> RawRow:
    """Return the row held by one JSON object (extra keys, such as read-only ones, ignored)."""
    if not isinstance(data, dict):
        return RawRow(
            number,
            error=FieldError(
                None,
                _("Each row must be an object with service, channel, period and count."),
                "invalid_row",
                row=number,
            ),
        )
    return RawRow(number, *(data.get(name) for name in FIELDS))


def rows_from_json(data) -> list[RawRow]:
    """Return the rows of a parsed JSON body, which must be an array."""
    if not isinstance(data, list):
        raise body_error(
            _("Send a JSON array of objects (or CSV with Content-Type: text/csv)."),
            "invalid_body",
        )
    _check_row_limit(len(data))
    return [row_from_mapping(number, item) for number, item in enumerate(data, start=1)]


def decode_csv(body: bytes) -> str:
    """Return CSV bytes decoded as UTF-8 (a byte-order mark is allowed); refuse others."""
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise body_error(_("The CSV body is not valid UTF-8."), "invalid_encoding") from None


def rows_from_csv(text: str) -> list[RawRow]:
    """Return the data rows of CSV text whose first line is the header.

    The header names the four columns (`service,channel,period,count`, in any order). Row 1 is
    the first line after it; blank lines keep their number but hold no row.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        columns = [name.strip().lower() for name in header or []]
        if sorted(columns) != sorted(FIELDS):
            raise body_error(
                _("The first line must be the header %(header)s.") % {"header": CSV_HEADER},
                "invalid_header",
            )
        order = [columns.index(name) for name in FIELDS]
        rows = []
        for number, record in enumerate(reader, start=1):
            if not record or record == [""]:
                continue
            _check_row_limit(len(rows) + 1)
            if len(record) != len(FIELDS):
                error = FieldError(
                    None,
                    _("Expected %(expected)d columns, found %(found)d.")
                    % {"expected": len(FIELDS), "found": len(record)},
                    "wrong_column_count",
                    row=number,
                )
                rows.append(RawRow(number, error=error))
                continue
            rows.append(RawRow(number, *(record[index].strip() for index in order)))
    except csv.Error as exc:
        raise body_error(
            _("The CSV body cannot be read (line %(line)d): %(error)s")
            % {"line": reader.line_num, "error": exc}
        ) from None
    if not rows:
        raise body_error(_("The CSV body holds no rows."), "empty")
    return rows
