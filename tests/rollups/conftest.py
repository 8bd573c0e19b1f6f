"""The one check every roll-up test makes: each roll-up equals a GROUP BY over the counts."""

import pytest
from django.db.models import Count, F, Sum

from tests.writes.conftest import client_for, make_key
from transactions.models import (
    MonthlyAgencyRollup,
    MonthlyRollup,
    MonthlySectorRollup,
    TransactionCount,
)

# Each roll-up, and what it groups the counts by (as paths from a count).
GROUPINGS = {
    MonthlyRollup: {
        "period": F("period"),
        "agency_id": F("service__agency_id"),
        "sector": F("service__sector"),
        "channel_id": F("channel_id"),
    },
    MonthlyAgencyRollup: {
        "period": F("period"),
        "agency_id": F("service__agency_id"),
        "channel_id": F("channel_id"),
    },
    MonthlySectorRollup: {
        "period": F("period"),
        "sector": F("service__sector"),
        "channel_id": F("channel_id"),
    },
}


def expected_rollups(model) -> set[tuple]:
    """Return the counts summed as `model` sums them, computed here with the ORM: one
    `(*key, sum, number of counts)` per group."""
    keys = GROUPINGS[model]
    aliases = {f"key_{name}": path for name, path in keys.items()}
    grouped = (
        TransactionCount.objects.order_by()
        .values(**aliases)
        .annotate(total=Sum("count"), number=Count("id"))
        .values_list(*aliases, "total", "number")
    )
    return {(*key, int(total), number) for *key, total, number in grouped}


def stored_rollups(model) -> set[tuple]:
    return set(model.objects.values_list(*GROUPINGS[model], "count", "rows"))


def assert_rollups_match() -> None:
    """Every roll-up row equals a group of counts, and every group of counts has its row (so
    no roll-up row outlives its counts), in each roll-up."""
    for model in GROUPINGS:
        stored = stored_rollups(model)
        assert model.objects.count() == len(stored), model  # no key twice
        assert stored == expected_rollups(model), model


@pytest.fixture
def ministry_client(small_catalogue):
    return client_for(make_key(name="ministry")[1])


@pytest.fixture
def ssc_client(small_catalogue):
    return client_for(make_key(agency=small_catalogue["agencies"]["ssc"], name="ssc")[1])
