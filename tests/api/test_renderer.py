"""The JSON renderer: orjson's speed, DRF's output."""

import datetime
import decimal
import json
import zoneinfo

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer

from egov_api.api.renderers import ORJSONRenderer

AMMAN = zoneinfo.ZoneInfo("Asia/Amman")


def render(data, accepted_media_type=None, renderer_context=None):
    return ORJSONRenderer().render(data, accepted_media_type, renderer_context)


def drf_render(data, accepted_media_type=None, renderer_context=None):
    return JSONRenderer().render(data, accepted_media_type, renderer_context)


def test_it_is_the_default_renderer():
    assert settings.REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"][0] == (
        "egov_api.api.renderers.ORJSONRenderer"
    )
    assert ORJSONRenderer.media_type == "application/json"
    assert ORJSONRenderer.format == "json"


def test_nothing_renders_as_an_empty_body():
    assert render(None) == b""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (decimal.Decimal("90.63"), b"90.63"),
        (decimal.Decimal("45.00"), b"45.0"),
        (decimal.Decimal("-16.5"), b"-16.5"),
        (datetime.date(2022, 1, 1), b'"2022-01-01"'),
        (datetime.datetime(2022, 1, 31, 22, 0, tzinfo=datetime.UTC), b'"2022-01-31T22:00:00Z"'),
        (
            datetime.datetime(2022, 2, 1, 0, 0, 0, 123456, tzinfo=AMMAN),
            b'"2022-02-01T00:00:00.123456+02:00"',
        ),
        (datetime.datetime(2022, 2, 1, 8, 30), b'"2022-02-01T08:30:00"'),
        (2**63 - 1, b"9223372036854775807"),
        (None, b"null"),
        (True, b"true"),
    ],
)
def test_values_render_as_drf_renders_them(value, expected):
    assert render({"v": value}) == b'{"v":' + expected + b"}"
    assert render({"v": value}) == drf_render({"v": value})


def test_lazy_translations_render_in_the_active_language():
    data = {"title": gettext_lazy("Not found")}

    with translation.override("ar"):
        body, drf_body = render(data), drf_render(data)

    assert json.loads(body) == {"title": "غير موجود"}
    assert body == drf_body


def test_arabic_text_is_written_as_utf8_not_escaped():
    data = {"name_ar": "المؤسسة العامة للضمان الاجتماعي", "agency": "ssc"}

    body = render(data)

    assert "المؤسسة".encode() in body
    assert b"\\u" not in body
    assert body == drf_render(data)


def test_a_document_of_every_kind_renders_byte_for_byte_as_drf():
    data = {
        "count": 2,
        "next": None,
        "results": [
            {
                "service": "ssc-pension-inquiry",
                "name_ar": "الاستعلام عن الراتب التقاعدي",
                "period": "2022-01",
                "count": 2_900_000,
                "electronic": True,
                "change_pct": decimal.Decimal("45.00"),
                "share": decimal.Decimal("90.63"),
                "since": datetime.date(2019, 1, 1),
                "updated_at": datetime.datetime(2022, 2, 1, 9, 30, tzinfo=datetime.UTC),
                "codes": ("web", "mobile"),
            }
        ],
        1: "a key that is not a string",
    }

    assert render(data) == drf_render(data)


def test_javascript_line_separators_are_escaped_as_drf_does():
    data = {"detail": "one\u2028two\u2029three"}

    assert render(data) == b'{"detail":"one\\u2028two\\u2029three"}'
    assert render(data) == drf_render(data)


def test_an_indented_answer_is_left_to_drf():
    data = {"a": [1, 2], "b": "ب"}

    assert render(data, "application/json; indent=4") == drf_render(
        data, "application/json; indent=4"
    )
    assert render(data, None, {"indent": 2}) == drf_render(data, None, {"indent": 2})


def test_an_integer_beyond_64_bits_is_left_to_drf():
    data = {"v": 2**70}

    assert render(data) == b'{"v":1180591620717411303424}'


def test_what_neither_can_write_is_an_error():
    with pytest.raises(TypeError):
        render({"v": object()})


@pytest.mark.django_db
def test_a_page_over_http_is_compact_json(api_client):
    response = api_client.get("/api/v1/agencies/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.content == b'{"count":0,"next":null,"previous":null,"results":[]}'


@pytest.mark.django_db
def test_problem_details_render_as_problem_json_in_arabic(api_client, small_catalogue):
    response = api_client.get("/api/v1/transactions/?agency=nope", HTTP_ACCEPT_LANGUAGE="ar")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert body["status"] == 400
    assert body["title"] == "طلب غير صالح"
    assert [error["field"] for error in body["errors"]] == ["agency"]
    assert "طلب غير صالح".encode() in response.content
