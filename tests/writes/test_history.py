"""Every create, change and delete of a count keeps the value before, the value after, who
and when; a bulk request is one submission that its history entries point to."""

import datetime

import pytest
from django.utils import timezone

from transactions.models import CountHistory, Submission

from .conftest import LIST_URL, as_csv, count_url, post_csv

pytestmark = pytest.mark.django_db

ROW = {"service": "ssc-pension", "channel": "web", "period": "2022-01", "count": 100}


def history(client, count_id):
    response = client.get(f"{count_url(count_id)}history/")
    assert response.status_code == 200
    return response.json()


def test_create_update_and_delete_are_each_recorded(ssc_key, ssc_client):
    api_key, _ = ssc_key
    before = timezone.now()
    count_id = ssc_client.post(LIST_URL, ROW, format="json").json()["id"]
    ssc_client.post(LIST_URL, {**ROW, "count": 150}, format="json")  # replaces: an update
    ssc_client.patch(count_url(count_id), {"count": 120}, format="json")
    ssc_client.delete(count_url(count_id))

    entries = history(ssc_client, count_id)  # still answered after the delete
    assert [(e["action"], e["old_count"], e["new_count"]) for e in entries] == [
        ("create", None, 100),
        ("update", 100, 150),
        ("update", 150, 120),
        ("delete", 120, None),
    ]
    for entry in entries:
        assert entry["count_id"] == count_id
        assert (entry["service"], entry["channel"], entry["period"]) == (
            "ssc-pension",
            "web",
            "2022-01",
        )
        assert entry["api_key"] == api_key.prefix
        assert entry["api_key_name"] == "ssc uploads"
        assert entry["user"] is None
        changed_at = datetime.datetime.fromisoformat(entry["changed_at"])
        assert before <= changed_at <= timezone.now()
    submissions = Submission.objects.filter(pk__in=[e["submission"] for e in entries])
    assert sorted(s.source for s in submissions) == ["api", "api", "api", "api"]
    assert all(s.api_key_id == api_key.pk for s in submissions)


def test_a_write_that_changes_nothing_leaves_no_history(ssc_client):
    count_id = ssc_client.post(LIST_URL, ROW, format="json").json()["id"]
    ssc_client.post(LIST_URL, ROW, format="json")
    ssc_client.patch(count_url(count_id), {"count": 100}, format="json")
    assert len(history(ssc_client, count_id)) == 1


def test_staff_changes_name_the_user(small_catalogue, staff_client, staff_user):
    count_id = staff_client.post(LIST_URL, ROW, format="json").json()["id"]
    [entry] = history(staff_client, count_id)
    assert (entry["user"], entry["api_key"]) == ("steward", None)
    assert Submission.objects.get(pk=entry["submission"]).user == staff_user


def test_bulk_request_is_one_submission_its_entries_point_to(ssc_key, ssc_client):
    api_key, _ = ssc_key
    ssc_client.post(LIST_URL, ROW, format="json")  # 2022-01 web exists with 100
    rows = [
        ("ssc-pension", "web", "2022-01", 100),  # unchanged
        ("ssc-pension", "web", "2022-02", 200),  # created
        ("ssc-pension", "mobile", "2022-02", 300),  # created
    ]
    post_csv(ssc_client, as_csv(rows))
    rows[0] = ("ssc-pension", "web", "2022-01", 110)  # now updated
    report = post_csv(ssc_client, as_csv(rows)).json()

    submission = Submission.objects.get(pk=report["submission"])
    assert (submission.source, submission.api_key_id) == ("bulk", api_key.pk)
    assert (submission.rows, submission.created, submission.updated, submission.unchanged) == (
        3,
        0,
        1,
        2,
    )
    [entry] = CountHistory.objects.filter(submission=submission)
    assert (entry.action, entry.old_count, entry.new_count) == ("update", 100, 110)
    assert entry.api_key_id == api_key.pk

    first_bulk = Submission.objects.filter(source="bulk").order_by("id").first()
    created = CountHistory.objects.filter(submission=first_bulk).order_by("channel__code")
    assert [(h.channel.code, h.action, h.old_count, h.new_count) for h in created] == [
        ("mobile", "create", None, 300),
        ("web", "create", None, 200),
    ]
    assert all(h.count_id for h in created)


def test_history_of_an_unknown_count_answers_404(small_catalogue, ssc_client):
    assert ssc_client.get("/api/v1/transactions/424242/history/").status_code == 404
    assert ssc_client.get(f"/api/v1/transactions/{10**30}/history/").status_code == 404


def test_refused_writes_leave_no_history_or_submission(ssc_client, gam_client):
    gam_client.post(LIST_URL, ROW, format="json")  # 403
    ssc_client.post(LIST_URL, {**ROW, "count": -1}, format="json")  # 400
    assert CountHistory.objects.count() == 0
    assert Submission.objects.count() == 0


def test_reading_a_count_by_an_overlong_id_answers_404(small_catalogue, api_client):
    assert api_client.get(f"/api/v1/transactions/{10**30}/").status_code == 404
