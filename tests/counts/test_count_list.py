"""The monthly counts list: its wire format, every shared filter, sorting and pagination."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from tests.factories import ServiceFactory, TransactionCountFactory
from transactions.filters import TransactionCountFilterSet
from transactions.models import TransactionCount

pytestmark = pytest.mark.django_db


@pytest.fixture
def counts(small_catalogue):
    """Twelve counts: three months x two services x two channels, with known values."""
    services, channels = small_catalogue["services"], small_catalogue["channels"]
    rows = []
    for month, base in [
        (datetime.date(2021, 12, 1), 10),
        (datetime.date(2022, 1, 1), 20),
        (datetime.date(2022, 2, 1), 30),
    ]:
        for service, extra in [("ssc-pension", 1), ("gam-permit", 2)]:
            for channel, factor in [("web", 100), ("counter", 1)]:
                rows.append(
                    TransactionCountFactory(
                        service=services[service],
                        channel=channels[channel],
                        period=month,
                        count=(base + extra) * factor,
                    )
                )
    return rows


def fetch(api_client, query=""):
    response = api_client.get(f"/api/v1/transactions/{query}")
    assert response.status_code == 200, response.content
    return response.json()["results"]


def as_keys(rows):
    return sorted((row["service"], row["channel"], row["period"], row["count"]) for row in rows)


def expected(counts, keep):
    return sorted(
        (c.service.code, c.channel.code, f"{c.period:%Y-%m}", c.count) for c in counts if keep(c)
    )


def test_a_count_is_returned_with_codes_month_and_electronic_flag(api_client, counts):
    first = TransactionCount.objects.get(
        service__code="ssc-pension", channel__code="web", period=datetime.date(2021, 12, 1)
    )

    row = api_client.get(f"/api/v1/transactions/{first.pk}/").json()

    assert row == {
        "id": first.pk,
        "service": "ssc-pension",
        "agency": "ssc",
        "channel": "web",
        "electronic": True,
        "period": "2021-12",
        "count": (10 + 1) * 100,
        "updated_at": row["updated_at"],
    }
    assert row["updated_at"]


def test_empty_database_lists_nothing(api_client, db):
    assert api_client.get("/api/v1/transactions/").json() == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
    }


@pytest.mark.parametrize(
    ("query", "keep"),
    [
        ("?agency=ssc", lambda c: c.service.agency.code == "ssc"),
        ("?agency=ssc,gam", lambda c: True),
        ("?service=gam-permit", lambda c: c.service.code == "gam-permit"),
        ("?channel=counter", lambda c: c.channel.code == "counter"),
        ("?sector=local_government", lambda c: c.service.sector == "local_government"),
        ("?electronic=true", lambda c: c.channel.is_electronic),
        ("?electronic=false", lambda c: not c.channel.is_electronic),
        ("?period_from=2022-01", lambda c: c.period >= datetime.date(2022, 1, 1)),
        ("?period_to=2022-01", lambda c: c.period <= datetime.date(2022, 1, 1)),
        (
            "?period_from=2022-01&period_to=2022-01",
            lambda c: c.period == datetime.date(2022, 1, 1),
        ),
        ("?year=2021", lambda c: c.period.year == 2021),
        (
            "?year=2022&agency=gam&electronic=true",
            lambda c: (
                c.period.year == 2022 and c.service.agency.code == "gam" and c.channel.is_electronic
            ),
        ),
    ],
)
def test_each_filter_returns_exactly_the_matching_counts(api_client, counts, query, keep):
    assert as_keys(fetch(api_client, query)) == expected(counts, keep)


def test_filters_can_be_applied_without_http(counts):
    filterset = TransactionCountFilterSet(
        {"agency": "gam", "period_from": "2022-02"}, queryset=TransactionCount.objects.all()
    )

    assert filterset.is_valid()
    assert sorted(c.count for c in filterset.qs) == [(30 + 2) * 1, (30 + 2) * 100]


def test_ordering_by_count_descending_then_id(api_client, counts):
    rows = fetch(api_client, "?ordering=-count")

    assert [row["count"] for row in rows] == sorted((c.count for c in counts), reverse=True)


def test_default_order_is_total_so_pages_neither_overlap_nor_skip(api_client, counts):
    page_1 = api_client.get("/api/v1/transactions/?page_size=5").json()
    page_2 = api_client.get("/api/v1/transactions/?page_size=5&page=2").json()
    page_3 = api_client.get("/api/v1/transactions/?page_size=5&page=3").json()
    ids = [row["id"] for page in (page_1, page_2, page_3) for row in page["results"]]

    assert page_1["count"] == 12
    assert sorted(ids) == sorted(c.pk for c in counts)
    assert len(set(ids)) == 12


def store_months(catalogue, months: int) -> None:
    """Store one count a month for `months` months from 1930-01 (count = month number)."""
    service, channel = catalogue["services"]["ssc-pension"], catalogue["channels"]["web"]
    TransactionCount.objects.bulk_create(
        TransactionCount(
            service=service,
            channel=channel,
            period=datetime.date(1930 + n // 12, n % 12 + 1, 1),
            count=n,
        )
        for n in range(months)
    )


def test_page_size_above_the_maximum_is_served_at_the_maximum(api_client, small_catalogue):
    store_months(small_catalogue, 1005)

    body = api_client.get("/api/v1/transactions/?page_size=5000").json()

    assert body["count"] == 1005
    assert len(body["results"]) == 1000


def test_default_page_holds_100_rows(api_client, small_catalogue):
    store_months(small_catalogue, 150)

    assert len(fetch(api_client)) == 100


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("?period_from=2022-13", "period_from"),
        ("?period_from=2022-1", "period_from"),
        ("?period_to=abc", "period_to"),
        ("?period_from=2022-05&period_to=2022-01", "period_to"),
        ("?agency=nope", "agency"),
        ("?agency=ssc,nope", "agency"),
        ("?service=x';DROP TABLE x;--", "service"),
        ("?channel=fax", "channel"),
        ("?sector=space", "sector"),
        ("?electronic=maybe", "electronic"),
        ("?year=20x", "year"),
        ("?year=99999", "year"),
        ("?ordering=password", "ordering"),
        ("?ordering=count,nope", "ordering"),
    ],
)
def test_bad_filters_answer_400_naming_the_parameter(api_client, counts, query, parameter):
    response = api_client.get(f"/api/v1/transactions/{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400
    assert [error["field"] for error in body["errors"]] == [parameter]
    assert all(error["message"] for error in body["errors"])


def test_list_query_count_does_not_grow_with_rows(
    api_client, small_catalogue, django_assert_num_queries
):
    for size in (10, 500):
        TransactionCount.objects.all().delete()
        store_months(small_catalogue, size)
        # The data version (for the ETag), the agency code, the page: a page that is not full
        # is the last one, so its rows give the total without a COUNT.
        with django_assert_num_queries(3):
            api_client.get("/api/v1/transactions/?agency=ssc&page_size=1000")


class TestDatabaseRules:
    """The database itself refuses what the API would; not only the serializers."""

    def test_a_second_count_for_the_same_service_channel_and_month_is_refused(self, counts):
        first = counts[0]
        with pytest.raises(IntegrityError), transaction.atomic():
            TransactionCount.objects.create(
                service=first.service, channel=first.channel, period=first.period, count=1
            )

    def test_a_negative_count_is_refused(self, small_catalogue):
        with pytest.raises(IntegrityError), transaction.atomic():
            TransactionCountFactory(
                service=small_catalogue["services"]["ssc-pension"],
                channel=small_catalogue["channels"]["web"],
                count=-1,
            )

    def test_a_period_that_is_not_the_first_of_a_month_is_refused(self, small_catalogue):
        with pytest.raises(IntegrityError), transaction.atomic():
            TransactionCountFactory(
                service=small_catalogue["services"]["ssc-pension"],
                channel=small_catalogue["channels"]["web"],
                period=datetime.date(2022, 1, 15),
            )

    def test_a_service_cannot_retire_before_it_became_electronic(self, small_catalogue):
        with pytest.raises(IntegrityError), transaction.atomic():
            ServiceFactory(
                electronic_since=datetime.date(2022, 1, 1), retired_on=datetime.date(2021, 1, 1)
            )


@pytest.mark.parametrize("query", ["?sector=", "?sector=,", "?sector=tax,,land", "?sector=,tax"])
def test_a_list_with_an_empty_item_answers_400(api_client, counts, query):
    response = api_client.get(f"/api/v1/transactions/{query}")

    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["sector"]
