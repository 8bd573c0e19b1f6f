"""Read-side functions of the statistics: one per computed figure, each a fixed few queries."""

from .growth import growth_list
from .rankings import rankings_list
from .services import service_counts
from .summary import month_summary
from .timeseries import timeseries_list
from .totals import totals_list

__all__ = [
    "growth_list",
    "month_summary",
    "rankings_list",
    "service_counts",
    "timeseries_list",
    "totals_list",
]
