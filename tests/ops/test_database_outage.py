"""While PostgreSQL is down the API answers 503 quickly, and recovers by itself."""

import json
import os
import time

import pytest

from tests.ops.servers import (
    PostgresCluster,
    get,
    gunicorn,
    manage,
    postgres_bindir,
    production_env,
)

pytestmark = pytest.mark.skipif(
    postgres_bindir() is None and not os.environ.get("CI"),
    reason="needs PostgreSQL server binaries (initdb, pg_ctl) to run a throwaway cluster",
)


@pytest.fixture(scope="module")
def cluster():
    cluster = PostgresCluster()
    cluster.init()
    yield cluster
    cluster.remove()


def wait_for(url, status, seconds):
    deadline = time.monotonic() + seconds
    while True:
        answer = get(url)
        if answer.status == status or time.monotonic() > deadline:
            return answer
        time.sleep(0.3)


def test_outage_answers_503_problem_then_recovers_without_restart(cluster):
    env = production_env(cluster.url)
    manage(env, "migrate", "--noinput")
    with gunicorn(env) as base:
        assert get(base + "/api/v1/agencies/").status == 200

        cluster.stop()
        started = time.monotonic()
        down = get(base + "/api/v1/agencies/")
        elapsed = time.monotonic() - started

        assert down.status == 503
        assert elapsed < 5
        assert down.headers["Content-Type"] == "application/problem+json"
        assert int(down.headers["Retry-After"]) > 0
        body = json.loads(down.body)
        assert body["status"] == 503
        assert "Traceback" not in down.body.decode()
        assert get(base + "/api/v1/stats/totals/").status == 503
        assert get(base + "/healthz").status == 200
        assert get(base + "/readyz").status == 503

        cluster.start()
        assert wait_for(base + "/api/v1/agencies/", 200, seconds=15).status == 200
        assert get(base + "/readyz").status == 200
