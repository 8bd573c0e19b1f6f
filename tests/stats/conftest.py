"""Data builders for the statistics tests.

Tests insert counts as plain tuples and compute what they expect from the same tuples with
the helpers below: sums over a list, never the code under test.
"""

import datetime
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

import pytest

from services.models import Channel, Service
from transactions import rollups
from transactions.models import TransactionCount

ELECTRONIC_CHANNELS = {"web", "mobile", "kiosk"}
# The services of `small_catalogue` (tests/conftest.py): agency and sector of each.
AGENCY_OF = {"ssc-pension": "ssc", "ssc-join": "ssc", "gam-permit": "gam", "gam-fees": "gam"}
SECTOR_OF = {
    "ssc-pension": "social_protection",
    "ssc-join": "social_protection",
    "gam-permit": "local_government",
    "gam-fees": "tax",
}


class Row(NamedTuple):
    """One monthly count as a test writes it."""

    service: str
    channel: str
    period: str
    count: int

    @property
    def electronic(self) -> bool:
        return self.channel in ELECTRONIC_CHANNELS

    @property
    def agency(self) -> str:
        return AGENCY_OF[self.service]

    @property
    def sector(self) -> str:
        return SECTOR_OF[self.service]


def month(label: str) -> datetime.date:
    year, number = label.split("-")
    return datetime.date(int(year), int(number), 1)


def insert(rows: Iterable[Row]) -> list[Row]:
    """Store the rows as counts, and sum them into the monthly roll-ups; return them."""
    rows = list(rows)
    services = dict(Service.objects.values_list("code", "pk"))
    channels = dict(Channel.objects.values_list("code", "pk"))
    TransactionCount.objects.bulk_create(
        TransactionCount(
            service_id=services[row.service],
            channel_id=channels[row.channel],
            period=month(row.period),
            count=row.count,
        )
        for row in rows
    )
    # A bulk insert bypasses the write path, as a load by SQL does: rebuild the roll-ups the
    # statistics read, as an operator would.
    rollups.rebuild()
    return rows


def total(rows: Iterable[Row], where: Callable[[Row], bool] = lambda row: True) -> int:
    return sum(row.count for row in rows if where(row))


def electronic(rows: Iterable[Row], where: Callable[[Row], bool] = lambda row: True) -> int:
    return total(rows, lambda row: row.electronic and where(row))


def traditional(rows: Iterable[Row], where: Callable[[Row], bool] = lambda row: True) -> int:
    return total(rows, lambda row: not row.electronic and where(row))


def pct(numerator: int, denominator: int) -> float | None:
    """The wire percentage: rounded half-up to 2 decimals, None on a zero base."""
    if denominator == 0:
        return None
    exact = Decimal(numerator) * 100 / Decimal(denominator)
    return float(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@pytest.fixture
def catalogue(small_catalogue):
    return small_catalogue


@pytest.fixture
def get(api_client):
    """GET a statistics endpoint; return the response (JSON already parsed)."""

    def get(endpoint: str, **params):
        response = api_client.get(f"/api/v1/stats/{endpoint}/", params)
        response.body = response.json()
        return response

    return get
