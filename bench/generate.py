"""A deterministic synthetic catalogue and its monthly counts, loaded with COPY.

The data is shaped like the real thing, because the shape decides query plans: agencies of very
different sizes, services launched and made electronic over the decade, a few retired, traffic
that grows and follows the seasons, and an electronic share that rises as services go online.
Every value comes from one seeded random generator, so a scale always yields the same rows.
"""

import contextlib
import datetime
import hashlib
import json
import math
import random
import time

import psycopg
from psycopg.copy import QueuedLibpqWriter

from .scales import Scale

# Bump when the shape of the generated data changes, so stored data sets are regenerated.
GENERATOR_VERSION = 1

WEB, MOBILE, KIOSK, CALL_CENTER, COUNTER = 1, 2, 3, 4, 5
CHANNELS = [
    (WEB, "web", "Web portal", "البوابة الإلكترونية", True),
    (MOBILE, "mobile", "Mobile app", "تطبيق الهاتف المحمول", True),
    (KIOSK, "kiosk", "Self-service kiosk", "الكشك الإلكتروني", True),
    (CALL_CENTER, "call_center", "Call centre", "مركز الاتصال", False),
    (COUNTER, "counter", "Service counter", "مكتب الخدمة", False),
]

# Agencies named in the source article, largest first; further agencies are numbered.
KNOWN_AGENCIES = [
    (
        "ssc",
        "Social Security Corporation",
        "المؤسسة العامة للضمان الاجتماعي",
        "public_institution",
        "social_protection",
    ),
    ("gam", "Greater Amman Municipality", "أمانة عمّان الكبرى", "municipality", "local_government"),
    (
        "dvld",
        "Drivers and Vehicles Licensing Department",
        "إدارة ترخيص السواقين والمركبات",
        "department",
        "transport",
    ),
    ("istd", "Income and Sales Tax Department", "دائرة ضريبة الدخل والمبيعات", "department", "tax"),
    ("cspd", "Civil Status Department", "دائرة الأحوال المدنية", "department", "civil_status"),
    ("customs", "Jordan Customs", "دائرة الجمارك", "department", "trade"),
    ("moi", "Ministry of Interior", "وزارة الداخلية", "ministry", "security"),
    ("dls", "Department of Lands and Survey", "دائرة الأراضي والمساحة", "department", "land"),
    ("ccd", "Companies Control Department", "دائرة مراقبة الشركات", "department", "business"),
    ("mol", "Ministry of Labour", "وزارة العمل", "ministry", "labour"),
    ("moj", "Ministry of Justice", "وزارة العدل", "ministry", "justice"),
    (
        "mola",
        "Ministry of Local Administration",
        "وزارة الإدارة المحلية",
        "ministry",
        "local_government",
    ),
    (
        "mits",
        "Ministry of Industry, Trade and Supply",
        "وزارة الصناعة والتجارة والتموين",
        "ministry",
        "trade",
    ),
    ("mot", "Ministry of Tourism", "وزارة السياحة", "ministry", "tourism"),
    ("jic", "Investment Commission", "هيئة تشجيع الاستثمار", "commission", "business"),
    ("gid", "General Intelligence Department", "دائرة المخابرات العامة", "department", "security"),
    (
        "modee",
        "Ministry of Digital Economy and Entrepreneurship",
        "وزارة الاقتصاد الرقمي والريادة",
        "ministry",
        "other",
    ),
]
KINDS = ["ministry", "department", "public_institution", "municipality", "commission", "other"]
SECTORS = [
    "social_protection", "transport", "tax", "business", "justice", "land", "civil_status",
    "tourism", "labour", "local_government", "security", "trade", "other",
]  # fmt: skip
# Monthly traffic relative to the yearly average: January renewals, a summer lull.
SEASON = [1.18, 1.02, 1.05, 0.98, 0.95, 0.92, 0.85, 0.88, 1.02, 1.04, 1.0, 1.06]

COUNTS = "transactions_transactioncount"
# The monthly roll-ups the statistics read, and the columns each sums the counts by. They
# refer to agencies and channels: the TRUNCATE ... CASCADE below empties them too.
ROLLUPS = {
    "transactions_monthlyrollup": ("c.period", "s.agency_id", "s.sector", "c.channel_id"),
    "transactions_monthlyagencyrollup": ("c.period", "s.agency_id", "c.channel_id"),
    "transactions_monthlysectorrollup": ("c.period", "s.sector", "c.channel_id"),
}
TABLES = f"services_agency, services_channel, services_service, services_service_channels, {COUNTS}"
MARKER_DDL = """
CREATE TABLE IF NOT EXISTS bench_dataset (
    fingerprint text PRIMARY KEY, scale text NOT NULL, counts bigint NOT NULL,
    services integer NOT NULL, generated_at timestamptz NOT NULL, seconds double precision
)"""


