"""Any sequence of writes, of any kind, leaves the roll-ups equal to the counts."""

import contextlib

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from egov_api.errors import DomainError
from services.models import Agency, Service
from transactions.models import TransactionCount
from transactions.writes import RawRow, Writer, delete_count, submit_counts, update_count

from .conftest import assert_rollups_match

pytestmark = pytest.mark.django_db

SERVICES = ("ssc-pension", "ssc-join", "gam-permit", "gam-fees")
CHANNELS = ("web", "mobile", "kiosk", "call_center", "counter")
# Few months, so that writes meet the same counts and roll-up rows again and again; ssc-join
# became electronic in 2021-06 and gam-fees never did, so some rows are refused.
MONTHS = ("2021-05", "2021-06", "2022-01")
PLACES = (("ssc", "social_protection"), ("ssc", "labour"), ("gam", "tax"), ("gam", "transport"))

rows = st.tuples(
    st.sampled_from(SERVICES),
    st.sampled_from(CHANNELS),
    st.sampled_from(MONTHS),
    st.integers(min_value=0, max_value=1_000),
)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("submit"), st.lists(rows, min_size=1, max_size=8)),
        st.tuples(st.just("update"), st.integers(min_value=0), st.integers(0, 1_000)),
        st.tuples(st.just("delete"), st.integers(min_value=0)),
        st.tuples(st.just("move"), st.sampled_from(SERVICES), st.sampled_from(PLACES)),
        st.tuples(st.just("save"), st.integers(min_value=0), st.integers(0, 1_000)),
        st.tuples(st.just("delete_all_of"), st.sampled_from(SERVICES)),
    ),
    min_size=1,
    max_size=12,
)


@contextlib.contextmanager
def rolled_back():
    """Run one example inside a savepoint that is rolled back, so examples never mix."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def nth_count_id(index: int) -> int | None:
    ids = list(TransactionCount.objects.order_by("id").values_list("id", flat=True))
    return ids[index % len(ids)] if ids else None


def apply(operation, writer: Writer) -> None:
    kind, *args = operation
    if kind == "submit":
        submit_counts([RawRow(n, *row) for n, row in enumerate(args[0], start=1)], writer=writer)
    elif kind == "update" and (count_id := nth_count_id(args[0])) is not None:
        update_count(count_id, data={"count": args[1]}, writer=writer)
    elif kind == "delete" and (count_id := nth_count_id(args[0])) is not None:
        delete_count(count_id, writer=writer)
    elif kind == "move":
        service = Service.objects.get(code=args[0])
        agency, service.sector = args[1]
        service.agency = Agency.objects.get(code=agency)
        service.save()
    elif kind == "save" and (count_id := nth_count_id(args[0])) is not None:
        count = TransactionCount.objects.get(pk=count_id)
        count.count = args[1]
        count.save()
    elif kind == "delete_all_of":
        TransactionCount.objects.filter(service__code=args[0]).delete()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(operations=operations)
def test_rollups_equal_the_counts_after_any_writes(small_catalogue, operations):
    writer = Writer()  # every agency's counts
    with rolled_back():
        for operation in operations:
            # A refused write changes nothing, the roll-ups included.
            with contextlib.suppress(DomainError):
                apply(operation, writer)
            assert_rollups_match()
