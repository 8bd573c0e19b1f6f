"""Each statistics request runs a fixed number of queries, whatever the number of counts."""

import datetime

import pytest

from services.models import Agency, Channel, Service
from transactions import rollups
from transactions.models import TransactionCount

from ..factories import AgencyFactory

pytestmark = pytest.mark.django_db


def build_counts(*, services: int, months: int) -> int:
    """Store services x 5 channels x months counts; return how many."""
    agencies = [AgencyFactory(code="ssc"), AgencyFactory(code="gam")]
    Service.objects.bulk_create(
        Service(
            code=f"service-{number}",
            agency=agencies[number % 2],
            name_en=f"Service {number}",
            name_ar=f"خدمة {number}",
            sector=("tax", "labour", "land")[number % 3],
            electronic_since=datetime.date(2019, 1 + number % 12, 1),
        )
        for number in range(services)
    )
    channels = list(Channel.objects.all())
    through = Service.channels.through
    through.objects.bulk_create(
        through(service_id=service.pk, channel_id=channel.pk)
        for service in Service.objects.all()
        for channel in channels
    )
    counts = [
        TransactionCount(
            service=service,
            channel=channel,
            period=datetime.date(2020 + month // 12, month % 12 + 1, 1),
            count=(service.pk * 7 + channel.pk * 3 + month) % 1000,
        )
        for service in Service.objects.all()
        for channel in channels
        for month in range(months)
    ]
    TransactionCount.objects.bulk_create(counts, batch_size=2000)
    # The bulk insert bypasses the write path: sum the counts into the roll-ups as well.
    rollups.rebuild()
    assert Agency.objects.count() == 2
    return len(counts)


SIZES = {"ten": (2, 1), "ten_thousand": (50, 40)}

# endpoint, parameters, queries
BUDGETS = [
    ("totals", {}, 1),
    ("totals", {"group_by": "month,quarter,year,agency,service,channel,sector"}, 1),
    ("totals", {"agency": "ssc", "channel": "web,mobile", "year": "2021"}, 3),
    ("growth", {"period": "2021-01"}, 1),
    ("growth", {"period": "2021-06", "basis": "ytd", "group_by": "service"}, 1),
    ("timeseries", {}, 2),
    ("timeseries", {"period_from": "2020-01", "period_to": "2022-12"}, 1),
    ("timeseries", {"interval": "quarter", "group_by": "agency", "year": "2021"}, 1),
    ("rankings", {"by": "service"}, 1),
    ("rankings", {"by": "agency", "metric": "growth", "year": "2021"}, 1),
    ("rankings", {"by": "sector", "metric": "electronic_share", "limit": "100"}, 1),
    ("service-counts", {"period": "2021-01"}, 1),
    ("service-counts", {"period": "2021-01", "group_by": "channel", "channel": "web"}, 2),
    ("summary", {"period": "2021-01"}, 5),
    ("summary", {"period": "2021-01", "agency": "gam"}, 6),
]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "endpoint, params, queries",
    BUDGETS,
    ids=[f"{endpoint}-{'&'.join(params)}" for endpoint, params, _ in BUDGETS],
)
def test_query_budget(
    channels, api_client, django_assert_num_queries, size, endpoint, params, queries
):
    services, months = SIZES[size]
    stored = build_counts(services=services, months=months)
    assert stored == {"ten": 10, "ten_thousand": 10_000}[size]

    # Plus one: the data version the ETag and the cache key are derived from.
    with django_assert_num_queries(queries + 1):
        response = api_client.get(f"/api/v1/stats/{endpoint}/", params)

    assert response.status_code == 200, response.json()
