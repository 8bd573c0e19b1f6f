"""Monthly transaction count endpoints."""

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import viewsets

from .filters import TransactionCountFilterSet
from .models import TransactionCount
from .serializers import TransactionCountSerializer

COUNT_EXAMPLE = OpenApiExample(
    "A monthly count",
    value={
        "id": 1042,
        "service": "ssc-pension-inquiry",
        "agency": "ssc",
        "channel": "web",
        "electronic": True,
        "period": "2022-01",
        "count": 61250,
        "updated_at": "2022-02-03T08:15:00Z",
    },
    response_only=True,
)


@extend_schema_view(
    list=extend_schema(summary="List monthly counts", examples=[COUNT_EXAMPLE]),
    retrieve=extend_schema(
        summary="One monthly count",
        parameters=[
            OpenApiParameter("id", int, OpenApiParameter.PATH, description="The count's id.")
        ],
    ),
)
class TransactionCountViewSet(viewsets.ReadOnlyModelViewSet):
    """How many transactions each service had on each channel, per month."""

    queryset = TransactionCount.objects.for_api().order_by(
        "period", "service_id", "channel_id", "id"
    )
    serializer_class = TransactionCountSerializer
    filterset_class = TransactionCountFilterSet
    lookup_url_kwarg = "id"
    lookup_value_regex = r"\d+"
