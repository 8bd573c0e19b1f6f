"""Bodies over the size limit answer 413; hostile strings answer 400, never 500. Nothing is
written either way."""

import json
import re

import pytest
from django.db import IntegrityError, transaction

from services.models import Agency, Channel, Service
from transactions.models import MAX_COUNT, CountHistory, Submission, TransactionCount

from .conftest import BULK_URL, LIST_URL, as_csv, as_json, count_url, post_csv, post_json

pytestmark = pytest.mark.django_db

ROW = {"service": "ssc-pension", "channel": "web", "period": "2022-01", "count": 10}

HOSTILE = [
    "'; DROP TABLE transactions_transactioncount; --",
    '" OR ""="',
    "ssc-pension' OR '1'='1",
    "\x00",
    "ssc-pension\x00",
    "\x01\x02\x1b[31m\x7f\x9b",
    "\ud800",
    "ssc-pension\n",
    "2022-01\n",
    "\u202e10-2202",
    "%s%s%s%n",
    "{{7*7}}${7*7}",
    "a" * 5000,
    "1e309",
    "-0",
    "NaN",
    " ",
    "١٢٣",
    "0x10",
    '\r\n,"","',
]


def nothing_written():
    return (
        TransactionCount.objects.count() == 0
        and CountHistory.objects.count() == 0
        and Submission.objects.count() == 0
    )


# --- size --------------------------------------------------------------------------------------


def test_oversize_json_and_csv_answer_413_and_write_nothing(ssc_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    rows = [("ssc-pension", "counter", f"{2000 + n // 12}-{n % 12 + 1:02d}", n) for n in range(90)]
    assert len(as_csv(rows)) > 2_000
    for response in (
        post_csv(ssc_client, as_csv(rows)),
        post_json(ssc_client, as_json(rows)),
        ssc_client.post(LIST_URL, {**ROW, "padding": "x" * 3_000}, format="json"),
    ):
        assert response.status_code == 413
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["code"] == "request_too_large"
    assert nothing_written()
    # Under the limit, the same kind of body is accepted.
    assert post_csv(ssc_client, as_csv(rows[:20])).status_code == 200


def test_oversize_catalogue_body_answers_413(ministry_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 500
    body = {"code": "big", "name_en": "x" * 600, "name_ar": "x", "kind": "other"}
    response = ministry_client.post("/api/v1/agencies/", body, format="json")
    assert response.status_code == 413
    assert not Agency.objects.filter(code="big").exists()


def test_the_default_limit_fits_50000_rows_of_long_codes(settings):
    from django.conf import settings as live

    code = "s" * 80
    rows = [(code, "call_center", "2022-01", 10**12) for _ in range(live.EGOV_BULK_MAX_ROWS)]
    assert len(as_csv(rows).encode()) < live.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert len(as_json(rows).encode()) < live.DATA_UPLOAD_MAX_MEMORY_SIZE


# --- hostile strings in counts ------------------------------------------------------------------


@pytest.mark.parametrize("field", ["service", "channel", "period", "count"])
@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_values_in_single_posts_answer_400(ssc_client, field, value):
    response = post_json(ssc_client, json.dumps({**ROW, field: value}), url=LIST_URL)
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    assert nothing_written()


@pytest.mark.parametrize("field", ["service", "channel", "period", "count"])
def test_hostile_values_in_bulk_json_answer_400_naming_each_row(ssc_client, field):
    body = [{**ROW, "period": f"2021-{n % 12 + 1:02d}", field: v} for n, v in enumerate(HOSTILE)]
    if field == "period":
        body = [{**ROW, "period": v} for v in HOSTILE]
    response = post_json(ssc_client, json.dumps(body))
    if response.json()["code"] == "parse_error":  # the lone surrogate refuses the whole body
        body = [row for row in body if row[field] != "\ud800"]
        response = post_json(ssc_client, json.dumps(body))
    assert response.status_code == 400, response.content[:300]
    assert {e["row"] for e in response.json()["errors"]} == set(range(1, len(body) + 1))
    assert nothing_written()


@pytest.mark.parametrize("field", ["service", "channel", "period", "count"])
def test_hostile_values_in_bulk_csv_answer_400(ssc_client, field):
    rows = []
    for value in HOSTILE:
        row = dict(ROW)
        row[field] = value
        rows.append(tuple(row.values()))
    text = as_csv(rows)
    body = text.encode("utf-8", "surrogatepass")  # the lone surrogate makes it invalid UTF-8
    response = ssc_client.generic("POST", BULK_URL, body, content_type="text/csv")
    assert response.status_code == 400, response.content[:300]
    no_surrogate = as_csv([row for row in rows if "\ud800" not in row])
    response = post_csv(ssc_client, no_surrogate)
    assert response.status_code == 400, response.content[:300]
    assert nothing_written()


def test_every_field_hostile_at_once_answers_400(ssc_client):
    rows = [(value, value, value, value) for value in HOSTILE if value != "\ud800"]
    assert post_csv(ssc_client, as_csv(rows)).status_code == 400
    assert post_json(ssc_client, as_json(rows)).status_code == 400
    assert nothing_written()


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_values_in_patch_answer_400(ssc_client, value):
    count_id = ssc_client.post(LIST_URL, ROW, format="json").json()["id"]
    for field in ("count", "service", "period"):
        body = json.dumps({"count": 11, field: value})
        response = ssc_client.generic("PATCH", count_url(count_id), body, "application/json")
        assert response.status_code == 400, (field, response.content[:300])
    assert TransactionCount.objects.get().count == 10


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'[{"service": NaN}]',
        b'[{"count": Infinity}]',
        b'[{"count": 1e999}]',
        b"\xff\xfe\x00\x00",
        b'[{"service": "\\ud800"}]',
    ],
    ids=["deep", "nan", "infinity", "overflow", "not-utf8", "lone-surrogate"],
)
def test_malformed_json_bodies_answer_400(ssc_client, body):
    response = ssc_client.generic("POST", BULK_URL, body, content_type="application/json")
    assert response.status_code == 400
    assert nothing_written()


