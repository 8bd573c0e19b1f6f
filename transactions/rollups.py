"""Monthly roll-ups: the counts summed per month and channel, and per agency, sector or both.

Statistics that need nothing at service level read a roll-up instead of the counts: the
smallest one holding what the figure groups and filters by (`LEVELS`). At ten million counts
the roll-up by agency and sector holds under a million rows, the one by agency about a hundred
thousand and the one by sector a few thousand. Each equals a GROUP BY over the counts at every
commit, because every change of a count changes them in the same transaction:

- the write path (`transactions.writes`) adds each request's changes with `apply_deltas`;
- `TransactionCount.save()`, `.delete()` and `CountQuerySet.delete()` do the same;
- a service moved to another agency or sector moves its counts (`move_service`, called by a
  signal on `Service`).

Anything else that writes counts (`bulk_create`, `QuerySet.update`, COPY, SQL by hand) must be
followed by `python manage.py rebuild_rollups`, which runs `rebuild`.

Every statement here is set-based: many rows travel as one parameter (typed arrays expanded by
`unnest` on PostgreSQL, one JSON document expanded by `json_each` on SQLite), so the number of
queries does not grow with the number of rows.
"""

import datetime
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, F, QuerySet, Sum

from services.models import Service

from .models import (
    MonthlyAgencyRollup,
    MonthlyRollup,
    MonthlySectorRollup,
    Rollup,
    TransactionCount,
)

RollupKey = tuple[datetime.date, int, str, int]  # period, agency_id, sector, channel_id
ServicePlace = tuple[int, str]  # agency_id, sector


@dataclass(frozen=True)
class Level:
    """One roll-up table: its model and the columns it sums the counts by."""

    model: type[Rollup]
    keys: tuple[str, ...]


# The finest first: the others are sums of it. Writers update them in this order, each in key
# order, so that concurrent writers lock roll-up rows in one global order.
LEVELS = (
    Level(MonthlyRollup, ("period", "agency_id", "sector", "channel_id")),
    Level(MonthlyAgencyRollup, ("period", "agency_id", "channel_id")),
    Level(MonthlySectorRollup, ("period", "sector", "channel_id")),
)
FULL_KEY = LEVELS[0].keys
SQL_TYPES = {"period": "date", "agency_id": "bigint", "sector": "text", "channel_id": "bigint"}


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


ROWS = connection.ops.quote_name("rows")


class Deltas:
    """Changes to roll-up rows, summed per month, agency, sector and channel: how much each
    sum and each number of counts moves."""

    def __init__(self):
        self._by_key: dict[RollupKey, list[int]] = {}

    def add(self, key: RollupKey, *, count: int, rows: int = 0) -> None:
        change = self._by_key.setdefault(key, [0, 0])
        change[0] += count
        change[1] += rows

    def rows_for(self, level: Level) -> list[tuple]:
        """Return `(*key, count, rows)` for every key of `level` that moves, in key order."""
        positions = [FULL_KEY.index(column) for column in level.keys]
        summed: dict[tuple, list[int]] = {}
        for key, (count, rows) in self._by_key.items():
            change = summed.setdefault(tuple(key[i] for i in positions), [0, 0])
            change[0] += count
            change[1] += rows
        return [
            (*key, count, rows) for key, (count, rows) in sorted(summed.items()) if count or rows
        ]


def apply_deltas(deltas: Deltas) -> None:
    """Add the deltas to every roll-up and drop the rows left with no count; call inside the
    transaction that changed the counts. One statement per roll-up, two when a row empties."""
    for level in LEVELS:
        _upsert(level, deltas.rows_for(level))


