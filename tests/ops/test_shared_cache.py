"""Redis as the shared cache: figures and rate limits shared by every process, and an
unreachable Redis answered around rather than failing requests."""

import json
import os
import uuid

import pytest
import redis

from tests.ops.servers import free_port, get, gunicorn, manage, post_json, production_env
from tests.writes.conftest import LIST_URL, client_for, make_key

REDIS_URL = os.environ.get("EGOV_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
TOTALS = "/api/v1/stats/totals/?period_from=2022-01&period_to=2022-01"


def redis_answers():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


needs_redis = pytest.mark.skipif(
    not redis_answers() and not os.environ.get("CI"),
    reason=f"needs a Redis server at {REDIS_URL} (EGOV_TEST_REDIS_URL)",
)


def redis_cache(location, prefix):
    return {
        "default": {
            "BACKEND": "egov_api.api.cache.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix,
            "RETRY_SECONDS": 60,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.mark.django_db
def test_an_unreachable_redis_is_replaced_by_process_memory(
    api_client, small_catalogue, settings, caplog, django_assert_num_queries
):
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{free_port()}/0", "unreachable")
    settings.EGOV_CACHE_ENABLED = True
    settings.EGOV_THROTTLE_RATES = {"key": None, "anon": "4/min"}

    first = api_client.get(TOTALS)
    # Served from memory: only the data version is read.
    with django_assert_num_queries(1):
        second = api_client.get(TOTALS)
    answers = [first, second, api_client.get("/api/v1/agencies/")]
    answers += [api_client.get("/api/v1/agencies/") for _ in range(2)]

    # Rate limits still count (per process) while Redis is away.
    assert [answer.status_code for answer in answers] == [200, 200, 200, 200, 429]
    assert second.json() == first.json()
    warnings = [r for r in caplog.records if "cache unavailable" in r.getMessage()]
    # One failed call, then Redis is left alone for RETRY_SECONDS.
    assert len(warnings) == 1
    # Ready all the same: the API answers without Redis, and says so.
    settings.EGOV_THROTTLE_RATES = {"key": None, "anon": None}
    ready = api_client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "database": "ok", "cache": "unavailable"}


@needs_redis
@pytest.mark.django_db
def test_figures_are_cached_in_redis_and_a_write_retires_them(
    small_catalogue, settings, django_assert_num_queries
):
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = redis_cache(REDIS_URL, prefix)
    settings.EGOV_CACHE_ENABLED = True
    ssc = client_for(make_key(agency=small_catalogue["agencies"]["ssc"])[1])
    row = {"service": "ssc-pension", "channel": "web", "period": "2022-01", "count": 100}
    assert ssc.post(LIST_URL, row, format="json").status_code == 201

    first = ssc.get(TOTALS)
    stored = redis.Redis.from_url(REDIS_URL).keys(f"{prefix}:*")
    # Served from Redis: only the key and the data version are read.
    with django_assert_num_queries(2):
        again = ssc.get(TOTALS)
    assert ssc.post(LIST_URL, {**row, "count": 250}, format="json").status_code == 200
    after_write = ssc.get(TOTALS)

    assert ssc.get("/readyz").json()["cache"] == "ok"
    assert first.json()[0]["electronic"] == 100
    assert any(b"egov:stats:" in key for key in stored)
    assert again.json() == first.json()
    assert after_write.json()[0]["electronic"] == 250


CATALOGUE = """
import datetime
from services.models import Agency, Channel, Service
agency = Agency.objects.create(code="ssc", name_en="Social Security", name_ar="الضمان")
web = Channel.objects.create(code="web", name_en="Web", name_ar="الويب", is_electronic=True)
service = Service.objects.create(
    code="ssc-pension", agency=agency, name_en="Pension", name_ar="تقاعد",
    sector="labour", electronic_since=datetime.date(2019, 1, 1),
)
service.channels.add(web)
"""


@needs_redis
def test_processes_share_figures_and_rate_limits_through_redis(tmp_path):
    env = production_env(
        f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL=REDIS_URL,
        EGOV_CACHE_PREFIX=f"test-{uuid.uuid4().hex}",
        EGOV_THROTTLE_ANON="4/min",
        EGOV_THROTTLE_KEY="",
    )
    manage(env, "migrate", "--noinput")
    manage(env, "shell", "-c", CATALOGUE)
    key = manage(env, "create_api_key", "--agency", "ssc", "--name", "t").stdout.split()[-1]
    auth = {"Authorization": f"Api-Key {key}"}

    with gunicorn(env) as one, gunicorn(env) as two:
        # A figure cached by one process is retired by a write through the other.
        assert json.loads(get(one + TOTALS, auth).body)[0]["electronic"] == 0
        row = {"service": "ssc-pension", "channel": "web", "period": "2022-01", "count": 7}
        assert post_json(two + LIST_URL, row, auth).status == 201
        assert json.loads(get(one + TOTALS, auth).body)[0]["electronic"] == 7

        # Anonymous reads: four in all, whichever process serves them, then 429 from both.
        statuses = [get(base + "/api/v1/channels/").status for base in (one, two, one, two)]
        assert statuses == [200] * 4
        assert get(one + "/api/v1/channels/").status == 429
        assert get(two + "/api/v1/channels/").status == 429
