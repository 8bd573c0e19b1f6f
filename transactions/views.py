"""Monthly transaction count endpoints: read, write one, write many, and each count's history."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from egov_api.api.caching import ConditionalGetMixin
from egov_api.api.parsers import CSVTextParser, JSONParser
from egov_api.api.problems import PROBLEM_CONTENT_TYPE
from egov_api.keys.permissions import CanWriteCounts, request_api_key

from . import write_schema as docs
from .filters import TransactionCountFilterSet
from .models import CountHistory, SubmissionSource, TransactionCount
from .serializers import (
    BulkReportSerializer,
    CountHistorySerializer,
    CountPatchSerializer,
    CountWriteSerializer,
    TransactionCountSerializer,
)
from .writes import (
    Writer,
    delete_count,
    rows_from_csv,
    rows_from_json,
    submit_count,
    submit_counts,
    update_count,
)

# Ids are bigints: a longer number in the path names no count (and would overflow SQLite).
MAX_ID = 2**63 - 1


def count_id_of(kwargs) -> int:
    """Return the count id in the URL; 404 when it cannot be the id of any count."""
    text = kwargs["id"]
    # Checked before int(), which refuses numbers of over 4,300 digits.
    if len(text) > len(str(MAX_ID)) or int(text) > MAX_ID:
        raise NotFound(_("No count has this id."))
    return int(text)


def writer_of(request) -> Writer:
    """Return who writes: the request's API key, else the signed-in staff user."""
    api_key = request_api_key(request)
    return Writer.with_key(api_key) if api_key is not None else Writer(user=request.user)


HISTORY_FIELDS = (
    "id",
    "count_id",
    "service__code",
    "channel__code",
    "period",
    "action",
    "old_count",
    "new_count",
    "api_key__prefix",
    "api_key__name",
    "user__username",
    "submission_id",
    "changed_at",
)


