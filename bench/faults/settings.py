"""Settings of the fault run's web server, job worker and driver: the bench's (the product's base
settings, DEBUG off, database from DATABASE_URL) plus the fault hooks (bench.faults.hooks), the
product's error pages, and a job sweeper that gives up on a silent worker after 12 s instead of
5 minutes (so a killed worker's job is recovered within the run). Never used by the product."""

from bench.settings import *  # noqa: F403
from bench.settings import BASE_DIR, INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench.faults"]
ROOT_URLCONF = "bench.faults.urls"
TUSOI_JOBS_HEARTBEAT_SECONDS = 2
TUSOI_JOBS_STALE_MINUTES = 0.2  # 12 s (timedelta(minutes=...) takes a float)
# Where the driver and the hooks meet: the flag file naming the reviews whose submission is slowed,
# and the files in which a slowed worker writes its process id.
FAULTS_DIR = BASE_DIR / "var" / "bench" / "faults"
