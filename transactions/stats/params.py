"""Query strings of the statistics, validated by plain serializers that also document them.

Each `*Params` class validates one endpoint's own parameters and is passed as is to
`@extend_schema(parameters=[...])`. The shared count filters (`agency`, `period_from`, ...)
are validated by `CountFilterSet` and documented by `filters.filter_parameters()`.
"""

import re

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from egov_api.api.fields import MonthField
from egov_api.api.filters import repeated_errors

from .dimensions import ALL_DIMENSIONS, CATALOGUE_DIMENSIONS
from .filters import RANGE_FILTERS
from .statistics import INTERVALS

METRICS = ("electronic", "traditional", "total")
COMPARES = ("yoy", "mom")
BASES = ("month", "ytd")
RANKING_METRICS = ("electronic", "total", "traditional", "electronic_share", "growth")
SERVICE_GROUPS = ("agency", "sector", "channel")
WHOLE_NUMBER_RE = re.compile(r"-?[0-9]+")

# Filters an endpoint about one month refuses, and why. Its months come from `period`: a
# range filter beside it would repeat or contradict it, so it answers 400 rather than being
# silently ignored. The reasons are lazy: an error names them in the language of the request.
REFUSED_WITH_PERIOD = dict.fromkeys(
    RANGE_FILTERS, _("Not accepted here: the months compared follow from `period`.")
)
REFUSED_FOR_SERVICES = {
    **REFUSED_WITH_PERIOD,
    "electronic": _(
        "Not accepted here: electronic services are counted by the date each became "
        "electronic, not by channel kind."
    ),
}


def allowed(values) -> str:
    """Return the values as a comma-separated list for a message."""
    return ", ".join(values)


class EmptyIsInvalid:
    """DRF reads an empty value in a query string as "not sent" and uses the default; here
    `metric=` or `limit=` is a mistake to point out, not a request for the default."""

    def get_value(self, dictionary):
        if dictionary.get(self.field_name) == "":
            return ""
        return super().get_value(dictionary)


class Choice(EmptyIsInvalid, serializers.ChoiceField):
    """A choice whose error message lists the allowed values."""

    def __init__(self, choices, **kwargs):
        self.allowed_values = tuple(choices)
        super().__init__(choices, **kwargs)

    def fail(self, key, **kwargs):
        # Built here rather than in `error_messages`, so that it is translated into the
        # language of the request when it is raised.
        if key == "invalid_choice":
            raise serializers.ValidationError(
                gettext('"%(input)s" is not allowed; use one of: %(allowed)s.')
                % {"input": kwargs.get("input"), "allowed": allowed(self.allowed_values)},
                code=key,
            )
        super().fail(key, **kwargs)


class WholeNumber(EmptyIsInvalid, serializers.IntegerField):
    """An integer parameter written with digits only: DRF would also take "5.0" or " 5",
    which the schema's `integer` does not allow; empty is refused like any other non-number."""

    def to_internal_value(self, data):
        if not (isinstance(data, int) or WHOLE_NUMBER_RE.fullmatch(str(data))):
            self.fail("invalid")
        return super().to_internal_value(data)


class ChoiceList(serializers.ListField):
    """A comma-separated list of choices (`month,agency`); the parameter may also repeat."""

    repeatable = True

    def __init__(self, choices, **kwargs):
        self.allowed_values = tuple(choices)
        super().__init__(child=serializers.ChoiceField(choices), **kwargs)

    def to_internal_value(self, data):
        items = [data] if isinstance(data, str) else list(data)
        values = [part for item in items for part in str(item).split(",")]
        if "" in values:
            raise serializers.ValidationError(
                gettext("Remove the empty item from the list."), code="invalid"
            )
        unknown = [value for value in values if value not in self.allowed_values]
        if unknown:
            raise serializers.ValidationError(
                gettext("Not allowed: %(values)s; use any of: %(allowed)s.")
                % {"values": ", ".join(unknown), "allowed": allowed(self.allowed_values)},
                code="invalid_choice",
            )
        return list(dict.fromkeys(values))


def period_field(help_text: str) -> MonthField:
    return MonthField(
        help_text=help_text,
        error_messages={"required": _("This parameter is required: a month, as YYYY-MM.")},
    )


