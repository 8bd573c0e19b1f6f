"""FilterSets over monthly counts and their roll-ups: the shared filters of lists and
statistics."""

import django_filters

from egov_api.api.filters import (
    ChoiceInFilter,
    CodeInFilter,
    MonthFilter,
    MonthRangeForm,
    StrictBooleanFilter,
    TotalOrderingFilter,
    YearFilter,
)
from services.models import Agency, Channel, Sector, Service

from .models import MonthlyAgencyRollup, MonthlyRollup, MonthlySectorRollup, TransactionCount


def shared_filters(*, agency: str | None, sector: str | None, service: str | None) -> type:
    """Return a FilterSet base class declaring the shared filters, reading the agency, the
    sector and the service at the given paths; a filter whose path is None is left out.

    Declared once for every table they narrow, so that names, validation and help texts are
    the same everywhere.
    """
    filters: dict[str, django_filters.Filter] = {}
    if agency is not None:
        filters["agency"] = CodeInFilter(
            model=Agency,
            field_name=agency,
            help_text="Agency code, or a comma-separated list of codes (e.g. `ssc,gam`).",
        )
    if service is not None:
        filters["service"] = CodeInFilter(
            model=Service,
            field_name=service,
            help_text="Service code, or a comma-separated list of codes.",
        )
    filters["channel"] = CodeInFilter(
        model=Channel,
        field_name="channel",
        help_text="Channel code, or a comma-separated list of codes (e.g. `web,mobile`).",
    )
    if sector is not None:
        filters["sector"] = ChoiceInFilter(
            field_name=sector,
            lookup_expr="in",
            choices=Sector.choices,
            help_text="Sector of the service, or a comma-separated list of sectors.",
        )
    filters |= {
        "electronic": StrictBooleanFilter(
            field_name="channel__is_electronic",
            lookup_expr="exact",
            help_text="`true`: electronic channels only; `false`: traditional channels only.",
        ),
        "period_from": MonthFilter(
            field_name="period",
            lookup_expr="gte",
            help_text="First month of the range, `YYYY-MM`, inclusive.",
        ),
        "period_to": MonthFilter(
            field_name="period",
            lookup_expr="lte",
            help_text="Last month of the range, `YYYY-MM`, inclusive.",
        ),
        "year": YearFilter(
            field_name="period",
            lookup_expr="year",
            help_text="Calendar year of the month, e.g. `2022`.",
        ),
    }
    return type("SharedFilters", (django_filters.FilterSet,), {"__module__": __name__, **filters})


class CountFilterSet(
    shared_filters(agency="service__agency", sector="service__sector", service="service")
):
    """The shared filters: the same names and meaning on `transactions/` and on `stats/`."""

    class Meta:
        model = TransactionCount
        fields = []
        form = MonthRangeForm


class RollupFilterSet(shared_filters(agency="agency", sector="sector", service=None)):
    """The shared filters over the roll-ups by agency and sector: all but `service`."""

    class Meta:
        model = MonthlyRollup
        fields = []
        form = MonthRangeForm


class AgencyRollupFilterSet(shared_filters(agency="agency", sector=None, service=None)):
    """The shared filters over the roll-ups by agency: all but `service` and `sector`."""

    class Meta:
        model = MonthlyAgencyRollup
        fields = []
        form = MonthRangeForm


class SectorRollupFilterSet(shared_filters(agency=None, sector="sector", service=None)):
    """The shared filters over the roll-ups by sector: all but `service` and `agency`."""

    class Meta:
        model = MonthlySectorRollup
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
