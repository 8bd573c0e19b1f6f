"""FilterSets of the catalogue lists."""

import django_filters

from egov_api.api.filters import (
    ChoiceInFilter,
    CodeInFilter,
    MonthFilter,
    QueryForm,
    SearchFilter,
    StrictBooleanFilter,
    TotalOrderingFilter,
)

from .models import Agency, AgencyKind, Channel, Sector, Service


class AgencyFilterSet(django_filters.FilterSet):
    kind = ChoiceInFilter(
        field_name="kind",
        lookup_expr="in",
        choices=AgencyKind.choices,
        help_text="Kind of agency, or a comma-separated list of kinds.",
    )
    parent = CodeInFilter(
        model=Agency,
        field_name="parent",
        help_text="Code of the parent agency, or a comma-separated list of codes.",
    )
    is_active = StrictBooleanFilter(
        field_name="is_active", lookup_expr="exact", help_text="`true` or `false`."
    )
    search = SearchFilter()
    ordering = TotalOrderingFilter(
        tiebreaker="code",
        fields=(("code", "code"), ("name_en", "name_en"), ("name_ar", "name_ar"), ("kind", "kind")),
        help_text="Sort by one or more fields, comma-separated; prefix `-` for descending.",
    )

    class Meta:
        model = Agency
        fields = []
        form = QueryForm


class ChannelFilterSet(django_filters.FilterSet):
    electronic = StrictBooleanFilter(
        field_name="is_electronic",
        lookup_expr="exact",
        help_text="`true`: electronic channels; `false`: traditional channels.",
    )
    search = SearchFilter()
    ordering = TotalOrderingFilter(
        tiebreaker="code",
        fields=(("code", "code"), ("name_en", "name_en"), ("is_electronic", "electronic")),
        help_text="Sort by one or more fields, comma-separated; prefix `-` for descending.",
    )

    class Meta:
        model = Channel
        fields = []
        form = QueryForm


class ServiceFilterSet(django_filters.FilterSet):
    agency = CodeInFilter(
        model=Agency,
        field_name="agency",
        help_text="Agency code, or a comma-separated list of codes (e.g. `ssc,gam`).",
    )
    sector = ChoiceInFilter(
        field_name="sector",
        lookup_expr="in",
        choices=Sector.choices,
        help_text="Sector, or a comma-separated list of sectors.",
    )
    channel = CodeInFilter(
        model=Channel,
        field_name="channels",
        method="filter_channel",
        help_text="Offered on this channel (or on any of a comma-separated list of channels).",
    )
    electronic = StrictBooleanFilter(
        field_name="electronic_since",
        lookup_expr="isnull",
        method="filter_electronic",
        help_text="`true`: services that have become electronic; `false`: not electronic yet.",
    )
    electronic_on = MonthFilter(
        field_name="electronic_since",
        lookup_expr="lte",
        method="filter_electronic_on",
        help_text=(
            "`YYYY-MM`: services electronic and live on the first day of that month "
            "(electronic_since on or before it, not retired by then)."
        ),
    )
    search = SearchFilter()
    ordering = TotalOrderingFilter(
        tiebreaker="code",
        fields=(
            ("code", "code"),
            ("name_en", "name_en"),
            ("name_ar", "name_ar"),
            ("agency__code", "agency"),
            ("sector", "sector"),
            ("electronic_since", "electronic_since"),
        ),
        help_text="Sort by one or more fields, comma-separated; prefix `-` for descending.",
    )

    class Meta:
        model = Service
        fields = []
        form = QueryForm

    def filter_channel(self, queryset, name, value):
        # A subquery rather than a join, so a service offered on two of the channels is
        # listed once without DISTINCT.
        offered = Service.channels.through.objects.filter(channel_id__in=value)
        return queryset.filter(pk__in=offered.values("service_id"))

    def filter_electronic(self, queryset, name, value):
        return queryset.filter(electronic_since__isnull=not value)

    def filter_electronic_on(self, queryset, name, value):
        return queryset.electronic_on(value)
