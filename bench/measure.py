"""The measurements: latency of stats endpoints and their SQL, list throughput, bulk writes."""

import csv
import datetime
import io
import json
import statistics
import subprocess
import sys
import time

import psycopg

from .generate import ensure_rollups
from .load import closed_loop, fetch, percentile
from .queries import StatsCase
from .scales import Scale
from .server import PROJECT

COUNTS_TABLE = "transactions_transactioncount"


def summarize(samples: list[float]) -> dict:
    return {
        "median_ms": statistics.median(samples) * 1000,
        "p95_ms": percentile(samples, 0.95) * 1000,
        "n": len(samples),
    }


def repeat(actions: list, scale: Scale) -> list[list[float]]:
    """Return the durations of each action over `scale.repetitions` rounds, after warm-up
    rounds; stop early (after at least 5 rounds) once the time budget is spent, as stress
    queries are slow. The actions take turns, so an app and its baseline are timed under the
    same background load even when that load changes during the run."""
    for _ in range(scale.warmup):
        for action in actions:
            action()
    samples: list[list[float]] = [[] for _ in actions]
    budget_end = time.perf_counter() + scale.repetition_seconds
    rounds = 0
    while rounds < scale.repetitions and (rounds < 5 or time.perf_counter() < budget_end):
        for action, durations in zip(actions, samples, strict=True):
            durations.append(action())
        rounds += 1
    return samples


class HttpError(Exception):
    """An endpoint answered something other than 200."""


def http_action(port: int, path: str):
    def once():
        response = fetch(port, path)
        if response.status != 200:
            snippet = response.body[:160].decode(errors="replace").replace("\n", " ")
            raise HttpError(f"HTTP {response.status}", snippet)
        return response.seconds

    return once


def sql_action(conn: psycopg.Connection, statements, params: dict):
    """Return a callable timing `statements` run one after another, every row fetched."""
    cur = conn.cursor()

    def once():
        started = time.perf_counter()
        for statement in statements:
            cur.execute(statement, params)
            cur.fetchall()
        return time.perf_counter() - started

    return once


def stats(port: int, conn: psycopg.Connection, cases: list[StatsCase], params, scale) -> list:
    """Return one measurement per case: the endpoint's latency next to its SQL's."""
    results = []
    for case in cases:
        app_once, sql_once = http_action(port, case.path), sql_action(conn, case.sql, params)
        try:
            app_once()  # a failing endpoint is reported, not timed
            app_samples, sql_samples = repeat([app_once, sql_once], scale)
            app = summarize(app_samples)
        except HttpError as error:
            app = {"error": error.args[0], "detail": error.args[1]}
            (sql_samples,) = repeat([sql_once], scale)
        sql = summarize(sql_samples)
        ratio = None if "error" in app else app["median_ms"] / sql["median_ms"]
        results.append(
            {
                "name": f"stats {case.name}",
                "kind": "stats",
                "level": case.level,
                "path": case.path,
                "app": app,
                "baseline": {"what": "SQL", **sql},
                "ratio": ratio,
                "overhead_ms": None if ratio is None else app["median_ms"] - sql["median_ms"],
            }
        )
        shown = app.get("error") or f"{app['median_ms']:.1f} ms"
        print(f"  {case.path}: {shown} (SQL {sql['median_ms']:.1f} ms)", flush=True)
    return results


def floor(port: int, scale: Scale) -> dict:
    """The cost of any request to the app: /healthz touches neither the database nor DRF."""
    (samples,) = repeat([http_action(port, "/healthz")], scale)
    return {
        "name": "app floor: GET /healthz",
        "kind": "floor",
        "path": "/healthz",
        "app": summarize(samples),
    }


def page_shape(port: int, path: str) -> dict:
    """Return the keys and row count of one page, to check both apps answer alike."""
    response = fetch(port, path)
    if response.status != 200:
        return {"status": response.status}
    page = json.loads(response.body)
    return {
        "status": 200,
        "keys": sorted(page),
        "row_keys": sorted(page["results"][0]) if page.get("results") else [],
        "count": page.get("count"),
        "rows": len(page.get("results") or []),
    }


