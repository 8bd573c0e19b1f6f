"""`create_api_key` prints a working key; `import_counts` writes files as the bulk endpoint."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from egov_api.keys.models import ApiKey
from transactions.models import Submission, TransactionCount

from .conftest import LIST_URL, as_csv, client_for, post_csv, stored

pytestmark = pytest.mark.django_db

ROW = {"service": "ssc-pension", "channel": "web", "period": "2022-01", "count": 10}


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_create_api_key_for_an_agency_prints_the_key_last(small_catalogue):
    out, _ = run("create_api_key", "--agency", "ssc", "--name", "SSC uploads")
    key = out.strip().splitlines()[-1]
    api_key = ApiKey.objects.get()
    assert (api_key.name, api_key.agency.code, api_key.is_ministry) == ("SSC uploads", "ssc", False)
    assert key.startswith(api_key.prefix + ".")
    assert key not in (api_key.pk, api_key.hashed_key)  # only the hash is kept
    client = client_for(key)
    assert client.post(LIST_URL, ROW, format="json").status_code == 201
    assert client.post(LIST_URL, {**ROW, "service": "gam-permit"}, format="json").status_code == 403


def test_create_ministry_key(small_catalogue):
    out, _ = run("create_api_key", "--ministry", "--name", "Ministry")
    key = out.strip().splitlines()[-1]
    api_key = ApiKey.objects.get()
    assert (api_key.agency, api_key.is_ministry) == (None, True)
    agency = {"code": "x", "name_en": "X", "name_ar": "س", "kind": "other"}
    assert client_for(key).post("/api/v1/agencies/", agency, format="json").status_code == 201


def test_create_api_key_with_expiry(small_catalogue):
    run("create_api_key", "--agency", "gam", "--name", "temp", "--expires-in-days", "30")
    assert ApiKey.objects.get().expiry_date is not None


@pytest.mark.parametrize(
    "args",
    [
        ["--agency", "nope", "--name", "x"],
        ["--name", "x"],
        ["--agency", "ssc", "--ministry", "--name", "x"],
        ["--agency", "ssc", "--name", "x" * 51],
    ],
)
def test_create_api_key_refuses_bad_arguments(small_catalogue, args):
    with pytest.raises((CommandError, SystemExit)):
        run("create_api_key", *args)
    assert ApiKey.objects.count() == 0


def test_import_counts_prints_the_bulk_report(small_catalogue, ssc_client, tmp_path):
    rows = [("ssc-pension", "web", "2022-01", 10), ("ssc-join", "counter", "2022-01", 20)]
    path = tmp_path / "ssc-2022-01.csv"
    path.write_text(as_csv(rows), encoding="utf-8")
    out, _ = run("import_counts", str(path), "--agency", "ssc")
    report = json.loads(out.strip().splitlines()[-1])
    assert {k: report[k] for k in ("rows", "created", "updated", "unchanged")} == {
        "rows": 2,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
    }
    submission = Submission.objects.get(pk=report["submission"])
    assert (submission.source, submission.note) == ("file", "ssc-2022-01.csv")
    assert stored() == {
        ("ssc-pension", "web", "2022-01"): 10,
        ("ssc-join", "counter", "2022-01"): 20,
    }
    # The same file again through the endpoint: the same report shape, all unchanged.
    api = post_csv(ssc_client, path.read_text()).json()
    assert (api["created"], api["updated"], api["unchanged"]) == (0, 0, 2)
    assert set(api) == set(report)


def test_import_counts_refuses_bad_rows_like_the_endpoint(small_catalogue, ssc_client, tmp_path):
    rows = [("ssc-pension", "web", "2022-01", 10), ("ssc-pension", "web", "2022-02", -1)]
    path = tmp_path / "bad.csv"
    path.write_text(as_csv(rows), encoding="utf-8")
    with pytest.raises(CommandError):
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command("import_counts", str(path), "--agency", "ssc", stdout=out, stderr=err)
        finally:
            printed = json.loads(err.getvalue())
    api = post_csv(ssc_client, path.read_text()).json()
    assert printed == api
    assert printed["errors"][0]["row"] == 2
    assert TransactionCount.objects.count() == 0


def test_import_counts_refuses_another_agencys_rows(small_catalogue, tmp_path):
    path = tmp_path / "gam.csv"
    path.write_text(as_csv([("gam-permit", "web", "2022-01", 1)]), encoding="utf-8")
    with pytest.raises(CommandError):
        run("import_counts", str(path), "--agency", "ssc")
    assert TransactionCount.objects.count() == 0


def test_import_counts_of_a_missing_file_or_agency_fails_cleanly(small_catalogue, tmp_path):
    with pytest.raises(CommandError):
        run("import_counts", str(tmp_path / "missing.csv"), "--agency", "ssc")
    path = tmp_path / "ok.csv"
    path.write_text(as_csv([("ssc-pension", "web", "2022-01", 1)]), encoding="utf-8")
    with pytest.raises(CommandError):
        run("import_counts", str(path), "--agency", "nope")
