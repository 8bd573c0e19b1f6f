"""The one-call summary of a month: every figure of the press report, and its sentences."""

import datetime
from collections.abc import Mapping

from django.db.models import Count, QuerySet

from transactions.models import CountQuerySet, sum_of_counts

from ..dimensions import SERVICE_DIMENSIONS, Dimension, Selection, aggregate_source
from ..headlines import headline_ar, headline_en
from ..statistics import add_months, change_pct, month_label, year_start
from ._common import in_months, with_share
from .services import electronic_on, service_counts, services_matching

YEAR_BEFORE = -12


def leader(rows, dimension: Dimension) -> dict | None:
    """Return the first of the agency rows as `{code, name_en, name_ar, value}`, or None."""
    for row in rows:
        agency = dimension.present(row)
        return {
            "code": agency["agency"],
            "name_en": agency["agency_name_en"],
            "name_ar": agency["agency_name_ar"],
            "value": row["value"],
        }
    return None


def top_agency_by_electronic_transactions(
    counts: Selection, start: datetime.date, end: datetime.date
) -> dict | None:
    """Return the agency with the most electronic transactions from `start` to `end` (ties:
    the first code), or None when no electronic transaction was counted."""
    source = aggregate_source(counts, "agency")
    agency = source.dimension("agency")
    rows = (
        source.rows.electronic()
        .in_period(start, end)
        .values(**agency.columns())
        .annotate(value=sum_of_counts())
        .filter(value__gt=0)
        .order_by("-value", agency.alias)[:1]
    )
    return leader(rows, agency)


def top_agency_by_electronic_services(services: QuerySet, day: datetime.date) -> dict | None:
    """Return the agency with the most services electronic and live on `day` (ties: the
    first code), or None when there is none."""
    agency = SERVICE_DIMENSIONS["agency"]
    rows = (
        services.filter(electronic_on(day))
        .values(**agency.columns())
        .annotate(value=Count("pk"))
        .order_by("-value", agency.alias)[:1]
    )
    return leader(rows, agency)


def month_summary(*, counts: Selection, period: datetime.date, filters: Mapping) -> dict:
    """Return every figure of the month `period` against the same month a year before.

    Transactions (`electronic`, `traditional`, `total`, `electronic_share_pct`, the
    `previous_*` ones, `change` and `change_pct` of electronic transactions), electronic
    services (`services`, `previous_services`, `services_change`, `services_change_pct`),
    the leading agencies, and `headline_en`/`headline_ar` stating them. Five queries.
    """
    previous_period = add_months(period, YEAR_BEFORE)
    this_month, that_month = in_months(period, period), in_months(previous_period, previous_period)
    months = (
        aggregate_source(counts)
        .rows.filter(this_month | that_month)
        .aggregate(
            **CountQuerySet.channel_sums(this_month),
            **{
                f"previous_{name}": aggregate
                for name, aggregate in CountQuerySet.channel_sums(that_month).items()
            },
        )
    )
    current = with_share(months)
    services = service_counts(period=period, compare="yoy", filters=filters)
    summary = {
        "period": month_label(period),
        "previous_period": month_label(previous_period),
        **current,
        "previous_electronic": months["previous_electronic"],
        "previous_traditional": months["previous_traditional"],
        "previous_total": months["previous_total"],
        "change": current["electronic"] - months["previous_electronic"],
        "change_pct": change_pct(
            previous=months["previous_electronic"], current=current["electronic"]
        ),
        "services": services["current"],
        "previous_services": services["previous"],
        "services_change": services["change"],
        "services_change_pct": services["change_pct"],
        "top_agency_electronic_transactions": top_agency_by_electronic_transactions(
            counts, period, period
        ),
        "top_agency_electronic_transactions_ytd": top_agency_by_electronic_transactions(
            counts, year_start(period), period
        ),
        "top_agency_electronic_services": top_agency_by_electronic_services(
            services_matching(filters=filters), period
        ),
    }
    summary["headline_en"] = headline_en(summary)
    summary["headline_ar"] = headline_ar(summary)
    return summary
