"""python -m bench [--scale tiny|national|stress] [--regenerate] [--strict]

Creates (once) a PostgreSQL database per scale, migrates it, generates the scale's data if it
is not there yet, serves the API with gunicorn as production would, measures, prints one table
and writes bench/results.json.
"""

import argparse
import datetime
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

from . import measure, report
from .generate import dataset_is_current, ensure_rollups, generate
from .queries import stats_cases
from .scales import SCALES
from .server import PROJECT, Gunicorn, ServerError

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/"


def database_url(scale: str) -> str:
    """BENCH_DATABASE_URL names the server; without a database name, one per scale is used."""
    parts = urlsplit(os.environ.get("BENCH_DATABASE_URL", DEFAULT_SERVER))
    if parts.path in ("", "/"):
        parts = parts._replace(path=f"/egov_bench_{scale}")
    return urlunsplit(parts)


def ensure_database(url: str) -> None:
    name = psycopg.conninfo.conninfo_to_dict(url)["dbname"]
    with psycopg.connect(url, dbname="postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def app_env(url: str) -> dict:
    """The environment of a production deployment, pointed at the bench database."""
    return {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": url,
        # Every request must reach the database: a cached answer would measure the cache.
        "EGOV_CACHE": "off",
        # Plain HTTP on loopback: production's redirect to HTTPS would answer every request 301.
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        # One load generator on one address: rate limits would answer most requests 429.
        "EGOV_THROTTLE_ANON": "",
        "EGOV_THROTTLE_KEY": "",
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def step(message: str) -> None:
    print(f"· {message}", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__.split("\n", 2)[2],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--scale", choices=SCALES, default="national")
    parser.add_argument("--regenerate", action="store_true", help="generate the data again")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a target is not met or errors"
    )
    parser.add_argument("--output", type=Path, default=PROJECT / "bench" / "results.json")
    args = parser.parse_args(argv)
    scale = SCALES[args.scale]
    # Turn SIGTERM into SystemExit so the servers' context managers stop them.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.perf_counter()

    url = database_url(scale.name)
    ensure_database(url)
    env = app_env(url)
    step(f"scale {scale.name}, database {urlsplit(url).path.lstrip('/')}: migrating")
    done = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
        return 2

    with psycopg.connect(url, autocommit=True, cursor_factory=psycopg.ClientCursor) as conn:
        if args.regenerate or not dataset_is_current(conn, scale):
            step("generating data with COPY")
            dataset = generate(conn, scale)
            step(
                f"generated {dataset['counts']:,} counts, {dataset['services']:,} services: "
                f"COPY and index rebuild {dataset['load_seconds']} s "
                f"({dataset['rows_per_second']:,} rows/s), "
                f"VACUUM ANALYZE {dataset['vacuum_seconds']} s"
            )
        else:
            counts, services, when = conn.execute(
                "SELECT counts, services, generated_at FROM bench_dataset"
            ).fetchone()
            dataset = {"counts": counts, "services": services, "reused_from": when}
            step(f"reusing {counts:,} counts generated {when:%Y-%m-%d %H:%M}")
            if ensure_rollups(conn):
                step("monthly roll-ups differed from the counts: rebuilt them")
        dataset |= {"first_month": scale.first_month, "last_month": scale.last_month}

        year, period = scale.last_month.year, scale.last_month
        cases, params = stats_cases(year=year, period=period)
        agency = conn.execute(
            """
            SELECT a.code FROM transactions_transactioncount c
            JOIN services_service s ON s.id = c.service_id
            JOIN services_agency a ON a.id = s.agency_id
            WHERE c.period BETWEEN %s AND %s
            GROUP BY a.code ORDER BY count(*) DESC, a.code LIMIT 1""",
            [datetime.date(year, 1, 1), datetime.date(year, 12, 31)],
        ).fetchone()[0]
        # The largest agency: its page sits on the biggest COUNT(*) of any agency's year.
        list_path = f"/api/v1/transactions/?agency={agency}&year={year}&page_size=100"

        measurements = []
        pressure_before = report.cpu_pressure()
        # Both servers run from the start: the idle one costs nothing, and the list load can
        # then alternate between them.
        try:
            with (
                Gunicorn("egov_api.wsgi:application", env) as app,
                Gunicorn("bench.raw_app:application", {"RAW_DATABASE_URL": url}) as raw,
            ):
                step(f"API on 127.0.0.1:{app.port}, raw app on 127.0.0.1:{raw.port}: stats")
                measurements.append(measure.floor(app.port, scale))
                measurements += measure.stats(app.port, conn, cases, params, scale)
                step(f"list, 16 connections, API and raw app in turns: {list_path}")
                listing = measure.list_comparison(app.port, raw.port, list_path, scale)
                listing["name"] = f"list {agency} {year}, page of 100"
                measurements.append(listing)
                step(f"bulk submission of {scale.bulk_rows:,} rows, then COPY of the same rows")
                measurements.append(measure.bulk(app.port, conn, env, scale))
                app_rss, raw_rss = app.peak_rss_mb(), raw.peak_rss_mb()
        except ServerError as error:
            print(error, file=sys.stderr)
            return 2
        pressure_after = report.cpu_pressure()
        pg_version = conn.execute("SHOW server_version").fetchone()[0]

    measurements.append(
        {
            "name": "worker peak RSS (VmHWM)",
            "kind": "rss",
            "app": {"peak_mb": max(app_rss.values(), default=0), "workers": app_rss},
            "baseline": {"what": "raw WSGI app", "peak_mb": max(raw_rss.values(), default=0)},
            "ratio": None,
        }
    )

    print()
    print(
        f"egov-stats bench, scale {scale.name}: {dataset['counts']:,} counts, "
        f"{dataset['services']:,} services, {scale.first_month:%Y-%m}..{scale.last_month:%Y-%m}"
    )
    print(report.table(measurements, scale.name))
    if not listing["same_page"]:
        print(f"note: the API's page and the raw app's differ: {listing['pages']}")
    if pressure_after is not None:
        # Share of time some runnable task waited for a CPU: other work on the machine.
        print(f"CPU pressure (some, avg60): {pressure_before}% before, {pressure_after}% after")
    errors = [m for m in measurements if "error" in m.get("app", {})]
    unmet = [m for m in measurements if m.get("met") is False]
    elapsed = time.perf_counter() - started
    print(f"{len(unmet)} target(s) not met, {len(errors)} error(s); {elapsed:.0f} s in all")

    report.write_json(
        args.output,
        {
            "scale": scale.name,
            "timestamp": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "seconds": round(elapsed, 1),
            "machine": report.machine(pg_version),
            "cpu_pressure_avg60": {"before": pressure_before, "after": pressure_after},
            "dataset": dataset,
            "measurements": measurements,
        },
    )
    print(f"wrote {os.path.relpath(args.output)}")
    return 1 if args.strict and (errors or unmet) else 0


if __name__ == "__main__":
    sys.exit(main())
