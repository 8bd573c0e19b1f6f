"""Counts of electronic services: how many were electronic and live on a day."""

import datetime
from collections.abc import Mapping

from django.db.models import Count, Q, QuerySet

from services.models import Service, electronic_and_live_on

from ..dimensions import SERVICE_DIMENSIONS
from ..statistics import COMPARE_OFFSETS, add_months, change_pct, month_label


def services_matching(*, filters: Mapping, join_channels: bool = False) -> QuerySet:
    """Return the services the shared filters select.

    `filters` are the cleaned shared filters (`agency`, `service`, `channel`: primary keys;
    `sector`: values). A channel filter keeps the services offered on one of the channels;
    with `join_channels` it joins them instead, one row per service and matching channel,
    for grouping by channel.
    """
    services = Service.objects.all()
    if filters.get("agency"):
        services = services.filter(agency__in=filters["agency"])
    if filters.get("service"):
        services = services.filter(pk__in=filters["service"])
    if filters.get("sector"):
        services = services.filter(sector__in=filters["sector"])
    if join_channels:
        # Grouping on `channels__code` reuses this join (one filter call, hence one join), so
        # each row is one offered channel, and services offered on none drop out.
        if filters.get("channel"):
            services = services.filter(channels__in=filters["channel"])
        else:
            services = services.filter(channels__isnull=False)
    elif filters.get("channel"):
        # A subquery rather than a join, so a service offered on two of the channels counts once.
        offered = Service.channels.through.objects.filter(channel_id__in=filters["channel"])
        services = services.filter(pk__in=offered.values("service_id"))
    return services


def electronic_on(day: datetime.date) -> Q:
    """Return the condition "the service is electronic and live on `day`", on the service's
    own columns: `pk__in` a queryset would cost a subquery lookup per service row."""
    return electronic_and_live_on(day)


def service_count_row(*, current: int, previous: int, period, previous_period) -> dict:
    """Return the wire fields of one service count comparison."""
    return {
        "period": month_label(period),
        "previous_period": month_label(previous_period),
        "current": current,
        "previous": previous,
        "change": current - previous,
        "change_pct": change_pct(previous=previous, current=current),
    }


def service_counts(
    *,
    period: datetime.date,
    compare: str = "yoy",
    group_by: str | None = None,
    filters: Mapping | None = None,
) -> dict | list[dict]:
    """Return how many services were electronic and live on the first day of `period` and
    of the month `compare` points to, with the change.

    Without `group_by`, one dict. With it, one row per group with an electronic service on
    either day, ordered by key; grouped by channel, a service counts under every channel it
    is offered on. One query.
    """
    previous_period = add_months(period, COMPARE_OFFSETS[compare])
    services = services_matching(filters=filters or {}, join_channels=group_by == "channel")
    sums = {
        "current": Count("pk", filter=electronic_on(period)),
        "previous": Count("pk", filter=electronic_on(previous_period)),
    }
    dates = {"period": period, "previous_period": previous_period}
    if group_by is None:
        return service_count_row(**services.aggregate(**sums), **dates)
    dimension = SERVICE_DIMENSIONS[group_by]
    rows = (
        services.values(**dimension.columns())
        .annotate(**sums)
        .filter(Q(current__gt=0) | Q(previous__gt=0))
        .order_by(dimension.alias)
    )
    return [
        {
            **dimension.present(row),
            **service_count_row(current=row["current"], previous=row["previous"], **dates),
        }
        for row in rows
    ]
