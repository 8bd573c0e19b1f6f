"""Catalogue endpoints: agencies, channels and services, addressed by code.

Anyone reads them (unless reads are restricted); a ministry-wide key or a staff user writes.
"""

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import viewsets

from egov_api.api.caching import ConditionalGetMixin
from egov_api.api.openapi import ProblemSerializer
from egov_api.api.parsers import JSONParser
from egov_api.api.problems import PROBLEM_CONTENT_TYPE, problem
from egov_api.errors import Conflict
from egov_api.keys.permissions import CanWriteCatalogue

from .examples import AGENCY_LIST_EXAMPLE, CHANNEL_LIST_EXAMPLE, SERVICE_LIST_EXAMPLE
from .filters import AgencyFilterSet, ChannelFilterSet, ServiceFilterSet
from .models import Agency, Channel, Service
from .serializers import AgencySerializer, ChannelSerializer, ServiceSerializer


def code_parameter(entity):
    return OpenApiParameter("code", str, OpenApiParameter.PATH, description=f"The {entity}'s code.")


IN_USE_RESPONSE = OpenApiResponse(
    ProblemSerializer,
    description="Still referred to (by services, counts, history or keys): nothing was deleted.",
    examples=[
        OpenApiExample(
            "in_use",
            value=problem(
                409,
                detail="Cannot delete service ssc-pension-inquiry: counts still refer to it.",
                code="in_use",
            ),
            response_only=True,
            status_codes=["409"],
        )
    ],
)


def write_schemas(entity, example):
    """Return the schema of the write operations of a catalogue entity."""
    path = [code_parameter(entity)]
    request_example = OpenApiExample(example.name, value=example.value, request_only=True)
    return {
        "create": extend_schema(
            summary=f"Create a {entity}",
            description="Needs a ministry-wide API key or a staff user. A duplicate `code` "
            "answers 400 naming `code`.",
            examples=[request_example, example],
        ),
        "partial_update": extend_schema(
            summary=f"Change a {entity}",
            description="Needs a ministry-wide API key or a staff user. Send only the fields "
            "that change.",
            parameters=path,
            examples=[request_example, example],
        ),
        "destroy": extend_schema(
            summary=f"Delete a {entity}",
            description=f"Needs a ministry-wide API key or a staff user. A {entity} that "
            f"anything still refers to is not deleted (409).",
            parameters=path,
            responses={204: None, (409, PROBLEM_CONTENT_TYPE): IN_USE_RESPONSE},
        ),
    }


class CatalogueViewSet(ConditionalGetMixin, viewsets.ModelViewSet):
    """Read and write (no PUT: PATCH changes some fields) of one catalogue entity by code."""

    permission_classes = [CanWriteCatalogue]
    parser_classes = [JSONParser]
    lookup_field = "code"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def perform_create(self, serializer):
        self._save(serializer)

    def perform_update(self, serializer):
        self._save(serializer)

    @staticmethod
    def _save(serializer):
        try:
            with transaction.atomic():
                serializer.save()
        except IntegrityError:
            # The checks passed, so another request took the code (or removed a referred
            # entry) in the meantime.
            raise Conflict(
                _("The catalogue changed at the same time; send the request again.")
            ) from None

    def perform_destroy(self, instance):
        users = _protected_relations(instance)
        if users:
            raise _in_use(instance, users)
        try:
            with transaction.atomic():
                instance.delete()
        except (models.ProtectedError, IntegrityError):
            # Something came to refer to it between the check and the delete.
            raise _in_use(instance, ["other records"]) from None


def _protected_relations(instance) -> list[str]:
    """Return the names of the kinds of records that still refer to `instance` and block it."""
    names = []
    for relation in instance._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete or relation.many_to_many:
            continue
        if relation.on_delete is not models.PROTECT:
            continue
        model = relation.related_model
        if model._base_manager.filter(**{relation.field.name: instance}).exists():
            names.append(str(model._meta.verbose_name_plural))
    return sorted(set(names))


def _in_use(instance, users) -> Conflict:
    return Conflict(
        _("Cannot delete %(entity)s %(code)s: %(users)s still refer to it.")
        % {"entity": instance._meta.verbose_name, "code": instance.code, "users": ", ".join(users)},
        code="in_use",
    )


@extend_schema_view(
    list=extend_schema(summary="List agencies", examples=[AGENCY_LIST_EXAMPLE]),
    retrieve=extend_schema(summary="One agency", parameters=[code_parameter("agency")]),
    **write_schemas("agency", AGENCY_LIST_EXAMPLE),
)
class AgencyViewSet(CatalogueViewSet):
    """Government bodies that offer services."""

    queryset = Agency.objects.select_related("parent").order_by("code")
    serializer_class = AgencySerializer
    filterset_class = AgencyFilterSet


@extend_schema_view(
    list=extend_schema(summary="List channels", examples=[CHANNEL_LIST_EXAMPLE]),
    retrieve=extend_schema(summary="One channel", parameters=[code_parameter("channel")]),
    **write_schemas("channel", CHANNEL_LIST_EXAMPLE),
)
class ChannelViewSet(CatalogueViewSet):
    """Ways services are used; `is_electronic` splits electronic from traditional."""

    queryset = Channel.objects.order_by("code")
    serializer_class = ChannelSerializer
    filterset_class = ChannelFilterSet


@extend_schema_view(
    list=extend_schema(summary="List services", examples=[SERVICE_LIST_EXAMPLE]),
    retrieve=extend_schema(summary="One service", parameters=[code_parameter("service")]),
    **write_schemas("service", SERVICE_LIST_EXAMPLE),
)
class ServiceViewSet(CatalogueViewSet):
    """Services offered by agencies, with the date each became electronic."""

    queryset = (
        Service.objects.select_related("agency").prefetch_related("channels").order_by("code")
    )
    serializer_class = ServiceSerializer
    filterset_class = ServiceFilterSet
