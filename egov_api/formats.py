"""How values are written on the wire: months, codes and whole numbers.

Plain Python shared by the API edge (which validates query strings and bodies) and the
domain (which checks submitted rows), so that both read a month or a code the same way.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A month from 1900-01 on, written YYYY-MM.
MONTH_PATTERN = r"^(19\d{2}|[2-9]\d{3})-(0[1-9]|1[0-2])$"
MONTH_RE = re.compile(MONTH_PATTERN)
# A code: letters, digits, "-" and "_" (matched whole, with fullmatch).
CODE_PATTERN = r"^[-a-zA-Z0-9_]+$"
CODE_RE = re.compile(CODE_PATTERN[1:-1])


def digits_only(text: str) -> bool:
    """True for a whole number written in ASCII digits alone: `str.isdigit` also takes "١٢"
    or "²", and `int()` also takes " 12", "+12" or "1_2"."""
    return text.isascii() and text.isdigit()


def is_code(value) -> bool:
    """True for a string made of letters, digits, `-` and `_` only."""
    return isinstance(value, str) and CODE_RE.fullmatch(value) is not None


def parse_month(value: str) -> datetime.date:
    """Return the first day of the month written `YYYY-MM` (1900-01 or later); raise
    ValidationError otherwise."""
    match = MONTH_RE.fullmatch(value or "") if isinstance(value, str) else None
    if not match:
        raise ValidationError(
            _("Enter a month from 1900-01 on as YYYY-MM (e.g. 2022-01); got %(value)r."),
            code="invalid_month",
            params={"value": value},
        )
    return datetime.date(int(match[1]), int(match[2]), 1)


def month_label(month: datetime.date) -> str:
    """Return `YYYY-MM`."""
    return f"{month.year:04d}-{month.month:02d}"