@extend_schema_view(
    list=extend_schema(summary="List monthly counts", examples=[docs.COUNT_EXAMPLE]),
    retrieve=extend_schema(summary="One monthly count", parameters=[docs.ID_PARAMETER]),
    create=extend_schema(
        summary="Write one monthly count",
        description=(
            "Inserts the count of a service, channel and month, or replaces the value stored "
            "for them: 201 when created, 200 when it replaced (or equalled) a value. Needs an "
            "API key: an agency key writes its own agency's services only."
        ),
        request=CountWriteSerializer,
        responses={
            201: TransactionCountSerializer,
            200: TransactionCountSerializer,
            (400, PROBLEM_CONTENT_TYPE): docs.SINGLE_INVALID_RESPONSE,
            (403, PROBLEM_CONTENT_TYPE): docs.SINGLE_FORBIDDEN_RESPONSE,
        },
        examples=[docs.COUNT_WRITE_EXAMPLE, docs.COUNT_EXAMPLE],
    ),
    partial_update=extend_schema(
        summary="Correct a monthly count",
        description=(
            "Changes the value of a count. Its service, channel and month cannot change "
            "(repeating them unchanged is allowed)."
        ),
        parameters=[docs.ID_PARAMETER],
        request=CountPatchSerializer,
        responses={
            200: TransactionCountSerializer,
            (400, PROBLEM_CONTENT_TYPE): docs.SINGLE_INVALID_RESPONSE,
            (403, PROBLEM_CONTENT_TYPE): docs.SINGLE_FORBIDDEN_RESPONSE,
        },
        examples=[docs.COUNT_PATCH_EXAMPLE, docs.COUNT_EXAMPLE],
    ),
    destroy=extend_schema(
        summary="Delete a monthly count",
        description="Removes the count; its last value stays in its history.",
        parameters=[docs.ID_PARAMETER],
        responses={
            204: None,
            (403, PROBLEM_CONTENT_TYPE): docs.SINGLE_FORBIDDEN_RESPONSE,
        },
    ),
)
class TransactionCountViewSet(
    ConditionalGetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """How many transactions each service had on each channel, per month."""

    # The counts alone: filtered and counted as they are, read through `for_api()`.
    queryset = TransactionCount.objects.order_by("period", "service_id", "channel_id", "id")
    serializer_class = TransactionCountSerializer
    filterset_class = TransactionCountFilterSet
    permission_classes = [CanWriteCounts]
    parser_classes = [JSONParser]
    lookup_url_kwarg = "id"
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def list(self, request, *args, **kwargs):
        counts = self.filter_queryset(self.get_queryset())
        # The total is counted over the counts alone: the joins that fetch the codes shown on
        # the page would only slow the COUNT down.
        rows = self.paginator.paginate_queryset(
            counts.for_api(), request, view=self, count_source=counts
        )
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        counts = self.filter_queryset(self.get_queryset()).for_api()
        row = get_object_or_404(counts, pk=count_id_of(kwargs))
        self.check_object_permissions(request, row)
        return Response(self.get_serializer(row).data)

    def create(self, request, *args, **kwargs):
        report = submit_count(request.data, writer=writer_of(request))
        status_code = status.HTTP_201_CREATED if report.created else status.HTTP_200_OK
        return self._count_response(report.count_id, status_code)

    def partial_update(self, request, *args, **kwargs):
        report = update_count(count_id_of(kwargs), data=request.data, writer=writer_of(request))
        return self._count_response(report.count_id, status.HTTP_200_OK)

    def destroy(self, request, *args, **kwargs):
        delete_count(count_id_of(kwargs), writer=writer_of(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Write many monthly counts (all or nothing)",
        description=(
            "Inserts or replaces up to `EGOV_BULK_MAX_ROWS` (default 50,000) counts in one "
            "request, as a JSON array of objects or as CSV (`Content-Type: text/csv`, header "
            "`service,channel,period,count`). Every row is checked first: if any is invalid "
            "nothing is written and the 400 lists every bad row by number (from 1); rows the "
            "key may not write answer 403, before validity is considered. The same service, "
            "channel and month twice in one request is an invalid row. Sending the same body "
            "again changes nothing (every row `unchanged`). The request is recorded as one "
            "submission; each changed count's history points to it."
        ),
        request=docs.BULK_REQUEST,
        responses=docs.BULK_RESPONSES,
        examples=[docs.BULK_JSON_EXAMPLE, docs.BULK_CSV_EXAMPLE, docs.BULK_REPORT_EXAMPLE],
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="bulk",
        parser_classes=[JSONParser, CSVTextParser],
        filter_backends=[],
        pagination_class=None,
    )
    def bulk(self, request, *args, **kwargs):
        data = request.data
        if request.content_type.split(";")[0].strip().lower() == CSVTextParser.media_type:
            rows = rows_from_csv(data if isinstance(data, str) else "")
        else:
            rows = rows_from_json(data)
        report = submit_counts(rows, writer=writer_of(request), source=SubmissionSource.BULK)
        return Response(BulkReportSerializer(report.as_dict()).data)

    @extend_schema(
        summary="History of a monthly count",
        description=(
            "Every change of the count, oldest first: the value before and after, the key or "
            "user that made it, when, and the submission it was part of. Still answered after "
            "the count was deleted."
        ),
        parameters=[docs.ID_PARAMETER],
        responses=CountHistorySerializer(many=True),
        examples=docs.HISTORY_EXAMPLES,
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def history(self, request, *args, **kwargs):
        count_id = count_id_of(kwargs)
        entries = list(
            CountHistory.objects.filter(count_id=count_id)
            .order_by("changed_at", "id")
            .values(*HISTORY_FIELDS)
        )
        if not entries and not TransactionCount.objects.filter(pk=count_id).exists():
            raise NotFound(_("No count has this id."))
        return Response(CountHistorySerializer(entries, many=True).data)

    def _count_response(self, count_id, status_code):
        row = TransactionCount.objects.for_api().get(pk=count_id)
        return Response(self.get_serializer(row).data, status=status_code)
