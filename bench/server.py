"""Start a gunicorn server on a free loopback port, wait until it answers, always stop it."""

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .load import fetch

PROJECT = Path(__file__).resolve().parent.parent
PR_SET_PDEATHSIG = 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent():
    # Even if the bench is killed outright (no cleanup runs), the kernel stops gunicorn.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class ServerError(RuntimeError):
    """A server did not start or did not become ready."""


class Gunicorn:
    """A gunicorn master with its workers; use as a context manager."""

    def __init__(self, app: str, env: dict, *, ready_path: str = "/healthz", workers: int = 2):
        self.app, self.env, self.ready_path, self.workers = app, env, ready_path, workers
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - lives as long as the server
            prefix="bench-gunicorn-", suffix=".log", delete=False
        )

    def __enter__(self):
        command = [
            sys.executable, "-m", "gunicorn", self.app,
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.workers),
            # A 50,000-row bulk submission may take longer than the default 30 s; a worker
            # killed mid-request would hide the figure being measured.
            "--timeout", "300",
            "--log-level", "warning",
        ]  # fmt: skip
        self.proc = subprocess.Popen(
            command,
            cwd=PROJECT,
            env={**os.environ, **self.env},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,  # safe: the bench runs no other thread at this point
        )
        try:
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()

    def wait_ready(self, timeout: float = 60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ServerError(f"{self.app} exited at start:\n{self.log_tail()}")
            with contextlib.suppress(OSError):
                answered = fetch(self.port, self.ready_path, timeout=5).status == 200
                # Both workers must be up before timing starts, not just the first one.
                if answered and len(self.worker_pids()) >= self.workers:
                    return
            time.sleep(0.1)
        raise ServerError(f"{self.app} not ready after {timeout} s:\n{self.log_tail()}")

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()  # gunicorn's graceful shutdown: workers finish, then exit
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        with contextlib.suppress(OSError):
            os.unlink(self.log.name)

    def log_tail(self, lines: int = 30) -> str:
        self.log.flush()
        text = Path(self.log.name).read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def worker_pids(self) -> list[int]:
        """Return the pids whose parent is the gunicorn master."""
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command name in parentheses may hold spaces; the parent pid follows it.
            if int(stat.rsplit(")", 1)[1].split()[1]) == self.proc.pid:
                pids.append(int(entry.name))
        return sorted(pids)

    def peak_rss_mb(self) -> dict[int, float]:
        """Return each worker's peak resident set size (VmHWM) in MB."""
        peaks = {}
        for pid in self.worker_pids():
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peaks[pid] = int(line.split()[1]) / 1024
        return peaks
