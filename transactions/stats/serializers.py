"""Wire format of the statistics: typed rows, so the schema shows every field."""

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from egov_api.api.serializers import DictRowListSerializer
from services.models import Sector

# Months answered, not asked: a comparison may reach back before 1900, the first month a
# parameter accepts (egov_api.api.filters.MONTH_PATTERN).
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
QUARTER_PATTERN = r"^\d{4}-Q[1-4]$"
YEAR_PATTERN = r"^\d{4}$"


class PercentField(serializers.DecimalField):
    """A percentage rounded half-up to 2 decimals, as a JSON number; null on a zero base."""

    def __init__(self, **kwargs):
        super().__init__(
            max_digits=None, decimal_places=2, coerce_to_string=False, allow_null=True, **kwargs
        )


@extend_schema_field({"type": "number", "nullable": True, "example": 2900000})
class RankedValueField(serializers.Field):
    """An exact integer for counts; a percentage with 2 decimals, or null, for ratios."""

    def to_representation(self, value):
        return value


def month_label(help_text: str, **kwargs) -> serializers.RegexField:
    return serializers.RegexField(MONTH_PATTERN, help_text=help_text, **kwargs)


class AgencyKeySerializer(serializers.Serializer):
    agency = serializers.CharField(required=False, help_text="Agency code (grouped by agency).")
    agency_name_en = serializers.CharField(required=False, help_text="Agency name in English.")
    agency_name_ar = serializers.CharField(required=False, help_text="Agency name in Arabic.")


class CatalogueKeysSerializer(AgencyKeySerializer):
    service = serializers.CharField(required=False, help_text="Service code (grouped by service).")
    service_name_en = serializers.CharField(required=False, help_text="Service name in English.")
    service_name_ar = serializers.CharField(required=False, help_text="Service name in Arabic.")
    channel = serializers.CharField(required=False, help_text="Channel code (grouped by channel).")
    sector = serializers.ChoiceField(
        Sector.choices, required=False, help_text="Sector (grouped by sector)."
    )


class PeriodKeysSerializer(serializers.Serializer):
    month = month_label("Month `YYYY-MM` (grouped by month).", required=False)
    quarter = serializers.RegexField(
        QUARTER_PATTERN, required=False, help_text="Quarter `YYYY-Qn` (grouped by quarter)."
    )
    year = serializers.RegexField(
        YEAR_PATTERN, required=False, help_text="Year `YYYY` (grouped by year)."
    )


class TotalsRowSerializer(PeriodKeysSerializer, CatalogueKeysSerializer):
    """One group of `totals`: only the keys named in `group_by` are present."""

    electronic = serializers.IntegerField(help_text="Transactions on electronic channels.")
    traditional = serializers.IntegerField(help_text="Transactions on every other channel.")
    total = serializers.IntegerField(help_text="All transactions: electronic + traditional.")
    electronic_share_pct = PercentField(
        help_text="Electronic transactions in percent of all; null when there were none."
    )

    class Meta:
        list_serializer_class = DictRowListSerializer


class GrowthRowSerializer(CatalogueKeysSerializer):
    """The growth of one group (or of everything, without `group_by`)."""

    current_from = month_label("First month of the current span.")
    current_to = month_label("Last month of the current span.")
    previous_from = month_label("First month of the span compared with.")
    previous_to = month_label("Last month of the span compared with.")
    current = serializers.IntegerField(help_text="Transactions of the metric, current span.")
    previous = serializers.IntegerField(help_text="Transactions of the metric, previous span.")
    change = serializers.IntegerField(help_text="current - previous.")
    change_pct = PercentField(
        help_text="Change in percent of `previous`; null when `previous` is 0."
    )

    class Meta:
        list_serializer_class = DictRowListSerializer


class IntervalSerializer(serializers.Serializer):
    period = serializers.RegexField(
        rf"{MONTH_PATTERN}|{QUARTER_PATTERN}|{YEAR_PATTERN}",
        help_text="The interval: `YYYY-MM`, `YYYY-Qn` or `YYYY`.",
    )


class TimeseriesPointSerializer(IntervalSerializer, CatalogueKeysSerializer):
    """One interval of a series (of one group, with `group_by`)."""

    electronic = serializers.IntegerField(help_text="Transactions on electronic channels.")
    traditional = serializers.IntegerField(help_text="Transactions on every other channel.")
    total = serializers.IntegerField(help_text="All transactions: electronic + traditional.")
    electronic_share_pct = PercentField(
        help_text="Electronic transactions in percent of all; null when there were none."
    )
    yoy_change_pct = PercentField(
        help_text=(
            "Change of the chosen metric from the same interval a year earlier, in percent; "
            "null when that was 0."
        )
    )

    class Meta:
        list_serializer_class = DictRowListSerializer


