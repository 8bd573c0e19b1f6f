"""`rebuild_rollups` sums the counts again after a load that bypassed the write path, and
`--check` tells whether that is needed."""

import datetime
import importlib
import io
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from tests.writes.conftest import as_json, post_json
from transactions import rollups
from transactions.models import (
    DataVersion,
    MonthlyAgencyRollup,
    MonthlyRollup,
    MonthlySectorRollup,
    TransactionCount,
)

from .conftest import assert_rollups_match, expected_rollups

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("rebuild_rollups", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def loaded_by_sql(small_catalogue):
    """Counts stored without the write path, as COPY or SQL by hand would store them."""
    services, channels = small_catalogue["services"], small_catalogue["channels"]
    TransactionCount.objects.bulk_create(
        TransactionCount(
            service=services[service],
            channel=channels[channel],
            period=datetime.date(2022, month, 1),
            count=count,
        )
        for service, channel, month, count in [
            ("ssc-pension", "web", 1, 10),
            ("ssc-join", "web", 1, 20),
            ("gam-fees", "counter", 2, 0),
        ]
    )


def test_check_finds_a_bypassing_load_and_rebuild_repairs_it(loaded_by_sql):
    assert not MonthlyRollup.objects.exists()
    differences = {d.level.model: (d.wrong, d.missing) for d in rollups.compare()}
    # Two groups in each: ssc's (social protection's) web in 2022-01 and gam's (tax's)
    # counter in 2022-02.
    assert differences == {
        MonthlyRollup: (0, 2),
        MonthlyAgencyRollup: (0, 2),
        MonthlySectorRollup: (0, 2),
    }
    with pytest.raises(CommandError) as refused:
        run("--check")
    assert refused.value.returncode == 1
    assert "rebuild_rollups" in str(refused.value)

    version = DataVersion.current()[0]
    out, _ = run()
    assert out.startswith("Rebuilt the monthly roll-ups in ")
    assert "by agency and sector: 2, monthly roll-ups by agency: 2, " in out
    assert DataVersion.current()[0] == version + 1
    assert_rollups_match()
    out, _ = run("--check")
    assert "equal the counts" in out


def test_check_finds_a_stale_row_and_rebuild_drops_it(ministry_client):
    body = [("gam-permit", "web", "2022-01", 5)]
    assert post_json(ministry_client, as_json(body)).status_code == 200
    MonthlyAgencyRollup.objects.update(count=6)
    [difference] = rollups.compare()
    assert (difference.level.model, difference.wrong, difference.missing) == (
        MonthlyAgencyRollup,
        1,
        1,
    )
    assert {side for side, *_ in difference.examples} == {"rollup", "counts"}
    with pytest.raises(CommandError):
        run("--check")

    TransactionCount.objects.all().update(count=0)  # by SQL: the roll-ups keep 5 and 6
    run()
    for model in (MonthlyRollup, MonthlyAgencyRollup, MonthlySectorRollup):
        assert list(model.objects.values_list("count", "rows")) == [(0, 1)]
    assert_rollups_match()


def test_the_migration_sums_counts_already_stored(loaded_by_sql):
    migration = importlib.import_module("transactions.migrations.0004_monthlyrollup")

    def execute(sql, params=()):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    migration.fill_rollups(apps, SimpleNamespace(connection=connection, execute=execute))
    assert expected_rollups(MonthlyRollup)
    assert_rollups_match()
