"""The one django-tasks task: it carries a job's id and runs the job (see `services.job_execute`)."""

from django_tasks import task

from .services import job_execute


@task()
def run_job(job_id: int) -> str:
    return job_execute(job_id=job_id)
