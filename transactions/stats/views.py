"""Statistics endpoints: validate the query, narrow the counts, call one selector."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from egov_api.api.caching import ConditionalGetMixin
from egov_api.api.openapi import array_of

from . import examples
from .filters import filter_parameters, narrow_counts, required_range
from .params import (
    REFUSED_FOR_SERVICES,
    REFUSED_WITH_PERIOD,
    GrowthParams,
    RankingsParams,
    ServiceCountsParams,
    SummaryParams,
    TimeseriesParams,
    TotalsParams,
    validated,
)
from .selectors import (
    growth_list,
    month_summary,
    rankings_list,
    service_counts,
    timeseries_list,
    totals_list,
)
from .serializers import (
    SERVICE_COUNTS_RESPONSE,
    GrowthRowSerializer,
    RankingRowSerializer,
    ServiceCountRowSerializer,
    ServiceCountSerializer,
    SummarySerializer,
    TimeseriesPointSerializer,
    TotalsRowSerializer,
)

TAGS = ["stats"]


class StatsView(ConditionalGetMixin, APIView):
    """A computed figure: ETag on every answer, cached until the data changes."""

    cache_results = True


class TotalsView(StatsView):
    """Electronic, traditional and all transactions, grouped by any keys."""

    @extend_schema(
        tags=TAGS,
        summary="Totals",
        description=(
            "Electronic, traditional and total transactions with the electronic share, for "
            "the counts the filters select, grouped by any combination of keys (none: one "
            "grand-total row). A JSON array; groups are those with at least one count."
        ),
        parameters=[TotalsParams, *filter_parameters()],
        responses=array_of(TotalsRowSerializer),
        examples=examples.TOTALS,
    )
    def get(self, request):
        params = validated(TotalsParams, request.query_params)
        scope = narrow_counts(request)
        rows = totals_list(
            counts=scope.counts,
            group_by=params["group_by"],
            period_from=scope.period_from,
            period_to=scope.period_to,
        )
        return Response(TotalsRowSerializer(rows, many=True).data)


class GrowthView(StatsView):
    """Growth of transactions against a year before or the previous month."""

    @extend_schema(
        tags=TAGS,
        summary="Growth",
        description=(
            "The change of a transaction metric from one span of months to another: the "
            "month `period` against the same month a year before (`compare=yoy`) or the "
            "previous month (`mom`); with `basis=ytd`, January to `period` against the same "
            "months a year before. A JSON array: one row, or one per group with a count in "
            "either span. The range filters are refused: the spans follow from `period`."
        ),
        parameters=[GrowthParams, *filter_parameters(refused=REFUSED_WITH_PERIOD)],
        responses=array_of(GrowthRowSerializer),
        examples=examples.GROWTH,
    )
    def get(self, request):
        params = validated(GrowthParams, request.query_params)
        scope = narrow_counts(request)
        rows = growth_list(counts=scope.counts, **params)
        return Response(GrowthRowSerializer(rows, many=True).data)


class TimeseriesView(StatsView):
    """Transactions per month, quarter or year, with no holes."""

    @extend_schema(
        tags=TAGS,
        summary="Time series",
        description=(
            "One point per interval of the range (`period_from`..`period_to`, or `year`; "
            "default: the first to the last month with a count), zeros where nothing was "
            "reported. `yoy_change_pct` compares each interval with the same months a year "
            "earlier, read from the data even before `period_from`. With `group_by`, one "
            "series per group with a count in the range."
        ),
        parameters=[TimeseriesParams, *filter_parameters()],
        responses=array_of(TimeseriesPointSerializer),
        examples=examples.TIMESERIES,
    )
    def get(self, request):
        params = validated(TimeseriesParams, request.query_params)
        scope = narrow_counts(request)
        points = timeseries_list(
            counts=scope.counts,
            period_from=scope.period_from,
            period_to=scope.period_to,
            **params,
        )
        return Response(TimeseriesPointSerializer(points, many=True).data)


class RankingsView(StatsView):
    """Agencies, services, channels or sectors ranked by a metric."""

    @extend_schema(
        tags=TAGS,
        summary="Rankings",
        description=(
            "Every group with a count in the range, ranked on the metric from the highest; "
            "equal values share a rank (1, 1, 3) and are ordered by code; null values rank "
            "last. Returns the first `limit` rows."
        ),
        parameters=[RankingsParams, *filter_parameters()],
        responses=array_of(RankingRowSerializer),
        examples=examples.RANKINGS,
    )
    def get(self, request):
        params = validated(RankingsParams, request.query_params)
        scope = narrow_counts(request)
        period_from, period_to = scope.period_from, scope.period_to
        if params["metric"] == "growth":
            period_from, period_to = required_range(
                period_from, period_to, reason=_("with metric=growth")
            )
        rows = rankings_list(
            counts=scope.counts, period_from=period_from, period_to=period_to, **params
        )
        return Response(RankingRowSerializer(rows, many=True).data)


class ServiceCountsView(StatsView):
    """How many services were electronic, at a month and at the month compared with."""

    @extend_schema(
        tags=TAGS,
        summary="Electronic service counts",
        description=(
            "Services electronic and live on the first day of `period` and of the month a "
            "year before (`yoy`) or before (`mom`). Without `group_by`, one object; with it, "
            "a JSON array with one row per group that had an electronic service on either "
            "day. `agency`, `service`, `channel` (offered on) and `sector` select services; "
            "the range filters and `electronic` are refused."
        ),
        parameters=[ServiceCountsParams, *filter_parameters(refused=REFUSED_FOR_SERVICES)],
        responses=SERVICE_COUNTS_RESPONSE,
        examples=examples.SERVICE_COUNTS,
    )
    def get(self, request):
        params = validated(ServiceCountsParams, request.query_params)
        scope = narrow_counts(request)
        figures = service_counts(filters=scope.filters, **params)
        if params.get("group_by") is None:
            return Response(ServiceCountSerializer(figures).data)
        return Response(ServiceCountRowSerializer(figures, many=True).data)


class SummaryView(StatsView):
    """Every figure of a month, as the press report states them."""

    @extend_schema(
        tags=TAGS,
        summary="Month summary",
        description=(
            "One object: the month's electronic, traditional and total transactions, the "
            "same month a year before and the change, the electronic share, electronic "
            "services now and a year before, the leading agencies, and two sentences in "
            "English and Arabic stating these figures. The filters narrow transactions and "
            "services alike; the range filters and `electronic` are refused."
        ),
        parameters=[SummaryParams, *filter_parameters(refused=REFUSED_FOR_SERVICES)],
        responses=SummarySerializer,
        examples=examples.SUMMARY,
    )
    def get(self, request):
        params = validated(SummaryParams, request.query_params)
        scope = narrow_counts(request)
        summary = month_summary(counts=scope.counts, period=params["period"], filters=scope.filters)
        return Response(SummarySerializer(summary).data)