def fingerprint(scale: Scale) -> str:
    """Return a digest of everything that decides the generated rows."""
    source = dict(scale.fingerprint_source(), version=GENERATOR_VERSION)
    return hashlib.sha256(json.dumps(source, sort_keys=True).encode()).hexdigest()[:16]


def dataset_is_current(conn: psycopg.Connection, scale: Scale) -> bool:
    """Return True when the database holds exactly the rows this scale generates."""
    conn.execute(MARKER_DDL)
    marker = conn.execute(
        "SELECT counts, services FROM bench_dataset WHERE fingerprint = %s", [fingerprint(scale)]
    ).fetchone()
    if marker is None:
        return False
    # Row counts catch a data set changed by hand or left half-restored by an interrupted run.
    counts = conn.execute("SELECT count(*) FROM transactions_transactioncount").fetchone()[0]
    services = conn.execute("SELECT count(*) FROM services_service").fetchone()[0]
    return (counts, services) == marker


def grouped_counts(keys: tuple[str, ...]) -> str:
    """Return the SELECT summing the counts by `keys`: each key, the sum, the number."""
    columns = ", ".join(keys)
    return f"""SELECT {columns}, SUM(c.count), COUNT(*)
        FROM {COUNTS} c JOIN services_service s ON s.id = c.service_id GROUP BY {columns}"""


def fill_rollups(conn: psycopg.Connection) -> None:
    """Replace the monthly roll-ups with the sums of the counts, in the caller's transaction,
    as `manage.py rebuild_rollups` does: whatever writes counts around the API, COPY
    included, must refresh them."""
    for table, keys in ROLLUPS.items():
        conn.execute(f"DELETE FROM {table}")
        columns = ", ".join(key.split(".")[1] for key in keys)
        conn.execute(
            f'INSERT INTO {table} ({columns}, count, "rows") {grouped_counts(keys)}'
            f" ORDER BY {columns}"
        )


def ensure_rollups(conn: psycopg.Connection) -> bool:
    """Rebuild the monthly roll-ups unless they equal the counts; return True if it did.

    A data set generated before the roll-ups existed, or a run interrupted between a bulk
    submission and the COPY that restores its rows, leaves them behind the counts.
    """
    differ = []
    for table, keys in ROLLUPS.items():
        columns = ", ".join(key.split(".")[1] for key in keys)
        stored = f'SELECT {columns}, count, "rows" FROM {table}'
        differ.append(
            f"""EXISTS ({stored} EXCEPT SELECT * FROM {table}_sums)
             OR EXISTS (SELECT * FROM {table}_sums EXCEPT {stored})"""
        )
    sums = ", ".join(
        f"{table}_sums AS MATERIALIZED ({grouped_counts(keys)})" for table, keys in ROLLUPS.items()
    )
    if not conn.execute(f"WITH {sums} SELECT {' OR '.join(differ)}").fetchone()[0]:
        return False
    with conn.transaction():
        # Writes wait; reads see the previous rows until the commit.
        conn.execute(f"LOCK TABLE {', '.join(ROLLUPS)} IN EXCLUSIVE MODE")
        fill_rollups(conn)
    for table in ROLLUPS:
        conn.execute(f"VACUUM (ANALYZE) {table}")
    return True


