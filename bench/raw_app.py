"""A framework-free WSGI app serving the filtered count list, as the floor the API is held to.

It answers `GET /api/v1/transactions/?agency=CODE&year=Y&page_size=N&page=P` with the same
queries the API runs (agency code to id, COUNT(*), one page in the list's total order) and the
same JSON page shape, so the gap between the two is what the framework costs.
Run: gunicorn bench.raw_app:application, with RAW_DATABASE_URL set.
"""

import datetime
import json
import os
from urllib.parse import parse_qs, urlencode

import psycopg

# Client-side binding, as Django uses: the server plans each query with its literal values
# instead of switching to a generic prepared plan.
_connection: psycopg.Connection | None = None

WHERE = "s.agency_id = %(agency)s AND c.period BETWEEN %(start)s AND %(end)s"
COUNT = f"""
SELECT count(*)
FROM transactions_transactioncount c JOIN services_service s ON s.id = c.service_id
WHERE {WHERE}
"""
PAGE = f"""
SELECT c.id, s.code, a.code, ch.code, ch.is_electronic, c.period, c.count, c.updated_at
FROM transactions_transactioncount c
JOIN services_service s ON s.id = c.service_id
JOIN services_agency a ON a.id = s.agency_id
JOIN services_channel ch ON ch.id = c.channel_id
WHERE {WHERE}
ORDER BY c.period, c.service_id, c.channel_id, c.id
LIMIT %(limit)s OFFSET %(offset)s
"""


def connection() -> psycopg.Connection:
    global _connection
    if _connection is None or _connection.closed:
        _connection = psycopg.connect(
            os.environ["RAW_DATABASE_URL"], autocommit=True, cursor_factory=psycopg.ClientCursor
        )
    return _connection


def respond(start_response, status: str, payload) -> list[bytes]:
    body = json.dumps(payload).encode()
    start_response(
        status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]


def application(environ, start_response):
    path = environ.get("PATH_INFO", "")
    if path == "/healthz":
        return respond(start_response, "200 OK", {"status": "ok"})
    if path != "/api/v1/transactions/":
        return respond(start_response, "404 Not Found", {"detail": "Not found."})
    query = {k: v[-1] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
    try:
        year = int(query["year"])
        page = max(1, int(query.get("page", 1)))
        size = min(1000, max(1, int(query.get("page_size", 100))))
        code = query["agency"]
    except (KeyError, ValueError):
        return respond(start_response, "400 Bad Request", {"detail": "agency and year needed"})

    cur = connection().cursor()
    found = cur.execute("SELECT id FROM services_agency WHERE code = %s", [code]).fetchone()
    if found is None:
        return respond(start_response, "400 Bad Request", {"agency": ["Unknown agency code."]})
    params = {
        "agency": found[0],
        "start": datetime.date(year, 1, 1),
        "end": datetime.date(year, 12, 31),
        "limit": size,
        "offset": (page - 1) * size,
    }
    total = cur.execute(COUNT, params).fetchone()[0]
    results = [
        {
            "id": row[0],
            "service": row[1],
            "agency": row[2],
            "channel": row[3],
            "electronic": row[4],
            "period": f"{row[5]:%Y-%m}",
            "count": row[6],
            "updated_at": row[7].isoformat(),
        }
        for row in cur.execute(PAGE, params)
    ]

    base = f"http://{environ.get('HTTP_HOST', 'localhost')}{path}"

    def link(number):
        # As DRF does: the other parameters sorted, and no `page` for the first page.
        params = {**query, "page": str(number)}
        if number == 1:
            del params["page"]
        return f"{base}?{urlencode(sorted(params.items()))}"

    return respond(
        start_response,
        "200 OK",
        {
            "count": total,
            "next": link(page + 1) if page * size < total else None,
            "previous": link(page - 1) if page > 1 else None,
            "results": results,
        },
    )