class PeriodParams(serializers.Serializer):
    """Parameters of an endpoint about one month, which refuses the filters named in
    `refused_filters`."""

    refused_filters: dict[str, str] = REFUSED_WITH_PERIOD

    def validate(self, attrs):
        given = getattr(self, "initial_data", {})
        errors = {
            name: [ErrorDetail(str(reason), code="not_accepted")]
            for name, reason in self.refused_filters.items()
            if name in given
        }
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class TotalsParams(serializers.Serializer):
    group_by = ChoiceList(
        ALL_DIMENSIONS,
        required=False,
        default=list,
        help_text=(
            "Keys to group by, comma-separated, any combination of: "
            f"{allowed(ALL_DIMENSIONS)}. None: one grand-total row."
        ),
    )


class GrowthParams(PeriodParams):
    period = period_field("The month of the figure, `YYYY-MM` (the last month, for `ytd`).")
    compare = Choice(
        COMPARES,
        default="yoy",
        help_text="`yoy`: against a year before (default); `mom`: against the previous month.",
    )
    basis = Choice(
        BASES,
        default="month",
        help_text=(
            "`month`: the month alone (default); `ytd`: January to `period` against the "
            "same months a year before (with `compare=yoy` only)."
        ),
    )
    metric = Choice(
        METRICS,
        default="electronic",
        help_text=(
            "Transactions measured: `electronic` (default), `traditional` (every other "
            "channel) or `total`."
        ),
    )
    group_by = Choice(
        CATALOGUE_DIMENSIONS,
        required=False,
        help_text=f"One key to group by: {allowed(CATALOGUE_DIMENSIONS)}. None: one row.",
    )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if attrs["basis"] == "ytd" and attrs["compare"] != "yoy":
            raise serializers.ValidationError(
                {
                    "compare": [
                        gettext("With basis=ytd, use one of: yoy (a year-to-date compares years).")
                    ]
                }
            )
        return attrs


class TimeseriesParams(serializers.Serializer):
    interval = Choice(
        INTERVALS,
        default="month",
        help_text=f"Length of each point: {allowed(INTERVALS)} (default `month`).",
    )
    metric = Choice(
        METRICS,
        default="electronic",
        help_text=(
            "Transactions `yoy_change_pct` measures: `electronic` (default), `traditional` or "
            "`total`."
        ),
    )
    group_by = Choice(
        CATALOGUE_DIMENSIONS,
        required=False,
        help_text=(
            f"One key to split the series by: {allowed(CATALOGUE_DIMENSIONS)}. None: one series."
        ),
    )


class RankingsParams(serializers.Serializer):
    by = Choice(
        CATALOGUE_DIMENSIONS,
        help_text=f"What to rank: {allowed(CATALOGUE_DIMENSIONS)}.",
    )
    metric = Choice(
        RANKING_METRICS,
        default="electronic",
        help_text=(
            "Ranked on: `electronic` (default), `total` or `traditional` transactions, "
            "`electronic_share` (percent of transactions that were electronic) or `growth` "
            "(percent change of electronic transactions from the same range a year before; "
            "needs a range: `year`, or `period_from` and `period_to`)."
        ),
    )
    limit = WholeNumber(
        min_value=1,
        max_value=100,
        default=10,
        help_text="How many rows, 1 to 100 (default 10).",
        error_messages=dict.fromkeys(
            ("invalid", "min_value", "max_value", "max_string_length"),
            _("Use a whole number from 1 to 100."),
        ),
    )


class ServiceCountsParams(PeriodParams):
    refused_filters = REFUSED_FOR_SERVICES

    period = period_field("The month: services electronic and live on its first day.")
    compare = Choice(
        COMPARES,
        default="yoy",
        help_text="`yoy`: against a year before (default); `mom`: against the previous month.",
    )
    group_by = Choice(
        SERVICE_GROUPS,
        required=False,
        help_text=(
            f"One key to group by: {allowed(SERVICE_GROUPS)} (a service counts under every "
            "channel it is offered on). None: one object."
        ),
    )


class SummaryParams(PeriodParams):
    refused_filters = REFUSED_FOR_SERVICES

    period = period_field("The month summarised, compared with the same month a year before.")


def validated(params_class: type[serializers.Serializer], query_params) -> dict:
    """Return the validated parameters, or raise the 400 naming every bad one."""
    params = params_class(data=query_params)
    valid = params.is_valid()
    errors = dict(params.errors)
    once_only = [
        name for name, field in params.fields.items() if not getattr(field, "repeatable", False)
    ]
    for name, details in repeated_errors(query_params, once_only).items():
        errors.setdefault(name, []).extend(details)
    if errors or not valid:
        raise serializers.ValidationError(errors)
    return params.validated_data
