"""The bench's web server: gunicorn on 127.0.0.1 with the bench settings, started and stopped by
the bench itself, and the peak memory (VmHWM) of its worker processes."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    workers: int

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def worker_pids(self) -> list[int]:
        """The master's child processes (gunicorn's workers)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by the master and its live workers."""
        return sum(process_cpu(pid) for pid in [self.process.pid, *self.worker_pids()])

    def peak_rss(self) -> list[int]:
        """Peak resident memory (VmHWM, bytes) of each live worker."""
        peaks = []
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            line = next((line for line in status.splitlines() if line.startswith("VmHWM:")), "")
            if line:
                peaks.append(int(line.split()[1]) * 1024)
        return peaks


TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) of one process, 0 if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


class DatabaseCpu:
    """CPU seconds of the PostgreSQL backends serving one database (0 for SQLite, which runs inside
    the web workers): their processes are on this machine (127.0.0.1). A backend that ends between
    two readings keeps the time last read for it, so the total never goes back."""

    def __init__(self, database_url: str) -> None:
        self.url = database_url
        self.seen: dict[int, float] = {}

    def __call__(self) -> float:
        if not self.url.startswith("postgres"):
            return 0.0
        import psycopg

        with psycopg.connect(self.url) as conn:
            rows = conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            pids = [row[0] for row in rows]
        for pid in pids:
            self.seen[pid] = max(self.seen.get(pid, 0.0), process_cpu(pid))
        return sum(self.seen.values())


def wal_bytes(database_url: str) -> float:
    """The PostgreSQL server's WAL position in bytes (its whole cluster, whatever database); 0 on SQLite."""
    if not database_url.startswith("postgres"):
        return 0.0
    import psycopg

    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn").fetchone()
    return float(row[0]) if row else 0.0


def other_transactions(database_url: str) -> int:
    """Transactions committed or rolled back so far in the server's other databases: when they move
    during a measurement, the WAL written meanwhile is not all the bench's."""
    if not database_url.startswith("postgres"):
        return 0
    import psycopg

    with psycopg.connect(database_url) as conn:
        row = conn.execute(
            "SELECT coalesce(sum(xact_commit + xact_rollback), 0) FROM pg_stat_database "
            "WHERE datname IS NOT NULL AND datname <> current_database()"
        ).fetchone()
    return int(row[0]) if row else 0


def _wait_ready(port: int, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            conn = HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/accounts/login/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer in time")


@contextmanager
def serve(
    database_url: str,
    *,
    workers: int,
    log: Path,
    settings: str = "bench.settings",
    extra_env: dict[str, str] | None = None,
) -> Iterator[Server]:
    """Run gunicorn (sync workers) for the duration of the block; always stopped at the end.
    `settings` and `extra_env` let the fault run (bench.faults) use its own settings module."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT),
        # Keep each worker's database connection for the whole run (the product's default is 60 s):
        # the database's CPU is read per backend process, and a reconnection would lose some of it.
        "CONN_MAX_AGE": "3600",
        **(extra_env or {}),
    }
    command = [sys.executable, "-m", "gunicorn", "bench.wsgi:application", "--bind", f"{HOST}:{port}"]
    command += ["--workers", str(workers), "--worker-class", "sync", "--timeout", "60", "--backlog", "512"]
    command += ["--log-level", "warning", "--error-logfile", str(log)]
    process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 - our own command line
    try:
        _wait_ready(port, process)
        yield Server(port=port, process=process, workers=workers)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