def month_date(first: datetime.date, index: int) -> datetime.date:
    """Return the first day of the month `index` months after `first` (negative: before)."""
    absolute = first.year * 12 + first.month - 1 + index
    return datetime.date(absolute // 12, absolute % 12 + 1, 1)


def build_catalogue(scale: Scale, rng: random.Random) -> tuple[list, list]:
    """Return (agencies, services) rows; services carry their generation parameters too."""
    agencies = []
    for rank in range(scale.agencies):
        if rank < len(KNOWN_AGENCIES):
            code, name_en, name_ar, kind, sector = KNOWN_AGENCIES[rank]
        else:
            code, kind, sector = f"agency-{rank + 1:03d}", rng.choice(KINDS), rng.choice(SECTORS)
            name_en, name_ar = f"Agency {rank + 1}", f"الجهة {rank + 1}"
        # Services per agency follow a Zipf-like law; traffic per service varies as well.
        weight = 1 / (rank + 1) ** 0.8
        volume = math.exp(rng.gauss(0, 0.6)) * (3.0 if rank == 0 else 1.0)
        agencies.append([rank + 1, code, name_en, name_ar, kind, sector, weight, volume])

    total_weight = sum(a[6] for a in agencies)
    shares = [scale.services * a[6] / total_weight for a in agencies]
    sizes = [max(1, int(s)) for s in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: int(shares[i]) - shares[i])
    for i in by_remainder[: max(0, scale.services - sum(sizes))]:
        sizes[i] += 1

    services = []
    for agency, size in zip(agencies, sizes, strict=True):
        for number in range(1, size + 1):
            services.append(new_service(scale, rng, len(services) + 1, agency, number))
    return agencies, services


def new_service(scale: Scale, rng: random.Random, service_id: int, agency: list, number: int):
    """Return one service's catalogue row plus the parameters its counts are drawn from."""
    months = scale.months
    launch = 0 if rng.random() < 0.9 else rng.randint(1, max(1, months - 12))
    draw = rng.random()
    # Most services of the first month predate the data set, some already electronic; newer
    # services are mostly born electronic; about one in twenty is still not electronic.
    if draw >= 0.95:
        electronic = None
    elif launch > 0:
        electronic = launch if draw < 0.7 else launch + rng.randint(1, 36)
    else:
        electronic = -rng.randint(1, 72) if draw < 0.7 else rng.randint(1, months - 1)
    if electronic is not None and electronic >= months:
        electronic = None
    retired = None
    start = max(launch, electronic if electronic is not None else launch)
    if rng.random() < 0.03 and start + 12 < months - 1:
        retired = rng.randint(start + 12, months - 1)

    channels = []
    if electronic is not None:
        channels += [c for c, p in ((WEB, 0.99), (MOBILE, 0.95), (KIOSK, 0.8)) if rng.random() < p]
    born_electronic = electronic is not None and electronic <= launch and channels
    if not born_electronic or rng.random() < 0.7:
        channels.append(COUNTER)
    if rng.random() < 0.95:
        channels.append(CALL_CENTER)
    channels.sort()

    first = scale.first_month
    sector = agency[5] if rng.random() < 0.8 else rng.choice(SECTORS)
    return {
        "row": (
            service_id,
            f"{agency[1]}-{number:04d}",
            agency[0],
            f"{agency[2]}: service {number}",
            f"{agency[3]}: خدمة {number}",
            sector,
            month_date(first, electronic) if electronic is not None else None,
            month_date(first, retired) if retired is not None else None,
        ),
        "channels": channels,
        "launch": launch,
        "electronic": electronic,
        "end": retired if retired is not None else months,
        "base": 2000 * agency[7] * math.exp(rng.gauss(0, 1.3)),
        "growth": math.log1p(rng.gauss(0.06, 0.05)) / 12,
        "share_max": rng.uniform(0.75, 0.98),
        "ramp": rng.uniform(18, 36),
    }


def count_rows(scale: Scale, services: list, rng: random.Random):
    """Yield (service_id, channel_id, period, count, created_at, updated_at), month by month.

    Month-major order mirrors how counts arrive (one month of every service at a time), so the
    table's physical order, and with it the query plans, resemble a real deployment's.
    """
    utc = datetime.UTC
    for m in range(scale.months):
        period = month_date(scale.first_month, m)
        reported = month_date(scale.first_month, m + 1)
        stamps = [
            datetime.datetime(reported.year, reported.month, 2 + k % 7, 6 + k % 10, tzinfo=utc)
            for k in range(70)
        ]
        factor = SEASON[period.month - 1]
        # Mobile takes a growing part of electronic traffic over the decade.
        e_weight = {WEB: 1.0, MOBILE: 0.15 + 1.2 * m / scale.months, KIOSK: 0.12}
        t_weight = {COUNTER: 0.8, CALL_CENTER: 0.2}
        for s in services:
            if not s["launch"] <= m < s["end"]:
                continue
            total = s["base"] * factor * math.exp(s["growth"] * m) * (0.92 + 0.16 * rng.random())
            e = s["electronic"]
            share = 0.0
            if e is not None and m >= e:
                share = s["share_max"] - (s["share_max"] - 0.12) * math.exp((e - m) / s["ramp"])
            e_channels = [c for c in s["channels"] if c in e_weight] if share else []
            t_channels = [c for c in s["channels"] if c in t_weight]
            if not t_channels:
                share = 1.0
            if not e_channels:
                share = 0.0
            e_sum = sum(e_weight[c] for c in e_channels)
            t_sum = sum(t_weight[c] for c in t_channels)
            created = stamps[s["row"][0] % 70]
            for c in s["channels"]:
                if c in e_weight:
                    if c not in e_channels:
                        continue
                    part = total * share * e_weight[c] / e_sum
                else:
                    part = total * (1 - share) * t_weight[c] / t_sum
                count = int(part * (0.9 + 0.2 * rng.random()) + 0.5)
                # A few counts are corrected after they were first reported.
                updated = created + datetime.timedelta(days=9) if rng.random() < 0.03 else created
                yield (s["row"][0], c, period, count, created, updated)


def generate(conn: psycopg.Connection, scale: Scale) -> dict:
    """Replace the catalogue and counts with this scale's data; return row count and timing."""
    started = time.perf_counter()
    rng = random.Random(f"egov-bench-{scale.name}-{GENERATOR_VERSION}")
    agencies, services = build_catalogue(scale, rng)
    rows = 0
    with conn.transaction():
        conn.execute(MARKER_DDL)
        conn.execute("DELETE FROM bench_dataset")
        # CASCADE also empties tables that point at these (keys, history): all of it is
        # data of a previous generation.
        conn.execute(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE")
        cur = conn.cursor()
        copy_rows(cur, "services_channel (id, code, name_en, name_ar, is_electronic)", CHANNELS)
        copy_rows(
            cur,
            "services_agency (id, code, name_en, name_ar, kind, parent_id, website, is_active)",
            [
                (a[0], a[1], a[2], a[3], a[4], None, f"https://{a[1]}.gov.jo", True)
                for a in agencies
            ],
        )
        copy_rows(
            cur,
            "services_service (id, code, agency_id, name_en, name_ar, sector, electronic_since,"
            " retired_on)",
            [s["row"] for s in services],
        )
        copy_rows(
            cur,
            "services_service_channels (service_id, channel_id)",
            [(s["row"][0], c) for s in services for c in s["channels"]],
        )
        for table in ("services_agency", "services_channel", "services_service"):
            # Ids were given explicitly; move the identity on so the app can insert after them.
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"
            )
        # FREEZE (allowed because the table was truncated in this transaction) writes the rows
        # already frozen, sparing the later VACUUM a full rewrite. write_row streams: psycopg
        # hands each 32 kB buffer to a writer thread through a bounded queue, so generating
        # rows overlaps sending them and memory stays flat however many rows there are.
        with (
            without_secondary_indexes(conn, COUNTS),
            cur.copy(
                f"COPY {COUNTS} (service_id, channel_id, period, count, created_at, updated_at)"
                " FROM STDIN WITH (FREEZE)",
                writer=QueuedLibpqWriter(cur),
            ) as copy,
        ):
            for row in count_rows(scale, services, rng):
                copy.write_row(row)
                rows += 1
        fill_rollups(conn)
        seconds = time.perf_counter() - started
        cur.execute(
            "INSERT INTO bench_dataset VALUES (%s, %s, %s, %s, now(), %s)",
            [fingerprint(scale), scale.name, rows, len(services), seconds],
        )
    load_seconds = time.perf_counter() - started
    # Fresh statistics and a visibility map, as a database that has been running would have.
    conn.execute(f"VACUUM (ANALYZE) {COUNTS}")
    for table in ROLLUPS:
        conn.execute(f"VACUUM (ANALYZE) {table}")
    conn.execute("ANALYZE")
    total_seconds = time.perf_counter() - started
    return {
        "counts": rows,
        "agencies": len(agencies),
        "services": len(services),
        "load_seconds": round(load_seconds, 2),
        "vacuum_seconds": round(total_seconds - load_seconds, 2),
        "rows_per_second": round(rows / load_seconds),
    }


@contextlib.contextmanager
def without_secondary_indexes(conn: psycopg.Connection, table: str):
    """Drop the table's unique and foreign-key constraints and other indexes, then recreate
    them exactly (same names and definitions) when the block ends, in the same transaction.

    Loading into a bare table and building each index once by sorting is about three times
    faster than maintaining five indexes row by row, and the deferred foreign-key checks would
    otherwise queue one trigger event per row until commit.
    """
    constraints = conn.execute(
        """
        SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
        WHERE conrelid = %s::regclass AND contype IN ('u', 'f')
        ORDER BY contype DESC, conname""",
        [table],
    ).fetchall()
    indexes = conn.execute(
        """
        SELECT i.relname, pg_get_indexdef(i.oid)
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = %s::regclass AND NOT x.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
        ORDER BY i.relname""",
        [table],
    ).fetchall()
    # Checks still queued for rows written earlier in the transaction block ALTER TABLE.
    conn.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for name, _ in constraints:
        conn.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    yield
    conn.execute("SET LOCAL maintenance_work_mem = '256MB'")  # sorts in memory, not on disk
    for _, definition in indexes:
        conn.execute(definition)
    for name, definition in constraints:
        conn.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')


def copy_rows(cur: psycopg.Cursor, target: str, rows) -> None:
    with cur.copy(f"COPY {target} FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
