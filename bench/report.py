"""Targets, the printed table and bench/results.json."""

import json
import os
import platform
import sys
from importlib import metadata
from pathlib import Path

# The figures the product promises (SPEC: "an endpoint's time is close to its query's time").
STATS_RATIO = 1.3  # national, and service-level at stress: app median <= 1.3 x SQL median
STRESS_AGGREGATE_MS = 50  # stress: month/agency/channel/sector-level median
LIST_SHARE = 0.60  # list req/s >= 60 % of the framework-free app's
BULK_SHARE = 0.30  # bulk rows/s >= 30 % of COPY's
RSS_MB = 150  # peak resident memory of one app worker


def judge(m: dict, scale: str) -> tuple[str, bool | None]:
    """Return (target as text, met?) for a measurement; None when no target applies."""
    app = m.get("app", {})
    if m["kind"] == "floor":
        return "-", None
    if m["kind"] == "stats":
        if scale == "stress" and m["level"] == "aggregate":
            target = f"<= {STRESS_AGGREGATE_MS} ms"
            return target, None if "error" in app else app["median_ms"] <= STRESS_AGGREGATE_MS
        if scale in ("national", "stress"):
            target = f"<= {STATS_RATIO}x SQL"
            return target, None if m["ratio"] is None else m["ratio"] <= STATS_RATIO
        return "- (smoke)", None
    if m["kind"] == "list":
        met = None if m["ratio"] is None or app.get("errors") else m["ratio"] >= LIST_SHARE
        return f">= {LIST_SHARE:.0%} of raw", met
    if m["kind"] == "bulk":
        return f">= {BULK_SHARE:.0%} of COPY", None if m["ratio"] is None else m[
            "ratio"
        ] >= BULK_SHARE
    if m["kind"] == "rss":
        return f"<= {RSS_MB} MB", app["peak_mb"] <= RSS_MB
    return "-", None


def verdict(m: dict, met: bool | None) -> str:
    if "error" in m.get("app", {}):
        return m["app"]["error"]
    if m.get("app", {}).get("errors"):
        return f"{m['app']['errors']} failed requests"
    return {True: "met", False: "not met", None: "-"}[met]


def cells(m: dict) -> tuple[str, str, str]:
    """Return the app, baseline and ratio columns of one measurement."""
    app, base, ratio = m.get("app", {}), m.get("baseline", {}), m.get("ratio")
    if m["kind"] in ("stats", "floor"):
        shown = "-" if "error" in app else f"{app['median_ms']:.1f} / {app['p95_ms']:.1f} ms"
        baseline = f"SQL {base['median_ms']:.1f} ms" if base else "-"
        if ratio is None:
            return shown, baseline, "-"
        return shown, baseline, f"{ratio:.2f}x (+{m['overhead_ms']:.1f} ms)"
    if m["kind"] == "list":
        shown = f"{app['rps']:,.0f} req/s"
        if app.get("p50_ms") is not None:
            shown += f" p50 {app['p50_ms']:.1f} p99 {app['p99_ms']:.1f} ms"
        return shown, f"raw {base['rps']:,.0f} req/s", "-" if ratio is None else f"{ratio:.0%}"
    if m["kind"] == "bulk":
        shown = "-" if "rows_per_s" not in app else f"{app['rows_per_s']:,.0f} rows/s"
        baseline = f"COPY {base['rows_per_s']:,.0f} rows/s"
        return shown, baseline, "-" if ratio is None else f"{ratio:.0%}"
    if m["kind"] == "rss":
        return f"{app['peak_mb']:.1f} MB", f"raw {base['peak_mb']:.1f} MB", "-"
    return "-", "-", "-"


def table(measurements: list[dict], scale: str) -> str:
    header = ("measurement", "app (median / p95)", "baseline", "ratio", "target", "result")
    lines = []
    for m in measurements:
        target, met = judge(m, scale)
        m["target"], m["met"] = target, met
        lines.append((m["name"], *cells(m), target, verdict(m, met)))
    widths = [max(len(str(row[i])) for row in [header, *lines]) for i in range(len(header))]
    rule = "  ".join("-" * w for w in widths)
    out = [rule, "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)), rule]
    out += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in lines]
    out.append(rule)
    return "\n".join(out)


def machine(pg_version: str) -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu,
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "postgresql": pg_version,
        "django": metadata.version("django"),
        "gunicorn": metadata.version("gunicorn"),
        "psycopg": metadata.version("psycopg"),
    }


def cpu_pressure() -> float | None:
    """Return the % of the last minute in which a task waited for a CPU (Linux PSI)."""
    try:
        line = Path("/proc/pressure/cpu").read_text().splitlines()[0]
    except (OSError, IndexError):
        return None
    return float(line.split("avg60=")[1].split()[0])


def write_json(path: Path, payload: dict) -> None:
    path.write_text(json.dumps(payload, indent=2, default=str) + "\n")