def _upsert(level: Level, rows: list[tuple]) -> None:
    if not rows:
        return
    table = _table(level.model)
    keys = ", ".join(level.keys)
    conflict = f"""
        ON CONFLICT ({keys})
        DO UPDATE SET count = {table}.count + excluded.count,
                      {ROWS} = {table}.{ROWS} + excluded.{ROWS}
        RETURNING id, {ROWS}
    """
    if _postgres():
        arrays = ", ".join(f"%s::{SQL_TYPES[key]}[]" for key in level.keys)
        sql = f"""
            INSERT INTO {table} ({keys}, count, {ROWS})
            SELECT * FROM unnest({arrays}, %s::bigint[], %s::bigint[])
                AS d({keys}, count, n)
            ORDER BY {keys}
            {conflict}
        """
        params = [list(column) for column in zip(*rows, strict=True)]
    else:
        values = ", ".join(f"json_extract(value, '$[{i}]')" for i in range(len(level.keys) + 2))
        # `WHERE true` tells SQLite's parser the ON CONFLICT clause is not a join condition.
        sql = f"""
            INSERT INTO {table} ({keys}, count, {ROWS})
            SELECT {values} FROM json_each(%s) WHERE true
            {conflict}
        """
        params = [json.dumps([list(row) for row in rows], default=str)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        emptied = [pk for pk, count_rows in cursor.fetchall() if count_rows <= 0]
        if emptied:
            # A group whose every count was deleted is no group: the statistics list only
            # groups with at least one count.
            if _postgres():
                where, params = "id = ANY(%s::bigint[])", [emptied]
            else:
                where, params = "id IN (SELECT value FROM json_each(%s))", [json.dumps(emptied)]
            cursor.execute(f"DELETE FROM {table} WHERE {where} AND {ROWS} <= 0", params)


def lock_services(service_ids: Iterable[int] | QuerySet) -> dict[int, ServicePlace]:
    """Return `{service_id: (agency_id, sector)}` of the services, locked until the
    transaction ends (in id order, as every writer locks them) so that neither they nor
    their counts change meanwhile."""
    ids = service_ids if isinstance(service_ids, QuerySet) else set(service_ids)
    services = Service.objects.filter(pk__in=ids).order_by("id")
    if connection.features.has_select_for_update and connection.in_atomic_block:
        services = services.select_for_update(no_key=True)
    places = services.values_list("id", "agency_id", "sector")
    return {pk: (agency_id, sector) for pk, agency_id, sector in places}


def deltas_of(counts: QuerySet, *, sign: int) -> Deltas:
    """Return the roll-up changes of adding (`sign` 1) or removing (-1) the counts: one
    GROUP BY query."""
    deltas = Deltas()
    grouped = (
        counts.order_by()
        .values("period", "channel_id", agency=F("service__agency_id"), place=F("service__sector"))
        .annotate(total=Sum("count"), number=Count("id"))
    )
    for row in grouped:
        key = (row["period"], row["agency"], row["place"], row["channel_id"])
        deltas.add(key, count=sign * int(row["total"]), rows=sign * row["number"])
    return deltas


def remove_counts(
    counts: QuerySet, delete: Callable[[], tuple[int, dict[str, int]]]
) -> tuple[int, dict[str, int]]:
    """Delete the counts with `delete()` and take them out of the roll-ups, in one
    transaction; return what `delete()` returns."""
    # No savepoint, as QuerySet.delete() sets none: an error spoils the enclosing transaction.
    with transaction.atomic(using=counts.db, savepoint=False):
        lock_services(counts.values("service_id"))
        deltas = deltas_of(counts, sign=-1)
        deleted = delete()
        apply_deltas(deltas)
    return deleted


@dataclass(frozen=True)
class StoredCount:
    """A count as the roll-ups hold it: its roll-up key and value."""

    key: RollupKey
    count: int


def count_moves(before: StoredCount | None, after: StoredCount | None) -> Deltas:
    """Return the deltas of one count going from `before` to `after` (None: absent)."""
    deltas = Deltas()
    if before is not None:
        deltas.add(before.key, count=-before.count, rows=-1)
    if after is not None:
        deltas.add(after.key, count=after.count, rows=1)
    return deltas


def stored_count(count_id: int | None) -> StoredCount | None:
    """Return the count with id `count_id` as stored, once its service is locked; None when
    there is none."""
    if count_id is None:
        return None
    counts = TransactionCount.objects.filter(pk=count_id)
    service_id = counts.values_list("service_id", flat=True).first()
    if service_id is None:
        return None
    agency_id, sector = lock_services([service_id])[service_id]
    # Read again under the lock: a write of that service may have committed in between.
    row = counts.values("channel_id", "period", "count").first()
    if row is None:
        return None
    return StoredCount((row["period"], agency_id, sector, row["channel_id"]), row["count"])


def move_service(service_id: int, *, old: ServicePlace, new: ServicePlace) -> None:
    """Move a service's counts from the roll-ups of its old (agency, sector) to those of its
    new one; call inside the transaction that changes the service, with the service locked."""
    if old == new:
        return
    grouped = (
        TransactionCount.objects.filter(service_id=service_id)
        .order_by()
        .values("period", "channel_id")
        .annotate(total=Sum("count"), number=Count("id"))
    )
    deltas = Deltas()
    for row in grouped:
        total, number = int(row["total"]), row["number"]
        deltas.add((row["period"], *old, row["channel_id"]), count=-total, rows=-number)
        deltas.add((row["period"], *new, row["channel_id"]), count=total, rows=number)
    apply_deltas(deltas)


def _grouped_counts(level: Level) -> str:
    """Return the SELECT summing the counts by the level's columns (keys, sum, number)."""
    columns = ", ".join(
        f"s.{key}" if key in ("agency_id", "sector") else f"c.{key}" for key in level.keys
    )
    return f"""
        SELECT {columns}, SUM(c.count), COUNT(*)
        FROM {_table(TransactionCount)} AS c JOIN {_table(Service)} AS s ON s.id = c.service_id
        GROUP BY {columns}
    """


def rebuild() -> dict[type[Rollup], int]:
    """Replace every roll-up row with the sums of the counts; return how many rows each
    roll-up holds now.

    Readers keep seeing the previous rows until it commits. On PostgreSQL, writers wait for
    it at their roll-up update, and add their changes on top of the rebuilt rows.
    """
    finest, *coarser = LEVELS
    written = {}
    with transaction.atomic(), connection.cursor() as cursor:
        _no_statement_timeout(cursor)
        if _postgres():
            # EXCLUSIVE lets reads through but no roll-up write: a write that commits while
            # the sums are computed would otherwise be counted twice or lost. In the order
            # writers update them, so that neither waits for the other crosswise.
            tables = ", ".join(_table(level.model) for level in LEVELS)
            cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")
        for level in LEVELS:
            cursor.execute(f"DELETE FROM {_table(level.model)}")
        written[finest.model] = _insert(cursor, finest, _grouped_counts(finest))
        for level in coarser:
            # Summed from the finest roll-up: a tenth of the rows to read, or less.
            keys = ", ".join(level.keys)
            sums = f"SELECT {keys}, SUM(count), SUM({ROWS}) FROM {_table(finest.model)}"
            written[level.model] = _insert(cursor, level, f"{sums} GROUP BY {keys}")
    return written


def _no_statement_timeout(cursor) -> None:
    """Lift PostgreSQL's statement timeout until the transaction ends: reading every count
    takes longer at tens of millions than the timeout meant for requests allows."""
    if _postgres():
        cursor.execute("SET LOCAL statement_timeout = 0")


def _insert(cursor, level: Level, select: str) -> int:
    keys = ", ".join(level.keys)
    cursor.execute(
        f"INSERT INTO {_table(level.model)} ({keys}, count, {ROWS}) "
        f"SELECT * FROM ({select}) AS g ORDER BY {keys}"
    )
    return cursor.rowcount


@dataclass(frozen=True)
class Difference:
    """How one roll-up differs from a GROUP BY over the counts."""

    level: Level
    wrong: int  # roll-up rows with no equal group of counts (stale, or no counts behind them)
    missing: int  # groups of counts with no equal roll-up row
    examples: list[tuple]  # a few differing rows, each starting with "rollup" or "counts"


def compare(examples: int = 5) -> list[Difference]:
    """Return how each roll-up that differs from the sums of the counts differs (empty: they
    are all equal). Four queries per roll-up."""
    differences = []
    with transaction.atomic(), connection.cursor() as cursor:
        _no_statement_timeout(cursor)
        for level in LEVELS:
            keys = ", ".join(level.keys)
            stored = f"SELECT {keys}, count, {ROWS} FROM {_table(level.model)}"
            grouped = _grouped_counts(level)
            found, shown = {}, []
            for side, first, second in (("rollup", stored, grouped), ("counts", grouped, stored)):
                difference = f"SELECT * FROM ({first} EXCEPT {second}) AS d"
                cursor.execute(f"SELECT COUNT(*) FROM ({difference}) AS n")
                found[side] = cursor.fetchone()[0]
                cursor.execute(f"{difference} ORDER BY 1, 2, 3 LIMIT %s", [examples])
                shown += [(side, *row) for row in cursor.fetchall()]
            if found["rollup"] or found["counts"]:
                differences.append(Difference(level, found["rollup"], found["counts"], shown))
    return differences
