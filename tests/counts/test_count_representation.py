"""A count's wire form is built in one step; it must equal what the serializer's fields give."""

import datetime

import pytest
from django.utils import timezone
from rest_framework import serializers

from tests.factories import TransactionCountFactory
from transactions.models import MAX_COUNT, TransactionCount
from transactions.serializers import (
    Timestamps,
    TransactionCountSerializer,
    count_representation,
)

pytestmark = pytest.mark.django_db


def field_by_field(row):
    """The representation DRF's fields would build, one field after another."""
    return serializers.Serializer.to_representation(TransactionCountSerializer(), row)


@pytest.fixture
def rows(small_catalogue):
    services, channels = small_catalogue["services"], small_catalogue["channels"]
    TransactionCountFactory(
        service=services["ssc-pension"],
        channel=channels["web"],
        period=datetime.date(1999, 12, 1),
        count=0,
    )
    TransactionCountFactory(
        service=services["gam-fees"],
        channel=channels["counter"],
        period=datetime.date(2022, 1, 1),
        count=MAX_COUNT,
    )
    # Written late in a UTC day: the date of `updated_at` depends on the time zone it is shown in.
    TransactionCount.objects.filter(count=0).update(
        updated_at=datetime.datetime(2022, 2, 28, 22, 30, 0, 250, tzinfo=datetime.UTC)
    )
    return list(TransactionCount.objects.for_api().order_by("id"))


def test_the_fields_of_the_schema_are_the_keys_written(rows):
    assert list(count_representation(rows[0], Timestamps(datetime.UTC))) == list(
        TransactionCountSerializer().fields
    )


def test_one_count_equals_the_field_by_field_representation(rows):
    for row in rows:
        assert TransactionCountSerializer(row).data == field_by_field(row)


def test_many_counts_equal_the_field_by_field_representation(rows):
    assert TransactionCountSerializer(rows, many=True).data == [field_by_field(r) for r in rows]


def test_the_representation_has_exactly_the_wire_types(rows):
    with timezone.override(datetime.timezone(datetime.timedelta(hours=3))):
        row = TransactionCountSerializer(rows[0]).data

    assert row == {
        "id": rows[0]["id"],
        "service": "ssc-pension",
        "agency": "ssc",
        "channel": "web",
        "electronic": True,
        "period": "1999-12",
        "count": 0,
        # 22:30 UTC is half past one the next day at UTC+3.
        "updated_at": "2022-03-01T01:30:00.000250+03:00",
    }
    assert TransactionCountSerializer(rows[1]).data["count"] == MAX_COUNT
    assert TransactionCountSerializer(rows[1]).data["electronic"] is False


@pytest.mark.parametrize("zone", ["UTC", "Asia/Amman", "America/Caracas"])
def test_updated_at_is_written_in_the_current_time_zone_as_drf_writes_it(rows, zone):
    with timezone.override(zone):
        assert TransactionCountSerializer(rows, many=True).data == [field_by_field(r) for r in rows]
        if zone == "UTC":
            assert TransactionCountSerializer(rows[0]).data["updated_at"].endswith("Z")


def test_the_list_over_http_equals_the_field_by_field_representation(api_client, rows):
    body = api_client.get("/api/v1/transactions/?ordering=id").json()

    assert body["results"] == [field_by_field(r) for r in rows]


def test_one_count_over_http_equals_the_field_by_field_representation(api_client, rows):
    body = api_client.get(f"/api/v1/transactions/{rows[1]['id']}/").json()

    assert body == field_by_field(rows[1])


def test_a_timestamp_is_formatted_once_and_an_equal_instant_reads_the_same(rows):
    timestamps = Timestamps(datetime.timezone(datetime.timedelta(hours=3)))
    utc = datetime.datetime(2022, 1, 31, 21, 0, tzinfo=datetime.UTC)
    same_instant = utc.astimezone(datetime.timezone(datetime.timedelta(hours=-5)))

    assert timestamps[utc] == timestamps[same_instant] == "2022-02-01T00:00:00+03:00"
    assert len(timestamps) == 1
    assert Timestamps(datetime.UTC)[same_instant] == "2022-01-31T21:00:00Z"


def test_counts_written_together_share_their_updated_at(api_client, rows):
    TransactionCount.objects.update(
        updated_at=datetime.datetime(2022, 2, 1, 6, 0, tzinfo=datetime.UTC)
    )
    rows = list(TransactionCount.objects.for_api().order_by("id"))

    data = TransactionCountSerializer(rows, many=True).data

    assert data == [field_by_field(r) for r in rows]
    assert len({r["updated_at"] for r in data}) == 1
