"""Keys, clients and bodies for the write tests.

`small_catalogue` (tests/conftest.py) gives agencies ssc and gam with services ssc-pension
(electronic since 2019-01), ssc-join (2021-06), gam-permit (2020-01) and gam-fees (never),
offered on web, mobile, kiosk (electronic), call_center and counter (traditional).
"""

import csv
import datetime
import io
import json

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from egov_api.keys.models import ApiKey
from services.models import Agency
from tests.factories import AgencyFactory, ServiceFactory
from transactions.models import TransactionCount

BULK_URL = "/api/v1/transactions/bulk/"
LIST_URL = "/api/v1/transactions/"


def count_url(count_id):
    return f"/api/v1/transactions/{count_id}/"


def make_key(*, agency: Agency | None = None, name="test key", **fields) -> tuple[ApiKey, str]:
    """Return a new key (and its secret): ministry-wide when no agency is given."""
    return ApiKey.objects.create_key(name=name, agency=agency, is_ministry=agency is None, **fields)


def client_for(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client


def as_csv(rows, header=("service", "channel", "period", "count")) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def as_json(rows) -> str:
    return json.dumps(
        [dict(zip(("service", "channel", "period", "count"), row, strict=True)) for row in rows]
    )


def post_csv(client, text, url=BULK_URL):
    return client.generic("POST", url, text.encode("utf-8"), content_type="text/csv")


def post_json(client, body, url=BULK_URL):
    if not isinstance(body, (str, bytes)):
        body = json.dumps(body)
    return client.generic("POST", url, body, content_type="application/json")


def stored() -> dict[tuple[str, str, str], int]:
    """Return every stored count as {(service, channel, "YYYY-MM"): count}."""
    return {
        (service, channel, f"{period:%Y-%m}"): count
        for service, channel, period, count in TransactionCount.objects.values_list(
            "service__code", "channel__code", "period", "count"
        )
    }


@pytest.fixture
def ssc_key(small_catalogue):
    return make_key(agency=small_catalogue["agencies"]["ssc"], name="ssc uploads")


@pytest.fixture
def gam_key(small_catalogue):
    return make_key(agency=small_catalogue["agencies"]["gam"], name="gam uploads")


@pytest.fixture
def ministry_key(small_catalogue):
    return make_key(name="ministry")


@pytest.fixture
def ssc_client(ssc_key):
    return client_for(ssc_key[1])


@pytest.fixture
def gam_client(gam_key):
    return client_for(gam_key[1])


@pytest.fixture
def ministry_client(ministry_key):
    return client_for(ministry_key[1])


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_user(username="steward", password="x", is_staff=True)


@pytest.fixture
def staff_client(staff_user):
    client = APIClient()
    client.force_login(staff_user)
    return client


BULK_MONTHS = 100
BULK_SERVICES = 20


@pytest.fixture
def bulk_catalogue(channels):
    """One agency with 20 services electronic since 2000: 20 x 5 channels x 100 months = 10,000
    distinct rows."""
    agency = AgencyFactory(code="bulk")
    services = [
        ServiceFactory(
            code=f"bulk-{n:02d}", agency=agency, electronic_since=datetime.date(2000, 1, 1)
        )
        for n in range(BULK_SERVICES)
    ]
    return {"agency": agency, "services": services, "channels": channels}


def bulk_rows(n, *, value=lambda i: i * 7 % 1000):
    """Return the first `n` distinct rows of the bulk catalogue (at most 10,000)."""
    rows = []
    channels = ["web", "mobile", "kiosk", "call_center", "counter"]
    for i in range(n):
        service = f"bulk-{i % BULK_SERVICES:02d}"
        channel = channels[(i // BULK_SERVICES) % len(channels)]
        month = i // (BULK_SERVICES * len(channels))
        period = f"{2010 + month // 12}-{month % 12 + 1:02d}"
        rows.append((service, channel, period, value(i)))
    assert len({row[:3] for row in rows}) == n
    return rows


@pytest.fixture
def bulk_key(bulk_catalogue):
    return make_key(agency=bulk_catalogue["agency"], name="bulk uploads")


@pytest.fixture
def bulk_client(bulk_key):
    return client_for(bulk_key[1])
