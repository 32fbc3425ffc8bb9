"""The kinds of job: each names the service that runs it and, optionally, a page that shows its result.

Apps register their kinds when they load (`AppConfig.ready`), so the jobs app knows nothing of them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

if TYPE_CHECKING:
    from .context import JobContext
    from .models import Job

Runner = Callable[["Job", "JobContext"], None]


@dataclass(frozen=True)
class JobKind:
    key: str
    label: str | Promise
    run: Runner
    # The page that shows what the job produced (an import's report), if not only its file.
    link: Callable[["Job"], str | None] | None = None


_KINDS: dict[str, JobKind] = {}


def register(key: str, label: str | Promise, *, link: Callable[["Job"], str | None] | None = None) -> Any:
    """Decorator: `@register("roster.import_check", _("Check a roster file"))` on a runner."""

    def decorate(run: Runner) -> Runner:
        _KINDS[key] = JobKind(key=key, label=label, run=run, link=link)
        return run

    return decorate


def get_kind(key: str) -> JobKind | None:
    return _KINDS.get(key)


def kind_label(key: str) -> str:
    kind = _KINDS.get(key)
    return str(kind.label) if kind else key


def kind_link(job: "Job") -> str | None:
    kind = _KINDS.get(job.kind)
    return kind.link(job) if kind and kind.link else None
