"""The stats endpoints under test, each with the plain SQL that computes the same figures.

The SQL is the baseline: a GROUP BY over the counts table, joined only to what the figure
needs, run straight through psycopg. An endpoint's time divided by its SQL's time is what the
application adds on top of the unavoidable database work.
"""

import dataclasses
import datetime

COUNTS = "transactions_transactioncount c JOIN services_channel ch ON ch.id = c.channel_id"
WITH_SERVICE = f"{COUNTS} JOIN services_service s ON s.id = c.service_id"
WITH_AGENCY = f"{WITH_SERVICE} JOIN services_agency a ON a.id = s.agency_id"
ELECTRONIC = "SUM(c.count) FILTER (WHERE ch.is_electronic)"


def live_on(day: str, table: str = "services_service") -> str:
    """Return the condition "electronic and not retired on `day`" (SPEC: live on a day)."""
    return (
        f"{table}.electronic_since <= {day}"
        f" AND ({table}.retired_on IS NULL OR {table}.retired_on > {day})"
    )


SERVICE_COUNTS = f"""
SELECT count(*) FILTER (WHERE {live_on("%(period)s")}),
       count(*) FILTER (WHERE {live_on("%(previous)s")})
FROM services_service"""


@dataclasses.dataclass(frozen=True)
class StatsCase:
    """One stats request and the SQL statements a hand-written client would run instead."""

    name: str
    path: str
    # "aggregate": month, agency, channel or sector level; "service": one row per service.
    # At stress scale the two have different targets (see report.py).
    level: str
    sql: tuple[str, ...]


def stats_cases(*, year: int, period: datetime.date) -> tuple[list[StatsCase], dict]:
    """Return the cases and the parameters their SQL is run with."""
    previous = period.replace(year=period.year - 1)
    params = {
        "year_start": datetime.date(year, 1, 1),
        "year_end": datetime.date(year, 12, 31),
        "period": period,
        "previous": previous,
    }
    month = f"{period:%Y-%m}"
    by_agency_two_months = f"""
        SELECT a.code, a.name_en, a.name_ar,
               SUM(c.count) FILTER (WHERE c.period = %(period)s AND ch.is_electronic),
               SUM(c.count) FILTER (WHERE c.period = %(period)s),
               SUM(c.count) FILTER (WHERE c.period = %(previous)s AND ch.is_electronic),
               SUM(c.count) FILTER (WHERE c.period = %(previous)s)
        FROM {WITH_AGENCY} WHERE c.period IN (%(period)s, %(previous)s)
        GROUP BY a.id ORDER BY a.code"""
    cases = [
        StatsCase(
            "totals by month",
            "/api/v1/stats/totals/?group_by=month",
            "aggregate",
            (
                f"SELECT c.period, SUM(c.count), {ELECTRONIC} FROM {COUNTS}"
                " GROUP BY c.period ORDER BY c.period",
            ),
        ),
        StatsCase(
            f"totals by agency, {year}",
            f"/api/v1/stats/totals/?group_by=agency&year={year}",
            "aggregate",
            (
                f"SELECT a.code, a.name_en, a.name_ar, SUM(c.count), {ELECTRONIC}"
                f" FROM {WITH_AGENCY} WHERE c.period BETWEEN %(year_start)s AND %(year_end)s"
                " GROUP BY a.id ORDER BY a.code",
            ),
        ),
        StatsCase(
            "totals by channel",
            "/api/v1/stats/totals/?group_by=channel",
            "aggregate",
            (
                "SELECT ch.code, ch.is_electronic, SUM(c.count)"
                f" FROM {COUNTS} GROUP BY ch.id ORDER BY ch.code",
            ),
        ),
        StatsCase(
            f"growth yoy by agency, {month}",
            f"/api/v1/stats/growth/?period={month}&group_by=agency",
            "aggregate",
            (by_agency_two_months,),
        ),
        StatsCase(
            "timeseries by month",
            "/api/v1/stats/timeseries/?interval=month",
            "aggregate",
            (f"SELECT c.period, {ELECTRONIC} FROM {COUNTS} GROUP BY c.period ORDER BY c.period",),
        ),
        StatsCase(
            "rankings of agencies",
            "/api/v1/stats/rankings/?by=agency",
            "aggregate",
            (
                f"SELECT a.code, a.name_en, a.name_ar, COALESCE({ELECTRONIC}, 0) AS value"
                f" FROM {WITH_AGENCY} GROUP BY a.id ORDER BY value DESC, a.code LIMIT 10",
            ),
        ),
        StatsCase(
            "rankings of services",
            "/api/v1/stats/rankings/?by=service",
            "service",
            (
                f"SELECT s.code, s.name_en, s.name_ar, COALESCE({ELECTRONIC}, 0) AS value"
                f" FROM {WITH_SERVICE} GROUP BY s.id ORDER BY value DESC, s.code LIMIT 10",
            ),
        ),
        StatsCase(
            f"service counts, {month}",
            f"/api/v1/stats/service-counts/?period={month}",
            "service",
            (SERVICE_COUNTS,),
        ),
        StatsCase(
            f"summary, {month}",
            f"/api/v1/stats/summary/?period={month}",
            "aggregate",
            (
                # Totals and the leading agency by electronic transactions, both months.
                by_agency_two_months,
                SERVICE_COUNTS,
                # The agency with the most electronic services.
                "SELECT a.code, a.name_en, a.name_ar, count(*) AS n"
                " FROM services_service s JOIN services_agency a ON a.id = s.agency_id"
                f" WHERE {live_on('%(period)s', 's')}"
                " GROUP BY a.id ORDER BY n DESC, a.code LIMIT 1",
            ),
        ),
    ]
    return cases, params
