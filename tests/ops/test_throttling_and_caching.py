"""Rate limits per key, ETags, and a figure cache that a write invalidates."""

import datetime

import pytest

from tests.factories import TransactionCountFactory
from tests.writes.conftest import client_for, make_key, post_csv

pytestmark = pytest.mark.django_db


def test_two_keys_from_one_address_are_limited_separately(small_catalogue, settings):
    settings.EGOV_THROTTLE_RATES = {"key": "3/min", "anon": None}
    first = client_for(make_key(agency=small_catalogue["agencies"]["ssc"])[1])
    second = client_for(make_key(agency=small_catalogue["agencies"]["gam"])[1])

    assert [first.get("/api/v1/channels/").status_code for _ in range(3)] == [200] * 3
    limited = first.get("/api/v1/channels/")
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) > 0
    # Same address (the test client's), another key: its own budget.
    assert second.get("/api/v1/channels/").status_code == 200


def test_anonymous_reads_are_limited_by_address(api_client, db, settings):
    settings.EGOV_THROTTLE_RATES = {"key": None, "anon": "1/min"}
    assert api_client.get("/api/v1/channels/", REMOTE_ADDR="10.0.0.1").status_code == 200
    assert api_client.get("/api/v1/channels/", REMOTE_ADDR="10.0.0.1").status_code == 429
    assert api_client.get("/api/v1/channels/", REMOTE_ADDR="10.0.0.2").status_code == 200


@pytest.fixture
def counts(small_catalogue):
    services, channels = small_catalogue["services"], small_catalogue["channels"]
    TransactionCountFactory(
        service=services["ssc-pension"],
        channel=channels["web"],
        period=datetime.date(2022, 1, 1),
        count=700,
    )
    TransactionCountFactory(
        service=services["gam-permit"],
        channel=channels["counter"],
        period=datetime.date(2022, 1, 1),
        count=300,
    )


TOTALS = "/api/v1/stats/totals/"


def test_repeat_with_if_none_match_answers_304_without_computing(
    api_client, counts, settings, django_assert_num_queries
):
    settings.EGOV_CACHE_ENABLED = True
    first = api_client.get(TOTALS)
    assert first.status_code == 200
    assert first["Last-Modified"]

    # Only the data version is read: the figure is not computed again.
    with django_assert_num_queries(1):
        repeat = api_client.get(TOTALS, HTTP_IF_NONE_MATCH=first["ETag"])
    assert repeat.status_code == 304
    assert repeat["ETag"] == first["ETag"]
    assert repeat.content == b""


def test_cached_figure_is_served_until_a_write_changes_it(
    api_client, counts, small_catalogue, settings, django_assert_num_queries
):
    settings.EGOV_CACHE_ENABLED = True
    before = api_client.get(TOTALS)
    assert before.json()[0]["total"] == 700 + 300
    with django_assert_num_queries(1):
        assert api_client.get(TOTALS).json() == before.json()

    writer = client_for(make_key(agency=small_catalogue["agencies"]["ssc"])[1])
    post_csv(writer, "service,channel,period,count\nssc-pension,web,2022-01,750\n")

    after = api_client.get(TOTALS)
    assert after.json()[0]["total"] == 750 + 300
    assert after["ETag"] != before["ETag"]
    assert api_client.get(TOTALS, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200


def test_list_answers_carry_an_etag_that_a_catalogue_change_moves(api_client, small_catalogue):
    first = api_client.get("/api/v1/agencies/")
    assert api_client.get("/api/v1/agencies/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    ministry = client_for(make_key()[1])
    response = ministry.patch(
        "/api/v1/agencies/gam/", {"website": "https://www.ammancity.gov.jo"}, format="json"
    )
    assert response.status_code == 200

    changed = api_client.get("/api/v1/agencies/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_etag_differs_by_query_and_language(api_client, counts):
    plain = api_client.get(TOTALS)["ETag"]
    assert api_client.get(TOTALS + "?group_by=agency")["ETag"] != plain
    assert api_client.get(TOTALS, HTTP_ACCEPT_LANGUAGE="ar")["ETag"] != plain
