"""Concurrent bulk writes over the same rows: each applied whole, one after the other, with no
lost update, no deadlock reaching the client and no 500."""

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import OperationalError, connection

from transactions.models import CountHistory, TransactionCount
from transactions.writes.apply import with_retries

from .conftest import as_csv, as_json, bulk_rows, client_for, make_key, post_json, stored

PROJECT = Path(__file__).resolve().parents[2]


def final_after(before, *submissions):
    """Return the counts expected after applying the submissions, in this order, to `before`."""
    result = dict(before)
    for rows in submissions:
        result.update({(s, c, p): n for s, c, p, n in rows})
    return result


def two_overlapping_submissions(round_no):
    """Return bodies A and B: 2,500 rows each, 2,000 of them the same keys with other values.

    B lists its rows in reverse order, the order most likely to deadlock an unsorted writer.
    """
    keys = [row[:3] for row in bulk_rows(3_000)]
    a = [(*key, round_no * 100_000 + i) for i, key in enumerate(keys[:2_500])]
    b = [(*key, round_no * 100_000 + 50_000 + i) for i, key in enumerate(keys[500:])]
    return a, list(reversed(b))


def assert_history_has_no_gaps():
    """Each count's history is a chain ending at its value: every entry's old value is the
    previous entry's new value, so no write went unseen by the next."""
    last = {}
    for count_id, old, new in CountHistory.objects.order_by("count_id", "id").values_list(
        "count_id", "old_count", "new_count"
    ):
        assert old == last.get(count_id), count_id
        last[count_id] = new
    assert last == dict(TransactionCount.objects.values_list("id", "count"))


def send_together(secret, bodies):
    """POST the bodies to the bulk endpoint from one thread each, released at the same moment."""
    barrier = threading.Barrier(len(bodies))
    responses = {}

    def send(name, body):
        try:
            client = client_for(secret)
            barrier.wait()
            responses[name] = post_json(client, body)
        finally:
            connection.close()  # each thread opened its own connection

    threads = [threading.Thread(target=send, args=item) for item in bodies.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return responses


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_bulk_requests_on_postgresql(bulk_catalogue):
    secret = make_key(agency=bulk_catalogue["agency"])[1]
    before = {}
    for round_no in range(1, 4):  # round 1 creates rows; later rounds overwrite them
        a, b = two_overlapping_submissions(round_no)
        responses = send_together(secret, {"a": as_json(a), "b": as_json(b)})
        assert {name: r.status_code for name, r in responses.items()} == {"a": 200, "b": 200}

        serial = {"ab": final_after(before, a, b), "ba": final_after(before, b, a)}
        final = stored()
        assert final in serial.values()
        first, second = ("a", "b") if final == serial["ab"] else ("b", "a")
        if round_no == 1:
            # The first applied created all its rows; the second created its own 500 and
            # updated the 2,000 shared ones: neither saw half of the other.
            assert responses[first].json()["created"] == 2_500
            assert responses[second].json()["created"] == 500
            assert responses[second].json()["updated"] == 2_000
        assert_history_has_no_gaps()
        before = final


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite run covers SQLite")
def test_two_concurrent_imports_on_sqlite(tmp_path):
    """Two processes import overlapping files into one SQLite file at the same moment."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "egov_api.settings",
    }
    manage = [sys.executable, str(PROJECT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True, cwd=PROJECT)
    setup = (
        "import django, datetime; django.setup();"
        "from services.models import Agency, Channel, Service;"
        "agency = Agency.objects.create(code='bulk', name_en='B', name_ar='ب', kind='other');"
        "[Channel.objects.create(code=c, name_en=c, name_ar=c, is_electronic=c in "
        "('web', 'mobile', 'kiosk')) for c in ('web', 'mobile', 'kiosk', 'call_center', "
        "'counter')];"
        "[Service.objects.create(code=f'bulk-{n:02d}', agency=agency, name_en='s', name_ar='s',"
        " sector='other', electronic_since=datetime.date(2000, 1, 1)) for n in range(20)]"
    )
    subprocess.run([sys.executable, "-c", setup], env=env, check=True, cwd=PROJECT)

    a, b = two_overlapping_submissions(1)
    (tmp_path / "a.csv").write_text(as_csv(a))
    (tmp_path / "b.csv").write_text(as_csv(b))
    # Both processes start Django first, then import at the same agreed instant.
    start_at = time.time() + 4
    importer = (
        "import sys, time, django; django.setup();"
        "from django.core.management import call_command;"
        "time.sleep(max(0, float(sys.argv[1]) - time.time()));"
        "call_command('import_counts', sys.argv[2], '--agency', 'bulk')"
    )
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", importer, str(start_at), str(tmp_path / name)],
            env=env,
            cwd=PROJECT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a.csv", "b.csv")
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0, 0], outputs
    reports = [json.loads(out.strip().splitlines()[-1]) for out, _ in outputs]
    assert sorted(r["created"] for r in reports) == [500, 2_500]

    dump = (
        "import django, json; django.setup();"
        "from transactions.models import TransactionCount as T;"
        "print(json.dumps([[s, c, f'{p:%Y-%m}', n] for s, c, p, n in "
        "T.objects.values_list('service__code', 'channel__code', 'period', 'count')]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", dump], env=env, check=True, cwd=PROJECT, capture_output=True
    )
    final = {tuple(row[:3]): row[3] for row in json.loads(result.stdout)}
    assert final in (final_after({}, a, b), final_after({}, b, a))


class Deadlock(Exception):
    sqlstate = "40P01"


def test_a_deadlocked_write_is_run_again():
    calls = []

    def work():
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("deadlock detected") from Deadlock()
        return "done"

    assert with_retries(work) == "done"
    assert len(calls) == 3


def test_other_database_errors_are_not_retried():
    calls = []

    def work():
        calls.append(1)
        raise OperationalError("no such table")

    with pytest.raises(OperationalError):
        with_retries(work)
    assert len(calls) == 1
