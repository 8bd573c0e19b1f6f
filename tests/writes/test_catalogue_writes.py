"""Catalogue writes by a ministry-wide key: create, change, delete agencies, channels, services."""

import pytest

from services.models import Agency, Channel, Service
from tests.factories import TransactionCountFactory

from .conftest import LIST_URL, count_url

pytestmark = pytest.mark.django_db

AGENCY = {
    "code": "mot",
    "name_en": "Ministry of Tourism",
    "name_ar": "وزارة السياحة",
    "kind": "ministry",
}
SERVICE = {
    "code": "mot-guide-licence",
    "agency": "mot",
    "name_en": "Tour guide licence",
    "name_ar": "ترخيص الأدلاء السياحيين",
    "sector": "tourism",
    "channels": ["web", "counter"],
    "electronic_since": "2021-03-01",
}


def test_create_agency_with_defaults(ministry_client):
    response = ministry_client.post("/api/v1/agencies/", AGENCY, format="json")
    assert response.status_code == 201
    assert response.json() == {**AGENCY, "parent": None, "website": "", "is_active": True}


def test_create_service_and_write_its_counts(ministry_client):
    ministry_client.post("/api/v1/agencies/", AGENCY, format="json")
    response = ministry_client.post("/api/v1/services/", SERVICE, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["retired_on"] is None
    assert sorted(response.json()["channels"]) == ["counter", "web"]
    row = {"service": "mot-guide-licence", "channel": "web", "period": "2021-03", "count": 5}
    assert ministry_client.post(LIST_URL, row, format="json").status_code == 201


def test_create_channel(ministry_client):
    body = {"code": "sms", "name_en": "SMS", "name_ar": "رسائل قصيرة", "is_electronic": True}
    assert ministry_client.post("/api/v1/channels/", body, format="json").status_code == 201
    assert Channel.objects.get(code="sms").is_electronic is True


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/v1/agencies/", {**AGENCY, "code": "ssc"}),
        (
            "/api/v1/channels/",
            {"code": "web", "name_en": "W", "name_ar": "و", "is_electronic": True},
        ),
        ("/api/v1/services/", {**SERVICE, "code": "ssc-pension", "agency": "ssc"}),
    ],
)
def test_duplicate_code_answers_400_naming_code(ministry_client, url, body):
    response = ministry_client.post(url, body, format="json")
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["code"]


def test_patch_changes_only_the_fields_sent(ministry_client):
    response = ministry_client.patch(
        "/api/v1/agencies/ssc/", {"website": "https://www.ssc.gov.jo"}, format="json"
    )
    assert response.status_code == 200
    agency = Agency.objects.get(code="ssc")
    assert (agency.website, agency.name_en) == (
        "https://www.ssc.gov.jo",
        "Social Security Corporation",
    )


def test_service_cannot_retire_before_it_became_electronic(ministry_client):
    response = ministry_client.patch(
        "/api/v1/services/ssc-pension/", {"retired_on": "2018-01-01"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "retired_on"


def test_agency_cannot_be_its_own_parent(ministry_client):
    response = ministry_client.patch("/api/v1/agencies/ssc/", {"parent": "ssc"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "parent"


def test_delete_unused_entries(ministry_client):
    ministry_client.post("/api/v1/agencies/", AGENCY, format="json")
    ministry_client.post("/api/v1/services/", SERVICE, format="json")
    assert ministry_client.delete("/api/v1/services/mot-guide-licence/").status_code == 204
    assert ministry_client.delete("/api/v1/agencies/mot/").status_code == 204
    assert not Agency.objects.filter(code="mot").exists()


def test_delete_of_an_agency_with_services_answers_409(ministry_client):
    response = ministry_client.delete("/api/v1/agencies/ssc/")
    assert response.status_code == 409
    assert response.json()["code"] == "in_use"
    assert "services" in response.json()["detail"]
    assert Agency.objects.filter(code="ssc").exists()


def test_delete_of_a_service_or_channel_with_counts_answers_409(ministry_client, small_catalogue):
    TransactionCountFactory(
        service=small_catalogue["services"]["gam-fees"],
        channel=small_catalogue["channels"]["counter"],
    )
    for url in ("/api/v1/services/gam-fees/", "/api/v1/channels/counter/"):
        response = ministry_client.delete(url)
        assert response.status_code == 409, url
        assert "transaction counts" in response.json()["detail"]
    assert Service.objects.filter(code="gam-fees").exists()
    assert Channel.objects.filter(code="counter").exists()


def test_a_service_whose_counts_were_deleted_keeps_its_history(ministry_client, small_catalogue):
    row = {"service": "gam-fees", "channel": "counter", "period": "2022-01", "count": 5}
    count_id = ministry_client.post(LIST_URL, row, format="json").json()["id"]
    assert ministry_client.delete(count_url(count_id)).status_code == 204
    response = ministry_client.delete("/api/v1/services/gam-fees/")
    assert response.status_code == 409
    assert "count history" in response.json()["detail"]


def test_agency_with_keys_cannot_be_deleted(ministry_client, small_catalogue, gam_key):
    Service.objects.filter(agency__code="gam").delete()
    response = ministry_client.delete("/api/v1/agencies/gam/")
    assert response.status_code == 409
    assert "API keys" in response.json()["detail"]
