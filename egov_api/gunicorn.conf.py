"""gunicorn settings for production: `gunicorn -c egov_api/gunicorn.conf.py egov_api.wsgi`.

Every value can be overridden with the environment variable named beside it.
"""

import json
import os

from gunicorn import util

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request that outlives this is killed; statement_timeout should fire well before it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "500"))
# The app writes one JSON access line per request itself, with the request id.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# gunicorn's largest request line (its default is 4094). The app refuses addresses over
# EGOV_MAX_URL_BYTES (8000) itself, in the client's language; longer lines are refused here,
# as the problem document below.
limit_request_line = int(os.environ.get("GUNICORN_LIMIT_REQUEST_LINE", "8190"))
# gunicorn's control socket (for `gunicornc`) is one path per user by default, so two servers
# on one host would take it from each other: off unless a path is given.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# Metrics from every worker in one scrape: prometheus_client's multiprocess mode.
prometheus_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR")


def on_starting(server):
    if prometheus_dir:
        os.makedirs(prometheus_dir, exist_ok=True)
        for name in os.listdir(prometheus_dir):
            os.remove(os.path.join(prometheus_dir, name))


def child_exit(server, worker):
    if prometheus_dir:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def write_problem(sock, status_int, reason, mesg):
    """gunicorn's answer to a request it refuses before the app sees it (a request line or
    headers over its limits, malformed HTTP), as a problem document like every other error
    of the API rather than its HTML page. `mesg` may quote the request: it is not echoed."""
    from egov_api.api.problems import PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE  # loaded by the app

    code = {400: "bad_request", 414: "uri_too_long", 431: "headers_too_large"}.get(
        status_int, "http_error"
    )
    body = json.dumps(
        {
            "type": f"{PROBLEM_TYPE_BASE}{code}",
            "title": reason,
            "status": status_int,
            "detail": f"{reason}: the server refused the request before reading it.",
            "code": code,
        }
    ).encode()
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\n"
        f"Content-Type: {PROBLEM_CONTENT_TYPE}\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    util.write_nonblock(sock, head.encode("latin-1") + body)


# gunicorn has no setting for its error page; its workers call util.write_error for it.
util.write_error = write_problem
