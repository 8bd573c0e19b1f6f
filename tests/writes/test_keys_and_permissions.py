"""Who may do what: each rule as a request refused, and one that passes."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from egov_api.keys.models import ApiKey
from transactions.models import TransactionCount

from .conftest import LIST_URL, as_json, client_for, make_key, post_json, stored

pytestmark = pytest.mark.django_db

ROW = {"service": "ssc-pension", "channel": "web", "period": "2022-01", "count": 10}
AGENCY = {
    "code": "mot",
    "name_en": "Ministry of Tourism",
    "name_ar": "وزارة السياحة",
    "kind": "ministry",
}


# --- keys ------------------------------------------------------------------------------------


def test_key_is_stored_hashed(ssc_key):
    api_key, secret = ssc_key
    stored_key = ApiKey.objects.get(pk=api_key.pk)
    assert secret not in (stored_key.pk, stored_key.hashed_key)
    assert stored_key.hashed_key.startswith("sha512$$")
    assert secret.startswith(stored_key.prefix + ".")


def test_key_must_be_agency_or_ministry_not_both(small_catalogue):
    from django.core.exceptions import ValidationError

    key = ApiKey(name="both", agency=small_catalogue["agencies"]["ssc"], is_ministry=True)
    with pytest.raises(ValidationError):
        key.full_clean(exclude=["id", "prefix", "hashed_key"])
    neither = ApiKey(name="neither", agency=None, is_ministry=False)
    with pytest.raises(ValidationError):
        neither.full_clean(exclude=["id", "prefix", "hashed_key"])


def test_use_of_a_key_records_last_used_at(ssc_key, ssc_client):
    api_key, _ = ssc_key
    assert api_key.last_used_at is None
    ssc_client.get(LIST_URL)
    api_key.refresh_from_db()
    assert api_key.last_used_at is not None
    assert timezone.now() - api_key.last_used_at < datetime.timedelta(minutes=1)


# --- no key: 401 -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("post", LIST_URL, ROW),
        ("post", "/api/v1/transactions/bulk/", [ROW]),
        ("patch", "/api/v1/transactions/1/", {"count": 1}),
        ("delete", "/api/v1/transactions/1/", None),
        ("post", "/api/v1/agencies/", AGENCY),
        ("patch", "/api/v1/agencies/ssc/", {"name_en": "x"}),
        ("delete", "/api/v1/channels/web/", None),
    ],
)
def test_writes_without_a_key_answer_401(small_catalogue, method, url, body):
    response = getattr(APIClient(), method)(url, body, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"
    assert response["Content-Type"] == "application/problem+json"
    assert TransactionCount.objects.count() == 0


def test_unknown_key_answers_401(small_catalogue):
    response = client_for("AbCdEfGh.notarealsecret").post(LIST_URL, ROW, format="json")
    assert response.status_code == 401


def test_malformed_key_answers_401_without_error(small_catalogue):
    for key in ["", "no-dot", "' OR 1=1 --.x", "a.b\x00c", "x" * 5000]:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
        assert client.post(LIST_URL, ROW, format="json").status_code == 401


def test_revoked_key_answers_401(ssc_key, ssc_client):
    api_key, _ = ssc_key
    api_key.revoked = True
    api_key.save()
    assert ssc_client.post(LIST_URL, ROW, format="json").status_code == 401
    assert ssc_client.get(LIST_URL).status_code == 401


def test_expired_key_answers_401(small_catalogue):
    _, secret = make_key(
        agency=small_catalogue["agencies"]["ssc"],
        expiry_date=timezone.now() - datetime.timedelta(seconds=1),
    )
    response = client_for(secret).post(LIST_URL, ROW, format="json")
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_key_not_yet_expired_passes(small_catalogue):
    _, secret = make_key(
        agency=small_catalogue["agencies"]["ssc"],
        expiry_date=timezone.now() + datetime.timedelta(days=1),
    )
    assert client_for(secret).post(LIST_URL, ROW, format="json").status_code == 201


# --- reads ------------------------------------------------------------------------------------


def test_reads_are_public_by_default(small_catalogue):
    assert APIClient().get(LIST_URL).status_code == 200
    assert APIClient().get("/api/v1/agencies/").status_code == 200


def test_reads_need_a_key_when_public_read_is_off(small_catalogue, ssc_client, settings):
    settings.EGOV_PUBLIC_READ = False
    for url in (LIST_URL, "/api/v1/agencies/", "/api/v1/services/ssc-pension/"):
        refused = APIClient().get(url)
        assert refused.status_code == 401, url
        assert ssc_client.get(url).status_code == 200, url


# --- agency keys: own agency's counts only ----------------------------------------------------


def test_agency_key_writes_its_own_agencys_counts(ssc_client):
    assert ssc_client.post(LIST_URL, ROW, format="json").status_code == 201


def test_agency_key_may_not_write_another_agencys_count(gam_client):
    response = gam_client.post(LIST_URL, ROW, format="json")
    assert response.status_code == 403
    assert "ssc-pension" in response.json()["detail"]
    assert TransactionCount.objects.count() == 0


def test_agency_key_may_not_patch_or_delete_another_agencys_count(ssc_client, gam_client):
    count_id = ssc_client.post(LIST_URL, ROW, format="json").json()["id"]
    url = f"/api/v1/transactions/{count_id}/"
    assert gam_client.patch(url, {"count": 99}, format="json").status_code == 403
    assert gam_client.delete(url).status_code == 403
    assert stored() == {("ssc-pension", "web", "2022-01"): 10}
    assert ssc_client.patch(url, {"count": 11}, format="json").status_code == 200
    assert ssc_client.delete(url).status_code == 204


def test_bulk_with_another_agencys_rows_is_403_listing_them(ssc_client):
    rows = [
        ("ssc-pension", "web", "2022-01", 1),
        ("gam-permit", "web", "2022-01", 2),
        ("ssc-join", "web", "2022-01", 3),
        ("gam-fees", "counter", "2022-01", 4),
    ]
    response = post_json(ssc_client, as_json(rows))
    assert response.status_code == 403
    errors = response.json()["errors"]
    assert [(e["row"], e["field"]) for e in errors] == [(2, "service"), (4, "service")]
    assert TransactionCount.objects.count() == 0


def test_forbidden_rows_outrank_invalid_rows(ssc_client):
    rows = [("ssc-pension", "web", "2022-13", -1), ("gam-permit", "web", "2022-01", 2)]
    response = post_json(ssc_client, as_json(rows))
    assert response.status_code == 403
    assert [e["row"] for e in response.json()["errors"]] == [2]


def test_agency_key_may_not_write_the_catalogue(ssc_client):
    assert ssc_client.post("/api/v1/agencies/", AGENCY, format="json").status_code == 403
    assert (
        ssc_client.patch("/api/v1/channels/web/", {"name_en": "x"}, format="json").status_code
        == 403
    )
    assert ssc_client.delete("/api/v1/services/gam-fees/").status_code == 403


# --- ministry keys and staff: everything ------------------------------------------------------


def test_ministry_key_writes_every_agencys_counts(ministry_client):
    rows = [("ssc-pension", "web", "2022-01", 1), ("gam-permit", "web", "2022-01", 2)]
    response = post_json(ministry_client, as_json(rows))
    assert response.status_code == 200
    assert response.json()["created"] == 2


def test_ministry_key_writes_the_catalogue(ministry_client):
    response = ministry_client.post("/api/v1/agencies/", AGENCY, format="json")
    assert response.status_code == 201, response.json()


def test_staff_user_writes_counts_and_catalogue(small_catalogue, staff_client):
    assert staff_client.post(LIST_URL, ROW, format="json").status_code == 201
    assert staff_client.post("/api/v1/agencies/", AGENCY, format="json").status_code == 201


def test_signed_in_user_who_is_not_staff_may_not_write(small_catalogue, django_user_model):
    user = django_user_model.objects.create_user(username="citizen", password="x")
    client = APIClient()
    client.force_login(user)
    assert client.post(LIST_URL, ROW, format="json").status_code == 403
    assert client.post("/api/v1/agencies/", AGENCY, format="json").status_code == 403