def test_csv_with_malformed_quoting_answers_400(ssc_client):
    text = 'service,channel,period,count\n"ssc-pension"x,web,2022-01,1\n'
    assert post_csv(ssc_client, text).status_code == 400
    text = 'service,channel,period,count\n"ssc-pension,web,2022-01,1\n'
    assert post_csv(ssc_client, text).status_code == 400
    assert nothing_written()


# --- hostile strings in the catalogue -----------------------------------------------------------

AGENCY = {"code": "mot", "name_en": "Tourism", "name_ar": "السياحة", "kind": "ministry"}
CHANNEL = {"code": "sms", "name_en": "SMS", "name_ar": "رسائل", "is_electronic": True}
SERVICE = {
    "code": "ssc-new",
    "agency": "ssc",
    "name_en": "New",
    "name_ar": "جديد",
    "sector": "other",
    "channels": ["web"],
    "electronic_since": "2020-01-01",
}
CATALOGUE = [
    ("/api/v1/agencies/", AGENCY, Agency, ["code", "kind", "parent", "website", "is_active"]),
    ("/api/v1/channels/", CHANNEL, Channel, ["code", "is_electronic"]),
    (
        "/api/v1/services/",
        SERVICE,
        Service,
        ["code", "agency", "sector", "electronic_since", "retired_on"],
    ),
]
# Free text may hold quotes and SQL (stored verbatim), never control characters (surrounding
# whitespace is trimmed, as everywhere in the API).
CONTROL = [
    value for value in HOSTILE if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in value.strip())
]


