"""HTTP over loopback: single timed requests, and a closed-loop load of N concurrent clients.

Requests go over plain sockets with `Connection: close`: gunicorn's sync workers close every
connection anyway, and reading to EOF is the cheapest way to get a whole response, which keeps
the client's own cost (it shares the CPUs with the servers) as small as Python allows.
"""

import dataclasses
import itertools
import math
import os
import re
import shutil
import socket
import statistics
import subprocess
import threading
import time


@dataclasses.dataclass
class Response:
    status: int
    body: bytes
    seconds: float


def fetch(
    port: int,
    path: str,
    *,
    method: str = "GET",
    body: bytes = b"",
    headers: dict | None = None,
    timeout: float = 120,
) -> Response:
    """Send one request to 127.0.0.1:`port` and return the status, body and elapsed time."""
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if body or method != "GET":
        lines.append(f"Content-Length: {len(body)}")
    request = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    seconds = time.perf_counter() - started
    raw = b"".join(chunks)
    head, _, payload = raw.partition(b"\r\n\r\n")
    try:
        status = int(head.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return Response(0, raw, seconds)
    if re.search(rb"(?im)^transfer-encoding:\s*chunked", head):
        payload = dechunk(payload)
    return Response(status, payload, seconds)


def dechunk(payload: bytes) -> bytes:
    parts, position = [], 0
    while True:
        end = payload.index(b"\r\n", position)
        size = int(payload[position:end].split(b";")[0], 16)
        if size == 0:
            return b"".join(parts)
        parts.append(payload[end + 2 : end + 2 + size])
        position = end + 2 + size + 2


def percentile(values: list[float], fraction: float) -> float:
    """Return the nearest-rank percentile (no interpolation: an observed value)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def closed_loop(
    port: int, path: str, *, concurrency: int, max_requests: int, max_seconds: float
) -> dict:
    """Return req/s and latency of `concurrency` clients each sending the next request as soon
    as the previous one is answered, until `max_requests` are sent or `max_seconds` pass."""
    # BENCH_LOADGEN=python keeps figures comparable with a machine that has no wrk.
    if os.environ.get("BENCH_LOADGEN", "auto") != "python" and shutil.which("wrk"):
        return wrk(port, path, concurrency=concurrency, seconds=max_seconds)
    ticket = itertools.count()
    deadline = time.perf_counter() + max_seconds
    latencies: list[float] = []
    failures = []

    def client():
        mine, bad = [], 0
        while next(ticket) < max_requests and time.perf_counter() < deadline:
            try:
                response = fetch(port, path, timeout=30)
                mine.append(response.seconds)
                bad += response.status != 200
            except OSError:
                bad += 1
        latencies.extend(mine)  # list.extend is atomic under the GIL
        failures.append(bad)

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "tool": "python threads",
        "requests": len(latencies),
        "errors": sum(failures),
        "seconds": round(elapsed, 2),
        "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000 if latencies else None,
        "p99_ms": percentile(latencies, 0.99) * 1000 if latencies else None,
        "latencies": latencies,
    }


def wrk(port: int, path: str, *, concurrency: int, seconds: float) -> dict:
    """The same measurement with wrk, when installed: its C client leaves more CPU to servers."""
    threads = min(concurrency, 2)
    duration = f"-d{max(1, round(seconds))}s"
    url = f"http://127.0.0.1:{port}{path}"
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{concurrency}", duration, "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def milliseconds(label):
        match = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not match:
            return None
        return float(match[1]) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[match[2]]

    requests = int(re.search(r"(\d+) requests in", out)[1])
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "tool": "wrk",
        "requests": requests,
        "errors": int(non_2xx[1]) if non_2xx else 0,
        "socket_errors": socket_errors[1] if socket_errors else None,
        "seconds": seconds,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        "p50_ms": milliseconds("50%"),
        "p99_ms": milliseconds("99%"),
    }
