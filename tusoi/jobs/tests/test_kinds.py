"""The job kinds that call other apps' services: personal reports as a .zip (policy-scoped and audited
like the single download), reminder runs and tally rebuilds (administrators)."""

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from tusoi.campaigns.models import BranchSession
from tusoi.campaigns.tests.conftest import make_campaign, make_catalog
from tusoi.core.models import AuditEvent
from tusoi.jobs.context import MAX_LOG_CHARS, JobContext
from tusoi.jobs.models import Job, JobState
from tusoi.jobs.testing import run_worker
from tusoi.reviews.models import ReviewStatus, SelfReview
from tusoi.testing import Org


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def post_and_run(django_capture_on_commit_callbacks: Callable[..., Any]) -> Callable[..., Any]:
    def do(client: Any, url: str) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url)
        run_worker()
        return response

    return do


def test_personal_reports_zip_for_the_branch_committee(org: Org, post_and_run: Callable[..., Any]) -> None:
    make_campaign(org.bloc, make_catalog(), publish=True)
    session = BranchSession.objects.get(branch=org.branch_a)
    started = SelfReview.objects.filter(session=session).exclude(member=org.users["member_a2"].member)
    started.update(status=ReviewStatus.DRAFT, other_shortcomings="Đôi khi chậm trễ & <chưa> đúng hạn")
    client = org.client_for("secretary_a")
    assert (
        f'action="{reverse("jobs:start_review_reports", args=[session.pk])}"'
        in client.get(reverse("jobs:list")).content.decode()
    )
    response = post_and_run(client, reverse("jobs:start_review_reports", args=[session.pk]))
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.state == JobState.SUCCEEDED, job.error
    download = client.get(reverse("jobs:result", args=[job.pk]))
    with zipfile.ZipFile(io.BytesIO(download.getvalue())) as archive:
        names = archive.namelist()
    assert len(names) == 2 and all(name.endswith(".docx") for name in names)  # the not-started one is left out
    assert any("tran-thi-binh" in name for name in names)
    # Each read by someone other than the owner is audited as the single download is.
    reads = AuditEvent.objects.filter(action="review.read", detail__via="zip")
    assert list(reads.values_list("subject_member_id", flat=True)) == [org.users["member_a"].member.pk]


@pytest.mark.parametrize("who", ["bloc_office", "secretary_b", "member_a"])
def test_no_one_else_can_export_a_branchs_personal_reports(org: Org, who: str) -> None:
    make_campaign(org.bloc, make_catalog(), publish=True)
    session = BranchSession.objects.get(branch=org.branch_a)
    response = org.client_for(who).post(reverse("jobs:start_review_reports", args=[session.pk]))
    assert response.status_code == 404
    assert not Job.objects.exists()


def test_access_is_checked_again_when_the_job_runs(org: Org, post_and_run: Callable[..., Any]) -> None:
    make_campaign(org.bloc, make_catalog(), publish=True)
    session = BranchSession.objects.get(branch=org.branch_b)
    job = Job.objects.create(
        kind="reviews.reports_zip", owner=org.users["secretary_a"], params={"session_id": session.pk}
    )
    from tusoi.jobs.services import job_enqueue

    job_enqueue(job_id=job.pk)
    run_worker()
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.error == "Đồng chí không còn quyền xem bản tự soi, tự sửa của chi bộ này."
    assert not job.result and not AuditEvent.objects.filter(action="review.read").exists()


@pytest.mark.parametrize("kind", ["campaigns.reminders", "stats.rebuild_tallies"])
def test_administrators_start_system_jobs(org: Org, post_and_run: Callable[..., Any], kind: str) -> None:
    make_campaign(org.bloc, make_catalog(), publish=True)
    assert org.client_for("bloc_office").post(reverse("jobs:start", args=[kind])).status_code == 404
    post_and_run(org.client_for("admin"), reverse("jobs:start", args=[kind]))
    job = Job.objects.get()
    assert job.state == JobState.SUCCEEDED, job.error
    assert job.log.strip()  # a summary line


def test_enqueue_job_command_queues_a_system_job(org: Org) -> None:
    out = io.StringIO()
    call_command("enqueue_job", "campaigns.reminders", stdout=out)
    job = Job.objects.get()
    assert job.owner is None and f"job {job.pk} queued" in out.getvalue()


def test_the_log_stays_short(org: Org) -> None:
    job = Job.objects.create(kind="roster.export", owner=org.users["admin"], state=JobState.RUNNING, run_token="t")
    context = JobContext(job, "t")
    for number in range(5000):
        context.log(f"dòng nhật ký số {number}")
    job.refresh_from_db()
    assert len(job.log) <= MAX_LOG_CHARS + 100 and job.log.endswith("[…]\n")
