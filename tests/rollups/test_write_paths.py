"""Every way of writing counts keeps the monthly roll-ups equal to a GROUP BY over the counts."""

import datetime
import io

import pytest
from django.core.management import call_command

from services.models import Service
from tests.factories import TransactionCountFactory
from tests.writes.conftest import (
    LIST_URL,
    as_csv,
    as_json,
    count_url,
    post_csv,
    post_json,
)
from transactions.models import MonthlyRollup, TransactionCount

from .conftest import assert_rollups_match

pytestmark = pytest.mark.django_db

JANUARY = datetime.date(2022, 1, 1)


def rollup_of(agency: str, sector: str, channel: str, period=JANUARY) -> tuple[int, int] | None:
    """Return `(count, rows)` of one roll-up row by agency and sector, or None when there is
    none."""
    rows = MonthlyRollup.objects.filter(
        period=period, agency__code=agency, sector=sector, channel__code=channel
    )
    return rows.values_list("count", "rows").first()


def test_no_counts_no_rollups(small_catalogue):
    assert not MonthlyRollup.objects.exists()
    assert_rollups_match()


def test_single_post_patch_and_delete(ssc_client):
    row = {"service": "ssc-pension", "channel": "web", "period": "2022-01", "count": 100}
    created = ssc_client.post(LIST_URL, row, format="json")
    assert created.status_code == 201
    assert rollup_of("ssc", "social_protection", "web") == (100, 1)
    assert_rollups_match()

    # A second service of the same agency and sector shares the roll-up row.
    other = ssc_client.post(LIST_URL, {**row, "service": "ssc-join", "count": 7}, format="json")
    assert other.status_code == 201
    assert rollup_of("ssc", "social_protection", "web") == (100 + 7, 2)

    assert (
        ssc_client.patch(count_url(created.json()["id"]), {"count": 40}, format="json").status_code
        == 200
    )
    assert rollup_of("ssc", "social_protection", "web") == (40 + 7, 2)
    assert_rollups_match()

    assert ssc_client.delete(count_url(created.json()["id"])).status_code == 204
    assert rollup_of("ssc", "social_protection", "web") == (7, 1)
    assert_rollups_match()

    # The last count of the group goes: so does its roll-up row.
    assert ssc_client.delete(count_url(other.json()["id"])).status_code == 204
    assert not MonthlyRollup.objects.exists()
    assert_rollups_match()


def test_a_count_of_zero_keeps_its_group(ssc_client):
    row = {"service": "ssc-pension", "channel": "counter", "period": "2022-01", "count": 0}
    assert ssc_client.post(LIST_URL, row, format="json").status_code == 201
    assert rollup_of("ssc", "social_protection", "counter") == (0, 1)
    assert_rollups_match()


def test_bulk_json_create_update_and_replay(ministry_client):
    first = [
        ("ssc-pension", "web", "2022-01", 10),
        ("ssc-join", "web", "2022-01", 20),
        ("gam-permit", "mobile", "2022-01", 30),
        ("gam-fees", "counter", "2022-01", 40),
        ("gam-fees", "counter", "2021-12", 50),
    ]
    assert post_json(ministry_client, as_json(first)).json()["created"] == 5
    assert rollup_of("ssc", "social_protection", "web") == (10 + 20, 2)
    assert rollup_of("gam", "tax", "counter") == (40, 1)
    assert_rollups_match()

    second = [
        ("ssc-pension", "web", "2022-01", 15),  # changed
        ("ssc-join", "web", "2022-01", 20),  # unchanged
        ("gam-fees", "counter", "2022-01", 0),  # changed to 0
        ("gam-permit", "kiosk", "2022-01", 5),  # new
    ]
    report = post_json(ministry_client, as_json(second)).json()
    assert (report["created"], report["updated"], report["unchanged"]) == (1, 2, 1)
    assert rollup_of("ssc", "social_protection", "web") == (15 + 20, 2)
    assert rollup_of("gam", "tax", "counter") == (0, 1)
    assert_rollups_match()

    # The same body again (a retry) changes nothing.
    before = set(MonthlyRollup.objects.values_list("id", "count", "rows"))
    assert post_json(ministry_client, as_json(second)).json()["unchanged"] == 4
    assert set(MonthlyRollup.objects.values_list("id", "count", "rows")) == before
    assert_rollups_match()


