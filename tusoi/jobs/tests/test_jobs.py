"""Jobs end to end with the real database worker: progress, cancel, a dead worker's job recovered,
idempotent reruns, result files for their owner only, the live progress partial."""

import io
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tusoi.jobs.context import JobContext, JobLost
from tusoi.jobs.models import Job, JobState
from tusoi.jobs.registry import register
from tusoi.jobs.services import job_cancel, job_create, job_execute, jobs_sweep
from tusoi.jobs.testing import keep_test_connection, run_worker
from tusoi.org.models import Member
from tusoi.testing import Org

STEPS = "test.steps"
calls: list[tuple[int, int]] = []  # (job id, step) as the test runner goes
hooks: dict[int, Callable[[Job], object]] = {}  # step → what happens "meanwhile"


@register(STEPS, "Test steps")
def run_steps(job: Job, context: JobContext) -> None:
    total = int(job.params.get("steps", 3))
    context.log("starting")
    for step in range(1, total + 1):
        calls.append((job.pk, step))
        if step in hooks:
            hooks[step](job)
        context.progress(step, total)
        Job.objects.filter(pk=job.pk).values_list("progress_done", flat=True)
    context.save_result("steps.txt", f"{total} steps".encode())


@pytest.fixture(autouse=True)
def clean_hooks(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
    calls.clear()
    hooks.clear()


@pytest.fixture
def start(django_capture_on_commit_callbacks: Callable[..., Any]) -> Callable[..., Job]:
    def do(owner: Any, kind: str = STEPS, **params: Any) -> Job:
        with django_capture_on_commit_callbacks(execute=True):
            return job_create(kind=kind, owner=owner, params=params)

    return do


def test_a_job_runs_reports_progress_and_keeps_its_result(org: Org, start: Callable[..., Job]) -> None:
    owner = org.users["secretary_a"]
    seen: list[tuple[int, int]] = []
    hooks[3] = lambda job: seen.append(Job.objects.values_list("progress_done", "progress_total").get(pk=job.pk))
    job = start(owner, steps=4)
    assert job.state == JobState.QUEUED and job.task_id == ""  # enqueued on commit: re-read below
    job.refresh_from_db()
    assert DBTaskResult.objects.get(pk=job.task_id).status == "READY"
    assert run_worker() == 1
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    assert seen == [(2, 4)]  # step 2's progress was stored before step 3 ran
    assert (job.progress_done, job.progress_total, job.attempts) == (4, 4, 1)
    assert job.started_at and job.finished_at and job.heartbeat_at
    assert "starting" in job.log
    assert job.result.name.startswith("jobs/") and job.result.read() == b"4 steps"
    assert DBTaskResult.objects.get(pk=job.task_id).status == "SUCCESSFUL"


def test_cancel_a_queued_job(org: Org, start: Callable[..., Job]) -> None:
    owner = org.users["secretary_a"]
    job = start(owner)
    response = org.client_for("secretary_a").post(reverse("jobs:cancel", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == JobState.CANCELLED
    run_worker()
    assert calls == []  # the worker found it cancelled and did nothing
    job.refresh_from_db()
    assert job.state == JobState.CANCELLED and job.attempts == 0


def test_cancel_a_running_job_stops_it_at_the_next_step(org: Org, start: Callable[..., Job]) -> None:
    owner = org.users["secretary_a"]
    hooks[2] = lambda job: job_cancel(job=job, actor=owner)  # the owner clicks "cancel" during step 2
    job = start(owner, steps=5)
    run_worker()
    job.refresh_from_db()
    assert job.state == JobState.CANCELLED
    assert [step for _job, step in calls] == [1, 2]
    assert job.progress_done == 2 and not job.result
    assert "Đã hủy theo yêu cầu của người tạo tác vụ." in job.log
    with pytest.raises(ValidationError) as refused:
        job_cancel(job=job, actor=owner)
    assert refused.value.messages == ["Tác vụ này đã kết thúc."]


def _die_while_running(job: Job, minutes_ago: int = 10) -> None:
    """What a worker killed mid-task leaves: the task row RUNNING, the job RUNNING, its heart stopped."""
    task = DBTaskResult.objects.get(pk=job.task_id)
    task.claim("dead-worker")
    stopped = timezone.now() - timedelta(minutes=minutes_ago)
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=stopped)
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, run_token="dead", started_at=stopped, heartbeat_at=stopped, attempts=1
    )


def test_a_dead_workers_job_is_queued_again_and_finishes(org: Org, start: Callable[..., Job]) -> None:
    job = start(org.users["secretary_a"])
    job.refresh_from_db()
    old_task = job.task_id
    _die_while_running(job)
    out = io.StringIO()
    call_command("sweep_jobs", stdout=out)
    assert "1 jobs queued again, 0 failed, 0 task rows closed" in out.getvalue()
    job.refresh_from_db()
    assert job.state == JobState.QUEUED and job.task_id != old_task
    assert "Tiến trình xử lý ngừng phản hồi; tác vụ được đưa lại vào hàng chờ." in job.log
    assert DBTaskResult.objects.get(pk=old_task).status == "FAILED"  # not RUNNING for ever
    run_worker()
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED and job.attempts == 2


def test_a_fresh_heartbeat_is_left_alone(org: Org, start: Callable[..., Job]) -> None:
    job = start(org.users["secretary_a"])
    job.refresh_from_db()
    _die_while_running(job, minutes_ago=1)
    assert jobs_sweep().requeued == 0
    job.refresh_from_db()
    assert job.state == JobState.RUNNING


def test_after_the_last_attempt_the_job_fails(org: Org, start: Callable[..., Job], settings: Any) -> None:
    settings.TUSOI_JOBS_MAX_ATTEMPTS = 1
    job = start(org.users["secretary_a"])
    job.refresh_from_db()
    _die_while_running(job)
    result = jobs_sweep()
    assert (result.requeued, result.failed) == (0, 1)
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.error == "Tiến trình xử lý ngừng phản hồi; tác vụ đã được chạy 1 lần và bị dừng hẳn."
    run_worker()
    assert calls == []


def test_task_rows_left_running_without_a_live_job_are_closed(org: Org, start: Callable[..., Job]) -> None:
    job = start(org.users["secretary_a"])
    job.refresh_from_db()
    run_worker()
    task = DBTaskResult.objects.get(pk=job.task_id)
    DBTaskResult.objects.filter(pk=task.pk).update(status="RUNNING", started_at=timezone.now() - timedelta(hours=1))
    assert jobs_sweep().tasks_failed == 1
    assert DBTaskResult.objects.get(pk=task.pk).status == "FAILED"


def test_a_run_given_up_by_the_sweeper_cannot_write_any_more(org: Org, start: Callable[..., Job]) -> None:
    """A stalled worker that comes back after its job was requeued: its writes are ignored."""
    job = start(org.users["secretary_a"])
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, run_token="new-attempt")
    stale = JobContext(Job.objects.get(pk=job.pk), "old-attempt")
    with pytest.raises(JobLost):
        stale.progress(1, 3)
    job.refresh_from_db()
    assert job.progress_done == 0


