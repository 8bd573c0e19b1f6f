"""Catalogue endpoints: agencies, channels and services, addressed by code."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from .examples import AGENCY_LIST_EXAMPLE, CHANNEL_LIST_EXAMPLE, SERVICE_LIST_EXAMPLE
from .filters import AgencyFilterSet, ChannelFilterSet, ServiceFilterSet
from .models import Agency, Channel, Service
from .serializers import AgencySerializer, ChannelSerializer, ServiceSerializer


def code_parameter(entity):
    return OpenApiParameter("code", str, OpenApiParameter.PATH, description=f"The {entity}'s code.")


@extend_schema_view(
    list=extend_schema(summary="List agencies", examples=[AGENCY_LIST_EXAMPLE]),
    retrieve=extend_schema(summary="One agency", parameters=[code_parameter("agency")]),
)
class AgencyViewSet(viewsets.ReadOnlyModelViewSet):
    """Government bodies that offer services."""

    queryset = Agency.objects.select_related("parent").order_by("code")
    serializer_class = AgencySerializer
    filterset_class = AgencyFilterSet
    lookup_field = "code"


@extend_schema_view(
    list=extend_schema(summary="List channels", examples=[CHANNEL_LIST_EXAMPLE]),
    retrieve=extend_schema(summary="One channel", parameters=[code_parameter("channel")]),
)
class ChannelViewSet(viewsets.ReadOnlyModelViewSet):
    """Ways services are used; `is_electronic` splits electronic from traditional."""

    queryset = Channel.objects.order_by("code")
    serializer_class = ChannelSerializer
    filterset_class = ChannelFilterSet
    lookup_field = "code"


@extend_schema_view(
    list=extend_schema(summary="List services", examples=[SERVICE_LIST_EXAMPLE]),
    retrieve=extend_schema(summary="One service", parameters=[code_parameter("service")]),
)
class ServiceViewSet(viewsets.ReadOnlyModelViewSet):
    """Services offered by agencies, with the date each became electronic."""

    queryset = (
        Service.objects.select_related("agency").prefetch_related("channels").order_by("code")
    )
    serializer_class = ServiceSerializer
    filterset_class = ServiceFilterSet
    lookup_field = "code"
