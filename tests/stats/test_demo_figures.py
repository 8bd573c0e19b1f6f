"""The press report's figures, read through the statistics endpoints from the demo data."""

import pytest
from django.core.management import call_command, get_commands

from services.models import Agency, Channel, Service
from transactions.models import TransactionCount
from transactions.stats.examples import DEMO_QUERIES

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Seed the demo data once for the module; remove every row afterwards."""
    if "seed_demo" not in get_commands():
        pytest.skip("the seed_demo command does not exist yet")
    with django_db_blocker.unblock():
        call_command("seed_demo", verbosity=0)
    yield
    with django_db_blocker.unblock():
        TransactionCount.objects.all().delete()
        Service.channels.through.objects.all().delete()
        Service.objects.all().delete()
        Channel.objects.all().delete()
        # Children first: an agency's parent is protected while it has children.
        Agency.objects.filter(parent__isnull=False).delete()
        Agency.objects.all().delete()


def test_growth_of_electronic_transactions(demo, get):
    assert get("growth", period="2022-01").body == [
        {
            "current_from": "2022-01",
            "current_to": "2022-01",
            "previous_from": "2021-01",
            "previous_to": "2021-01",
            "current": 2_900_000,
            "previous": 2_000_000,
            "change": 900_000,
            "change_pct": 45.0,
        }
    ]


def test_totals_of_january_2022(demo, get):
    body = get("totals", period_from="2022-01", period_to="2022-01").body

    assert body[0]["electronic"] == 2_900_000
    assert body[0]["total"] == 3_200_000
    assert body[0]["traditional"] == 3_200_000 - 2_900_000
    assert body[0]["electronic_share_pct"] == 90.63  # 2.9 / 3.2 = 90.625 %


def test_electronic_services(demo, get):
    assert get("service-counts", period="2022-01").body == {
        "period": "2022-01",
        "previous_period": "2021-01",
        "current": 437,
        "previous": 375,
        "change": 62,
        "change_pct": 16.53,
    }


def test_the_time_series_point_of_january_2022(demo, get):
    body = get("timeseries", period_from="2022-01", period_to="2022-01").body

    assert [(p["electronic"], p["total"], p["yoy_change_pct"]) for p in body] == [
        (2_900_000, 3_200_000, 45.0)
    ]


def test_ssc_leads_electronic_transactions_each_month_of_2021_to_july(demo, get):
    for month in range(1, 8):
        period = f"2021-{month:02d}"
        body = get("rankings", by="agency", period_from=period, period_to=period, limit=1).body
        assert body[0]["agency"] == "ssc", period
    body = get("rankings", by="agency", period_from="2021-01", period_to="2021-07").body
    assert body[0]["agency"] == "ssc"
    assert body[0]["agency_name_en"] == "Social Security Corporation"


def test_the_summary_of_january_2022(demo, get):
    body = get("summary", period="2022-01").body

    assert (body["electronic"], body["previous_electronic"]) == (2_900_000, 2_000_000)
    assert (body["change"], body["change_pct"]) == (900_000, 45.0)
    assert (body["total"], body["electronic_share_pct"]) == (3_200_000, 90.63)
    assert (body["services"], body["previous_services"]) == (437, 375)
    assert (body["services_change"], body["services_change_pct"]) == (62, 16.53)
    assert body["top_agency_electronic_transactions"]["code"] == "ssc"
    assert body["top_agency_electronic_transactions_ytd"]["code"] == "ssc"
    assert body["top_agency_electronic_services"]["code"] == "gam"
    assert body["top_agency_electronic_services"]["name_ar"] == "أمانة عمّان الكبرى"
    for figure in ("2,900,000", "900,000", "45.0%", "2,000,000", "90.63%", "3,200,000", "437"):
        assert figure in body["headline_en"] and figure in body["headline_ar"]
    assert "كانون الثاني 2022" in body["headline_ar"]
    assert "المؤسسة العامة للضمان الاجتماعي" in body["headline_ar"]


@pytest.mark.parametrize(
    "endpoint, params, example",
    DEMO_QUERIES,
    ids=[f"{endpoint}-{'&'.join(params)}" for endpoint, params, _ in DEMO_QUERIES],
)
def test_every_schema_example_is_what_the_demo_data_answers(demo, get, endpoint, params, example):
    assert get(endpoint, **params).body == example
