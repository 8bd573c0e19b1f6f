"""Set-based statements of the write path: one statement each, whatever the number of rows.

Django's `bulk_create` splits its rows into batches of 999 parameters on SQLite (about 160
counts a statement), so the number of statements would grow with the request. Here every row
travels in one parameter instead: typed arrays expanded by `unnest` on PostgreSQL, one JSON
document expanded by `json_each` on SQLite (3.35 or later, for RETURNING).
"""

import datetime
import json
from collections.abc import Iterable, Sequence

from django.db import connection
from django.db.models.expressions import RawSQL

from ..models import CountHistory, TransactionCount

CountKey = tuple[int, int, datetime.date]  # service_id, channel_id, period


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _json(rows: Iterable[Sequence]) -> str:
    return json.dumps([list(row) for row in rows], default=str)


def _as_date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def text_values(values: Sequence[str]) -> RawSQL:
    """Return a subquery yielding `values`, for `field__in=`: one parameter for any number."""
    if _postgres():
        return RawSQL("SELECT unnest(%s::text[])", [list(values)])
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(list(values))])


def fetch_counts(keys: Sequence[CountKey]) -> dict[CountKey, tuple[int, int]]:
    """Return `{(service_id, channel_id, period): (id, count)}` for the keys that exist."""
    if not keys:
        return {}
    table = _table(TransactionCount)
    if _postgres():
        sql = f"""
            SELECT c.id, c.service_id, c.channel_id, c.period, c.count
            FROM {table} AS c
            JOIN unnest(%s::bigint[], %s::bigint[], %s::date[]) AS k(service_id, channel_id, period)
              ON c.service_id = k.service_id AND c.channel_id = k.channel_id
             AND c.period = k.period
        """
        params = [list(column) for column in zip(*keys, strict=True)]
    else:
        # CROSS JOIN keeps the keys as the outer loop, so each is one lookup in the unique index.
        sql = f"""
            SELECT c.id, c.service_id, c.channel_id, c.period, c.count
            FROM json_each(%s) AS k CROSS JOIN {table} AS c
            WHERE c.service_id = json_extract(k.value, '$[0]')
              AND c.channel_id = json_extract(k.value, '$[1]')
              AND c.period = json_extract(k.value, '$[2]')
        """
        params = [_json(keys)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {
            (service_id, channel_id, _as_date(period)): (pk, count)
            for pk, service_id, channel_id, period, count in cursor.fetchall()
        }


def upsert_counts(
    rows: Sequence[tuple[int, int, datetime.date, int]], *, now: datetime.datetime
) -> dict[CountKey, int]:
    """Insert or overwrite `(service_id, channel_id, period, count)` rows in one statement.

    Returns `{(service_id, channel_id, period): id}` of every row written.
    """
    if not rows:
        return {}
    table = _table(TransactionCount)
    stamp = connection.ops.adapt_datetimefield_value(now)
    columns = "(service_id, channel_id, period, count, created_at, updated_at)"
    conflict = """
        ON CONFLICT (service_id, channel_id, period)
        DO UPDATE SET count = excluded.count, updated_at = excluded.updated_at
        RETURNING id, service_id, channel_id, period
    """
    if _postgres():
        sql = f"""
            INSERT INTO {table} {columns}
            SELECT r.service_id, r.channel_id, r.period, r.count, %s, %s
            FROM unnest(%s::bigint[], %s::bigint[], %s::date[], %s::bigint[])
                 AS r(service_id, channel_id, period, count)
            {conflict}
        """
        params = [stamp, stamp, *(list(column) for column in zip(*rows, strict=True))]
    else:
        # `WHERE true` tells SQLite's parser the ON CONFLICT clause is not a join condition.
        sql = f"""
            INSERT INTO {table} {columns}
            SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'),
                   json_extract(value, '$[2]'), json_extract(value, '$[3]'), %s, %s
            FROM json_each(%s) WHERE true
            {conflict}
        """
        params = [stamp, stamp, _json(rows)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {
            (service_id, channel_id, _as_date(period)): pk
            for pk, service_id, channel_id, period in cursor.fetchall()
        }


def insert_history(
    entries: Sequence[tuple[int, int, int, datetime.date, int | None, int | None, str]],
    *,
    api_key_id: str | None,
    user_id: int | None,
    submission_id: int,
    changed_at: datetime.datetime,
) -> None:
    """Insert `(count_id, service_id, channel_id, period, old, new, action)` history rows."""
    if not entries:
        return
    table = _table(CountHistory)
    stamp = connection.ops.adapt_datetimefield_value(changed_at)
    columns = """(count_id, service_id, channel_id, period, old_count, new_count, action,
                  api_key_id, user_id, submission_id, changed_at)"""
    if _postgres():
        sql = f"""
            INSERT INTO {table} {columns}
            SELECT h.count_id, h.service_id, h.channel_id, h.period, h.old_count, h.new_count,
                   h.action, %s, %s, %s, %s
            FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[], %s::date[], %s::bigint[],
                        %s::bigint[], %s::text[])
                 AS h(count_id, service_id, channel_id, period, old_count, new_count, action)
        """
        columns_data = [list(column) for column in zip(*entries, strict=True)]
        params = [api_key_id, user_id, submission_id, stamp, *columns_data]
    else:
        sql = f"""
            INSERT INTO {table} {columns}
            SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'),
                   json_extract(value, '$[2]'), json_extract(value, '$[3]'),
                   json_extract(value, '$[4]'), json_extract(value, '$[5]'),
                   json_extract(value, '$[6]'), %s, %s, %s, %s
            FROM json_each(%s)
        """
        params = [api_key_id, user_id, submission_id, stamp, _json(entries)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