def combine(parts: list[dict]) -> dict:
    """Merge load rounds: req/s over all of them, percentiles over every latency."""
    latencies = [x for part in parts for x in part.pop("latencies", [])]
    requests = sum(part["requests"] for part in parts)
    seconds = sum(part["seconds"] for part in parts)
    merged = {
        "tool": parts[0]["tool"],
        "requests": requests,
        "errors": sum(part["errors"] for part in parts),
        "seconds": round(seconds, 2),
        "rps": requests / seconds if seconds else 0.0,
    }
    if latencies:
        return merged | {
            "p50_ms": statistics.median(latencies) * 1000,
            "p99_ms": percentile(latencies, 0.99) * 1000,
        }
    # wrk reports percentiles only per round; none at all when no request got through.
    p50s = [part["p50_ms"] for part in parts if part.get("p50_ms") is not None]
    p99s = [part["p99_ms"] for part in parts if part.get("p99_ms") is not None]
    return merged | {
        "p50_ms": statistics.median(p50s) if p50s else None,
        "p99_ms": max(p99s) if p99s else None,
    }


def list_comparison(app_port: int, raw_port: int, path: str, scale: Scale, rounds=3) -> dict:
    """Return req/s and latency of the list on the API and on the framework-free app.

    The two take turns in short rounds, so a change in background load hits both alike.
    """
    shapes = {"app": page_shape(app_port, path), "raw": page_shape(raw_port, path)}
    ports = {"app": app_port, "raw": raw_port}
    parts: dict[str, list] = {"app": [], "raw": []}
    for port in ports.values():
        # Each worker's first requests build caches and open its database connection.
        closed_loop(port, path, concurrency=16, max_requests=200, max_seconds=2)
    for _ in range(rounds):
        for name, port in ports.items():
            parts[name].append(
                closed_loop(
                    port,
                    path,
                    concurrency=16,
                    max_requests=scale.load_requests // rounds,
                    max_seconds=scale.load_seconds / rounds,
                )
            )
    app, raw = combine(parts["app"]), combine(parts["raw"])
    if shapes["app"].get("status") != 200:
        app["error"] = f"HTTP {shapes['app'].get('status')}"
    return {
        "name": "list, one agency and year, page of 100",
        "kind": "list",
        "path": path,
        "app": app,
        "baseline": {"what": "raw WSGI app", **raw},
        "ratio": app["rps"] / raw["rps"] if raw["rps"] else None,
        "same_page": shapes["app"] == shapes["raw"],
        "pages": shapes,
    }


# --- bulk submission ----------------------------------------------------------------------


