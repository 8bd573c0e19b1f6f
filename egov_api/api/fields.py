"""Serializer fields shared by the apps."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from egov_api.formats import MONTH_PATTERN, parse_month


@extend_schema_field({"type": "string", "pattern": MONTH_PATTERN, "example": "2022-01"})
class MonthField(serializers.Field):
    """A month on the wire as `YYYY-MM`; in the database, the first day of that month."""

    default_error_messages = {"invalid": "Enter a month as YYYY-MM (e.g. 2022-01)."}

    def to_representation(self, value):
        return f"{value.year:04d}-{value.month:02d}"

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        try:
            return parse_month(data)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
