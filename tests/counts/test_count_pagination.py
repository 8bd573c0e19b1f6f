"""Pages of counts: `count` is exact on every page, and costs a COUNT only on a full page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from egov_api.api.pagination import Paginator
from transactions.models import TransactionCount

pytestmark = pytest.mark.django_db

URL = "/api/v1/transactions/"


@pytest.fixture
def make_counts(small_catalogue):
    """Return a function that stores `n` monthly counts of one service on the web."""
    service = small_catalogue["services"]["ssc-pension"]
    channel = small_catalogue["channels"]["web"]

    def make(n):
        TransactionCount.objects.bulk_create(
            TransactionCount(
                service=service,
                channel=channel,
                period=datetime.date(1990 + i // 12, i % 12 + 1, 1),
                count=i,
            )
            for i in range(n)
        )

    return make


def get(api_client, query):
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(f"{URL}{query}")
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    return response, counts


def test_an_empty_list_counts_zero_without_a_count_query(api_client, db):
    response, count_queries = get(api_client, "")

    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}
    assert count_queries == []


def test_a_first_page_that_is_not_full_is_the_whole_list(api_client, make_counts):
    make_counts(7)

    response, count_queries = get(api_client, "?page_size=10")

    body = response.json()
    assert (body["count"], len(body["results"]), body["next"]) == (7, 7, None)
    assert count_queries == []


@pytest.mark.parametrize(
    ("page", "rows", "has_next"),
    [(1, 10, True), (2, 10, True), (3, 5, False)],
)
def test_count_is_exact_on_first_middle_and_last_page(
    api_client, make_counts, page, rows, has_next
):
    make_counts(25)

    response, count_queries = get(api_client, f"?page_size=10&page={page}")

    body = response.json()
    assert body["count"] == 25
    assert len(body["results"]) == rows
    assert [r["count"] for r in body["results"]] == list(
        range((page - 1) * 10, (page - 1) * 10 + rows)
    )
    assert (body["next"] is not None) == has_next
    assert (body["previous"] is not None) == (page > 1)
    # Only a full page cannot tell the total by itself.
    assert len(count_queries) == (1 if rows == 10 else 0)


def test_a_full_last_page_counts_and_says_there_is_no_next(api_client, make_counts):
    make_counts(20)

    response, count_queries = get(api_client, "?page_size=10&page=2")

    body = response.json()
    assert (body["count"], len(body["results"]), body["next"]) == (20, 10, None)
    assert len(count_queries) == 1


def test_last_names_the_last_page(api_client, make_counts):
    make_counts(25)

    body = api_client.get(f"{URL}?page_size=10&page=last").json()

    assert body["count"] == 25
    assert [r["count"] for r in body["results"]] == list(range(20, 25))


@pytest.mark.parametrize("page", ["4", "0", "-1", "abc", "1.5"])
def test_a_page_that_does_not_exist_answers_404(api_client, make_counts, page):
    make_counts(25)

    response = api_client.get(f"{URL}?page_size=10&page={page}")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_a_second_page_of_an_empty_list_answers_404(api_client, db):
    assert api_client.get(f"{URL}?page=2").status_code == 404


def test_page_size_above_the_maximum_counts_every_row(api_client, make_counts):
    make_counts(1001)

    body = api_client.get(f"{URL}?page_size=5000").json()
    last = api_client.get(f"{URL}?page_size=5000&page=2").json()

    assert (body["count"], len(body["results"])) == (1001, 1000)
    assert (last["count"], len(last["results"])) == (1001, 1)


def test_a_filtered_page_counts_without_the_joins_of_the_page(api_client, make_counts):
    make_counts(25)

    response, count_queries = get(api_client, "?agency=ssc&page_size=10")

    assert response.json()["count"] == 25
    [count_sql] = count_queries
    assert "services_service" in count_sql  # the agency filter needs the service
    assert "services_agency" not in count_sql
    assert "services_channel" not in count_sql


def test_query_budget_of_a_full_and_of_a_last_page(
    api_client, make_counts, django_assert_num_queries
):
    make_counts(150)

    # The data version (for the ETag), the agency code, the page, the count.
    with django_assert_num_queries(4):
        api_client.get(f"{URL}?agency=ssc")
    # The last page gives the total by itself: no count.
    with django_assert_num_queries(3):
        api_client.get(f"{URL}?agency=ssc&page=2")


class TestPaginator:
    """The paginator on its own, over a queryset."""

    def test_a_page_that_is_not_full_sets_the_count_without_a_query(
        self, make_counts, django_assert_num_queries
    ):
        make_counts(25)
        paginator = Paginator(TransactionCount.objects.order_by("id"), 10)

        with django_assert_num_queries(1):
            page = paginator.page(3)
            assert (paginator.count, paginator.num_pages, len(page)) == (25, 3, 5)
            assert not page.has_next()

    def test_a_full_page_counts_over_the_count_source(self, make_counts, django_assert_num_queries):
        make_counts(25)
        counts = TransactionCount.objects.order_by("id")
        paginator = Paginator(counts.values("id"), 10, count_source=counts.filter(count__lt=25))

        with django_assert_num_queries(2):
            page = paginator.page(1)
            assert (paginator.count, len(page), page.has_next()) == (25, 10, True)

    def test_orphans_are_counted_as_django_does(self, make_counts):
        make_counts(25)
        paginator = Paginator(TransactionCount.objects.order_by("id"), 10, orphans=5)

        assert (paginator.num_pages, len(paginator.page(2))) == (2, 15)


@pytest.mark.parametrize("page_size", ["0", "-5", "abc", "null", "1.5", "١٠", ""])
def test_a_page_size_that_is_not_a_whole_number_of_rows_answers_400(api_client, db, page_size):
    response = api_client.get("/api/v1/transactions/", {"page_size": page_size})

    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["page_size"]


def test_a_page_far_past_the_end_answers_404_not_an_overflow(api_client, db):
    response = api_client.get(
        "/api/v1/transactions/", {"page": "4389196597854591027196723200", "page_size": "1000"}
    )

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(("query", "parameter"), [("page=", "page"), ("ordering=", "ordering")])
def test_empty_page_or_ordering_answers_400(api_client, db, query, parameter):
    response = api_client.get(f"/api/v1/channels/?{query}")

    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [parameter]
