"""Checks every row of a submission against the catalogue and the writer's rights.

All the rows are checked before anything is written, in two queries (services and channels by
code) whatever their number, and every error is reported, not only the first.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext as _

from egov_api.errors import FieldError, InvalidInput, NotPermitted
from egov_api.formats import CODE_RE, digits_only, parse_month
from services.models import Channel, Service

from ..models import MAX_COUNT
from . import sql
from .rows import RawRow

MAX_CODE_LENGTH = 80
# Matched whole (`$` would let a trailing newline through).
MONTH_RE = re.compile(r"\d{4}-\d{2}")


@dataclass(frozen=True, slots=True)
class ServiceRef:
    id: int
    agency_id: int
    electronic_since: datetime.date | None
    sector: str


@dataclass(frozen=True, slots=True)
class CleanRow:
    """A row that passed every check, with codes resolved to ids."""

    number: int
    service_id: int
    channel_id: int
    period: datetime.date
    count: int

    @property
    def key(self) -> sql.CountKey:
        return (self.service_id, self.channel_id, self.period)


@dataclass(frozen=True)
class Catalogue:
    """The services and channels a submission names, by code."""

    services: dict[str, ServiceRef]
    channels: dict[str, tuple[int, bool]]  # code -> (id, is_electronic)

    @classmethod
    def load(cls, rows: list[RawRow], *, lock: bool) -> "Catalogue":
        """Return the catalogue entries the rows name: two queries.

        With `lock`, the services' rows stay locked until the transaction ends (in id order, so
        two submissions never wait on each other crosswise): writers of the same services take
        turns, which keeps each submission whole and its history exact.
        """
        service_codes = _wellformed(row.service for row in rows)
        channel_codes = _wellformed(row.channel for row in rows)
        services = Service.objects.filter(code__in=sql.text_values(service_codes)).order_by("id")
        if lock and connection.features.has_select_for_update:
            services = services.select_for_update(no_key=True)
        channels = Channel.objects.filter(code__in=sql.text_values(channel_codes))
        return cls(
            services={
                code: ServiceRef(pk, agency_id, since, sector)
                for code, pk, agency_id, since, sector in services.values_list(
                    "code", "id", "agency_id", "electronic_since", "sector"
                )
            }
            if service_codes
            else {},
            channels={
                code: (pk, electronic)
                for code, pk, electronic in channels.values_list("code", "id", "is_electronic")
            }
            if channel_codes
            else {},
        )


def _wellformed(values) -> list[str]:
    """Return the distinct well-formed codes among `values`, sorted; values of any JSON type
    (objects, lists) are skipped here and reported by the row checks."""
    return sorted({value for value in values if _is_code(value)})


def _is_code(value) -> bool:
    return (
        isinstance(value, str)
        and len(value) <= MAX_CODE_LENGTH
        and CODE_RE.fullmatch(value) is not None
    )


def _parse_count(value) -> tuple[int | None, str | None, str | None]:
    """Return (count, None, None), or (None, message, code) when the value is not a count."""
    if isinstance(value, bool) or value is None or value == "":
        return None, _("Enter the count, a non-negative integer."), "required"
    if isinstance(value, str):
        text = value.strip(" ")
        if text.startswith("-") and text[1:].isdigit():
            return None, _("A count cannot be negative."), "min_value"
        if not digits_only(text):
            return None, _("A count must be a whole number, e.g. 1250."), "invalid"
        value = int(text) if len(text) <= 20 else MAX_COUNT + 1
    if not isinstance(value, int):
        return None, _("A count must be a whole number, e.g. 1250."), "invalid"
    if value < 0:
        return None, _("A count cannot be negative."), "min_value"
    if value > MAX_COUNT:
        return None, _("A count cannot exceed %(max)d.") % {"max": MAX_COUNT}, "max_value"
    return value, None, None


def _code_error(value, field: str, known: dict) -> tuple[str, str] | None:
    if value is None or value == "":
        return _("Enter a %(field)s code.") % {"field": field}, "required"
    if not _is_code(value):
        return _("Malformed %(field)s code.") % {"field": field}, "invalid"
    if value not in known:
        return _("Unknown %(field)s code %(code)s.") % {
            "field": field,
            "code": value,
        }, "unknown_code"
    return None


def _period_error(value, this_month) -> tuple[datetime.date | None, tuple[str, str] | None]:
    if not isinstance(value, str) or not value:
        return None, (_("Enter the month as YYYY-MM (e.g. 2022-01)."), "required")
    try:
        if not MONTH_RE.fullmatch(value):
            raise ValidationError("not YYYY-MM")
        period = parse_month(value)
    except ValidationError:
        return None, (_("Enter the month as YYYY-MM (e.g. 2022-01)."), "invalid_month")
    if period > this_month:
        return None, (_("The month is in the future."), "future_month")
    return period, None


def _check_fields(row: RawRow, *, catalogue: Catalogue, this_month: datetime.date, number):
    """Return (CleanRow or None, errors, key) for one row, rights and duplicates aside.

    `key` is (service_id, channel_id, period) whenever those three are valid, even if the count
    is not, so a duplicate is reported along with the row's other errors.
    """
    errors = []

    def refuse(field, problem):
        message, code = problem
        errors.append(FieldError(field, message, code, row=number))

    if problem := _code_error(row.service, "service", catalogue.services):
        refuse("service", problem)
    if problem := _code_error(row.channel, "channel", catalogue.channels):
        refuse("channel", problem)
    period, problem = _period_error(row.period, this_month)
    if problem:
        refuse("period", problem)
    count, *problem = _parse_count(row.count)
    if count is None:
        refuse("count", problem)
    service = catalogue.services.get(row.service) if _is_code(row.service) else None
    channel = catalogue.channels.get(row.channel) if _is_code(row.channel) else None

    if service and channel and period and channel[1]:
        since = service.electronic_since
        if since is None:
            refuse(
                "channel",
                (
                    _("The service is not electronic: it has no electronic-channel counts."),
                    "not_electronic_yet",
                ),
            )
        elif period < since.replace(day=1):
            refuse(
                "period",
                (
                    _("The service became electronic in %(month)s; no electronic counts before.")
                    % {"month": f"{since:%Y-%m}"},
                    "before_electronic_since",
                ),
            )
    if not (service and channel and period):
        return None, errors, None
    key = (service.id, channel[0], period)
    if errors:
        return None, errors, key
    return CleanRow(row.number, *key, count), errors, key


def check_rows(
    rows: list[RawRow],
    *,
    catalogue: Catalogue,
    may_write,
    today: datetime.date,
    numbered: bool = True,
) -> list[CleanRow]:
    """Return the rows resolved to ids; raise a refusal listing every row refused.

    `may_write(agency_id)` says whether the writer may write that agency's counts. Rows it may
    not write raise NotPermitted (listed alone, even when other rows are also invalid);
    otherwise any invalid row raises InvalidInput. The same service, channel and month twice
    is an invalid row. `numbered`: the errors name each row by its number (a submission of
    many rows), or only the field (one count).
    """
    this_month = today.replace(day=1)
    forbidden: list[FieldError] = []
    invalid: list[FieldError] = []
    clean: list[CleanRow] = []
    first_seen: dict[sql.CountKey, int] = {}

    for row in rows:
        number = row.number if numbered else None
        if row.error is not None:
            invalid.append(row.error)
            continue
        service = catalogue.services.get(row.service) if _is_code(row.service) else None
        if service is not None and not may_write(service.agency_id):
            forbidden.append(
                FieldError(
                    "service",
                    _("This key may not write counts of service %(code)s (another agency's).")
                    % {"code": row.service},
                    "permission_denied",
                    row=number,
                )
            )
        checked, errors, key = _check_fields(
            row, catalogue=catalogue, this_month=this_month, number=number
        )
        if key is not None:
            first = first_seen.setdefault(key, row.number)
            if first != row.number:
                checked = None
                errors.append(
                    FieldError(
                        None,
                        _("Same service, channel and month as row %(row)d.") % {"row": first},
                        "duplicate_row",
                        row=number,
                    )
                )
        invalid.extend(errors)
        if checked is not None:
            clean.append(checked)

    if forbidden:
        if not numbered:
            raise NotPermitted(forbidden[0].message, errors=forbidden)
        raise NotPermitted(
            _("%(n)d row(s) name services this key may not write.") % {"n": len(forbidden)},
            errors=forbidden,
        )
    if invalid:
        bad_rows = len({error.row for error in invalid}) if numbered else 1
        raise InvalidInput(
            _("%(n)d row(s) are invalid; nothing was written.") % {"n": bad_rows},
            errors=invalid,
        )
    return clean
