"""Concurrent writers that share roll-up rows, a service moved meanwhile and a rebuild: every
request succeeds and the roll-ups still equal the counts."""

import datetime
import functools
import threading

import pytest
from django.db import connection

from services.models import Service
from tests.factories import AgencyFactory, ServiceFactory
from tests.writes.conftest import as_json, client_for, make_key, post_json
from transactions import rollups

from .conftest import assert_rollups_match

CHANNELS = ("web", "mobile", "kiosk", "call_center", "counter")
MONTHS = [f"2021-{month:02d}" for month in range(1, 13)]


def body(services, *, value: int, reverse: bool) -> str:
    """Every channel and month of the services: rows that share their roll-up rows with any
    other service of the same agency and sector."""
    rows = [
        (service, channel, month, value + number)
        for number, (service, channel, month) in enumerate(
            (s, c, m) for s in services for c in CHANNELS for m in MONTHS
        )
    ]
    return as_json(list(reversed(rows)) if reverse else rows)


def run_together(work: dict) -> dict:
    """Run the callables from one thread each, released at the same moment; return results."""
    barrier = threading.Barrier(len(work))
    results = {}

    def run(name, job):
        try:
            barrier.wait()
            results[name] = job()
        finally:
            connection.close()  # each thread opened its own connection

    threads = [threading.Thread(target=run, args=item) for item in work.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_writes_moves_and_rebuilds_on_postgresql(channels):
    agency = AgencyFactory(code="bulk")
    AgencyFactory(code="other")
    services = [
        ServiceFactory(
            code=f"bulk-{n:02d}", agency=agency, electronic_since=datetime.date(2000, 1, 1)
        ).code
        for n in range(10)
    ]
    secret = make_key(name="ministry")[1]

    def submit(services, value, reverse):
        return post_json(client_for(secret), body(services, value=value, reverse=reverse))

    def move(code, change):
        return client_for(secret).patch(f"/api/v1/services/{code}/", change, format="json")

    def rebuild():
        rollups.rebuild()
        return "done"

    first, second = services[:5], services[5:]
    for round_no in range(3):
        change = {"sector": "tax"} if round_no % 2 == 0 else {"agency": "other"}
        results = run_together(
            {
                "a": functools.partial(submit, first, 1000 * round_no, False),
                "b": functools.partial(submit, second, 2000 * round_no, True),
                "move": functools.partial(move, services[round_no], change),
                "rebuild": rebuild,
            }
        )
        statuses = {
            name: getattr(result, "status_code", result) for name, result in results.items()
        }
        assert statuses == {"a": 200, "b": 200, "move": 200, "rebuild": "done"}
        assert_rollups_match()
    assert Service.objects.filter(sector="tax").exists()
