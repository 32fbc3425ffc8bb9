"""The job worker (`manage.py run_worker`) beside the web server, with the fault run's settings:
started, SIGKILLed and restarted by the driver, always stopped at the end."""

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = "bench.faults.settings"


class JobWorker:
    def __init__(self, database_url: str, log: Path) -> None:
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "DATABASE_URL": database_url}
        self.env["PYTHONPATH"] = str(ROOT)
        self.log_path = log
        self.log: IO[bytes] | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        self.log = self.log or self.log_path.open("ab")
        command = [sys.executable, "manage.py", "run_worker", "--sweep-every", "2", "--interval", "0.5"]
        self.process = subprocess.Popen(  # noqa: S603 - our own command line
            command, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT
        )
        self.starts += 1

    @property
    def pid(self) -> int:
        return self.process.pid if self.process else 0

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: no signal handler, no cleanup, like a crash or the OOM killer."""
        if self.process is not None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.alive() and self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.log is not None:
            self.log.close()
            self.log = None


@contextmanager
def job_worker(database_url: str, log: Path) -> Iterator[JobWorker]:
    worker = JobWorker(database_url, log)
    worker.start()
    try:
        yield worker
    finally:
        worker.stop()
