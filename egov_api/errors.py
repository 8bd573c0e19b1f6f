"""The errors domain code raises: what went wrong, in words and codes, never how to answer.

Models, the write path and the selectors raise these; one mapping at the API edge
(`egov_api.api.problems`) turns each kind into its HTTP status and problem document, and the
command-line tools print them. Plain Python: no HTTP, no framework.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FieldError:
    """Why one field (of one row, in a submission of many) was refused.

    `field` None: the error concerns the whole row or body; `row` None: not a numbered row.
    """

    field: str | None
    message: str
    code: str
    row: int | None = None

    def as_dict(self) -> dict:
        """Return the error as a problem document lists it."""
        error = {"field": self.field, "message": str(self.message), "code": self.code}
        if self.row is not None:
            error["row"] = self.row
        return error


class DomainError(Exception):
    """A request the domain refuses. `code` is machine-readable; `errors` name the fields."""

    default_code = "error"

    def __init__(self, detail, *, code: str | None = None, errors=None):
        super().__init__(str(detail))
        self.detail = detail
        self.code = code or self.default_code
        self.errors: list[FieldError] | None = list(errors) if errors is not None else None


class InvalidInput(DomainError):
    """A value, a row or a combination of parameters the rules refuse."""

    default_code = "invalid"


class NotPermitted(DomainError):
    """The writer may not do this (another agency's data, the catalogue with an agency key)."""

    default_code = "permission_denied"


class NotFound(DomainError):
    """Nothing has this code or id."""

    default_code = "not_found"


class NoData(NotFound):
    """A figure asked of data nobody reported: unknown, not zero."""

    default_code = "no_data"


class Conflict(DomainError):
    """The request clashes with the state of the data (in use, released, changed meanwhile)."""

    default_code = "conflict"
