"""The local PostgreSQL cluster (127.0.0.1:5432): restart it, and make sure it is up again whatever
happens to the run (`kept_running`)."""

import contextlib
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HOST, PORT = "127.0.0.1", "5432"


def _version() -> str:
    versions = sorted(p.name for p in Path("/etc/postgresql").iterdir() if p.is_dir())
    if not versions:
        raise RuntimeError("no PostgreSQL cluster under /etc/postgresql")
    return versions[-1]


def ctl(action: str, timeout: float = 60) -> None:
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", _version(), "main", action]
    subprocess.run(command, check=True, timeout=timeout, capture_output=True)  # noqa: S603 - fixed command


def is_ready() -> bool:
    command = ["pg_isready", "-h", HOST, "-p", PORT, "-q"]
    return subprocess.run(command, check=False, timeout=10).returncode == 0  # noqa: S603


def wait_ready(timeout: float = 30) -> float:
    """Seconds until the server accepts connections (RuntimeError after `timeout`)."""
    started = time.monotonic()
    while not is_ready():
        if time.monotonic() - started > timeout:
            raise RuntimeError(f"PostgreSQL not ready after {timeout} s")
        time.sleep(0.2)
    return time.monotonic() - started


def ensure_running() -> None:
    if not is_ready():
        with contextlib.suppress(subprocess.CalledProcessError):  # already starting: wait for it
            ctl("start")
        wait_ready(60)


def restart() -> float:
    """Restart the cluster (fast shutdown: open sessions are cut); seconds until it is ready again."""
    started = time.monotonic()
    ctl("restart")
    wait_ready(60)
    return time.monotonic() - started


@contextmanager
def kept_running() -> Iterator[None]:
    """Whatever happens inside (an error, Ctrl-C), PostgreSQL is running again afterwards."""
    try:
        yield
    finally:
        ensure_running()
