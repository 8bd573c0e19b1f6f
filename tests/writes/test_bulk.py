"""Bulk submissions: JSON or CSV, all or nothing, idempotent, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import TransactionCountFactory
from transactions.models import CountHistory, Submission, TransactionCount

from .conftest import (
    BULK_URL,
    as_csv,
    as_json,
    bulk_rows,
    client_for,
    make_key,
    post_csv,
    post_json,
    stored,
)

pytestmark = pytest.mark.django_db


def expected(rows):
    return {(service, channel, period): count for service, channel, period, count in rows}


@pytest.mark.parametrize("encode", [as_csv, as_json], ids=["csv", "json"])
def test_10000_rows_are_written_whole(bulk_client, encode):
    rows = bulk_rows(10_000)
    post = post_csv if encode is as_csv else post_json
    response = post(bulk_client, encode(rows))
    assert response.status_code == 200, response.content[:500]
    report = response.json()
    assert (report["rows"], report["created"], report["updated"], report["unchanged"]) == (
        10_000,
        10_000,
        0,
        0,
    )
    assert stored() == expected(rows)
    assert CountHistory.objects.filter(submission_id=report["submission"]).count() == 10_000


@pytest.mark.parametrize("encode", [as_csv, as_json], ids=["csv", "json"])
def test_one_bad_row_among_10000_writes_nothing_and_is_named(bulk_client, encode):
    rows = bulk_rows(10_000)
    rows[6_789] = (*rows[6_789][:3], -4)  # row number 6,790 (rows count from 1)
    post = post_csv if encode is as_csv else post_json
    response = post(bulk_client, encode(rows))
    assert response.status_code == 400
    body = response.json()
    assert body["errors"] == [
        {
            "field": "count",
            "message": "A count cannot be negative.",
            "code": "min_value",
            "row": 6790,
        }
    ]
    assert TransactionCount.objects.count() == 0
    assert Submission.objects.count() == 0
    assert CountHistory.objects.count() == 0


def test_replay_reports_every_row_unchanged(bulk_client):
    body = as_csv(bulk_rows(10_000))
    first = post_csv(bulk_client, body).json()
    history_after_first = CountHistory.objects.count()
    replay = post_csv(bulk_client, body)
    assert replay.status_code == 200
    report = replay.json()
    assert (report["created"], report["updated"], report["unchanged"]) == (0, 0, 10_000)
    assert report["submission"] != first["submission"]
    assert CountHistory.objects.count() == history_after_first
    assert stored() == expected(bulk_rows(10_000))


def test_mixed_submission_counts_created_updated_and_unchanged(bulk_client):
    rows = bulk_rows(6)
    post_json(bulk_client, as_json(rows[:4]))
    changed = [rows[0], (*rows[1][:3], rows[1][3] + 1), *rows[2:]]
    report = post_json(bulk_client, as_json(changed)).json()
    # rows 1, 3 and 4 as stored; row 2 changed; rows 5 and 6 new.
    assert (report["created"], report["updated"], report["unchanged"]) == (2, 1, 3)
    assert stored() == expected(changed)


def test_query_count_of_10_and_10000_rows_is_equal(bulk_catalogue, django_assert_num_queries):
    # Each request uses a new key, so both record the key's first use alike.
    counts = []
    for n in (10, 10_000):
        TransactionCount.objects.all().delete()
        client = client_for(make_key(agency=bulk_catalogue["agency"])[1])
        with CaptureQueriesContext(connection) as queries:
            response = post_json(client, as_json(bulk_rows(n)))
        assert response.status_code == 200
        assert response.json()["created"] == n
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]
    TransactionCount.objects.all().delete()
    client = client_for(make_key(agency=bulk_catalogue["agency"])[1])
    with django_assert_num_queries(counts[0]):
        post_csv(client, as_csv(bulk_rows(10_000)))


def test_same_key_twice_is_a_bad_row(ssc_client):
    rows = [
        ("ssc-pension", "web", "2022-01", 1),
        ("ssc-pension", "mobile", "2022-01", 2),
        ("ssc-pension", "web", "2022-01", 3),
    ]
    response = post_json(ssc_client, as_json(rows))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [(e["row"], e["code"]) for e in errors] == [(3, "duplicate_row")]
    assert "row 1" in errors[0]["message"]
    assert TransactionCount.objects.count() == 0


def test_every_bad_row_is_listed_with_field_and_reason(ssc_client):
    rows = [
        ("ssc-pension", "web", "2022-01", 5),  # 1: fine
        ("ssc-nothing", "web", "2022-01", 5),  # 2: unknown service
        ("ssc-pension", "fax", "2022-01", 5),  # 3: unknown channel
        ("ssc-pension", "web", "2022-1", 5),  # 4: malformed month
        ("ssc-pension", "web", "2999-01", 5),  # 5: future month
        ("ssc-pension", "web", "2022-02", -1),  # 6: negative
        ("ssc-pension", "web", "2022-03", "1.5"),  # 7: not an integer
        ("ssc-pension", "web", "2018-12", 5),  # 8: before electronic_since (2019-01)
        ("ssc-pension", "counter", "2018-12", 5),  # 9: fine, traditional channel
        ("ssc-pension", "web", "2999-13", "x"),  # 10: two bad fields
    ]
    response = post_json(ssc_client, as_json(rows))
    assert response.status_code == 400
    errors = [(e["row"], e["field"], e["code"]) for e in response.json()["errors"]]
    assert errors == [
        (2, "service", "unknown_code"),
        (3, "channel", "unknown_code"),
        (4, "period", "invalid_month"),
        (5, "period", "future_month"),
        (6, "count", "min_value"),
        (7, "count", "invalid"),
        (8, "period", "before_electronic_since"),
        (10, "period", "invalid_month"),
        (10, "count", "invalid"),
    ]
    assert all(e["message"] for e in response.json()["errors"])
    assert TransactionCount.objects.count() == 0


def test_csv_rows_are_numbered_from_the_line_after_the_header(ssc_client):
    text = "service,channel,period,count\nssc-pension,web,2022-01,5\nssc-pension,web,2022-02,x\n"
    response = post_csv(ssc_client, text)
    assert response.status_code == 400
    assert response.json()["errors"][0]["row"] == 2


def test_csv_columns_may_come_in_any_order_and_a_bom_is_accepted(ssc_client):
    text = "\ufeffcount,period,channel,service\r\n7,2022-01,web,ssc-pension\r\n"
    response = post_csv(ssc_client, text)
    assert response.status_code == 200, response.json()
    assert stored() == {("ssc-pension", "web", "2022-01"): 7}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "service,channel,period\nssc-pension,web,2022-01\n",
        "service,channel,month,count\nssc-pension,web,2022-01,1\n",
        "ssc-pension,web,2022-01,1\n",
    ],
    ids=["empty", "three-columns", "wrong-name", "no-header"],
)
def test_csv_with_a_wrong_header_is_refused(ssc_client, text):
    response = post_csv(ssc_client, text)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_header"


def test_csv_row_with_wrong_column_count_is_a_bad_row(ssc_client):
    text = "service,channel,period,count\nssc-pension,web,2022-01,1\nssc-pension,web,2022-02\n"
    response = post_csv(ssc_client, text)
    assert response.status_code == 400
    assert [(e["row"], e["code"]) for e in response.json()["errors"]] == [(2, "wrong_column_count")]


def test_csv_that_is_not_utf8_is_refused(ssc_client):
    body = "service,channel,period,count\nssc-pension,web,2022-01,1\n".encode("utf-16")
    response = ssc_client.generic("POST", "/api/v1/transactions/bulk/", body, "text/csv")
    assert response.status_code == 400
    assert TransactionCount.objects.count() == 0


@pytest.mark.parametrize(
    "body", ['{"service": "ssc-pension"}', "[]", '"text"', "[1, 2]", "[[]]", "{"]
)
def test_json_that_is_not_an_array_of_objects_is_refused(ssc_client, body):
    response = post_json(ssc_client, body)
    assert response.status_code == 400
    assert TransactionCount.objects.count() == 0


def test_more_rows_than_the_limit_are_refused(ssc_client, settings):
    settings.EGOV_BULK_MAX_ROWS = 3
    rows = [("ssc-pension", "web", f"2022-0{m}", m) for m in range(1, 5)]
    for response in (post_csv(ssc_client, as_csv(rows)), post_json(ssc_client, as_json(rows))):
        assert response.status_code == 400
        assert response.json()["code"] == "too_many_rows"
    assert post_csv(ssc_client, as_csv(rows[:3])).status_code == 200


def test_unsupported_content_type_answers_415(ssc_client):
    response = ssc_client.generic(
        "POST", "/api/v1/transactions/bulk/", b"service,channel,period,count\n", "text/plain"
    )
    assert response.status_code == 415
    assert TransactionCount.objects.count() == 0


def test_bulk_updates_counts_written_elsewhere(ssc_client, small_catalogue):
    TransactionCountFactory(
        service=small_catalogue["services"]["ssc-pension"],
        channel=small_catalogue["channels"]["web"],
        count=10,
    )
    rows = [("ssc-pension", "web", "2022-01", 11), ("ssc-pension", "mobile", "2022-01", 12)]
    report = post_json(ssc_client, as_json(rows)).json()
    assert (report["created"], report["updated"], report["unchanged"]) == (1, 1, 0)
    assert stored() == expected(rows)


def test_csv_declared_in_another_charset_is_refused(ssc_client):
    body = "service,channel,period,count\nssc-pension,web,2022-01,1\n".encode("latin-1")
    response = ssc_client.generic("POST", BULK_URL, body, "text/csv; charset=latin-1")
    assert response.status_code == 400
    response = ssc_client.generic("POST", BULK_URL, body, "text/csv; charset=utf-8")
    assert response.status_code == 200


def test_json_with_a_charset_parameter_is_accepted(ssc_client):
    body = as_json([("ssc-pension", "web", "2022-01", 1)])
    response = ssc_client.generic("POST", BULK_URL, body, "application/json; charset=utf-8")
    assert response.status_code == 200


def test_a_duplicate_of_an_invalid_row_is_reported_with_it(ssc_client):
    rows = [("ssc-pension", "web", "2022-01", -1), ("ssc-pension", "web", "2022-01", 3)]
    response = post_json(ssc_client, as_json(rows))
    assert [(e["row"], e["code"]) for e in response.json()["errors"]] == [
        (1, "min_value"),
        (2, "duplicate_row"),
    ]