def create_api_key(env: dict) -> tuple[str | None, str]:
    """Return (key, "") from `create_api_key --ministry`, or (None, why it is unavailable)."""
    done = subprocess.run(
        [sys.executable, "manage.py", "create_api_key", "--ministry", "--name", "bench"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )
    lines = [line.strip() for line in done.stdout.splitlines() if line.strip()]
    if done.returncode != 0 or not lines:
        # A traceback ends with source and caret lines; the exception's own line says why.
        errors = [line for line in done.stderr.splitlines() if "Error" in line]
        reason = (errors or done.stderr.strip().splitlines() or ["no output"])[-1].strip()
        return None, f"create_api_key failed: {reason[:200]}"
    return lines[-1], ""


def recent_rows(conn: psycopg.Connection, limit: int) -> list[tuple]:
    """Return the newest `limit` counts as (service code, channel code, period, count,
    service_id, channel_id): what an agency's monthly upload would hold."""
    return conn.execute(
        f"""
        SELECT s.code, ch.code, c.period, c.count, c.service_id, c.channel_id
        FROM {COUNTS_TABLE} c
        JOIN services_service s ON s.id = c.service_id
        JOIN services_channel ch ON ch.id = c.channel_id
        ORDER BY c.period DESC, c.service_id, c.channel_id
        LIMIT %s""",
        [limit],
    ).fetchall()


def delete_rows(conn: psycopg.Connection, rows: list[tuple]) -> int:
    """Delete these counts and what points at them, so they can be written again.

    What points at them is the history the API wrote when it stored them on an earlier pass:
    rows of any table with a foreign key to the counts, or with a `count_id` column (history
    that outlives its count carries no foreign key). Without this, each run would leave the
    history of its bulk submission behind.
    """
    with conn.transaction():
        ids = [
            r[0]
            for r in conn.execute(
                f"""
                SELECT c.id FROM {COUNTS_TABLE} c
                JOIN unnest(%s::bigint[], %s::bigint[], %s::date[]) AS k(s, ch, p)
                  ON c.service_id = k.s AND c.channel_id = k.ch AND c.period = k.p""",
                [[r[4] for r in rows], [r[5] for r in rows], [r[2] for r in rows]],
            )
        ]
        referencing = conn.execute(
            """
            SELECT con.conrelid::regclass::text, att.attname
            FROM pg_constraint con
            JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = con.conkey[1]
            WHERE con.contype = 'f' AND con.confrelid = %(table)s::regclass
              AND cardinality(con.conkey) = 1
            UNION
            SELECT quote_ident(table_name), column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND column_name = 'count_id'
              AND table_name <> %(table)s""",
            {"table": COUNTS_TABLE},
        ).fetchall()
        for table, column in referencing:
            conn.execute(f'DELETE FROM {table} WHERE "{column}" = ANY(%s::bigint[])', [ids])
        conn.execute(f"DELETE FROM {COUNTS_TABLE} WHERE id = ANY(%s::bigint[])", [ids])
    return len(ids)


def bulk_via_api(port: int, key: str, rows: list[tuple]) -> dict:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["service", "channel", "period", "count"])
    writer.writerows((r[0], r[1], f"{r[2]:%Y-%m}", r[3]) for r in rows)
    response = fetch(
        port,
        "/api/v1/transactions/bulk/",
        method="POST",
        body=buffer.getvalue().encode(),
        headers={"Content-Type": "text/csv", "Authorization": f"Api-Key {key}"},
        timeout=600,
    )
    result = {"status": response.status, "rows": len(rows), "seconds": response.seconds}
    if not 200 <= response.status < 300:
        snippet = response.body[:160].decode(errors="replace").replace("\n", " ")
        return result | {"error": f"HTTP {response.status}", "detail": snippet}
    try:
        report = json.loads(response.body)
        result |= {k: report.get(k) for k in ("created", "updated", "unchanged")}
    except (ValueError, AttributeError):
        pass
    return result | {"rows_per_s": len(rows) / response.seconds}


def bulk_via_copy(conn: psycopg.Connection, rows: list[tuple]) -> dict:
    """Return rows/s of COPY of the same rows into the same table, commit included."""
    now = datetime.datetime.now(datetime.UTC)
    values = [(r[4], r[5], r[2], r[3], now, now) for r in rows]
    started = time.perf_counter()
    with (
        conn.transaction(),
        conn.cursor().copy(
            f"COPY {COUNTS_TABLE} (service_id, channel_id, period, count, created_at, updated_at)"
            " FROM STDIN"
        ) as copy,
    ):
        for value in values:
            copy.write_row(value)
    seconds = time.perf_counter() - started
    return {"rows": len(rows), "seconds": seconds, "rows_per_s": len(rows) / seconds}


def bulk(port: int, conn: psycopg.Connection, env: dict, scale: Scale) -> dict:
    """Time the API storing rows that are absent, then COPY storing the same absent rows.

    Both passes write the same newest rows after deleting them, so the table ends as it began
    (and the monthly roll-ups are summed again from it) and the stored data set stays valid for
    the next run.
    """
    rows = recent_rows(conn, scale.bulk_rows)
    key, why = create_api_key(env)
    app = {"error": "not available", "detail": why}
    if key is not None:
        delete_rows(conn, rows)
        app = bulk_via_api(port, key, rows)
    delete_rows(conn, rows)
    baseline = bulk_via_copy(conn, rows)
    # Deleting by SQL and COPY bypass the monthly roll-ups that the API's pass moved.
    ensure_rollups(conn)
    ratio = app["rows_per_s"] / baseline["rows_per_s"] if "rows_per_s" in app else None
    return {
        "name": f"bulk CSV, {len(rows):,} rows",
        "kind": "bulk",
        "path": "/api/v1/transactions/bulk/",
        "app": app,
        "baseline": {"what": "COPY", **baseline},
        "ratio": ratio,
    }
