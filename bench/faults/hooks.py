"""Two hooks for the fault run, installed by bench.faults.apps only under bench.faults.settings:

- a slow submission: when the review being submitted is listed in FAULTS_DIR/slow-submit, the web
  worker writes its process id to FAULTS_DIR/held-<review id> and sleeps *inside* the submission's
  transaction (after the submitted version is written, before the commit), so the driver can kill
  it at the worst moment;
- a slow job kind, `bench.slow_check`: `steps` one-second steps with progress (the worker's
  heartbeat and checkpoints), then the stats app's tally check; safe to run again.
"""

import os
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models.signals import post_save

SLOW_SUBMIT_SECONDS = 30
SLOW_JOB = "bench.slow_check"


def faults_dir() -> Path:
    path = Path(settings.FAULTS_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def slowed_reviews() -> set[str]:
    flag = faults_dir() / "slow-submit"
    return set(flag.read_text().split()) if flag.exists() else set()


def _slow_submit(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if not created or str(instance.review_id) not in slowed_reviews():
        return
    (faults_dir() / f"held-{instance.review_id}").write_text(str(os.getpid()))
    time.sleep(SLOW_SUBMIT_SECONDS)


def run_slow_check(job: Any, context: Any) -> None:
    from tusoi.stats.rebuild import rebuild_tallies

    steps = int(job.params.get("steps", 10))
    context.progress(0, steps)
    for step in range(1, steps + 1):
        time.sleep(1)
        context.progress(step)
    result = rebuild_tallies(campaign=None, check=True)
    context.log(f"{result.sessions} sessions checked, {len(result.differences)} differences")


def install() -> None:
    from tusoi.jobs.registry import register
    from tusoi.reviews.models import SelfReviewVersion

    post_save.connect(_slow_submit, sender=SelfReviewVersion, dispatch_uid="bench-faults-slow-submit")
    register(SLOW_JOB, "Bench: slow tally check (fault run)")(run_slow_check)
