"""Wire format of monthly counts."""

from rest_framework import serializers

from egov_api.fields import MonthField


class TransactionCountSerializer(serializers.Serializer):
    """A monthly count as read from `CountQuerySet.for_api()` rows."""

    id = serializers.IntegerField(read_only=True, help_text="Identifier of the count.")
    service = serializers.CharField(source="service_code", help_text="Service code.")
    agency = serializers.CharField(
        source="agency_code", read_only=True, help_text="Code of the service's agency."
    )
    channel = serializers.CharField(source="channel_code", help_text="Channel code.")
    electronic = serializers.BooleanField(
        read_only=True, help_text="True when the channel is electronic."
    )
    period = MonthField(help_text="The month, `YYYY-MM`.")
    count = serializers.IntegerField(
        min_value=0, help_text="Number of transactions in the month, a non-negative integer."
    )
    updated_at = serializers.DateTimeField(read_only=True, help_text="When the count last changed.")