def test_bulk_csv_and_a_refused_body_changes_nothing(ministry_client):
    rows = [
        (service, channel, f"2022-{month:02d}", month * 10 + number)
        for number, service in enumerate(("ssc-pension", "gam-permit"))
        for channel in ("web", "counter")
        for month in (1, 2, 3)
    ]
    assert post_csv(ministry_client, as_csv(rows)).json()["created"] == len(rows)
    assert_rollups_match()
    before = set(MonthlyRollup.objects.values_list("id", "count", "rows"))

    refused = [("ssc-pension", "web", "2022-01", 999), ("gam-fees", "web", "2022-01", 1)]
    assert post_csv(ministry_client, as_csv(refused)).status_code == 400
    assert set(MonthlyRollup.objects.values_list("id", "count", "rows")) == before


def test_import_counts(small_catalogue, tmp_path):
    path = tmp_path / "gam.csv"
    path.write_text(
        as_csv([("gam-permit", "web", "2022-01", 11), ("gam-fees", "call_center", "2022-01", 4)])
    )
    call_command("import_counts", str(path), "--agency", "gam", stdout=io.StringIO())
    path.write_text(as_csv([("gam-permit", "web", "2022-01", 12)]))
    call_command("import_counts", str(path), "--agency", "gam", stdout=io.StringIO())
    assert rollup_of("gam", "local_government", "web") == (12, 1)
    assert_rollups_match()


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(username="root", password="x")
    client.force_login(user)
    return client


def test_admin_add_correct_and_delete(admin_client, small_catalogue):
    admin = "/admin/transactions/transactioncount/"
    added = admin_client.post(
        f"{admin}add/",
        {
            "service": small_catalogue["services"]["gam-permit"].pk,
            "channel": small_catalogue["channels"]["mobile"].pk,
            "period": "2022-01-01",
            "count": 70,
            "history-TOTAL_FORMS": 0,
            "history-INITIAL_FORMS": 0,
        },
    )
    assert added.status_code == 302, added.content.decode()[:2000]
    count = TransactionCount.objects.get()
    assert rollup_of("gam", "local_government", "mobile") == (70, 1)

    changed = admin_client.post(
        f"{admin}{count.pk}/change/",
        {"count": 75, "history-TOTAL_FORMS": 0, "history-INITIAL_FORMS": 0},
    )
    assert changed.status_code == 302, changed.content.decode()[:2000]
    assert rollup_of("gam", "local_government", "mobile") == (75, 1)
    assert_rollups_match()

    deleted = admin_client.post(f"{admin}{count.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302
    assert not TransactionCount.objects.exists()
    assert not MonthlyRollup.objects.exists()


def test_orm_saves_and_deletes(small_catalogue):
    services, channels = small_catalogue["services"], small_catalogue["channels"]
    count = TransactionCountFactory(
        service=services["ssc-pension"], channel=channels["web"], count=5
    )
    TransactionCountFactory(service=services["ssc-join"], channel=channels["web"], count=6)
    TransactionCountFactory(service=services["gam-fees"], channel=channels["counter"], count=7)
    assert rollup_of("ssc", "social_protection", "web") == (5 + 6, 2)
    assert_rollups_match()

    count.count = 50
    count.save()
    assert rollup_of("ssc", "social_protection", "web") == (50 + 6, 2)
    # A count moved to another service, channel and month leaves its old group.
    count.service, count.channel, count.period = (
        services["gam-fees"],
        channels["counter"],
        datetime.date(2021, 5, 1),
    )
    count.save()
    assert rollup_of("ssc", "social_protection", "web") == (6, 1)
    assert rollup_of("gam", "tax", "counter", datetime.date(2021, 5, 1)) == (50, 1)
    assert_rollups_match()

    count.delete()
    assert_rollups_match()
    TransactionCount.objects.filter(service__agency__code="ssc").delete()
    assert_rollups_match()
    Service.objects.get(code="gam-fees").counts.all().delete()
    assert not MonthlyRollup.objects.exists()
    assert_rollups_match()


def test_seed_demo_and_its_rerun(db):
    call_command("seed_demo", verbosity=0)
    assert MonthlyRollup.objects.exists()
    assert_rollups_match()
    # A change made by SQL, which the roll-ups do not follow, then a rerun that puts the
    # demo value back and sums every count again.
    count = TransactionCount.objects.order_by("id").first()
    TransactionCount.objects.filter(pk=count.pk).update(count=count.count + 1)
    call_command("seed_demo", verbosity=0)
    assert_rollups_match()
