"""The shared count filters on the statistics: applying them, their range, their docs.

`CountFilterSet` validates the filters as on `transactions/`. The statistics apply all of
them but the range (`period_from`, `period_to`, `year`), which they take as two months
instead, because some figures also read the year before the range. They apply them twice:
to the counts, and to each monthly roll-up, which the figures that need nothing at service
level read instead (see `dimensions.aggregate_source`).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext
from django_filters.utils import translate_validation
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from egov_api.formats import MONTH_PATTERN
from services.models import Sector
from transactions.filters import (
    AgencyRollupFilterSet,
    CountFilterSet,
    RollupFilterSet,
    SectorRollupFilterSet,
)
from transactions.models import TransactionCount

from .dimensions import Selection
from .statistics import months_between

RANGE_FILTERS = ("period_from", "period_to", "year")
DEFAULT_MAX_YEARS = 25


@dataclass(frozen=True)
class CountScope:
    """The counts the shared filters select, and the range of months they ask for."""

    counts: Selection
    period_from: datetime.date | None
    period_to: datetime.date | None
    filters: dict


def narrow_counts(request) -> CountScope:
    """Return the counts narrowed by every shared filter but the range, and the range.

    The range (`period_from`, `period_to`, `year`) is returned rather than applied, because
    some figures read the months just before it (a year-on-year change of its first month).
    """
    filterset = CountFilterSet(
        request.query_params, queryset=TransactionCount.objects.all(), request=request
    )
    if not filterset.is_valid():
        raise translate_validation(filterset.errors)
    cleaned = filterset.form.cleaned_data
    counts = filterset.queryset
    for name, value in cleaned.items():
        if name not in RANGE_FILTERS:
            counts = filterset.filters[name].filter(counts, value)
    period_from, period_to = month_range(cleaned)
    return CountScope(Selection(counts, narrow_rollups(cleaned)), period_from, period_to, cleaned)


# Smallest first: a figure reads the first that holds its keys.
ROLLUP_FILTERSETS = (SectorRollupFilterSet, AgencyRollupFilterSet, RollupFilterSet)


def narrow_rollups(cleaned: dict) -> tuple[QuerySet, ...]:
    """Return each monthly roll-up narrowed by the cleaned shared filters but the range,
    smallest first; a roll-up without a column that a given filter reads is left out."""
    narrowed = []
    for filterset_class in ROLLUP_FILTERSETS:
        model = filterset_class._meta.model
        # The class's own filters: an instance would deep-copy them all for each request, and
        # these are only asked to filter (none reads the request or a bound form).
        filters = filterset_class.base_filters
        rows = model.objects.all()
        for name, value in cleaned.items():
            if name in RANGE_FILTERS or value in (None, "", []):
                continue
            if name not in filters:
                break
            rows = filters[name].filter(rows, value)
        else:
            narrowed.append(rows)
    return tuple(narrowed)


def max_years() -> int:
    """Return the longest range accepted, in years (setting `EGOV_STATS_MAX_YEARS`)."""
    return getattr(settings, "EGOV_STATS_MAX_YEARS", DEFAULT_MAX_YEARS)


def month_range(cleaned: dict) -> tuple[datetime.date | None, datetime.date | None]:
    """Return the range the filters `period_from`, `period_to` and `year` select together.

    Either end may be None (open). Raises a ValidationError naming the parameter when `year`
    lies outside `period_from..period_to` or the range is longer than the allowed span.
    """
    start, end, year = cleaned.get("period_from"), cleaned.get("period_to"), cleaned.get("year")
    if year is not None:
        january, december = datetime.date(year, 1, 1), datetime.date(year, 12, 1)
        start = max(start, january) if start else january
        end = min(end, december) if end else december
        if start > end:
            raise serializers.ValidationError(
                {
                    "year": [
                        gettext("%(year)s lies outside the range period_from..period_to.")
                        % {"year": year}
                    ]
                }
            )
    limit = max_years()
    if start and end and months_between(start, end) + 1 > limit * 12:
        raise serializers.ValidationError(
            {
                "period_to": [
                    gettext(
                        "The range period_from..period_to is longer than %(limit)s years; "
                        "ask for a shorter one."
                    )
                    % {"limit": limit}
                ]
            }
        )
    return start, end


def required_range(
    start: datetime.date | None, end: datetime.date | None, *, reason: str
) -> tuple[datetime.date, datetime.date]:
    """Return the range when both ends are known; raise a ValidationError naming the missing
    end otherwise. `reason` (e.g. "with metric=growth") is already translated."""
    message = gettext("Required %(reason)s: give `year`, or `period_from` and `period_to`.") % {
        "reason": reason
    }
    errors = {
        name: [message]
        for name, end_value in (("period_from", start), ("period_to", end))
        if end_value is None
    }
    if errors:
        raise serializers.ValidationError(errors)
    return start, end


FILTER_TYPES = {"year": int, "electronic": bool}


def filter_parameters(*, refused: dict[str, str] | None = None) -> list[OpenApiParameter]:
    """Return the OpenAPI parameters of the shared count filters, described from
    `CountFilterSet` itself. `refused` maps a filter name to why the endpoint refuses it.

    The reasons are translatable error messages; the schema states them in English.
    """
    with translation.override("en"):
        refused = {name: str(reason) for name, reason in (refused or {}).items()}
    parameters = []
    for name, count_filter in CountFilterSet.base_filters.items():
        description = count_filter.extra.get("help_text", "")
        if name in refused:
            description = f"{description} {refused[name]} Giving it answers 400."
        if name == "sector":
            parameters.append(
                OpenApiParameter(
                    name,
                    str,
                    many=True,
                    enum=Sector.values,
                    style="form",
                    explode=False,
                    description=description,
                )
            )
            continue
        parameters.append(
            OpenApiParameter(
                name,
                FILTER_TYPES.get(name, str),
                description=description,
                pattern=MONTH_PATTERN if name in ("period_from", "period_to") else None,
            )
        )
    return parameters