def test_an_export_run_twice_overwrites_its_result(org: Org, start: Callable[..., Job], settings: Any) -> None:
    job = start(org.users["secretary_a"], kind="roster.export", what="members", format="csv")
    run_worker()
    job.refresh_from_db()
    first = job.result.name
    _die_while_running(job)  # as if the worker died after writing, before finishing
    jobs_sweep()
    run_worker()
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED and job.result.name != first
    files = [p for p in Path(settings.MEDIA_ROOT, "jobs").rglob("*") if p.is_file()]
    assert [str(p.relative_to(settings.MEDIA_ROOT)) for p in files] == [job.result.name]


def test_an_import_applied_twice_gives_the_same_database(org: Org, start: Callable[..., Job]) -> None:
    from tusoi.roster.services import roster_import_check, roster_import_upload
    from tusoi.roster.tests.conftest import csv_bytes

    owner = org.users["secretary_a"]
    rows = [["Người Mới", "01/02/1990", "Nam", "0800000001", "CB-A", "", "", ""]]
    imp = roster_import_upload(owner=owner, filename="x.csv", content=csv_bytes(rows))
    roster_import_check(roster_import=imp)
    job = start(owner, kind="roster.import_apply", import_id=imp.pk)
    run_worker()
    state = (Member.objects.count(), list(Member.objects.values_list("card_number", "branch_id").order_by("pk")))
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    _die_while_running(job)  # the worker died after the transaction committed
    jobs_sweep()
    run_worker()
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED and job.attempts == 2
    assert "Tệp này đã được nhập trước đó; không có thay đổi nào." in job.log
    assert (
        Member.objects.count(),
        list(Member.objects.values_list("card_number", "branch_id").order_by("pk")),
    ) == state


