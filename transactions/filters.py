"""FilterSets over monthly counts: the shared filters of lists and statistics."""

import django_filters

from egov_api.filters import (
    ChoiceInFilter,
    CodeInFilter,
    MonthFilter,
    MonthRangeForm,
    StrictBooleanFilter,
    TotalOrderingFilter,
    YearFilter,
)
from services.models import Agency, Channel, Sector, Service

from .models import TransactionCount


class CountFilterSet(django_filters.FilterSet):
    """The shared filters: the same names and meaning on `transactions/` and on `stats/`."""

    agency = CodeInFilter(
        model=Agency,
        field_name="service__agency",
        help_text="Agency code, or a comma-separated list of codes (e.g. `ssc,gam`).",
    )
    service = CodeInFilter(
        model=Service,
        field_name="service",
        help_text="Service code, or a comma-separated list of codes.",
    )
    channel = CodeInFilter(
        model=Channel,
        field_name="channel",
        help_text="Channel code, or a comma-separated list of codes (e.g. `web,mobile`).",
    )
    sector = ChoiceInFilter(
        field_name="service__sector",
        lookup_expr="in",
        choices=Sector.choices,
        help_text="Sector of the service, or a comma-separated list of sectors.",
    )
    electronic = StrictBooleanFilter(
        field_name="channel__is_electronic",
        lookup_expr="exact",
        help_text="`true`: electronic channels only; `false`: traditional channels only.",
    )
    period_from = MonthFilter(
        field_name="period",
        lookup_expr="gte",
        help_text="First month of the range, `YYYY-MM`, inclusive.",
    )
    period_to = MonthFilter(
        field_name="period",
        lookup_expr="lte",
        help_text="Last month of the range, `YYYY-MM`, inclusive.",
    )
    year = YearFilter(
        field_name="period",
        lookup_expr="year",
        help_text="Calendar year of the month, e.g. `2022`.",
    )

    class Meta:
        model = TransactionCount
        fields = []
        form = MonthRangeForm


class TransactionCountFilterSet(CountFilterSet):
    """Filters of the `transactions/` list: the shared filters plus `ordering`."""

    ordering = TotalOrderingFilter(
        fields=(
            ("period", "period"),
            ("count", "count"),
            ("service__code", "service"),
            ("channel__code", "channel"),
            ("updated_at", "updated_at"),
            ("id", "id"),
        ),
        help_text="Sort by one or more fields, comma-separated; prefix `-` for descending.",
    )

    class Meta(CountFilterSet.Meta):
        pass