@pytest.mark.parametrize(("url", "valid", "model", "fields"), CATALOGUE, ids=lambda v: str(v))
def test_hostile_values_in_catalogue_writes_answer_400(ministry_client, url, valid, model, fields):
    before = model.objects.count()
    for field in fields:
        for value in HOSTILE:
            if field == "code" and re.fullmatch(r"[-a-zA-Z0-9_]{1,50}", value):
                continue  # e.g. "NaN": odd, but a well-formed new code
            if field == "website" and value == " ":
                continue  # trimmed to the empty website, which is allowed
            response = post_json(ministry_client, json.dumps({**valid, field: value}), url=url)
            assert response.status_code == 400, (field, value, response.content[:300])
    for field in ("name_en", "name_ar"):
        for value in [*CONTROL, "\ud800"]:
            response = post_json(ministry_client, json.dumps({**valid, field: value}), url=url)
            assert response.status_code == 400, (field, value, response.content[:300])
    if url.endswith("services/"):
        for value in HOSTILE:
            body = json.dumps({**valid, "channels": [value]})
            assert post_json(ministry_client, body, url=url).status_code == 400
    assert model.objects.count() == before


def test_quotes_and_sql_in_names_are_stored_verbatim(ministry_client):
    name = "'; DROP TABLE services_agency; -- \"O'Reilly\""
    response = ministry_client.post("/api/v1/agencies/", {**AGENCY, "name_en": name}, format="json")
    assert response.status_code == 201
    assert ministry_client.get("/api/v1/agencies/mot/").json()["name_en"] == name
    assert Agency.objects.count() == 3


@pytest.mark.parametrize("field", ["service", "channel", "period", "count"])
@pytest.mark.parametrize("value", [{}, [], {"code": "web"}, ["web"], None, True])
def test_values_of_the_wrong_json_type_answer_400(ssc_client, field, value):
    row = {**ROW, field: value}

    single = ssc_client.post(LIST_URL, row, format="json")
    bulk = post_json(ssc_client, [row])

    assert single.status_code == 400, single.content
    assert bulk.status_code == 400, bulk.content
    assert bulk.json()["errors"][0]["row"] == 1
    assert not TransactionCount.objects.exists()


# --- the largest count -------------------------------------------------------------------------


def test_counts_at_the_maximum_are_accepted_and_sum_exactly(ssc_client, api_client):
    # Sums of counts are computed in bigint; the maximum keeps them from overflowing.
    for channel in ("web", "mobile", "kiosk"):
        row = {**ROW, "channel": channel, "count": MAX_COUNT}
        assert ssc_client.post(LIST_URL, row, format="json").status_code == 201

    totals = api_client.get("/api/v1/stats/totals/?period=2022-01")

    assert totals.status_code == 200, totals.content
    assert totals.json()[0]["electronic"] == 3 * MAX_COUNT


def test_a_count_over_the_maximum_answers_400_everywhere_and_writes_nothing(ssc_client):
    over = MAX_COUNT + 1
    single = ssc_client.post(LIST_URL, {**ROW, "count": over}, format="json")
    csv_body = post_csv(ssc_client, as_csv([("ssc-pension", "web", "2022-01", over)]))
    json_body = post_json(ssc_client, as_json([("ssc-pension", "web", "2022-01", over)]))

    for response in (single, csv_body, json_body):
        assert response.status_code == 400
        assert response.json()["errors"][0]["code"] == "max_value"
    assert nothing_written()

    count_id = ssc_client.post(LIST_URL, ROW, format="json").json()["id"]
    patch = ssc_client.patch(count_url(count_id), {"count": over}, format="json")
    assert patch.status_code == 400
    assert TransactionCount.objects.get().count == ROW["count"]


def test_the_database_refuses_a_count_over_the_maximum(small_catalogue):
    count = TransactionCount(
        service=Service.objects.get(code="ssc-pension"),
        channel=Channel.objects.get(code="web"),
        period="2022-01-01",
        count=MAX_COUNT + 1,
    )
    with pytest.raises(IntegrityError, match="count_at_most_max"), transaction.atomic():
        count.save()
