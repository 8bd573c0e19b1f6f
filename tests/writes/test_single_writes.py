"""One count at a time: POST inserts or replaces, PATCH corrects, DELETE removes."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import TransactionCountFactory
from transactions.models import CountHistory, Submission, TransactionCount

from .conftest import LIST_URL, count_url, stored

pytestmark = pytest.mark.django_db

ROW = {"service": "ssc-pension", "channel": "web", "period": "2022-01", "count": 61250}


def test_post_creates_then_replaces(ssc_client):
    created = ssc_client.post(LIST_URL, ROW, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["service"] == "ssc-pension"
    assert body["agency"] == "ssc"
    assert body["channel"] == "web"
    assert body["electronic"] is True
    assert body["period"] == "2022-01"
    assert body["count"] == 61250

    replaced = ssc_client.post(LIST_URL, {**ROW, "count": 61300}, format="json")
    assert replaced.status_code == 200
    assert replaced.json()["id"] == body["id"]
    assert replaced.json()["count"] == 61300
    assert stored() == {("ssc-pension", "web", "2022-01"): 61300}


def test_post_same_value_again_answers_200_and_changes_nothing(ssc_client):
    first = ssc_client.post(LIST_URL, ROW, format="json").json()
    again = ssc_client.post(LIST_URL, ROW, format="json")
    assert again.status_code == 200
    assert again.json()["updated_at"] == first["updated_at"]
    assert CountHistory.objects.count() == 1


def test_post_accepts_a_count_of_zero_and_a_traditional_channel(ssc_client):
    response = ssc_client.post(LIST_URL, {**ROW, "channel": "counter", "count": 0}, format="json")
    assert response.status_code == 201
    assert response.json()["electronic"] is False
    assert response.json()["count"] == 0


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"service": "no-such-service"}, "service", "unknown_code"),
        ({"channel": "fax"}, "channel", "unknown_code"),
        ({"period": "2022-13"}, "period", "invalid_month"),
        ({"period": "22-01"}, "period", "invalid_month"),
        ({"period": "2022-01-01"}, "period", "invalid_month"),
        ({"count": -1}, "count", "min_value"),
        ({"count": 1.5}, "count", "invalid"),
        ({"count": "many"}, "count", "invalid"),
        ({"count": True}, "count", "required"),
        ({"count": 2**63}, "count", "max_value"),
        ({"count": None}, "count", "required"),
        ({"service": None}, "service", "required"),
        # ssc-pension became electronic in January 2019.
        ({"period": "2018-12"}, "period", "before_electronic_since"),
    ],
)
def test_post_refuses_invalid_fields(ssc_client, change, field, code):
    response = ssc_client.post(LIST_URL, {**ROW, **change}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert response["Content-Type"] == "application/problem+json"
    assert [(e["field"], e["code"]) for e in body["errors"]] == [(field, code)]
    assert "row" not in body["errors"][0]
    assert TransactionCount.objects.count() == 0
    assert Submission.objects.count() == 0


def test_post_refuses_a_future_month(ssc_client):
    today = timezone.localdate()
    next_month = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    response = ssc_client.post(LIST_URL, {**ROW, "period": f"{next_month:%Y-%m}"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "future_month"


def test_post_accepts_the_current_month(ssc_client):
    this_month = f"{timezone.localdate():%Y-%m}"
    response = ssc_client.post(LIST_URL, {**ROW, "period": this_month}, format="json")
    assert response.status_code == 201


def test_post_refuses_an_electronic_count_of_a_service_never_electronic(gam_client):
    response = gam_client.post(LIST_URL, {**ROW, "service": "gam-fees"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "not_electronic_yet"
    # The same service's counter counts are fine.
    response = gam_client.post(
        LIST_URL, {**ROW, "service": "gam-fees", "channel": "counter"}, format="json"
    )
    assert response.status_code == 201


def test_electronic_since_mid_month_allows_that_month(ssc_client, small_catalogue):
    service = small_catalogue["services"]["ssc-join"]
    service.electronic_since = datetime.date(2021, 6, 15)
    service.save()
    ok = ssc_client.post(
        LIST_URL, {**ROW, "service": "ssc-join", "period": "2021-06"}, format="json"
    )
    assert ok.status_code == 201
    refused = ssc_client.post(
        LIST_URL, {**ROW, "service": "ssc-join", "period": "2021-05"}, format="json"
    )
    assert refused.status_code == 400


def test_post_refuses_a_body_that_is_not_one_object(ssc_client):
    response = ssc_client.post(LIST_URL, [ROW], format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_body"


def test_patch_changes_the_count(ssc_client, small_catalogue):
    count = TransactionCountFactory(
        service=small_catalogue["services"]["ssc-pension"],
        channel=small_catalogue["channels"]["web"],
        count=100,
    )
    response = ssc_client.patch(count_url(count.pk), {"count": 120}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["count"] == 120
    count.refresh_from_db()
    assert count.count == 120


def test_patch_may_repeat_but_not_change_service_channel_or_month(ssc_client, small_catalogue):
    count = TransactionCountFactory(
        service=small_catalogue["services"]["ssc-pension"],
        channel=small_catalogue["channels"]["web"],
        count=100,
    )
    repeated = ssc_client.patch(
        count_url(count.pk),
        {"service": "ssc-pension", "channel": "web", "period": "2022-01", "count": 101},
        format="json",
    )
    assert repeated.status_code == 200
    moved = ssc_client.patch(
        count_url(count.pk), {"period": "2021-12", "count": 102}, format="json"
    )
    assert moved.status_code == 400
    assert [e["field"] for e in moved.json()["errors"]] == ["period"]
    count.refresh_from_db()
    assert (count.count, count.period) == (101, datetime.date(2022, 1, 1))


def test_patch_without_count_is_refused(ssc_client, small_catalogue):
    count = TransactionCountFactory(
        service=small_catalogue["services"]["ssc-pension"],
        channel=small_catalogue["channels"]["web"],
    )
    response = ssc_client.patch(count_url(count.pk), {}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "count"


def test_patch_checks_the_count(ssc_client, small_catalogue):
    count = TransactionCountFactory(
        service=small_catalogue["services"]["ssc-pension"],
        channel=small_catalogue["channels"]["web"],
        count=100,
    )
    response = ssc_client.patch(count_url(count.pk), {"count": -5}, format="json")
    assert response.status_code == 400
    count.refresh_from_db()
    assert count.count == 100


def test_delete_removes_the_count(ssc_client, small_catalogue):
    count = TransactionCountFactory(
        service=small_catalogue["services"]["ssc-pension"],
        channel=small_catalogue["channels"]["web"],
    )
    response = ssc_client.delete(count_url(count.pk))
    assert response.status_code == 204
    assert not TransactionCount.objects.filter(pk=count.pk).exists()
    assert ssc_client.delete(count_url(count.pk)).status_code == 404


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_patch_and_delete_of_a_missing_count_answer_404(ssc_client, method):
    response = getattr(ssc_client, method)(count_url(999999), {"count": 1}, format="json")
    assert response.status_code == 404
    huge = getattr(ssc_client, method)(count_url(10**30), {"count": 1}, format="json")
    assert huge.status_code == 404


def test_put_is_not_offered(ssc_client, small_catalogue):
    count = TransactionCountFactory(
        service=small_catalogue["services"]["ssc-pension"],
        channel=small_catalogue["channels"]["web"],
    )
    response = ssc_client.put(count_url(count.pk), {**ROW}, format="json")
    assert response.status_code == 405