def test_result_download_is_for_the_owner_only(org: Org, start: Callable[..., Job], client: Any) -> None:
    job = start(org.users["secretary_a"])
    run_worker()
    url = reverse("jobs:result", args=[job.pk])
    response = org.client_for("secretary_a").get(url)
    assert response.status_code == 200
    assert response.getvalue() == b"3 steps"
    assert 'attachment; filename="steps.txt"' in response["Content-Disposition"]
    for other in ("secretary_b", "bloc_office", "admin", "member_a"):
        other_client = org.client_for(other)
        assert other_client.get(url).status_code == 404
        assert other_client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
        assert other_client.get(reverse("jobs:progress", args=[job.pk])).status_code == 404
        assert other_client.post(reverse("jobs:cancel", args=[job.pk])).status_code == 404
    assert client.get(url).status_code == 302  # anonymous: to the login page


def test_progress_partial_polls_while_running_and_stops_when_finished(org: Org, start: Callable[..., Job]) -> None:
    job = start(org.users["secretary_a"])
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, progress_done=3, progress_total=10)
    client = org.client_for("secretary_a")
    partial = client.get(reverse("jobs:progress", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in partial and "<html" not in partial
    assert 'aria-valuenow="30"' in partial and "width: 30%" in partial
    assert 'id="job-cancel"' in partial and 'id="job-refresh"' in partial  # works without JavaScript too
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'hx-get="{}"'.format(reverse("jobs:progress", args=[job.pk])) in page
    Job.objects.filter(pk=job.pk).update(state=JobState.QUEUED)
    run_worker()
    partial = client.get(reverse("jobs:progress", args=[job.pk])).content.decode()
    assert "hx-trigger" not in partial and 'id="job-cancel"' not in partial
    assert 'id="job-result"' in partial and "Hoàn thành" in partial


def test_job_list_shows_own_jobs(org: Org, start: Callable[..., Job]) -> None:
    mine = start(org.users["secretary_a"])
    theirs = start(org.users["secretary_b"])
    page = org.client_for("secretary_a").get(reverse("jobs:list")).content.decode()
    assert reverse("jobs:detail", args=[mine.pk]) in page
    assert reverse("jobs:detail", args=[theirs.pk]) not in page


def test_run_worker_command_sweeps_then_runs_the_queue(org: Org, start: Callable[..., Job]) -> None:
    stuck = start(org.users["secretary_a"])
    stuck.refresh_from_db()
    _die_while_running(stuck)
    waiting = start(org.users["secretary_b"])
    with keep_test_connection():
        call_command("run_worker", "--batch", "--interval=0", "--no-startup-delay", verbosity=0)
    stuck.refresh_from_db()
    waiting.refresh_from_db()
    assert (stuck.state, stuck.attempts, waiting.state) == (JobState.SUCCEEDED, 2, JobState.SUCCEEDED)


@register("test.long_step", "Test long step")
def run_long_step(job: Job, context: JobContext) -> None:
    time.sleep(0.6)  # one long step, no progress call: only the heartbeat thread shows it is alive
    beat = Job.objects.values_list("heartbeat_at", flat=True).get(pk=job.pk)
    assert beat is not None and job.started_at is not None
    context.log(f"{(beat - job.started_at).total_seconds():.2f}")


@pytest.mark.django_db(transaction=True)
def test_the_heart_beats_during_a_long_step(settings: Any) -> None:
    settings.TUSOI_JOBS_HEARTBEAT_SECONDS = 0.1
    job = Job.objects.create(kind="test.long_step")
    assert job_execute(job_id=job.pk) == JobState.SUCCEEDED
    job.refresh_from_db()
    assert float(job.log.split()[-1]) >= 0.3  # beaten from the thread while the step ran


def test_a_page_showing_the_jobs_product_is_reloaded_when_it_is_done(org: Org, start: Callable[..., Job]) -> None:
    job = start(org.users["secretary_a"])
    url = reverse("jobs:progress", args=[job.pk]) + "?reload=1"
    client = org.client_for("secretary_a")
    running = client.get(url, HTTP_HX_REQUEST="true")
    assert "HX-Refresh" not in running and f'hx-get="{url}"' in running.content.decode()
    run_worker()
    assert client.get(url, HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"
