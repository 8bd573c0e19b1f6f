"""A service moved to another agency or sector takes its counts along in the roll-ups."""

import pytest

from services.models import Agency, Service
from tests.writes.conftest import as_json, post_json
from transactions.models import MonthlyRollup

from .conftest import assert_rollups_match

pytestmark = pytest.mark.django_db

ROWS = [
    ("ssc-pension", "web", "2022-01", 10),
    ("ssc-pension", "counter", "2022-01", 3),
    ("ssc-pension", "web", "2021-01", 8),
    ("ssc-join", "web", "2022-01", 20),
    ("gam-permit", "web", "2022-01", 30),
]


@pytest.fixture
def written(ministry_client):
    assert post_json(ministry_client, as_json(ROWS)).status_code == 200
    assert_rollups_match()


def groups() -> set[tuple]:
    """Return the roll-ups as `(month, agency code, sector, channel code, count)`."""
    rows = MonthlyRollup.objects.values_list(
        "period", "agency__code", "sector", "channel__code", "count"
    )
    return {(f"{period:%Y-%m}", *rest) for period, *rest in rows}


def test_agency_change_through_the_api(ministry_client, written):
    assert groups() == {
        ("2022-01", "ssc", "social_protection", "web", 10 + 20),
        ("2022-01", "ssc", "social_protection", "counter", 3),
        ("2021-01", "ssc", "social_protection", "web", 8),
        ("2022-01", "gam", "local_government", "web", 30),
    }
    response = ministry_client.patch(
        "/api/v1/services/ssc-pension/", {"agency": "gam"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert groups() == {
        ("2022-01", "ssc", "social_protection", "web", 20),
        ("2022-01", "gam", "social_protection", "web", 10),
        ("2022-01", "gam", "social_protection", "counter", 3),
        ("2021-01", "gam", "social_protection", "web", 8),
        ("2022-01", "gam", "local_government", "web", 30),
    }
    assert_rollups_match()


def test_sector_change_through_the_api(ministry_client, written):
    response = ministry_client.patch(
        "/api/v1/services/gam-permit/", {"sector": "tax"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert {(a, s) for _, a, s, _, _ in groups()} == {("ssc", "social_protection"), ("gam", "tax")}
    assert_rollups_match()


def test_agency_and_sector_change_together_and_back(ministry_client, written):
    url = "/api/v1/services/ssc-join/"
    for change in ({"agency": "gam", "sector": "transport"}, {"agency": "ssc", "sector": "tax"}):
        assert ministry_client.patch(url, change, format="json").status_code == 200
        assert_rollups_match()


def test_changes_through_the_orm(written):
    service = Service.objects.get(code="ssc-pension")
    service.agency = Agency.objects.get(code="gam")
    service.save()
    assert_rollups_match()
    service.sector = "labour"
    service.save(update_fields=["sector"])
    assert_rollups_match()
    # Only the fields named are written: the sector stays as stored.
    service.sector = "trade"
    service.save(update_fields=["name_en"])
    assert_rollups_match()


def test_other_catalogue_edits_leave_the_rollups_alone(ministry_client, written):
    before = set(MonthlyRollup.objects.values_list("id", "count", "rows"))
    response = ministry_client.patch(
        "/api/v1/services/ssc-pension/", {"name_en": "Pensions"}, format="json"
    )
    assert response.status_code == 200
    assert set(MonthlyRollup.objects.values_list("id", "count", "rows")) == before
