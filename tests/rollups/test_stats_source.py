"""Figures that need nothing at service level are read from the roll-ups, and equal the same
figures read from the counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.writes.conftest import as_json, post_json
from transactions.models import (
    MonthlyAgencyRollup,
    MonthlyRollup,
    MonthlySectorRollup,
    TransactionCount,
)

from .conftest import assert_rollups_match

pytestmark = pytest.mark.django_db

SERVICES = ("ssc-pension", "ssc-join", "gam-permit", "gam-fees")
EVERY_SERVICE = ",".join(SERVICES)
COUNTS = TransactionCount._meta.db_table
BY_AGENCY_AND_SECTOR = MonthlyRollup._meta.db_table
BY_AGENCY = MonthlyAgencyRollup._meta.db_table
BY_SECTOR = MonthlySectorRollup._meta.db_table
TABLES = (COUNTS, BY_AGENCY_AND_SECTOR, BY_AGENCY, BY_SECTOR)


def rows():
    """Counts over two years and a half: every service and channel it may use, varied."""
    months = [f"{year}-{month:02d}" for year in (2020, 2021) for month in range(1, 13)]
    months += [f"2022-{month:02d}" for month in range(1, 7)]
    body = []
    for number, service in enumerate(SERVICES):
        for channel in ("web", "mobile", "kiosk", "call_center", "counter"):
            electronic = channel in ("web", "mobile", "kiosk")
            for index, month in enumerate(months):
                if electronic and (
                    service == "gam-fees" or (service == "ssc-join" and month < "2021-06")
                ):
                    continue
                if (index + number) % 7 == 3:
                    continue  # a month with no count
                body.append(
                    (service, channel, month, (index * 37 + number * 11 + len(channel)) % 500)
                )
    return body


@pytest.fixture
def written(ministry_client):
    response = post_json(ministry_client, as_json(rows()))
    assert response.status_code == 200, response.json()
    assert_rollups_match()


# Each request, and the roll-up it should read: the smallest holding its keys and filters.
REQUESTS = [
    ("totals", {}, BY_SECTOR),
    ("totals", {"group_by": "month"}, BY_SECTOR),
    ("totals", {"group_by": "quarter,agency"}, BY_AGENCY),
    ("totals", {"group_by": "year,sector,channel"}, BY_SECTOR),
    ("totals", {"group_by": "agency", "year": "2021"}, BY_AGENCY),
    ("totals", {"group_by": "sector", "agency": "gam"}, BY_AGENCY_AND_SECTOR),
    ("totals", {"group_by": "agency,sector"}, BY_AGENCY_AND_SECTOR),
    ("totals", {"group_by": "channel", "agency": "gam", "electronic": "false"}, BY_AGENCY),
    ("totals", {"group_by": "month", "sector": "tax,social_protection"}, BY_SECTOR),
    ("growth", {"period": "2022-01"}, BY_SECTOR),
    ("growth", {"period": "2022-03", "group_by": "agency"}, BY_AGENCY),
    ("growth", {"period": "2022-06", "basis": "ytd", "group_by": "sector"}, BY_SECTOR),
    ("growth", {"period": "2021-07", "compare": "mom", "group_by": "channel"}, BY_SECTOR),
    ("growth", {"period": "2022-01", "group_by": "agency", "sector": "tax"}, BY_AGENCY_AND_SECTOR),
    ("timeseries", {}, BY_SECTOR),
    ("timeseries", {"interval": "quarter", "group_by": "agency", "metric": "total"}, BY_AGENCY),
    ("timeseries", {"group_by": "channel", "year": "2021", "electronic": "true"}, BY_SECTOR),
    ("rankings", {"by": "agency"}, BY_AGENCY),
    ("rankings", {"by": "sector", "metric": "electronic_share"}, BY_SECTOR),
    ("rankings", {"by": "channel", "metric": "growth", "year": "2021"}, BY_SECTOR),
    ("rankings", {"by": "agency", "metric": "traditional", "sector": "tax"}, BY_AGENCY_AND_SECTOR),
    ("summary", {"period": "2022-01"}, None),
    ("summary", {"period": "2021-06", "agency": "ssc"}, BY_AGENCY),
]


def tables_read(api_client, endpoint: str, params: dict) -> tuple[list | dict, set[str]]:
    """Return the response body and which of the two tables its queries read."""
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(f"/api/v1/stats/{endpoint}/", params)
    assert response.status_code == 200, response.json()
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    return response.json(), {table for table in TABLES if f'"{table}"' in sql}


@pytest.mark.parametrize(
    "endpoint, params, table", REQUESTS, ids=[f"{e}-{'&'.join(p)}" for e, p, _ in REQUESTS]
)
def test_rollups_answer_as_the_counts_do(api_client, written, endpoint, params, table):
    from_rollups, read = tables_read(api_client, endpoint, params)
    if table is None:  # the summary's leading agency needs the roll-up by agency
        assert read == {BY_SECTOR, BY_AGENCY}
    else:
        assert read == {table}
    # Naming every service selects the same counts, but only the counts table holds services.
    from_counts, read = tables_read(api_client, endpoint, {**params, "service": EVERY_SERVICE})
    assert read == {COUNTS}
    assert from_rollups == from_counts
    assert from_rollups not in ([], {})


@pytest.mark.parametrize(
    "endpoint, params",
    [
        ("totals", {"group_by": "service"}),
        ("totals", {"group_by": "month,service"}),
        ("growth", {"period": "2022-01", "group_by": "service"}),
        ("timeseries", {"group_by": "service"}),
        ("rankings", {"by": "service"}),
        ("totals", {"service": "gam-fees"}),
    ],
)
def test_service_level_figures_read_the_counts(api_client, written, endpoint, params):
    body, read = tables_read(api_client, endpoint, params)
    assert read == {COUNTS}
    assert body
