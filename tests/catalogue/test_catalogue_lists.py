"""Agencies, channels and services: lists, details, filters, sorting and their errors."""

import datetime

import pytest

from services.filters import AgencyFilterSet, ServiceFilterSet
from services.models import Agency, Service
from tests.factories import AgencyFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def codes(response):
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


def test_agency_list_returns_both_names_and_every_field(api_client, small_catalogue):
    AgencyFactory(code="ssc-north", kind="department", parent=small_catalogue["agencies"]["ssc"])

    response = api_client.get("/api/v1/agencies/?search=north")

    assert response.json()["results"] == [
        {
            "code": "ssc-north",
            "name_en": "Agency ssc-north",
            "name_ar": "جهة ssc-north",
            "kind": "department",
            "parent": "ssc",
            "website": "",
            "is_active": True,
        }
    ]


def test_agency_detail_is_addressed_by_code(api_client, small_catalogue):
    response = api_client.get("/api/v1/agencies/gam/")

    assert response.status_code == 200
    assert response.json()["name_en"] == "Greater Amman Municipality"


def test_unknown_agency_code_answers_404_problem(api_client, db):
    response = api_client.get("/api/v1/agencies/nope/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_agencies_filter_by_kind_parent_and_active(api_client, small_catalogue):
    ssc = small_catalogue["agencies"]["ssc"]
    AgencyFactory(code="a-child", kind="commission", parent=ssc)
    AgencyFactory(code="b-closed", kind="ministry", is_active=False)

    assert codes(api_client.get("/api/v1/agencies/?kind=commission,ministry")) == [
        "a-child",
        "b-closed",
    ]
    assert codes(api_client.get("/api/v1/agencies/?parent=ssc")) == ["a-child"]
    assert codes(api_client.get("/api/v1/agencies/?is_active=false")) == ["b-closed"]


def test_agencies_search_matches_arabic_names(api_client, small_catalogue):
    assert codes(api_client.get("/api/v1/agencies/?search=الأمانة")) == ["gam"]
    assert codes(api_client.get("/api/v1/agencies/?search=social")) == ["ssc"]
    assert codes(api_client.get("/api/v1/agencies/?search=")) == ["gam", "ssc"]


def test_agencies_ordering_descending_by_name(api_client, small_catalogue):
    assert codes(api_client.get("/api/v1/agencies/?ordering=-name_en")) == ["ssc", "gam"]


def test_channels_filter_electronic(api_client, channels):
    assert codes(api_client.get("/api/v1/channels/?electronic=true")) == ["kiosk", "mobile", "web"]
    assert codes(api_client.get("/api/v1/channels/?electronic=false")) == [
        "call_center",
        "counter",
    ]
    response = api_client.get("/api/v1/channels/web/")
    assert response.json() == {
        "code": "web",
        "name_en": "Web portal",
        "name_ar": "البوابة",
        "is_electronic": True,
    }


def test_service_detail_lists_agency_and_channels_by_code(api_client, small_catalogue):
    response = api_client.get("/api/v1/services/ssc-join/")

    assert response.json() == {
        "code": "ssc-join",
        "agency": "ssc",
        "name_en": "Service ssc-join",
        "name_ar": "خدمة ssc-join",
        "sector": "social_protection",
        "channels": ["call_center", "counter", "kiosk", "mobile", "web"],
        "electronic_since": "2021-06-01",
        "retired_on": None,
    }


def test_services_filter_by_agency_sector_and_channel(api_client, small_catalogue):
    web_only = ServiceFactory(code="web-only", agency=small_catalogue["agencies"]["gam"])
    web_only.channels.set([small_catalogue["channels"]["web"]])
    counter = small_catalogue["channels"]["counter"]
    small_catalogue["services"]["gam-fees"].channels.set([counter])

    assert codes(api_client.get("/api/v1/services/?agency=ssc")) == ["ssc-join", "ssc-pension"]
    assert codes(api_client.get("/api/v1/services/?sector=tax,local_government")) == [
        "gam-fees",
        "gam-permit",
    ]
    assert "web-only" not in codes(api_client.get("/api/v1/services/?channel=counter"))
    # A service offered on both listed channels appears once.
    assert codes(api_client.get("/api/v1/services/?channel=web,counter")) == [
        "gam-fees",
        "gam-permit",
        "ssc-join",
        "ssc-pension",
        "web-only",
    ]


def test_services_electronic_on_counts_live_electronic_services_on_the_first_day(
    api_client, small_catalogue
):
    gam = small_catalogue["agencies"]["gam"]
    ServiceFactory(
        code="retired-on-first",
        agency=gam,
        electronic_since=datetime.date(2018, 1, 1),
        retired_on=datetime.date(2021, 6, 1),
    )
    ServiceFactory(
        code="retired-mid-month",
        agency=gam,
        electronic_since=datetime.date(2018, 1, 1),
        retired_on=datetime.date(2021, 6, 2),
    )

    # ssc-join became electronic on 2021-06-01: counted from June; retired on the first day
    # of June: not counted in June.
    assert codes(api_client.get("/api/v1/services/?electronic_on=2021-06")) == [
        "gam-permit",
        "retired-mid-month",
        "ssc-join",
        "ssc-pension",
    ]
    assert codes(api_client.get("/api/v1/services/?electronic_on=2021-05")) == [
        "gam-permit",
        "retired-mid-month",
        "retired-on-first",
        "ssc-pension",
    ]


def test_services_electronic_filter_splits_on_electronic_since(api_client, small_catalogue):
    assert codes(api_client.get("/api/v1/services/?electronic=false")) == ["gam-fees"]
    assert len(codes(api_client.get("/api/v1/services/?electronic=true"))) == 3


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/services/?agency=ssc,nope", "agency"),
        ("/api/v1/services/?channel=fax", "channel"),
        ("/api/v1/services/?sector=space", "sector"),
        ("/api/v1/services/?electronic_on=2021-13", "electronic_on"),
        ("/api/v1/services/?electronic=yes-please", "electronic"),
        ("/api/v1/services/?ordering=price", "ordering"),
        ("/api/v1/agencies/?kind=empire", "kind"),
        ("/api/v1/agencies/?parent=nope", "parent"),
        ("/api/v1/agencies/?ordering=secret", "ordering"),
        ("/api/v1/channels/?electronic=2", "electronic"),
    ],
)
def test_bad_catalogue_filters_answer_400_naming_the_parameter(
    api_client, small_catalogue, url, parameter
):
    response = api_client.get(url)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [error["field"] for error in response.json()["errors"]] == [parameter]


def test_filtersets_work_directly_on_querysets(small_catalogue):
    agencies = AgencyFilterSet({"search": "amman"}, queryset=Agency.objects.all()).qs
    services = ServiceFilterSet({"electronic_on": "2021-01"}, queryset=Service.objects.all()).qs

    assert [agency.code for agency in agencies] == ["gam"]
    assert sorted(service.code for service in services) == ["gam-permit", "ssc-pension"]


def test_an_empty_boolean_filter_answers_400(api_client, channels):
    response = api_client.get("/api/v1/channels/?electronic=")

    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["electronic"]
