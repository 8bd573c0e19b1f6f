"""The admin lists and revokes keys, shows history and submissions, and corrects counts through
the write path."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

import transactions.admin_history  # noqa: F401 - registers the history admin
from egov_api.keys.models import ApiKey
from tests.factories import TransactionCountFactory
from transactions.admin import TransactionCountAdmin
from transactions.models import CountHistory, TransactionCount

from .conftest import LIST_URL, as_csv, post_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(username="root", password="x")
    client.force_login(user)
    client.user = user
    return client


def test_key_admin_lists_keys_with_their_scope(admin_client, ssc_key, ministry_key):
    response = admin_client.get("/admin/keys/apikey/")
    assert response.status_code == 200
    page = response.content.decode()
    assert ssc_key[0].prefix in page
    assert ministry_key[0].prefix in page
    assert admin_client.get("/admin/keys/apikey/?q=ssc").status_code == 200


def test_key_admin_creates_a_key_shown_once(admin_client, small_catalogue):
    response = admin_client.post(
        "/admin/keys/apikey/add/",
        {"name": "from admin", "agency": small_catalogue["agencies"]["gam"].pk},
        follow=True,
    )
    assert response.status_code == 200
    key = ApiKey.objects.get(name="from admin")
    assert key.agency.code == "gam"
    assert f"{key.prefix}." in response.content.decode()  # the message carries the key


def test_key_admin_refuses_a_key_both_agency_and_ministry(admin_client, small_catalogue):
    response = admin_client.post(
        "/admin/keys/apikey/add/",
        {"name": "both", "agency": small_catalogue["agencies"]["gam"].pk, "is_ministry": "on"},
    )
    assert response.status_code == 200  # the form again, with the error
    assert not ApiKey.objects.filter(name="both").exists()


def test_key_admin_revokes_keys(admin_client, ssc_key, ssc_client):
    response = admin_client.post(
        "/admin/keys/apikey/",
        {"action": "revoke_keys", "_selected_action": [ssc_key[0].pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert ApiKey.objects.get(pk=ssc_key[0].pk).revoked
    assert ssc_client.get(LIST_URL).status_code == 401


def test_history_and_submission_admin_pages(admin_client, ssc_client):
    post_csv(ssc_client, as_csv([("ssc-pension", "web", "2022-01", 5)]))
    entry = CountHistory.objects.get()
    for url in (
        "/admin/transactions/counthistory/",
        f"/admin/transactions/counthistory/{entry.pk}/change/",
        "/admin/transactions/submission/",
        f"/admin/transactions/submission/{entry.submission_id}/change/",
    ):
        assert admin_client.get(url).status_code == 200, url
    assert admin_client.get("/admin/transactions/counthistory/add/").status_code == 403


def test_count_admin_mixin_corrects_through_the_write_path(admin_client, small_catalogue):
    count = TransactionCountFactory(
        service=small_catalogue["services"]["ssc-pension"],
        channel=small_catalogue["channels"]["web"],
        count=100,
    )
    model_admin = TransactionCountAdmin(TransactionCount, admin.site)
    request = RequestFactory().post("/")
    request.user = admin_client.user

    form = model_admin.get_form(request, count)(data={"count": 120}, instance=count)
    assert form.is_valid(), form.errors
    model_admin.save_model(request, form.save(commit=False), form, change=True)
    [entry] = CountHistory.objects.all()
    assert (entry.action, entry.old_count, entry.new_count, entry.user) == (
        "update",
        100,
        120,
        admin_client.user,
    )

    refused = model_admin.get_form(request, count)(data={"count": -1}, instance=count)
    assert not refused.is_valid()

    model_admin.delete_model(request, TransactionCount.objects.get())
    assert not TransactionCount.objects.exists()
    assert CountHistory.objects.filter(action="delete").count() == 1


def test_count_admin_mixin_refuses_an_electronic_count_before_electronic_since(
    admin_client, small_catalogue
):
    model_admin = TransactionCountAdmin(TransactionCount, admin.site)
    request = RequestFactory().post("/")
    request.user = admin_client.user
    data = {
        "service": small_catalogue["services"]["ssc-pension"].pk,
        "channel": small_catalogue["channels"]["web"].pk,
        "period": "2018-12-01",
        "count": 5,
    }
    form = model_admin.get_form(request)(data=data)
    assert not form.is_valid()
    assert "period" in form.errors
    form = model_admin.get_form(request)(data={**data, "period": "2019-01-01"})
    assert form.is_valid(), form.errors
    obj = form.save(commit=False)
    model_admin.save_model(request, obj, form, change=False)
    assert obj.pk == TransactionCount.objects.get().pk
    assert CountHistory.objects.get().action == "create"