class RankSerializer(serializers.Serializer):
    rank = serializers.IntegerField(help_text="1 for the highest value; ties share a rank.")


class RankingRowSerializer(RankSerializer, CatalogueKeysSerializer):
    """One ranked group: only the key named by `by` (and its names) is present."""

    value = RankedValueField(
        help_text=(
            "The metric: an integer for transaction counts, a percentage with 2 decimals for "
            "`electronic_share` and `growth` (null on a zero base)."
        )
    )

    class Meta:
        list_serializer_class = DictRowListSerializer


class ServiceCountSerializer(serializers.Serializer):
    """Electronic services on the first day of a month and of the month compared with."""

    period = month_label("The month counted (services live on its first day).")
    previous_period = month_label("The month compared with.")
    current = serializers.IntegerField(help_text="Electronic services at `period`.")
    previous = serializers.IntegerField(help_text="Electronic services at `previous_period`.")
    change = serializers.IntegerField(help_text="current - previous.")
    change_pct = PercentField(
        help_text="Change in percent of `previous`; null when `previous` is 0."
    )


class ServiceKeysSerializer(AgencyKeySerializer):
    sector = serializers.ChoiceField(
        Sector.choices, required=False, help_text="Sector (grouped by sector)."
    )
    channel = serializers.CharField(
        required=False,
        help_text="Channel code (grouped by channel: services offered on the channel).",
    )


class ServiceCountRowSerializer(ServiceKeysSerializer, ServiceCountSerializer):
    """`ServiceCountSerializer` for one group: only the key named in `group_by` is present."""

    class Meta:
        list_serializer_class = DictRowListSerializer


class LeaderSerializer(serializers.Serializer):
    """The agency that leads a figure."""

    code = serializers.CharField(help_text="Agency code.")
    name_en = serializers.CharField(help_text="Agency name in English.")
    name_ar = serializers.CharField(help_text="Agency name in Arabic.")
    value = serializers.IntegerField(help_text="Its figure: transactions or services.")


class SummarySerializer(serializers.Serializer):
    """Every figure of a month against the same month a year before, and its sentences."""

    period = month_label("The month summarised.")
    previous_period = month_label("The same month a year before.")
    electronic = serializers.IntegerField(help_text="Electronic transactions in the month.")
    traditional = serializers.IntegerField(help_text="Traditional transactions in the month.")
    total = serializers.IntegerField(help_text="All transactions in the month.")
    electronic_share_pct = PercentField(
        help_text="Electronic transactions in percent of all; null when there were none."
    )
    previous_electronic = serializers.IntegerField(
        help_text="Electronic transactions a year before."
    )
    previous_traditional = serializers.IntegerField(
        help_text="Traditional transactions a year before."
    )
    previous_total = serializers.IntegerField(help_text="All transactions a year before.")
    change = serializers.IntegerField(
        help_text="Electronic transactions: electronic - previous_electronic."
    )
    change_pct = PercentField(
        help_text="Change of electronic transactions in percent; null on a zero base."
    )
    services = serializers.IntegerField(
        help_text="Services electronic and live on the first day of the month."
    )
    previous_services = serializers.IntegerField(
        help_text="Services electronic and live on the first day of the month a year before."
    )
    services_change = serializers.IntegerField(help_text="services - previous_services.")
    services_change_pct = PercentField(
        help_text="Change of electronic services in percent; null on a zero base."
    )
    top_agency_electronic_transactions = LeaderSerializer(
        allow_null=True,
        help_text="The agency with the most electronic transactions in the month.",
    )
    top_agency_electronic_transactions_ytd = LeaderSerializer(
        allow_null=True,
        help_text="The agency with the most electronic transactions from January to the month.",
    )
    top_agency_electronic_services = LeaderSerializer(
        allow_null=True,
        help_text="The agency with the most electronic services on the first day of the month.",
    )
    headline_en = serializers.CharField(help_text="The figures in one or two English sentences.")
    headline_ar = serializers.CharField(help_text="The figures in one or two Arabic sentences.")


# Ungrouped, `service-counts` answers one object; grouped, an array of rows.
SERVICE_COUNTS_RESPONSE = PolymorphicProxySerializer(
    component_name="ServiceCounts",
    serializers=[ServiceCountSerializer, ServiceCountRowSerializer(many=True)],
    resource_type_field_name=None,
    many=False,
)
